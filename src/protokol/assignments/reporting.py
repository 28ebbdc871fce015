"""Reports and the curator's decision on them — the reporting moves of the life cycle.

The region sends a report (final or interim) or claims «не относится к субъекту»; the
instruction's curator (or an administrator) accepts or returns it, one at a time or in
bulk; either side may comment. Accepting the last open assignment closes the instruction.

The transition table, the checks and the steps every move shares are in
``assignments.lifecycle`` (its docstring describes the machine); this module only uses
them. Decisions settle a pending extension request through ``assignments.extensions``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from protokol.assignments import attachments
from protokol.assignments.answers import validate_answers
from protokol.assignments.errors import ActionForbidden, TransitionRefused
from protokol.assignments.extensions import close_pending_extensions
from protokol.assignments.lifecycle import (
    ACCEPT_TARGET,
    CURATOR_ACTIONS,
    audit_assignment,
    check_decider,
    check_version,
    is_decider_of,
    is_operator_of,
    lock_assignment,
    move_to,
    operator_step,
    target_state,
)
from protokol.assignments.models import Assignment, Comment, Report
from protokol.core.audit import record
from protokol.notifications import events
from protokol.protocols.models import Instruction

if TYPE_CHECKING:
    from protokol.accounts.models import User

__all__ = [
    "TEXT_LIMIT",
    "accept_report",
    "add_comment",
    "bulk_accept",
    "instruction_executed",
    "mark_not_applicable",
    "return_report",
    "submit_report",
]

TEXT_LIMIT = 20_000


# --- the region's reports --------------------------------------------------------------


def submit_report(
    assignment: Assignment,
    user: User,
    *,
    text: str,
    answers: dict[str, Any] | None = None,
    files: Sequence[UploadedFile[Any]] = (),
    kind: str = Report.Kind.FINAL,
    version: int | None = None,
) -> Report:
    """A new report version: final (→ submitted, awaiting the curator) or interim
    (recorded and shown to the curator; the state stays open)."""
    if kind not in (Report.Kind.FINAL, Report.Kind.INTERIM):
        raise TransitionRefused(
            "Отметка «не относится к субъекту» направляется отдельно, с обоснованием."
        )
    action = "interim" if kind == Report.Kind.INTERIM else "submit"
    text = (text or "").strip()
    # Files are received (streamed to storage and checked) before the row lock: a slow
    # upload never holds it. If the report is not saved, they are deleted again.
    checked = attachments.receive(assignment, list(files))
    with attachments.discarded_on_failure(checked), transaction.atomic():
        assignment, target = operator_step(assignment, user, action, version)
        template = assignment.instruction.report_template or []
        cleaned = validate_answers(template, answers, partial=kind == Report.Kind.INTERIM)
        if not text and not cleaned and not checked:
            raise TransitionRefused(
                "Отчёт пуст: напишите текст отчёта, заполните форму или приложите файлы."
            )
        if len(text) > TEXT_LIMIT:
            raise TransitionRefused(
                f"Текст отчёта длиннее {TEXT_LIMIT} знаков: вынесите подробности в файл."
            )
        report = _new_report(assignment, user, kind=kind, text=text, answers=cleaned)
        attachments.attach(report, checked)
        if assignment.state == Assignment.State.ISSUED:
            assignment.acknowledged_at = timezone.now()  # reporting implies receipt
        before = move_to(assignment, target, fields=["acknowledged_at"])
        audit_assignment(
            user,
            "interim_report" if action == "interim" else "report_submitted",
            assignment,
            f"Направлен {report.get_kind_display()} (версия {report.number})",
            before,
            region_act=True,
            report=report.number,
            kind=kind,
            files=len(checked),
        )
        events.report_submitted(report)
    return report


def mark_not_applicable(
    assignment: Assignment, user: User, *, justification: str, version: int | None = None
) -> Report:
    """The region states the instruction does not concern it; the curator confirms
    (→ not_applicable) or returns it, as with a report."""
    justification = (justification or "").strip()
    if not justification:
        raise TransitionRefused(
            "Укажите обоснование: почему поручение не относится к субъекту "
            "(например, в регионе нет ЦОПП)."
        )
    with transaction.atomic():
        assignment, target = operator_step(assignment, user, "not_applicable", version)
        report = _new_report(
            assignment, user, kind=Report.Kind.NOT_APPLICABLE, text=justification, answers={}
        )
        if assignment.state == Assignment.State.ISSUED:
            assignment.acknowledged_at = timezone.now()
        before = move_to(assignment, target, fields=["acknowledged_at"])
        audit_assignment(
            user,
            "not_applicable_claimed",
            assignment,
            f"Направлена отметка «не относится» (версия {report.number})",
            before,
            region_act=True,
            report=report.number,
            kind=report.kind,
        )
        events.report_submitted(report)
    return report


def _new_report(
    assignment: Assignment, user: Any, *, kind: str, text: str, answers: dict[str, Any]
) -> Report:
    # Numbering under the assignment's row lock: the next number cannot be taken twice.
    last = assignment.reports.order_by("-number").values_list("number", flat=True).first()
    return Report.objects.create(
        assignment=assignment,
        number=(last or 0) + 1,
        kind=kind,
        text=text,
        answers=answers,
        submitted_by=user,
    )


def add_comment(assignment: Assignment, user: User, text: str) -> Comment:
    """A remark between the region and its curator. Not a transition: the version is left
    alone, so a comment never makes a colleague's open page stale."""
    text = (text or "").strip()
    if not text:
        raise TransitionRefused("Комментарий пуст.")
    if len(text) > TEXT_LIMIT:
        raise TransitionRefused(f"Комментарий длиннее {TEXT_LIMIT} знаков.")
    assignment = Assignment.objects.select_related("instruction", "region").get(pk=assignment.pk)
    if not (is_operator_of(assignment, user) or is_decider_of(assignment, user)):
        raise ActionForbidden(
            "Комментировать поручение могут оператор субъекта РФ, которому оно направлено, "
            "его куратор и администраторы министерства."
        )
    target_state("comment", assignment, ("comment",))
    with transaction.atomic():
        comment = Comment.objects.create(assignment=assignment, author=user, text=text)
        record(
            user,
            "assignment.commented",
            assignment,
            f"Комментарий к поручению {assignment.instruction.code}: {text[:200]}",
            region_code=assignment.region_id,
        )
    return comment


