"""How execution stands: one display state per assignment and counts per instruction.

*Overdue* is the rule written on ``assignments.models.Assignment`` (SQL form
``assignments.querysets.overdue_q``): counted here, never re-derived. Every function
takes querysets already narrowed by ``visible_to``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from protokol.assignments.deadlines import shared_due_date
from protokol.assignments.models import Assignment
from protokol.assignments.querysets import AssignmentQuerySet, overdue_q
from protokol.assignments.states import ACCEPTED_STATES, NOT_STARTED_STATES

S = Assignment.State

# Display states of a matrix cell, in the order of the legend.
CELL_STATES: dict[str, str] = {
    "accepted": "принято",
    "submitted": "на проверке",
    "returned": "возвращено",
    "overdue": "просрочено",
    "in_progress": "в работе",
    "not_started": "не начато",
    "not_applicable": "не относится",
    "cancelled": "отменено",
}


def cell_state(state: str, overdue: bool) -> str:
    """The colour of a cell: ``overdue`` is the database's verdict (``with_overdue``)."""
    if overdue:
        return "overdue"
    if state in (S.ACCEPTED, S.NOT_APPLICABLE, S.CANCELLED, S.SUBMITTED, S.RETURNED):
        return str(state)
    if state == S.IN_PROGRESS:
        return "in_progress"
    return "not_started"


def moscow_midnight(day: dt.date) -> dt.datetime:
    """The start of a Moscow day: compare timestamps with it, not ``__date``, so an index
    on the timestamp can be used."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def count_columns(on: dt.date, prefix: str = "") -> dict[str, Count]:
    """Conditional counts computed by the database in one pass (constant queries)."""
    p = prefix

    def q(**kw: object) -> Q:
        return Q(**{f"{p}{k}": v for k, v in kw.items()})

    return {
        "total": Count("pk", filter=~q(state=S.CANCELLED)),
        "accepted": Count("pk", filter=q(state__in=ACCEPTED_STATES)),
        "submitted": Count("pk", filter=q(state=S.SUBMITTED)),
        "returned": Count("pk", filter=q(state=S.RETURNED)),
        "not_started": Count("pk", filter=q(state__in=NOT_STARTED_STATES)),
        "overdue": Count("pk", filter=overdue_q(on, p)),
    }


@dataclass
class Counts:
    total: int = 0
    accepted: int = 0
    submitted: int = 0
    returned: int = 0
    not_started: int = 0
    overdue: int = 0

    @property
    def rate(self) -> float | None:
        """Share executed (accepted or confirmed not applicable), None when nothing is due."""
        return self.accepted / self.total if self.total else None

    @property
    def percent(self) -> int | None:
        return None if self.rate is None else round(self.rate * 100)


def counts_by(assignments: QuerySet[Assignment], key: str, on: dt.date) -> dict[Any, Counts]:
    rows = assignments.order_by().values(key).annotate(**count_columns(on))
    return {row.pop(key): Counts(**row) for row in rows}


@dataclass
class Cell:
    assignment_id: int
    state: str
    due_date: dt.date | None
    periods: int = 1


def build_cells(assignments: AssignmentQuerySet, on: dt.date) -> dict[tuple[int, str], Cell]:
    """One cell per instruction and region; a recurring one shows its earliest open period.
    One query: the rows carry the database's overdue verdict for day ``on``."""
    rows = assignments.order_by().with_overdue(on).values(*ASSIGNMENT_CELL_FIELDS, "overdue")
    grouped: dict[tuple[int, str], list[dict]] = defaultdict(list)
    for row in rows:
        grouped[(row["instruction_id"], row["region_id"])].append(row)
    cells = {}
    for key, periods in grouped.items():
        periods.sort(key=lambda r: r["period"])
        current = next((r for r in periods if r["state"] not in Assignment.CLOSED_STATES), None)
        current = current or periods[-1]
        cells[key] = Cell(
            current["id"],
            cell_state(current["state"], current["overdue"]),
            current["due_date"],
            len(periods),
        )
    return cells


def due_by_instruction(cells: dict[tuple[int, str], Cell]) -> dict[int, dt.date | None]:
    """Each instruction's due date over the regions of the cells (``shared_due_date``):
    for one region its own effective date, never the date the protocol states."""
    dates: dict[int, list[dt.date | None]] = defaultdict(list)
    for (instruction_id, _), cell in cells.items():
        if cell.state != "cancelled":
            dates[instruction_id].append(cell.due_date)
    return {instruction_id: shared_due_date(days) for instruction_id, days in dates.items()}


ASSIGNMENT_CELL_FIELDS = ("id", "instruction_id", "region_id", "period", "state", "due_date")
