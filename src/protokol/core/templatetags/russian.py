"""Template filters for Russian text: plural forms that Django's ``pluralize`` cannot do."""

from __future__ import annotations

from django import template

from protokol.extraction.russian import plural_ru

register = template.Library()


@register.filter
def plural(count: int, forms: str) -> str:
    """``{{ n }} {{ n|plural:"субъект,субъекта,субъектов" }}`` → «23 субъекта»."""
    one, few, many = forms.split(",")
    return plural_ru(int(count), one, few, many)
