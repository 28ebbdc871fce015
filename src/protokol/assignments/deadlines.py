"""Due dates of assignments (DOMAIN.md §1): last permitted day, moved back to a working day."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Literal

from protokol.extraction.deadlines import add_months, default_term, recurrence_due_dates
from protokol.extraction.workdays import ProductionCalendar
from protokol.protocols.models import Instruction

if TYPE_CHECKING:
    from protokol.assignments.models import Assignment
from protokol.protocols.snapshot import recurrence_from_json

# A recurring instruction is scheduled this far ahead; later periods are added when
# the series is extended (a recurring instruction stays on control until closed).
SERIES_HORIZON_MONTHS = 12


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


# --- the state of a due date, as the operator's home groups it ------------------------

Urgency = Literal["overdue", "this_week", "later", "recommendation_past", "done"]
# The groups of the operator's home, in the order it shows them. A recommendation whose
# date has passed is not overdue (the rule on ``Assignment``) and, the date being gone,
# not «later» either: it has a group of its own below the dated work, where the region
# still sees it (it may still report) without an overdue mark.
URGENCY_LABELS: dict[str, str] = {
    "overdue": "Просрочено",
    "this_week": "Срок на этой неделе",
    "later": "Позже",
    "recommendation_past": "Срок прошёл (рекомендации)",
    "done": "Исполнено и на проверке",
}
# «This week» is a working week ahead, not the calendar week: on a Friday the coming
# Monday to Thursday are just as pressing.
THIS_WEEK_WORKING_DAYS = 5


def working_days_left(
    assignment: Assignment, today: dt.date, calendar: ProductionCalendar
) -> int | None:
    """Working days from today to the due date: 0 when due today, negative when overdue
    (working days late); None without a due date or once taken off control."""
    if assignment.due_date is None or assignment.is_closed:
        return None
    return calendar.working_days_between(today, assignment.due_date)


def urgency(assignment: Assignment, today: dt.date, calendar: ProductionCalendar) -> Urgency:
    """The group of the operator's home. A report awaiting the curator is «done» for the
    region (nothing for it to do) and, by the rule, not overdue."""
    from protokol.assignments.models import Assignment

    if assignment.is_closed or assignment.state == Assignment.State.SUBMITTED:
        return "done"
    if assignment.is_overdue(today):
        return "overdue"
    if assignment.term_passed(today):
        # With the region and past its date, yet not overdue: only a recommendation.
        return "recommendation_past"
    left = working_days_left(assignment, today, calendar)
    if left is not None and 0 <= left <= THIS_WEEK_WORKING_DAYS:
        return "this_week"
    return "later"
