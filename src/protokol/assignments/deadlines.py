"""Due dates of assignments (DOMAIN.md §1): last permitted day, moved back to a working day.

The one home of the date a region is held to; how every surface words it is ``due.py``: the
assignment page, the operator's list, the выписка, the letters, the ICS feed, the API and
the exports all take it from ``Assignment.due`` (one assignment) or ``series_due`` (the
instruction as the region's выписка prints it), never from the instruction's stated
date, which is shown only as the source (``deadline_source``).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal

from protokol.assignments.due import periodicity
from protokol.assignments.states import AssignmentState
from protokol.extraction.deadlines import add_months, default_term, recurrence_due_dates
from protokol.extraction.russian import format_date_ru
from protokol.extraction.workdays import ProductionCalendar
from protokol.protocols.models import Instruction
from protokol.protocols.snapshot import recurrence_from_json

if TYPE_CHECKING:
    from protokol.assignments.models import Assignment

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


def granted_due(requested: dt.date, calendar: ProductionCalendar) -> dt.date:
    """The due date an approved extension to ``requested`` gives: that day, or the working
    day before it (DOMAIN.md §1: a date on a non-working day moves back, not forward)."""
    return calendar.previous_working_day(requested)


def due_after_extension(scheduled: dt.date | None, granted: dt.date | None) -> dt.date | None:
    """The due date a region is held to once its instruction is (re)issued: the schedule,
    or the date of its granted extension when that is later. A correction of the protocol
    never takes back an extension the curator granted, nor shortens a later new term."""
    if scheduled is None or granted is None:
        return scheduled
    return max(scheduled, granted)


def series_due(assignments: Iterable[Assignment]) -> str:
    """One instruction's due date as a region's выписка prints it, from that region's
    assignments of it (its periods): «до 22 ноября 2024 г.», «без срока», or for a
    recurring instruction «ежемесячно, до 10 числа; ближайший срок — 10 декабря 2024 г.»
    — the earliest period still open (the one the progress matrix shows), the periodicity
    alone once every period is closed."""
    periods = sorted(assignments, key=lambda a: a.period)
    live = [a for a in periods if a.state != AssignmentState.CANCELLED]
    if not live:
        return ""
    every = periodicity(live[0].instruction)
    if not every:
        return live[0].due.worded
    current = next((a for a in live if not a.is_closed and a.due_date), None)
    if current is None or current.due_date is None:
        return every
    return f"{every}; ближайший срок — {format_date_ru(current.due_date)}"


def region_deadlines(assignments: Iterable[Assignment]) -> dict[str, str]:
    """What a region's выписка prints as each instruction's «Срок — …» (``series_due``),
    keyed as a version snapshot keys its instructions (the instruction's id as text), from
    the region's assignments of the protocol (``Assignment.objects.for_extract``)."""
    periods: dict[int, list[Assignment]] = {}
    for assignment in assignments:
        periods.setdefault(assignment.instruction_id, []).append(assignment)
    return {str(key): series_due(items) for key, items in periods.items()}


def shared_due_date(dates: Iterable[dt.date | None]) -> dt.date | None:
    """An instruction's due date over several regions (a column of the summary, a line of
    the progress table): the date the most of them are held to. For one region it is that
    region's own date; a region with a granted extension keeps its date in its own row."""
    counted = Counter(day for day in dates if day is not None)
    if not counted:
        return None
    # The most common date; of equally common ones the earliest, so the choice is stable.
    return min(counted, key=lambda day: (-counted[day], day))


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
    if assignment.is_closed or assignment.state == AssignmentState.SUBMITTED:
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
