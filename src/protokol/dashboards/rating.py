"""Discipline of execution per region: the region card and the league table.

Load-normalised (DESIGN: 89 regions of very different size get the same instructions,
but recurring ones and «listed regions» make loads differ): every column is a rate.
A region is *on time* on an assignment when it was executed on time — accepted, the
accepted report sent on or before the effective due date (the rule on ``Assignment``) — or
confirmed as not applicable. An interim report never closes an instruction.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Min, Q, QuerySet
from django.utils import timezone

from protokol.assignments.models import Assignment, ExtensionRequest, Report
from protokol.assignments.querysets import AssignmentQuerySet, overdue_q, term_passed_q
from protokol.assignments.states import ACCEPTED_STATES
from protokol.dashboards.progress import moscow_midnight
from protokol.workcalendar.calendar import production_calendar

S = Assignment.State
MONTHS_RU = ["янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"]


def _pct(part: int, whole: int) -> int | None:
    return round(part * 100 / whole) if whole else None


def due_q(since: dt.date, on: dt.date, prefix: str = "") -> Q:
    """Assignments whose term fell in the period: the ones a region can be judged on.
    Executed ahead of a later term counts too: early execution is on time by definition."""

    def q(**kw: object) -> Q:
        return Q(**{f"{prefix}{k}": v for k, v in kw.items()})

    return q(due_date__gte=since) & (
        (term_passed_q(on, prefix) & ~q(state=S.CANCELLED)) | q(state__in=ACCEPTED_STATES)
    )


def due_in(assignments: AssignmentQuerySet, since: dt.date, on: dt.date) -> AssignmentQuerySet:
    return assignments.filter(due_q(since, on))


@dataclass
class RegionRow:
    code: str
    name: str
    district: str
    due: int = 0
    on_time: int = 0
    overdue: int = 0
    executed: int = 0
    reports_decided: int = 0
    reports_returned: int = 0
    extensions: int = 0

    @property
    def on_time_rate(self) -> int | None:
        return _pct(self.on_time, self.due)

    @property
    def executed_rate(self) -> int | None:
        return _pct(self.executed, self.due)

    @property
    def overdue_rate(self) -> int | None:
        return _pct(self.overdue, self.due)

    @property
    def returned_rate(self) -> int | None:
        return _pct(self.reports_returned, self.reports_decided)

    @property
    def extension_rate(self) -> int | None:
        """Extension requests per 100 assignments."""
        return _pct(self.extensions, self.due)


SORT_KEYS = {
    "region": lambda r: r.code,
    "due": lambda r: -r.due,
    "on_time": lambda r: -(r.on_time_rate if r.on_time_rate is not None else -1),
    "executed": lambda r: -(r.executed_rate if r.executed_rate is not None else -1),
    "overdue": lambda r: r.overdue_rate if r.overdue_rate is not None else 101,
    "returned": lambda r: r.returned_rate if r.returned_rate is not None else 101,
    "extensions": lambda r: r.extension_rate if r.extension_rate is not None else 101,
}


def league(
    regions: QuerySet,
    assignments: AssignmentQuerySet,
    since: dt.date,
    on: dt.date,
    sort: str = "on_time",
) -> list[RegionRow]:
    """Four aggregate queries whatever the number of assignments.

    ``regions`` is already ``visible_to`` the user; reports and extension requests are
    scoped through it (a join with at most 89 codes, cheap at national scale).
    """
    rows = {r.code: RegionRow(r.code, r.name, r.district_label) for r in regions.order_by("code")}
    scope = due_in(assignments.filter(region__in=regions), since, on).order_by()
    for row in scope.values("region_id").annotate(
        due=Count("pk"),
        overdue=Count("pk", filter=overdue_q(on)),
        executed=Count("pk", filter=Q(state__in=ACCEPTED_STATES)),
        not_applicable=Count("pk", filter=Q(state=S.NOT_APPLICABLE)),
    ):
        target = rows.get(row["region_id"])
        if target:
            target.due, target.overdue = row["due"], row["overdue"]
            target.executed = row["executed"]
            target.on_time = row["not_applicable"]
    # On time: executed on time by the one rule (accepted, the accepted report sent by the
    # end of the due day, Moscow), or confirmed as not applicable: nothing was owed.
    on_time = scope.executed_on_time().values("region_id").annotate(n=Count("pk"))
    for row in on_time:
        target = rows.get(row["region_id"])
        if target:
            target.on_time += row["n"]
    reports = Report.objects.filter(assignment__region__in=regions).order_by()
    for row in (
        reports.filter(decided_at__gte=moscow_midnight(since))
        .exclude(decision="")
        .values("assignment__region_id")
        .annotate(n=Count("pk"), returned=Count("pk", filter=Q(decision="returned")))
    ):
        target = rows.get(row["assignment__region_id"])
        if target:
            target.reports_decided, target.reports_returned = row["n"], row["returned"]
    for row in (
        ExtensionRequest.objects.filter(
            assignment__region__in=regions, requested_at__gte=moscow_midnight(since)
        )
        .order_by()
        .values("assignment__region_id")
        .annotate(n=Count("pk"))
    ):
        target = rows.get(row["assignment__region_id"])
        if target:
            target.extensions = row["n"]
    key = SORT_KEYS.get(sort, SORT_KEYS["on_time"])
    return sorted(rows.values(), key=lambda r: (key(r), r.code))


@dataclass
class RegionCard:
    row: RegionRow
    average_delay: float | None = None
    late_count: int = 0
    extensions_approved: int = 0
    months: list[tuple[str, int | None]] = field(default_factory=list)


def region_card(region, assignments: AssignmentQuerySet, since: dt.date, on: dt.date) -> RegionCard:
    """Figures of one region; average delay counts working days (production calendar)."""
    row = league(type(region).objects.filter(pk=region.pk), assignments, since, on)[0]
    card = RegionCard(row)
    scope = due_in(assignments.filter(region=region), since, on).order_by()
    # Late unless executed on time (the accepted report sent by the due day) or not applicable;
    # the delay runs to the accepted report's day, or to today while none is accepted.
    accepted = Q(reports__decision=Report.Decision.ACCEPTED) & ~Q(reports__kind=Report.Kind.INTERIM)
    facts = scope.annotate(sent=Min("reports__submitted_at", filter=accepted)).values_list(
        "due_date", "sent", "state"
    )
    calendar = production_calendar()
    delays = []
    by_month: dict[tuple[int, int], list[int]] = defaultdict(lambda: [0, 0])
    for due, sent_at, state in facts:
        sent = timezone.localdate(sent_at) if sent_at else None
        late = state != S.NOT_APPLICABLE and (sent is None or sent > due)
        month = by_month[(due.year, due.month)]
        month[0] += 1
        month[1] += 0 if late else 1
        if late:
            delays.append(calendar.working_days_between(due, sent or on))
    card.late_count = len(delays)
    card.average_delay = round(sum(delays) / len(delays), 1) if delays else None
    card.extensions_approved = ExtensionRequest.objects.filter(
        assignment__region=region,
        decision=ExtensionRequest.Decision.APPROVED,
        requested_at__gte=moscow_midnight(since),
    ).count()
    months = []
    cursor = dt.date(since.year, since.month, 1)
    while cursor <= on:
        due, good = by_month.get((cursor.year, cursor.month), (0, 0))
        months.append((f"{MONTHS_RU[cursor.month - 1]} {cursor.year}", _pct(good, due)))
        cursor = dt.date(cursor.year + cursor.month // 12, cursor.month % 12 + 1, 1)
    card.months = months
    return card
