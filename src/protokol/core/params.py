"""Reading what an address or a form hands a view: ids, page numbers, dates, ``next``.

Anyone can edit an address, so a parameter is untrusted text. ``str.isdigit`` is true for
«²» (which ``int`` refuses) and for «١٢» (which ``int`` reads as 12); a 20-digit id is a
Python int the database cannot hold; ``date.fromisoformat`` accepts 0001-01-01, on which
the pages' date arithmetic overflows. Every view reads such parameters through this
module, so the rule lives here once: a value that is not what the parameter holds is
refused as 400 with a Russian message (``BadParameter``, shown by
``core.errors.bad_request``); an absent or empty one takes the view's default.

``safe_next`` is the one reader of ``next``: only an address of this site is followed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from django.core.exceptions import BadRequest, ValidationError
from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme

# The widest value of a 64-bit id column (BigAutoField, the project's DEFAULT_AUTO_FIELD).
MAX_ID = 2**63 - 1
# Pages of a list; past the last one a list is simply empty, so the bound only keeps the
# offset within what the database accepts.
MAX_PAGE = 100_000
# The dates a protocol, a deadline or a report period can sensibly have: the pages count
# working days and months around them, which overflows near the ends of ``datetime``'s
# range and takes seconds for years far away (their holidays are computed year by year).
EARLIEST = dt.date(2000, 1, 1)
LATEST = dt.date(2100, 12, 31)

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)


class BadParameter(BadRequest):
    """A parameter a view cannot use; answered 400 with ``message``, in Russian."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _number(value: str, minimum: int, maximum: int) -> int | None:
    """``value`` as an integer ``minimum``…``maximum`` if it is ASCII digits only."""
    if not (value.isascii() and value.isdigit()) or len(value) > len(str(maximum)):
        return None
    number = int(value)
    return number if minimum <= number <= maximum else None


def _spaced(number: int) -> str:
    return f"{number:,}".replace(",", "\u00a0")


def int_param(
    value: str | None, *, name: str, default: int, minimum: int = 1, maximum: int = MAX_ID
) -> int:
    """A whole number ``minimum``…``maximum``; ``default`` when absent or empty."""
    if not value:
        return default
    number = _number(value.strip(), minimum, maximum)
    if number is None:
        upper = "" if maximum == MAX_ID else f" до {_spaced(maximum)}"
        raise BadParameter(f"Параметр «{name}»: ожидается целое число от {minimum}{upper}.")
    return number


def id_param(value: str | None, *, name: str) -> int | None:
    """The id of a row (``?protocol=12``); None when absent or empty."""
    if not value:
        return None
    number = _number(value.strip(), 1, MAX_ID)
    if number is None:
        raise BadParameter(f"Параметр «{name}»: ожидается номер записи — целое число от 1.")
    return number


def id_list_param(values: Iterable[str], *, name: str) -> list[int]:
    """Ids of several rows (``id=3&id=5``, the checked boxes of a list); empty ones skipped."""
    return [number for value in values if (number := id_param(value, name=name)) is not None]


def page_param(value: str | None, *, name: str = "page") -> int:
    """A page number, 1 when absent or empty."""
    return int_param(value, name=name, default=1, maximum=MAX_PAGE)


def text_param(value: str | None, *, name: str, max_length: int) -> str:
    """Free text (a search query, a code) stripped and cut to ``max_length``; a NUL —
    which PostgreSQL cannot store or compare — is refused."""
    text = (value or "").strip()[:max_length]
    if "\x00" in text:
        raise BadParameter(f"Параметр «{name}» содержит недопустимый символ (NUL).")
    return text


def date_is_plausible(date: dt.date) -> bool:
    """Within 2000–2100: the dates a protocol, a deadline or a period can have."""
    return EARLIEST <= date <= LATEST


PLAUSIBLE_YEARS = f"с {EARLIEST.year} по {LATEST.year} год"


def validate_plausible_date(value: dt.date | None) -> None:
    """A form field's validator: the date a person types must be ``date_is_plausible`` (a
    deadline of 31.12.9999 would take the production calendar's arithmetic past the end
    of ``datetime``)."""
    if value is not None and not date_is_plausible(value):
        raise ValidationError(f"Укажите дату {PLAUSIBLE_YEARS}.")


def date_param(value: str | None, *, name: str, default: dt.date) -> dt.date:
    """A date as the date inputs send it (ГГГГ-ММ-ДД) within 2000–2100; ``default`` when
    absent or empty."""
    if not value:
        return default
    text = value.strip()
    try:
        date = dt.date.fromisoformat(text) if _ISO_DATE.fullmatch(text) else None
    except ValueError:
        date = None
    if date is None or not date_is_plausible(date):
        raise BadParameter(
            f"Параметр «{name}»: ожидается дата в виде ГГГГ-ММ-ДД {PLAUSIBLE_YEARS}."
        )
    return date


def safe_next(request: HttpRequest, default: str) -> str:
    """Where to go after a form: the ``next`` the page sent (POST, else GET) if it is a
    path of this site, else ``default`` — never ``javascript:``, ``//evil.example`` or a
    bare word (which ``redirect`` would try to reverse as a view name)."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


class IdConverter:
    """``<id:pk>``: the path converter of every id in the URL conf — ASCII digits a 64-bit
    column can hold; any other value matches no route (404)."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = _number(value, 1, MAX_ID)
        if number is None:
            raise ValueError(value)  # Django then tries the next pattern: no match, 404
        return number

    def to_url(self, value: int | str) -> str:
        return str(value)
