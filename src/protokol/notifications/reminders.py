"""Reminders about due dates: the planner (when) and the sender (what, to whom), run by a task.

Per assignment (to the region's operators): before the due date at
``settings.PROTOKOL_REMINDER_DAYS`` working days (7, 3, 1 by default), on the due day,
and every working day once overdue (escalation to the region). Weekly, on Monday: a
digest of overdue assignments to each curator (their instructions) and to the
department's administrators (all), and a digest per region of what it still owes.
Every notice goes out at ``REMINDER_HOUR`` Moscow time.

Exactly once. The scheduling state is a column: ``Assignment.next_reminder_at`` (and
``Schedule.next_run_at`` for digests). The runner reads due rows, and for each one, in
its own transaction, *claims* it with a conditional UPDATE
``WHERE pk = … AND next_reminder_at = <value read>`` that moves the time to the next
stage, and queues the notice in the same transaction. Only one of several concurrent
runners updates the row (the others see 0 rows and skip it); a rerun over the same
clock finds nothing due; a crash rolls back the claim and the notice together, so the
next run picks the row up — nothing is lost and nothing is sent twice.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Min, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone

from protokol.accounts.models import User
from protokol.assignments.models import Assignment
from protokol.core.audit import record
from protokol.extraction.workdays import ProductionCalendar
from protokol.notifications.models import Notification, Schedule
from protokol.notifications.queueing import dispatch
from protokol.workcalendar.calendar import production_calendar

MOSCOW = zoneinfo.ZoneInfo("Europe/Moscow")
# Notices arrive at the start of the Moscow working day.
REMINDER_HOUR = 9
# Digests go out on this weekday (0 = Monday).
DIGEST_WEEKDAY = 0
OVERDUE_DIGEST = "overdue_digest"
REGION_DIGEST = "region_digest"


@dataclass(frozen=True)
class Planned:
    """One notice the runner sends (or, in a dry run, would send)."""

    kind: str
    recipients: tuple[str, ...]
    subject: str


@dataclass
class ReminderRun:
    planned: list[Planned] = field(default_factory=list)
    queued: int = 0
    claimed: int = 0  # assignments whose scheduled moment this run took
    skipped_claims: int = 0  # rows another runner claimed first
    digests: int = 0  # weekly digest runs this run took

    def as_dict(self) -> dict[str, int]:
        return {
            "notices": len(self.planned),
            "queued": self.queued,
            "claimed": self.claimed,
            "skipped_claims": self.skipped_claims,
            "digests": self.digests,
        }


# --- the planner: pure functions of a due date, a moment and the calendar -----------------


def at_reminder_hour(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(REMINDER_HOUR), tzinfo=MOSCOW)


def working_days_before(calendar: ProductionCalendar, day: dt.date, count: int) -> dt.date:
    """The ``count``-th working day before ``day``."""
    remaining = count
    while remaining > 0:
        day -= dt.timedelta(days=1)
        if calendar.is_working_day(day):
            remaining -= 1
    return day


def reminder_days(due: dt.date, calendar: ProductionCalendar) -> dict[dt.date, int]:
    """Day of each advance reminder → working days it is before ``due``."""
    days: dict[dt.date, int] = {}
    for count in sorted(set(settings.PROTOKOL_REMINDER_DAYS), reverse=True):
        if count > 0:
            days.setdefault(working_days_before(calendar, due, count), count)
    return days


def next_reminder_time(
    due: dt.date, after: dt.datetime, calendar: ProductionCalendar
) -> dt.datetime:
    """The first notice moment for ``due`` strictly later than ``after``.

    Advance reminders, then the due day, then every working day after it (overdue
    escalation lasts until the assignment is closed).
    """
    for day in sorted({*reminder_days(due, calendar), due}):
        moment = at_reminder_hour(day)
        if moment > after:
            return moment
    day = max(due + dt.timedelta(days=1), after.astimezone(MOSCOW).date())
    while True:
        if calendar.is_working_day(day) and at_reminder_hour(day) > after:
            return at_reminder_hour(day)
        day += dt.timedelta(days=1)


def notice_kind(
    assignment: Assignment, scheduled: dt.datetime, now: dt.datetime, calendar: ProductionCalendar
) -> str | None:
    """What a claim at ``now`` of a row scheduled for ``scheduled`` must send, if anything.

    After the due day only an overdue assignment (the rule on ``Assignment``) is
    reminded, every working day. A row whose due date moved since it was scheduled may
    wake up on a day that is no longer a reminder day: it sends nothing and is simply
    rescheduled. A late runner (worker stopped for a while) still sends the missed
    reminder, with the real count.
    """
    today = now.astimezone(MOSCOW).date()
    if assignment.is_overdue(today):
        return Notification.Kind.OVERDUE
    due = assignment.due_date
    if due is None or assignment.term_passed(today):
        return None
    if today == due:
        return Notification.Kind.DUE_TODAY
    days = reminder_days(due, calendar)
    if today in days or scheduled.astimezone(MOSCOW).date() in days:
        return Notification.Kind.REMINDER
    return None


def next_digest_time(after: dt.datetime) -> dt.datetime:
    day = after.astimezone(MOSCOW).date()
    while True:
        if day.weekday() == DIGEST_WEEKDAY and at_reminder_hour(day) > after:
            return at_reminder_hour(day)
        day += dt.timedelta(days=1)


def owed() -> QuerySet[Assignment]:
    """Dated assignments a region still owes a report on (``AssignmentQuerySet.owed``:
    not awaiting a decision, not a recommendation — no obligation to report)."""
    return Assignment.objects.owed().filter(due_date__isnull=False)


# --- the runner -----------------------------------------------------------------------------


def run_reminders(now: dt.datetime | None = None, *, dry_run: bool = False) -> ReminderRun:
    """Plan and queue every notice due at ``now``; safe to run concurrently and repeatedly."""
    now = now or timezone.now()
    calendar = production_calendar()
    run = ReminderRun()
    if not dry_run:
        plan_new(now, calendar)
    _assignment_notices(now, calendar, run, dry_run)
    _digests(now, calendar, run, dry_run)
    return run


def plan_new(now: dt.datetime, calendar: ProductionCalendar) -> int:
    """Give open, dated assignments without a schedule their first notice time.

    One UPDATE per distinct due date; conditional on the column still being empty, so a
    concurrent runner's planning is never overwritten.
    """
    unplanned = owed().filter(next_reminder_at=None)
    planned = 0
    for due in unplanned.values_list("due_date", flat=True).distinct().order_by("due_date"):
        if due is None:  # never: owed() rows are dated (this narrows the type)
            continue
        planned += unplanned.filter(due_date=due).update(
            next_reminder_at=next_reminder_time(due, now, calendar)
        )
    return planned


def _operators_by_region(codes: set[str]) -> dict[str | None, list[User]]:
    by_region: dict[str | None, list[User]] = defaultdict(list)
    for user in User.objects.operators_of(codes):
        by_region[user.region_id].append(user)
    return by_region


def _assignment_notices(
    now: dt.datetime, calendar: ProductionCalendar, run: ReminderRun, dry_run: bool
) -> None:
    due_rows = list(
        owed()
        .filter(next_reminder_at__lte=now)
        .select_related("instruction__protocol", "region")
        .order_by("next_reminder_at", "pk")
    )
    operators = _operators_by_region({a.region_id for a in due_rows})
    today = now.astimezone(MOSCOW).date()
    for assignment in due_rows:
        due, scheduled = assignment.due_date, assignment.next_reminder_at
        if due is None or scheduled is None:  # never: selected dated and scheduled
            continue
        kind = notice_kind(assignment, scheduled, now, calendar)
        recipients = operators.get(assignment.region_id, [])
        context: dict[str, object] = {
            "assignment": assignment,
            "instruction": assignment.instruction,
            "protocol": assignment.instruction.protocol,
            "region": assignment.region,
            "due_date": due,
            "days_left": calendar.working_days_between(today, due),
            "days_overdue": calendar.working_days_between(due, today),
        }
        notices = _render(kind, context, recipients, assignment) if kind else []
        if dry_run:
            run.planned.extend(_describe(notices, kind))
            continue
        with transaction.atomic():
            claimed = Assignment.objects.filter(
                pk=assignment.pk, next_reminder_at=scheduled
            ).update(next_reminder_at=next_reminder_time(due, now, calendar))
            if not claimed:
                run.skipped_claims += 1
                continue
            run.claimed += 1
            run.queued += len(dispatch(notices))
            run.planned.extend(_describe(notices, kind))
            # Inside the claim's transaction: a crash here loses neither this row (rolled
            # back, picked up by the next run) nor the rows already committed.
            after_claim(assignment)


def after_claim(assignment: Assignment) -> None:
    """Called inside each claim's transaction; does nothing (tests inject failures here)."""


