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
from protokol.protocols import corrections
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

    The corrections waiting in the rows (``corrections.apply``), the version with its
    diff, the assignments, the cover letters and the notices are one transaction: the
    regions see all of it or, if any step fails, none of it, and the corrections stay
    pending. Idempotent and safe to race: the protocol row is locked, and a second call
    with nothing changed returns the existing version without creating anything.
    """
    with transaction.atomic():
        protocol = Protocol.objects.select_for_update().get(pk=protocol.pk)
        # First: what blocks publication is judged on what is about to be published.
        corrections.apply(protocol)
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
                    {"code": a.instruction.code, "text": a.instruction.text, "due_date": a.due_date}
                    for a in items
                ],
            }
            for code, items in by_region.items()
        }
        return queue_for_regions("published", protocol, contexts)
    return queue_for_regions(
        "corrected", protocol, _corrections_by_region(protocol, version, issued)
    )


def _corrections_by_region(
    protocol: Protocol, version: ProtocolVersion, issued: IssueResult
) -> dict[str, dict[str, Any]]:
    """The regions told of a correction, each with the changes it concerns: those of the
    instructions it holds or has just lost, and the requisites, which every region
    holding the protocol was sent. Another region's instructions are not its business.

    Told: a region whose assignments were issued, cancelled or moved, one holding an
    instruction that changed, and every region holding the protocol when a requisite did.
    """
    requisites = any(c["change"] == "requisites" for c in version.changes)
    changed = {c["instruction"] for c in version.changes if c["change"] != "requisites"}
    code_of = dict(protocol.instructions.values_list("pk", "code"))
    held = Assignment.objects.filter(instruction__protocol=protocol).exclude(
        state=Assignment.State.CANCELLED
    )
    if not requisites:
        held = held.filter(instruction__code__in=changed)
    codes: dict[str, set[str]] = defaultdict(set)
    for region, instruction in held.values_list("region_id", "instruction_id").distinct():
        codes[region].add(code_of[instruction])
    for assignment in (*issued.created, *issued.cancelled, *issued.rescheduled):
        codes[assignment.region_id].add(code_of[assignment.instruction_id])
    return {
        region: {
            "version": version,
            "changes": [
                change
                for change in version.changes
                if change["change"] == "requisites" or change["instruction"] in region_codes
            ],
        }
        for region, region_codes in codes.items()
    }
