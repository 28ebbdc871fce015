"""Russian wording shared by every layer: dates as ГОСТ Р 7.0.97 writes them, plural forms.

Pure and dependency-free, so the extraction library, the web apps, the documents and the
e-mails all spell «23 октября 2024 г.» and «5 поручений» the same way (templates through the
``ru_date`` and ``end_sentence`` filters of ``core/templatetags/russian.py``).
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


def format_date_ru(day: dt.date, *, year_in_words: bool = False) -> str:
    """«23 октября 2024 г.»: the word form of ГОСТ Р 7.0.97, no leading zero; with
    ``year_in_words`` «23 октября 2024 года», as running text of a letter spells it out.

    The «г.» ends with a full stop that also ends a sentence: a sentence that may end with a
    date is closed by ``end_sentence``, never by a literal «.» after it («г..»).
    """
    year = "года" if year_in_words else "г."
    return f"{day.day} {MONTHS_GENITIVE[day.month - 1]} {day.year} {year}"


def end_sentence(text: str) -> str:
    """Close a sentence with one full stop: «Срок — до 28 декабря 2024 г.» stays as it is (the
    abbreviation's stop ends the sentence too), «Исполнено: 1 из 89» gets one."""
    text = text.rstrip()
    return text if text.endswith((".", "!", "?", "…")) else f"{text}."


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
