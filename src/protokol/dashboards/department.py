"""The department head's ten-second view: what is open, what is late, who must act."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncWeek

from protokol.assignments.models import Assignment, Report
from protokol.assignments.querysets import overdue_q
from protokol.assignments.states import WITH_REGION_STATES
from protokol.dashboards.progress import (
    Counts,
    count_columns,
    moscow_midnight,
)
from protokol.protocols.models import Instruction, Protocol

S = Assignment.State
WEEKS = 12
PROTOCOLS = 15


@dataclass
class Department:
    open_instructions: int = 0
    overdue_instructions: int = 0
    open_assignments: int = 0
    overdue_assignments: int = 0
    due_this_week: int = 0
    awaiting_review: int = 0
    queues: list[dict] = field(default_factory=list)
    submitted_by_week: list[tuple[str, int]] = field(default_factory=list)
    accepted_by_week: list[tuple[str, int]] = field(default_factory=list)
    protocols: list[tuple[Protocol, Counts]] = field(default_factory=list)


def _week_series(rows: QuerySet, monday: dt.date) -> list[tuple[str, int]]:
    found = {}
    for row in rows:
        week = row["week"]
        week = week.date() if isinstance(week, dt.datetime) else week
        found[week] = row["n"]
    weeks = [monday - dt.timedelta(weeks=WEEKS - 1 - i) for i in range(WEEKS)]
    return [(f"неделя с {w:%d.%m}", found.get(w, 0)) for w in weeks]


def department(user, on: dt.date) -> Department:
    """Eight queries, whatever the size of the year."""
    assignments = Assignment.objects.visible_to(user).order_by()
    monday = on - dt.timedelta(days=on.weekday())
    sunday = monday + dt.timedelta(days=6)
    open_ = assignments.filter(state__in=(*WITH_REGION_STATES, S.SUBMITTED))
    late = overdue_q(on)
    figures = open_.aggregate(
        open=Count("pk"),
        overdue=Count("pk", filter=late),
        week=Count("pk", filter=Q(due_date__gte=on, due_date__lte=sunday)),
        review=Count("pk", filter=Q(state=S.SUBMITTED)),
    )
    # A DISTINCT inside the aggregate above made it twice as slow at national scale
    # (136 ms → 59 + 27 ms measured on bench_national's year).
    figures["overdue_instructions"] = open_.filter(late).values("instruction_id").distinct().count()
    board = Department(
        open_instructions=Instruction.objects.visible_to(user)
        .filter(state=Instruction.State.PUBLISHED)
        .count(),
        overdue_instructions=figures["overdue_instructions"],
        open_assignments=figures["open"],
        overdue_assignments=figures["overdue"],
        due_this_week=figures["week"],
        awaiting_review=figures["review"],
    )
    board.queues = list(
        open_.filter(state=S.SUBMITTED)
        .values(
            "instruction__curator_id",
            "instruction__curator__last_name",
            "instruction__curator__first_name",
            "instruction__curator__middle_name",
        )
        .annotate(n=Count("pk"))
        .order_by("-n", "instruction__curator__last_name")
    )
    since = moscow_midnight(monday - dt.timedelta(weeks=WEEKS - 1))
    reports = Report.objects.visible_to(user).order_by()
    board.submitted_by_week = _week_series(
        reports.filter(submitted_at__gte=since)
        .annotate(week=TruncWeek("submitted_at"))
        .values("week")
        .annotate(n=Count("pk")),
        monday,
    )
    board.accepted_by_week = _week_series(
        reports.filter(decision=Report.Decision.ACCEPTED, decided_at__gte=since)
        .annotate(week=TruncWeek("decided_at"))
        .values("week")
        .annotate(n=Count("pk")),
        monday,
    )
    # The most recent protocols under control: aggregating a whole year of assignments
    # per protocol would cost the page its ten seconds; older ones are on the map.
    recent = list(
        Protocol.objects.visible_to(user)
        .filter(state=Protocol.State.PUBLISHED)
        .order_by("-date", "-pk")
        .only("pk", "number", "date", "title", "state")[:PROTOCOLS]
    )
    per_protocol = {
        row.pop("instruction__protocol_id"): Counts(**row)
        for row in assignments.filter(instruction__protocol__in=[p.pk for p in recent])
        .values("instruction__protocol_id")
        .annotate(**count_columns(on))
    }
    board.protocols = [(p, per_protocol.get(p.pk, Counts())) for p in recent]
    return board
