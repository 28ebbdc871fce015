"""Due dates of assignments (DOMAIN.md §1): last permitted day, moved back to a working day."""

from __future__ import annotations

import datetime as dt

from protokol.extraction.deadlines import add_months, recurrence_due_dates
from protokol.extraction.workdays import ProductionCalendar
from protokol.protocols.models import Instruction
from protokol.protocols.snapshot import recurrence_from_json

# A recurring instruction is scheduled this far ahead; later periods are added when
# the series is extended (a recurring instruction stays on control until closed).
SERIES_HORIZON_MONTHS = 12


def default_term(start: dt.date) -> dt.date:
    """No deadline stated: one calendar month — the same day of the next month, or its last day."""
    return add_months(start, 1)


def due_dates(
    instruction: Instruction, *, issued_on: dt.date, calendar: ProductionCalendar
) -> list[dt.date | None]:
    """One entry per period: ``[None]`` for «без срока», several for a recurring deadline."""
    recurrence = recurrence_from_json(instruction.recurrence)
    if recurrence is not None:
        start = instruction.deadline_date or issued_on
        end = add_months(issued_on, SERIES_HORIZON_MONTHS)
        series: list[dt.date | None] = list(
            recurrence_due_dates(recurrence, start=start, end=end, calendar=calendar)
        )
        if instruction.deadline_date and (not series or series[0] != instruction.deadline_date):
            series.insert(0, calendar.previous_working_day(instruction.deadline_date))
        return series or [None]
    if instruction.deadline_date is not None:
        return [calendar.previous_working_day(instruction.deadline_date)]
    if instruction.without_deadline:
        return [None]
    return [calendar.previous_working_day(default_term(issued_on))]
