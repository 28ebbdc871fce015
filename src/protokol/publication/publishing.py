"""Publication: a reviewed protocol becomes assignments in the regions.

This app sits above protocols, assignments and notifications: publishing is what creates
assignments and tells the regions about them, so it is the one place that reaches into all
three. What blocks a publication is the review's business (``protocols.review``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from protokol.assignments.issuing import IssueResult, sync_assignments
from protokol.assignments.models import Assignment
from protokol.core.audit import record
from protokol.core.clock import moscow_today
from protokol.notifications.queueing import queue_for_regions
from protokol.protocols.models import Instruction, Protocol, ProtocolVersion
from protokol.protocols.paperwork import generate_cover_letters
from protokol.protocols.review import PublicationRefused, publication_problems
from protokol.protocols.snapshot import protocol_snapshot, snapshot_changes
from protokol.workcalendar.calendar import production_calendar


@dataclass
class Publication:
    version: ProtocolVersion
    unchanged: bool = False
    issued: IssueResult = field(default_factory=IssueResult)
    notified: int = 0


def publish(protocol: Protocol, user: Any) -> Publication:
    """Publish a draft, or publish the corrections made to a published protocol.

    Idempotent and safe to race: the protocol row is locked, and a second call with
    nothing changed returns the existing version without creating anything.
    """
    with transaction.atomic():
        protocol = Protocol.objects.select_for_update().get(pk=protocol.pk)
        problems = publication_problems(protocol)
        if problems:
            raise PublicationRefused(problems)
        first = protocol.state == Protocol.State.DRAFT
        protocol.instructions.filter(state=Instruction.State.DRAFT).update(
            state=Instruction.State.PUBLISHED
        )
        if protocol.default_curator_id or user:
            protocol.instructions.filter(curator=None).update(
                curator_id=protocol.default_curator_id or user.pk
            )
        snapshot = protocol_snapshot(protocol)
        last = protocol.versions.order_by("-number").first()
        if last is not None and last.snapshot == snapshot:
            return Publication(version=last, unchanged=True)
        version = ProtocolVersion.objects.create(
            protocol=protocol,
            number=last.number + 1 if last else 1,
            snapshot=snapshot,
            changes=snapshot_changes(last.snapshot, snapshot) if last else [],
            created_by=user,
        )
        issued = sync_assignments(
            protocol.instructions.select_related("section").prefetch_related("regions"),
            issued_on=protocol.date or moscow_today(),
            calendar=production_calendar(),
            actor=user,
        )
        protocol.state = Protocol.State.PUBLISHED
        protocol.version = version.number
        protocol.published_at = protocol.published_at or timezone.now()
        protocol.save(update_fields=["state", "version", "published_at", "updated_at"])
        generate_cover_letters(version)
        notified = _notify(protocol, version, issued, first)
        verb, what = (
            ("protocol.published", "Опубликован") if first else ("protocol.corrected", "Исправлен")
        )
        record(
            user,
            verb,
            protocol,
            f"{what} {protocol} (версия {version.number}): направлено {len(issued.created)}, "
            f"отменено {len(issued.cancelled)}, перенесено {len(issued.rescheduled)}",
            after={"version": version.number, "changes": version.changes},
        )
        return Publication(version=version, issued=issued, notified=notified)


def withdraw_instruction(instruction: Instruction, user: Any, reason: str) -> int:
    """Take a published instruction off control: its open assignments are cancelled and
    the regions are told. Returns the number of cancelled assignments."""
    with transaction.atomic():
        instruction = (
            Instruction.objects.select_for_update()
            .select_related("protocol")
            .get(pk=instruction.pk)
        )
        if instruction.state == Instruction.State.WITHDRAWN:
            return 0
        before = instruction.state
        instruction.state = Instruction.State.WITHDRAWN
        instruction.save(update_fields=["state"])
        issued = sync_assignments(
            [instruction],
            issued_on=instruction.protocol.date or moscow_today(),
            calendar=production_calendar(),
            actor=user,
        )
        regions = {a.region_id for a in issued.cancelled}
        context = {"instruction": instruction, "reason": reason}
        queue_for_regions("withdrawn", instruction.protocol, dict.fromkeys(regions, context))
        record(
            user,
            "instruction.withdrawn",
            instruction,
            f"Отозвано поручение {instruction.code}: {reason}",
            before={"state": before},
            after={"state": instruction.state, "reason": reason},
        )
        return len(issued.cancelled)


def _notify(protocol: Protocol, version: ProtocolVersion, issued: IssueResult, first: bool) -> int:
    if first:
        by_region: dict[str, list[Assignment]] = defaultdict(list)
        for assignment in issued.created:
            by_region[assignment.region_id].append(assignment)
        contexts = {
            code: {
                "count": len(items),
                "items": [
                    {"code": a.instruction.code, "text": a.instruction.text, "due": a.due.label}
                    for a in items
                ],
            }
            for code, items in by_region.items()
        }
        return queue_for_regions("published", protocol, contexts)
    touched = {a.region_id for a in (*issued.created, *issued.cancelled, *issued.rescheduled)}
    context = {"version": version, "changes": version.changes}
    return queue_for_regions("corrected", protocol, dict.fromkeys(touched, context))