def _render(
    kind: str, context: dict[str, object], recipients: list[User], assignment: Assignment | None
) -> list[Notification]:
    notices = []
    for user in recipients:
        values = {**context, "recipient": user}
        notices.append(
            Notification(
                recipient=user,
                kind=kind if kind in Notification.Kind.values else Notification.Kind.DIGEST,
                subject=render_to_string(f"notifications/{kind}_subject.txt", values).strip(),
                body=render_to_string(f"notifications/{kind}_body.txt", values).strip(),
                protocol_id=assignment.instruction.protocol_id if assignment else None,
                region_id=str(context.get("region_code") or "")
                or (assignment.region_id if assignment else None),
                assignment=assignment,
            )
        )
    return notices


def _describe(notices: list[Notification], kind: str | None) -> list[Planned]:
    if not notices:
        return []
    return [
        Planned(
            kind=kind or "",
            recipients=tuple(n.recipient.email or n.recipient.username for n in notices),
            subject=notices[0].subject,
        )
    ]


# --- weekly digests -------------------------------------------------------------------------


def _claim_schedule(name: str, now: dt.datetime) -> dt.datetime | None:
    """The due time of schedule ``name`` if it is due and we won it; plans it on first use."""
    schedule, _ = Schedule.objects.get_or_create(
        name=name, defaults={"next_run_at": next_digest_time(now)}
    )
    if schedule.next_run_at > now:
        return None
    claimed = Schedule.objects.filter(name=name, next_run_at=schedule.next_run_at).update(
        next_run_at=next_digest_time(now), last_run_at=now
    )
    return schedule.next_run_at if claimed else None


