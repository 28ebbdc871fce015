"""Russian wording shared by every layer: dates as ГОСТ Р 7.0.97 writes them, plural forms.

Pure and dependency-free, so the extraction library, the web apps, the documents and the
e-mails all spell «23 октября 2024 г.» and «5 поручений» the same way.
"""

from __future__ import annotations

import datetime as dt

MONTHS_GENITIVE = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)


def format_date_ru(day: dt.date) -> str:
    """«23 октября 2024 г.»: the word form of ГОСТ Р 7.0.97, no leading zero."""
    return f"{day.day} {MONTHS_GENITIVE[day.month - 1]} {day.year} г."


def plural_ru(count: int, one: str, few: str, many: str) -> str:
    """The Russian noun form for ``count``: 1 день, 2 дня, 5 дней, 11 дней, 21 день."""
    if count % 10 == 1 and count % 100 != 11:
        return one
    if 2 <= count % 10 <= 4 and not 12 <= count % 100 <= 14:
        return few
    return many


def format_count_ru(count: int) -> str:
    """«250 000»: digits in groups of three split by a no-break space, as Russian text sets
    numbers (a no-break space keeps the number on one line)."""
    return f"{count:,}".replace(",", "\u00a0")
