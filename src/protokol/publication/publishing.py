"""Publication: a reviewed protocol becomes assignments in the regions.

This app sits above protocols, assignments and notifications: publishing is what creates
assignments and tells the regions about them, so it is the one place that reaches into all
three. What blocks a publication is the review's business (``protocols.review``).

From the web a publication runs in the worker (``start_publication`` → ``run_publication``)
so that a large protocol neither holds a web request nor can be sent twice by an impatient
second click; the command line and the demo call ``publish`` directly.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from protokol.assignments.issuing import IssueResult, sync_assignments
from protokol.assignments.models import Assignment
from protokol.core.audit import record
from protokol.core.clock import moscow_today
from protokol.notifications.queueing import queue_for_regions
from protokol.protocols import corrections
from protokol.protocols.models import Instruction, Protocol, ProtocolVersion
from protokol.protocols.paperwork import generate_cover_letters
from protokol.protocols.review import (
    Acceptances,
    PublicationRefused,
    ReviewError,
    publication_blockers,
    record_acceptances,
    unaccepted,
)
from protokol.protocols.snapshot import protocol_snapshot, snapshot_changes
from protokol.publication.models import PublicationRun
from protokol.workcalendar.calendar import production_calendar

logger = logging.getLogger(__name__)


@dataclass
class Publication:
    version: ProtocolVersion
    unchanged: bool = False
    issued: IssueResult = field(default_factory=IssueResult)
    notified: int = 0


def issue_date(protocol: Protocol) -> dt.date:
    """The day assignments count their default terms from: the protocol's date."""
    return protocol.date or moscow_today()


def publish(protocol: Protocol, user: Any, accepted: Acceptances | None = None) -> Publication:
    """Publish a draft, or publish the corrections made to a published protocol.

    The corrections waiting in the rows (``corrections.apply``), the version with its
    diff, the assignments, the cover letters and the notices are one transaction: the
    regions see all of it or, if any step fails, none of it, and the corrections stay
    pending. Refused while an item of the blocking list — judged on what is about to be
    published — is neither fixed nor ``accepted`` with a note; the acceptances go into the
    audit trail in the same transaction. Idempotent and safe to race: the protocol row is
    locked, and a second call with nothing changed returns the existing version without
    creating anything.
    """
    accepted = accepted or Acceptances()
    with transaction.atomic():
        protocol = Protocol.objects.select_for_update().get(pk=protocol.pk)
        # First: what blocks publication is judged on what is about to be published.
        corrections.apply(protocol)
        blockers = publication_blockers(protocol)
        refused = unaccepted(blockers, accepted)
        if refused:
            raise PublicationRefused(refused)
        record_acceptances(protocol, blockers, accepted, user)
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
            issued_on=issue_date(protocol),
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
    return _withdraw(instruction.protocol, [instruction.pk], user, reason)


def withdraw_protocol(protocol: Protocol, user: Any, reason: str) -> int:
    """Take a whole published protocol off control: every instruction still on control
    is withdrawn, each region told once of all of its own. Returns the cancelled count."""
    with transaction.atomic():
        # Locked like a publication: a correction being published meanwhile waits.
        protocol = Protocol.objects.select_for_update().get(pk=protocol.pk)
        if protocol.is_draft:
            raise ReviewError("Черновик не отзывается, а удаляется.")
        on_control = protocol.instructions.filter(state=Instruction.State.PUBLISHED)
        return _withdraw(protocol, list(on_control.values_list("pk", flat=True)), user, reason)


