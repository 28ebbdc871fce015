"""Creating and re-synchronising assignments when a protocol is published or corrected."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from protokol.assignments.deadlines import due_after_extension, due_dates
from protokol.assignments.models import Assignment, ExtensionRequest
from protokol.core.audit import record_many
from protokol.extraction.workdays import ProductionCalendar
from protokol.protocols.models import Instruction
from protokol.protocols.paperwork import forget_extracts
from protokol.regions.models import Region


@dataclass
class IssueResult:
    created: list[Assignment] = field(default_factory=list)
    cancelled: list[Assignment] = field(default_factory=list)
    rescheduled: list[Assignment] = field(default_factory=list)


def addressed_region_codes(instruction: Instruction, all_codes: list[str]) -> list[str]:
    """Needs ``regions`` prefetched. Non-regional addressees («others») get no assignment."""
    if instruction.all_regions:
        return all_codes
    return sorted(region.code for region in instruction.regions.all())


@dataclass(frozen=True)
class Planned:
    """One assignment an instruction calls for: a region and a period with its due date."""

    instruction: Instruction
    region_code: str
    period: int
    due_date: dt.date | None

    @property
    def key(self) -> tuple[int, str, int]:
        return (self.instruction.pk, self.region_code, self.period)


def planned_assignments(
    instructions: Iterable[Instruction],
    *,
    issued_on: dt.date,
    calendar: ProductionCalendar,
    all_codes: list[str],
) -> Iterator[Planned]:
    """The assignments the instructions call for (``regions`` prefetched): what publication
    creates, and what the pre-publication summary counts. A withdrawn one calls for none."""
    for instruction in instructions:
        if instruction.state == Instruction.State.WITHDRAWN:
            continue
        dates = due_dates(instruction, issued_on=issued_on, calendar=calendar)
        for code in addressed_region_codes(instruction, all_codes):
            for period, due in enumerate(dates, start=1 if len(dates) > 1 else 0):
                yield Planned(instruction, code, period, due)


def all_region_codes() -> list[str]:
    return list(Region.objects.order_by("code").values_list("code", flat=True))


def sync_assignments(
    instructions: Iterable[Instruction],
    *,
    issued_on: dt.date,
    calendar: ProductionCalendar,
    actor: Any,
) -> IssueResult:
    """Make the assignments match the instructions: create missing, cancel unaddressed,
    move open ones whose due date changed. Running it twice changes nothing. An open
    assignment keeps the date of its granted extension (``due_after_extension``)."""
    instructions = list(instructions)
    existing = {
        (a.instruction_id, a.region_id, a.period): a
        for a in Assignment.objects.filter(instruction__in=instructions)
    }
    granted = _granted_dates(instructions)
    result = IssueResult()
    wanted: set[tuple[int, str, int]] = set()
    for planned in planned_assignments(
        instructions, issued_on=issued_on, calendar=calendar, all_codes=all_region_codes()
    ):
        wanted.add(planned.key)
        current = existing.get(planned.key)
        if current is None:
            result.created.append(
                Assignment(
                    instruction=planned.instruction,
                    region_id=planned.region_code,
                    period=planned.period,
                    due_date=planned.due_date,
                )
            )
            continue
        held_to = due_after_extension(planned.due_date, granted.get(current.pk))
        if current.state not in Assignment.CLOSED_STATES and current.due_date != held_to:
            current.due_date = held_to
            # Forget the reminder schedule: the planner recomputes it from the new date.
            current.next_reminder_at = None
            result.rescheduled.append(current)
    for key, assignment in existing.items():
        if key not in wanted and assignment.state not in Assignment.CLOSED_STATES:
            assignment.state = Assignment.State.CANCELLED
            result.cancelled.append(assignment)
    _save(result, actor)
    # Their выписки print the old due dates: made again on next request.
    protocol_of = {instruction.pk: instruction.protocol_id for instruction in instructions}
    touched: dict[int, set[str]] = {}
    for assignment in (*result.cancelled, *result.rescheduled):
        touched.setdefault(protocol_of[assignment.instruction_id], set()).add(assignment.region_id)
    for protocol_id, regions in touched.items():
        forget_extracts(protocol_id, regions)
    return result


def _granted_dates(instructions: list[Instruction]) -> dict[int, dt.date]:
    """The due date of each assignment's latest approved extension, by assignment id."""
    rows = (
        ExtensionRequest.objects.filter(
            assignment__instruction__in=instructions,
            decision=ExtensionRequest.Decision.APPROVED,
            granted_date__isnull=False,
        )
        .order_by("decided_at", "pk")
        .values_list("assignment_id", "granted_date")
    )
    return dict(rows)  # ordered by decision: the latest one wins


def _save(result: IssueResult, actor: Any) -> None:
    now = timezone.now()  # bulk_update skips auto_now
    for assignment in (*result.cancelled, *result.rescheduled):
        assignment.updated_at = now
        # A page or API client holding the old version must be told it changed meanwhile.
        assignment.version += 1
    for assignment in result.cancelled:
        assignment.closed_at, assignment.next_reminder_at = now, None
    Assignment.objects.bulk_create(result.created, batch_size=2000)
    Assignment.objects.bulk_update(
        result.cancelled,
        ["state", "version", "closed_at", "next_reminder_at", "updated_at"],
        batch_size=2000,
    )
    Assignment.objects.bulk_update(
        result.rescheduled,
        ["due_date", "version", "next_reminder_at", "updated_at"],
        batch_size=2000,
    )
    # Nothing is left to extend on a cancelled assignment.
    ExtensionRequest.objects.filter(
        assignment__in=result.cancelled, decision=ExtensionRequest.Decision.PENDING
    ).update(
        decision=ExtensionRequest.Decision.REJECTED,
        decision_comment="Поручение отозвано.",
        decided_at=now,
    )
    record_many(
        actor,
        "assignment.issued",
        result.created,
        lambda a: f"Направлено поручение {a.instruction.code}",
        lambda a: a.region_id,
    )
    record_many(
        actor,
        "assignment.cancelled",
        result.cancelled,
        lambda a: f"Отменено поручение {a.instruction.code}",
        lambda a: a.region_id,
    )
    record_many(
        actor,
        "assignment.rescheduled",
        result.rescheduled,
        lambda a: f"Изменён срок поручения {a.instruction.code}: {a.due_date or 'без срока'}",
        lambda a: a.region_id,
    )