# --- the curator's decisions -----------------------------------------------------------


def _decision_step(
    report: Report, user: Any, action: str, version: int | None
) -> tuple[Assignment, Report, str]:
    assignment = lock_assignment(report.assignment_id)
    check_decider(assignment, user)
    check_version(assignment, version)
    report = Report.objects.get(pk=report.pk)
    if report.kind == Report.Kind.INTERIM:
        raise TransitionRefused(
            "Промежуточный отчёт не принимается и не возвращается: он учитывается как "
            "информация, поручение остаётся на контроле до отчёта об исполнении."
        )
    latest = assignment.reports.exclude(kind=Report.Kind.INTERIM).order_by("-number").first()
    if report.decision:
        raise TransitionRefused(
            f"По версии {report.number} отчёта решение уже принято "
            f"(«{report.get_decision_display()}»): изменить его нельзя."
        )
    if latest is not None and latest.pk != report.pk:
        raise TransitionRefused(
            f"Это не последняя версия отчёта: решение принимается по версии {latest.number}."
        )
    target = target_state(action, assignment, CURATOR_ACTIONS)
    if action == "accept":
        target = ACCEPT_TARGET[Report.Kind(report.kind)]
    return assignment, report, target


def _decide(report: Report, user: Any, decision: str, comment: str) -> None:
    report.decision = decision
    report.decision_comment = comment
    report.decided_by = user
    report.decided_at = timezone.now()
    report.save(update_fields=["decision", "decision_comment", "decided_by", "decided_at"])


def accept_report(
    report: Report, user: User, *, comment: str = "", version: int | None = None
) -> Report:
    """Accept the latest report: the assignment is executed (or confirmed not applicable)
    and taken off control; the instruction closes with its last open assignment.

    ``version``: the assignment's version the curator's page (or ``If-Match``) showed."""
    with transaction.atomic():
        assignment, report, target = _decision_step(report, user, "accept", version)
        _decide(report, user, Report.Decision.ACCEPTED, (comment or "").strip())
        assignment.closed_at = timezone.now()
        assignment.next_reminder_at = None  # nothing left to remind of
        before = move_to(assignment, target, fields=["closed_at", "next_reminder_at"])
        close_pending_extensions(assignment, user)
        audit_assignment(
            user,
            "report_accepted",
            assignment,
            f"Принят {report.get_kind_display()} (версия {report.number})",
            before,
            region_act=False,
            report=report.number,
            comment=report.decision_comment,
        )
        report.assignment = assignment
        events.report_decided(report)
        _close_instruction_if_executed(assignment.instruction_id, user)
    return report


def return_report(
    report: Report, user: User, *, comment: str, version: int | None = None
) -> Report:
    """Send the latest report back for rework; the comment says what to fix."""
    comment = (comment or "").strip()
    if not comment:
        raise TransitionRefused("Укажите, что нужно доработать: комментарий обязателен.")
    with transaction.atomic():
        assignment, report, target = _decision_step(report, user, "return", version)
        _decide(report, user, Report.Decision.RETURNED, comment)
        before = move_to(assignment, target)
        audit_assignment(
            user,
            "report_returned",
            assignment,
            f"Возвращён на доработку {report.get_kind_display()} (версия {report.number})",
            before,
            region_act=False,
            report=report.number,
            comment=comment,
        )
        report.assignment = assignment
        events.report_decided(report)
    return report


def bulk_accept(reports: Iterable[Report], user: User) -> int:
    """Accept many reports at once (identical answers of many regions); all or nothing:
    one refusal rolls every acceptance back."""
    # A stable lock order (by assignment), so two bulk accepts never deadlock.
    reports = sorted(reports, key=lambda r: (r.assignment_id, r.pk))
    with transaction.atomic():
        for report in reports:
            accept_report(report, user)
    return len(reports)


# --- the instruction -------------------------------------------------------------------


def instruction_executed(instruction: Instruction) -> bool:
    """Every assignment accepted, not applicable or cancelled (an interim report never
    counts); an instruction without assignments has nothing executed."""
    assignments = Assignment.objects.filter(instruction_id=instruction.pk)
    return assignments.exists() and not assignments.open().exists()


def _close_instruction_if_executed(instruction_id: int, user: Any) -> None:
    # Locking the instruction serialises the last two acceptances: the second to get the
    # lock sees the first one's committed state, so exactly one of them closes it.
    instruction = Instruction.objects.select_for_update().get(pk=instruction_id)
    if instruction.state != Instruction.State.PUBLISHED or not instruction_executed(instruction):
        return
    instruction.state = Instruction.State.CLOSED
    instruction.save(update_fields=["state"])
    record(
        user,
        "instruction.closed",
        instruction,
        f"Поручение {instruction.code} исполнено всеми адресатами и снято с контроля",
        before={"state": Instruction.State.PUBLISHED},
        after={"state": Instruction.State.CLOSED},
    )
