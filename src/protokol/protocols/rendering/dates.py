"""Dates as Russian official documents write them (ГОСТ Р 7.0.97, requisite «дата документа»)."""

from __future__ import annotations

import datetime as dt

# «23 октября 2024 г.»: the one implementation lives in the pure package.
from protokol.extraction.russian import format_date_ru as format_date_words

__all__ = ["format_date_numeric", "format_date_words"]


def format_date_numeric(day: dt.date) -> str:
    """«02.11.2024»: the form of the registration date on an outgoing letter."""
    return f"{day.day:02d}.{day.month:02d}.{day.year:04d}"
