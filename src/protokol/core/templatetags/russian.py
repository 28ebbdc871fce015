"""Template filters for Russian text: dates as ГОСТ Р 7.0.97 writes them (the one formatter,
``extraction.russian.format_date_ru``) and plural forms that Django's ``pluralize`` cannot do.

A date ends with «г.», whose stop also ends a sentence: write ``{{ day|ru_date }}`` at the
end of a sentence with no «.» after it, or close a sentence that may end with a date with
``{% filter end_sentence %}…{% endfilter %}``; never «г.».
"""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import timezone

from protokol.core.clock import moscow_today
from protokol.extraction.russian import end_sentence as close_sentence
from protokol.extraction.russian import format_date_ru, plural_ru

register = template.Library()


@register.filter
def plural(count: int, forms: str) -> str:
    """``{{ n }} {{ n|plural:"субъект,субъекта,субъектов" }}`` → «23 субъекта»."""
    one, few, many = forms.split(",")
    return plural_ru(int(count), one, few, many)


@register.filter
def ru_date(value: dt.date | dt.datetime | None) -> str:
    """``{{ protocol.date|ru_date }}`` → «23 октября 2024 г.»; a moment is shown on its day
    in the current time zone; no date → an empty string (for ``|default``)."""
    if value is None or value == "":
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return format_date_ru(value)


@register.filter
def ru_datetime(value: dt.datetime | None) -> str:
    """``{{ report.submitted_at|ru_datetime }}`` → «23 октября 2024 г. 14:05», local time."""
    if value is None or value == "":
        return ""
    moment = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{format_date_ru(moment.date())} {moment:%H:%M}"


@register.filter(is_safe=True)
def end_sentence(text: str) -> str:
    """Close a sentence with one full stop (``extraction.russian.end_sentence``)."""
    return close_sentence(str(text))


@register.simple_tag
def ru_today() -> str:
    """``{% ru_today %}`` → today in Moscow, «6 декабря 2026 г.» (the day deadlines are judged on)."""
    return format_date_ru(moscow_today())
