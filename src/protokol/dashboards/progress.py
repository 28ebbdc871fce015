"""How execution stands: one display state per assignment and counts per instruction.

*Overdue* is derived, never stored (DESIGN.md §4): an assignment is overdue while it is
still with the region (not submitted, not closed) and its due date has passed. A report
waiting for the curator is not the region's delay, so ``submitted`` is never overdue.
Every function takes querysets already narrowed by ``visible_to``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from protokol.assignments.models import Assignment, Report
from protokol.core.visibility import RegionScopedQuerySet

S = Assignment.State
# States in which the next move is the region's: the ones that can be overdue.
WITH_REGION = (S.ISSUED, S.ACKNOWLEDGED, S.IN_PROGRESS, S.RETURNED)
NOT_STARTED = (S.ISSUED, S.ACKNOWLEDGED)
EXECUTED = (S.ACCEPTED, S.NOT_APPLICABLE)

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


def today() -> dt.date:
    """Deadlines are Moscow dates (TIME_ZONE is Europe/Moscow)."""
    return timezone.localdate()


def cell_state(state: str, due_date: dt.date | None, on: dt.date) -> str:
    if state in (S.ACCEPTED, S.NOT_APPLICABLE, S.CANCELLED, S.SUBMITTED):
        return str(state)
    if due_date is not None and due_date < on:
        return "overdue"
    if state == S.RETURNED:
        return "returned"
    if state == S.IN_PROGRESS:
        return "in_progress"
    return "not_started"


class ReportScope(RegionScopedQuerySet):
    """Reports seen through the one isolation rule (``visible_to``), by their region."""

    region_lookup = "assignment__region"


def reports_visible_to(user) -> QuerySet[Report]:
    """The reports of the regions the user may see: the ministry's scope needs no join,
    an operator's is one join to the assignment. (``Report`` has no scoped manager of
    its own; this applies the same ``RegionScopedQuerySet`` rule to it.)"""
    return ReportScope(model=Report).visible_to(user)


def moscow_midnight(day: dt.date) -> dt.datetime:
    """The start of a Moscow day: compare timestamps with it, not ``__date``, so an index
    on the timestamp can be used."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def overdue_q(on: dt.date) -> Q:
    return Q(state__in=WITH_REGION, due_date__lt=on)


def count_columns(on: dt.date, prefix: str = "") -> dict[str, Count]:
    """Conditional counts computed by the database in one pass (constant queries)."""
    p = prefix

    def q(**kw: object) -> Q:
        return Q(**{f"{p}{k}": v for k, v in kw.items()})

    return {
        "total": Count("pk", filter=~q(state=S.CANCELLED)),
        "accepted": Count("pk", filter=q(state__in=EXECUTED)),
        "submitted": Count("pk", filter=q(state=S.SUBMITTED)),
        "returned": Count("pk", filter=q(state=S.RETURNED)),
        "not_started": Count("pk", filter=q(state__in=NOT_STARTED)),
        "overdue": Count("pk", filter=q(state__in=WITH_REGION, due_date__lt=on)),
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


@dataclass
class Matrix:
    instructions: list = field(default_factory=list)
    regions: list = field(default_factory=list)
    # (instruction_id, region_code) → cell
    cells: dict[tuple[int, str], Cell] = field(default_factory=dict)
    counts: dict[int, Counts] = field(default_factory=dict)

    def rows(self) -> Iterable[tuple[object, list[Cell | None]]]:
        for region in self.regions:
            yield region, [self.cells.get((i.pk, region.code)) for i in self.instructions]


def build_cells(rows: Iterable[dict], on: dt.date) -> dict[tuple[int, str], Cell]:
    """One cell per instruction and region; a recurring one shows its earliest open period."""
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
            cell_state(current["state"], current["due_date"], on),
            current["due_date"],
            len(periods),
        )
    return cells


ASSIGNMENT_CELL_FIELDS = ("id", "instruction_id", "region_id", "period", "state", "due_date")
