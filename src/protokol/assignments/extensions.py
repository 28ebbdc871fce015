"""Moving a due date (перенос срока) — the extension moves of the life cycle.

The region asks for a later date with a reason, one request at a time; the instruction's
curator (or an administrator) approves it (the due date moves, to the working day before
a non-working one — and the decision says so: ``ExtensionRequest.outcome``) or rejects it. A request is exceptional when asked later than the
normal number of days after the protocol was signed (DOMAIN.md §1). Accepting a report
settles a request still pending (``close_pending_extensions``).

The transition table, the checks and the steps every move shares are in
``assignments.lifecycle`` (its docstring describes the machine); this module only uses
them.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from protokol.assignments.deadlines import granted_due
from protokol.assignments.errors import TransitionRefused
from protokol.assignments.lifecycle import (
    CURATOR_ACTIONS,
    audit_assignment,
    check_decider,
    check_version,
    has_pending_extension,
    lock_assignment,
    move_to,
    operator_step,
    target_state,
)
from protokol.assignments.models import Assignment, ExtensionRequest
from protokol.core.clock import moscow_today
from protokol.core.params import PLAUSIBLE_YEARS, date_is_plausible
from protokol.extraction.russian import format_date_ru
from protokol.notifications import events
from protokol.protocols.paperwork import forget_extracts
from protokol.workcalendar.calendar import production_calendar

if TYPE_CHECKING:
    from protokol.accounts.models import User
    from protokol.protocols.models import Instruction

__all__ = ["close_pending_extensions", "decide_extension", "request_extension"]


def _today() -> dt.date:
    """Moscow's date; a function of its own so tests can put the clock where they need it."""
    return moscow_today()


def request_extension(
    assignment: Assignment,
    user: User,
    *,
    new_date: dt.date,
    reason: str,
    version: int | None = None,
) -> ExtensionRequest:
    """Ask the issuer to move the due date (перенос срока); one request at a time."""
    reason = (reason or "").strip()
    if not reason:
        raise TransitionRefused("Укажите обоснование переноса срока.")
    with transaction.atomic():
        assignment, _ = operator_step(assignment, user, "extension", version)
        instruction = assignment.instruction
        if instruction.is_recommendation:
            raise TransitionRefused(
                "Это рекомендация: она не обязывает отчитываться к сроку, перенос не нужен. "
                "Можно направить отчёт или оставить комментарий."
            )
        if assignment.due_date is None:
            raise TransitionRefused("У поручения нет срока: переносить нечего.")
        if has_pending_extension(assignment):
            raise TransitionRefused(
                "Запрос о переносе срока уже на рассмотрении: дождитесь решения куратора. "
                "Можно оставить комментарий."
            )
        _check_new_date(assignment, new_date)
        request = ExtensionRequest.objects.create(
            assignment=assignment,
            requested_date=new_date,
            previous_due_date=assignment.due_date,
            reason=reason,
            exceptional=_is_exceptional(instruction),
            requested_by=user,
        )
        before = move_to(assignment, assignment.state)
        audit_assignment(
            user,
            "extension_requested",
            assignment,
            f"Запрошен перенос срока на {format_date_ru(new_date)}"
            + (" (исключительный случай)" if request.exceptional else ""),
            before,
            region_act=True,
            requested_date=new_date.isoformat(),
            due_date=assignment.due_date.isoformat(),
            exceptional=request.exceptional,
        )
        events.extension_requested(request)
    return request


def _check_new_date(assignment: Assignment, new_date: dt.date) -> None:
    due = assignment.due_date
    if due is None:
        raise TransitionRefused("У поручения нет срока: переносить нечего.")
    if not date_is_plausible(new_date):
        raise TransitionRefused(f"Новый срок должен быть {PLAUSIBLE_YEARS}.")
    if new_date <= due:
        raise TransitionRefused(f"Новый срок должен быть позже текущего ({format_date_ru(due)}).")
    if new_date < _today():
        raise TransitionRefused("Новый срок не может быть в прошлом.")
    moved = granted_due(new_date, production_calendar())
    if moved <= due:
        raise TransitionRefused(
            f"{format_date_ru(new_date)} — нерабочий день: срок перенёсся бы на предыдущий "
            f"рабочий день, {format_date_ru(moved)}, а это не позже текущего срока. "
            "Выберите более позднюю дату."
        )


def _is_exceptional(instruction: Instruction) -> bool:
    """Asked later than the normal number of days after the protocol was signed (DOMAIN.md §1)."""
    signed = instruction.protocol.date
    if signed is None:
        return False
    return (_today() - signed).days > settings.PROTOKOL_EXTENSION_NORMAL_DAYS


def decide_extension(
    request: ExtensionRequest,
    user: User,
    *,
    approve: bool,
    comment: str = "",
    version: int | None = None,
) -> ExtensionRequest:
    """Approve (the due date moves to ``requested_date``, or the working day before it,
    kept as ``granted_date``) or reject an extension request."""
    comment = (comment or "").strip()
    with transaction.atomic():
        assignment = lock_assignment(request.assignment_id)
        check_decider(assignment, user)
        check_version(assignment, version)
        request = ExtensionRequest.objects.get(pk=request.pk)
        if request.decision != ExtensionRequest.Decision.PENDING:
            raise TransitionRefused(
                f"По этому запросу решение уже принято («{request.get_decision_display()}»)."
            )
        if approve:
            target_state("decide_extension", assignment, CURATOR_ACTIONS)
        previous_due = assignment.due_date
        request.decision = (
            ExtensionRequest.Decision.APPROVED if approve else ExtensionRequest.Decision.REJECTED
        )
        request.decision_comment = comment
        request.decided_by = user
        request.decided_at = timezone.now()
        if approve:
            request.granted_date = granted_due(request.requested_date, production_calendar())
            assignment.due_date = request.granted_date
            # Reminders are planned from the due date: the planner recomputes this.
            assignment.next_reminder_at = None
        request.save(
            update_fields=[
                "decision",
                "decision_comment",
                "decided_by",
                "decided_at",
                "granted_date",
            ]
        )
        before = move_to(assignment, assignment.state, fields=["due_date", "next_reminder_at"])
        audit_assignment(
            user,
            "extension_approved" if approve else "extension_rejected",
            assignment,
            (
                f"Перенос срока согласован ({request.outcome})"
                if approve
                else f"Перенос срока на {format_date_ru(request.requested_date)} отклонён"
            ),
            before,
            region_act=False,
            due_date_before=previous_due.isoformat() if previous_due else None,
            due_date=assignment.due_date.isoformat() if assignment.due_date else None,
            requested_date=request.requested_date.isoformat(),
            comment=comment,
        )
        if approve:
            # The region's выписка prints its due dates: it is made again on next request.
            forget_extracts(assignment.instruction.protocol_id, [assignment.region_id])
        request.assignment = assignment
        events.extension_decided(request)
    return request


def close_pending_extensions(assignment: Assignment, user: Any) -> None:
    """An accepted assignment needs no new date: a request still pending is settled."""
    assignment.extension_requests.filter(decision=ExtensionRequest.Decision.PENDING).update(
        decision=ExtensionRequest.Decision.REJECTED,
        decision_comment="Поручение снято с контроля: перенос срока не требуется.",
        decided_by=user,
        decided_at=timezone.now(),
    )
