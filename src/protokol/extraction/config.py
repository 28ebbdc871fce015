"""Configuration injected into the parser: the library never reads settings or the clock."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from protokol.extraction.workdays import ProductionCalendar


@dataclass(frozen=True)
class ExtractionConfig:
    """Everything the parser needs to know about the world outside the document.

    ``reference_date`` stands in for "today": relative deadlines are counted from the
    document date, and from this date only when the document has none.
    """

    reference_date: dt.date | None = None
    calendar: ProductionCalendar = field(default_factory=ProductionCalendar)
    # «срочно» / «оперативно» terms (DOMAIN.md §1), in calendar days.
    urgent_days: int = 3
    prompt_days: int = 10
    # Day of the month after a period by which «ежемесячно»/«ежеквартально» is due.
    periodic_report_day: int = 10
    # A deadline further than this from the document date is flagged as implausible.
    max_plausible_days: int = 3 * 366