def _withdraw(protocol: Protocol, pks: Iterable[int], user: Any, reason: str) -> int:
    with transaction.atomic():
        instructions = list(
            Instruction.objects.select_for_update()
            .filter(pk__in=list(pks))
            .exclude(state=Instruction.State.WITHDRAWN)
            .order_by("position")
        )
        if not instructions:
            return 0
        before = {instruction.pk: instruction.state for instruction in instructions}
        for instruction in instructions:
            instruction.state = Instruction.State.WITHDRAWN
        Instruction.objects.bulk_update(instructions, ["state"])
        issued = sync_assignments(
            instructions,
            issued_on=issue_date(protocol),
            calendar=production_calendar(),
            actor=user,
        )
        # Each region hears once, of the instructions it had.
        withdrawn_for: dict[str, set[int]] = defaultdict(set)
        for assignment in issued.cancelled:
            withdrawn_for[assignment.region_id].add(assignment.instruction_id)
        queue_for_regions(
            "withdrawn",
            protocol,
            {
                code: {"instructions": [i for i in instructions if i.pk in ids], "reason": reason}
                for code, ids in withdrawn_for.items()
            },
        )
        for instruction in instructions:
            record(
                user,
                "instruction.withdrawn",
                instruction,
                f"Отозвано поручение {instruction.code}: {reason}",
                before={"state": before[instruction.pk]},
                after={"state": instruction.state, "reason": reason},
            )
        if len(instructions) > 1:
            record(
                user,
                "protocol.withdrawn",
                protocol,
                f"Отозван {protocol}: поручений — {len(instructions)}, отменено "
                f"{len(issued.cancelled)}: {reason}",
                after={"instructions": [i.code for i in instructions], "reason": reason},
            )
        return len(issued.cancelled)


# --- publication from the web, in the worker --------------------------------------------


def start_publication(
    protocol: Protocol, user: Any, accepted: Acceptances, planned: dict[str, int]
) -> PublicationRun:
    """Queue the publication the reviewer confirmed on the summary page.

    Refused at once (``PublicationRefused``) while an item is neither fixed nor accepted,
    so the page can say what; a second confirmation while a run is waiting or working
    returns that run instead of queueing another.
    """
    refused = unaccepted(publication_blockers(protocol), accepted)
    if refused:
        raise PublicationRefused(refused)
    with transaction.atomic():
        Protocol.objects.select_for_update().get(pk=protocol.pk)
        active = protocol.publication_runs.filter(
            state__in=[PublicationRun.State.QUEUED, PublicationRun.State.RUNNING]
        ).first()
        if active is not None:
            return active
        run = PublicationRun.objects.create(
            protocol=protocol,
            created_by=user,
            accepted={"notes": dict(accepted.notes), "kinds": dict(accepted.kinds)},
            planned=planned,
        )
        record(user, "publication.queued", protocol, f"Публикация поставлена в очередь: {protocol}")
        transaction.on_commit(lambda: run_publication_task.enqueue(run.pk))
    return run


def run_publication(run_id: int) -> PublicationRun:
    """Execute a queued publication. Claiming the run with a conditional update makes a
    second delivery of the same task a no-op."""
    claimed = PublicationRun.claim(run_id)
    run = PublicationRun.objects.select_related("protocol", "created_by").get(pk=run_id)
    if not claimed:
        return run
    accepted = Acceptances(notes=run.accepted.get("notes", {}), kinds=run.accepted.get("kinds", {}))
    try:
        publication = publish(run.protocol, run.created_by, accepted)
    except PublicationRefused as refused:
        # Edited between the confirmation and the run: the reviewer looks again.
        _finish(run, PublicationRun.State.FAILED, error=" ".join(refused.problems))
    except Exception:
        logger.exception("publication %s failed", run_id)
        _finish(
            run,
            PublicationRun.State.FAILED,
            error="Внутренняя ошибка при публикации; ничего не опубликовано. "
            "Сообщите администратору.",
        )
    else:
        _finish(
            run,
            PublicationRun.State.DONE,
            result={
                "version": publication.version.number,
                "unchanged": publication.unchanged,
                "created": len(publication.issued.created),
                "cancelled": len(publication.issued.cancelled),
                "rescheduled": len(publication.issued.rescheduled),
                "notified": publication.notified,
            },
        )
    return run


def _finish(
    run: PublicationRun, state: str, *, error: str = "", result: dict[str, Any] | None = None
) -> None:
    run.state, run.error, run.result = state, error, result or {}
    run.finished_at = timezone.now()
    run.save(update_fields=["state", "error", "result", "finished_at"])


@task()
def run_publication_task(run_id: int) -> str:
    """The worker's side of ``start_publication``."""
    return run_publication(run_id).state


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