def _digests(
    now: dt.datetime, calendar: ProductionCalendar, run: ReminderRun, dry_run: bool
) -> None:
    for name, build in ((OVERDUE_DIGEST, _overdue_digest), (REGION_DIGEST, _region_digest)):
        if dry_run:
            schedule = Schedule.objects.filter(name=name).first()
            if schedule is not None and schedule.next_run_at <= now:
                run.planned.extend(_describe(build(now, calendar), name))
            continue
        with transaction.atomic():
            if _claim_schedule(name, now) is None:
                continue
            run.digests += 1
            notices = build(now, calendar)
            run.queued += len(dispatch(notices))
            run.planned.extend(_describe(notices, name))
            record(None, f"notifications.{name}", Schedule.objects.get(name=name),
                   f"Еженедельная сводка: {len(notices)} уведомлений")  # fmt: skip


def _open_dated() -> list[Assignment]:
    return list(
        owed()
        .select_related("instruction__protocol", "instruction__curator", "region")
        .order_by("due_date", "instruction__protocol_id", "instruction__position", "region_id")
    )


def _overdue_digest(now: dt.datetime, calendar: ProductionCalendar) -> list[Notification]:
    """To each curator: overdue assignments of the instructions they curate; to the
    department's administrators: all of them. Grouped by instruction."""
    today = now.astimezone(MOSCOW).date()
    overdue = [a for a in _open_dated() if a.is_overdue(today)]
    if not overdue:
        return []
    by_curator: dict[int, list[Assignment]] = defaultdict(list)
    for assignment in overdue:
        if assignment.instruction.curator_id:
            by_curator[assignment.instruction.curator_id].append(assignment)
    notices: list[Notification] = []
    people = User.objects.filter(is_active=True, pk__in=list(by_curator))
    people |= User.objects.administrators()
    for user in people.order_by("pk"):
        items = overdue if user.administers_protocols else by_curator.get(user.pk, [])
        if not items:
            continue
        context = {"groups": _group_by_instruction(items), "total": len(items), "today": today}
        notices += _render(OVERDUE_DIGEST, context, [user], None)
    return notices


def _region_digest(now: dt.datetime, calendar: ProductionCalendar) -> list[Notification]:
    """To each region's operators: that region's open assignments, overdue first.

    Built per region from that region's rows only: no region sees another's debts.
    """
    today = now.astimezone(MOSCOW).date()
    by_region: dict[str, list[Assignment]] = defaultdict(list)
    for assignment in _open_dated():
        by_region[assignment.region_id].append(assignment)
    operators = _operators_by_region(set(by_region))
    notices: list[Notification] = []
    for code, items in sorted(by_region.items()):
        if not operators.get(code):
            continue
        context = {
            "region": items[0].region,
            "region_code": code,
            "overdue": [a for a in items if a.is_overdue(today)],
            "upcoming": [a for a in items if not a.is_overdue(today)],
            "total": len(items),
            "today": today,
        }
        notices += _render(REGION_DIGEST, context, operators[code], None)
    return notices


def _group_by_instruction(items: list[Assignment]) -> list[dict[str, object]]:
    groups: dict[tuple[int, dt.date | None], dict[str, object]] = {}
    for assignment in items:
        key = (assignment.instruction_id, assignment.due_date)
        group = groups.setdefault(
            key,
            {
                "instruction": assignment.instruction,
                "protocol": assignment.instruction.protocol,
                "due_date": assignment.due_date,
                "regions": [],
            },
        )
        group["regions"].append(assignment.region)  # type: ignore[attr-defined]
    return list(groups.values())


def next_run_time(now: dt.datetime) -> dt.datetime | None:
    """The earliest moment anything (a reminder or a digest) becomes due."""
    candidates = [
        owed().aggregate(t=Min("next_reminder_at"))["t"],
        Schedule.objects.aggregate(t=Min("next_run_at"))["t"],
    ]
    present = [c for c in candidates if c is not None]
    return min(present) if present else None
