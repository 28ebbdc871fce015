"""Dates as Russian official documents write them (ГОСТ Р 7.0.97, requisite «дата документа»)."""

from __future__ import annotations

import datetime as dt

# Genitive month names: «23 октября», never the nominative «октябрь».
_MONTHS_GENITIVE = (
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


def format_date_words(day: dt.date) -> str:
    """«23 октября 2024 г.»: day without a leading zero, month in the genitive."""
    return f"{day.day} {_MONTHS_GENITIVE[day.month - 1]} {day.year} г."


def format_date_numeric(day: dt.date) -> str:
    """«02.11.2024»: the form of the registration date on an outgoing letter."""
    return f"{day.day:02d}.{day.month:02d}.{day.year:04d}"
