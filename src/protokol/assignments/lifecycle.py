"""The execution life cycle of an assignment (DESIGN.md §4) as one explicit state machine.

Regions act (acknowledge, start, report, claim «не относится», ask for an extension);
curators decide (accept or return a report, approve or reject an extension). Views, the
API, tasks and the CLI all call these functions; none of them changes a state directly.

Every function that changes an assignment:

* locks its row (``select_for_update``) inside ``transaction.atomic()``, so two people
  acting at the same moment are serialised;
* refuses with ``ChangedMeanwhile`` when the caller passes the ``version`` its page
  showed and the row has moved on since (optimistic locking across the request gap);
* checks the move against ``TRANSITIONS`` and who may make it, refusing with a Russian
  message that says what is possible instead;
* bumps ``Assignment.version``, writes an audit event (before → after, with the region
  code so the region sees its own history) and queues notifications — after the state
  change and inside the transaction, so a rolled-back action tells nobody.

Reports are versioned (``Report.number`` = last + 1) and never overwritten; a decision is
recorded on the version it concerns.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from protokol.assignments import attachments
from protokol.assignments.answers import validate_answers
from protokol.assignments.errors import ActionForbidden, ChangedMeanwhile, TransitionRefused
from protokol.assignments.models import Assignment, Comment, ExtensionRequest, Report
from protokol.core.audit import record
from protokol.core.clock import moscow_today
from protokol.extraction.russian import format_date_ru
from protokol.notifications import events
from protokol.protocols.models import Instruction
from protokol.workcalendar.calendar import production_calendar

if TYPE_CHECKING:
    from protokol.accounts.models import User

__all__ = [
    "ACTION_LABELS",
    "CURATOR_ACTIONS",
    "OPERATOR_ACTIONS",
    "TRANSITIONS",
    "ActionForbidden",
    "ChangedMeanwhile",
    "TransitionRefused",
    "accept_report",
    "acknowledge",
    "add_comment",
    "allowed_actions",
    "bulk_accept",
    "decide_extension",
    "instruction_executed",
    "mark_not_applicable",
    "request_extension",
    "return_report",
    "start_work",
    "submit_report",
]

S = Assignment.State
# States in which the region still works on the assignment.
_WORKING = (S.ISSUED, S.ACKNOWLEDGED, S.IN_PROGRESS, S.RETURNED)

# THE transition table: action → {state it may be taken in: state it leads to}.
# An action absent for a state is refused. «Overdue» is not a state (derived from the
# due date); «cancelled» is set in bulk by ``issuing.sync_assignments`` when an
# instruction is withdrawn, and nothing leads out of it, nor out of accepted or
# not_applicable: a decision once taken is final (no reopening).
TRANSITIONS: dict[str, dict[str, str]] = {
    # Operator of the assignment's region.
    "acknowledge": {S.ISSUED: S.ACKNOWLEDGED},
    "start": {S.ISSUED: S.IN_PROGRESS, S.ACKNOWLEDGED: S.IN_PROGRESS, S.RETURNED: S.IN_PROGRESS},
    # A final report; from «issued» it implies the acknowledgement.
    "submit": dict.fromkeys(_WORKING, S.SUBMITTED),
    # An interim report is recorded and shown to the curator but never closes anything.
    "interim": {
        S.ISSUED: S.IN_PROGRESS,
        S.ACKNOWLEDGED: S.IN_PROGRESS,
        S.IN_PROGRESS: S.IN_PROGRESS,
        S.RETURNED: S.RETURNED,
    },
    # «Не относится к субъекту»: a report of its own kind, decided like a final report.
    "not_applicable": dict.fromkeys(_WORKING, S.SUBMITTED),
    "extension": {state: state for state in _WORKING},
    # Anyone concerned, while the assignment is not cancelled.
    "comment": {state: state for state in S.values if state != S.CANCELLED},
    # The instruction's curator or an administrator. ``accept`` of a «не относится»
    # report leads to not_applicable instead (see ``_ACCEPT_TARGET``).
    "accept": {S.SUBMITTED: S.ACCEPTED},
    "return": {S.SUBMITTED: S.RETURNED},
    "decide_extension": {state: state for state in (*_WORKING, S.SUBMITTED)},
}
_ACCEPT_TARGET = {
    Report.Kind.FINAL: S.ACCEPTED,
    Report.Kind.NOT_APPLICABLE: S.NOT_APPLICABLE,
}

OPERATOR_ACTIONS = (
    "acknowledge",
    "start",
    "submit",
    "interim",
    "not_applicable",
    "extension",
    "comment",
)
CURATOR_ACTIONS = ("accept", "return", "decide_extension", "comment")

ACTION_LABELS = {
    "acknowledge": "подтвердить получение",
    "start": "взять в работу",
    "submit": "направить отчёт",
    "interim": "направить промежуточный отчёт",
    "not_applicable": "сообщить, что поручение не относится к субъекту",
    "extension": "запросить перенос срока",
    "comment": "оставить комментарий",
    "accept": "принять отчёт",
    "return": "вернуть отчёт на доработку",
    "decide_extension": "рассмотреть запрос о переносе срока",
}

# Why an action is impossible in a state, from the point of view of the state.
_STATE_REASONS = {
    S.ACCEPTED: "Отчёт уже принят: изменить его нельзя, поручение снято с контроля.",
    S.NOT_APPLICABLE: "Поручение признано не относящимся к субъекту и снято с контроля.",
    S.CANCELLED: "Поручение отменено министерством: по нему ничего не принимается.",
    S.SUBMITTED: "Отчёт уже направлен и ожидает решения куратора.",
    S.ISSUED: "Отчёт ещё не направлен.",
    S.ACKNOWLEDGED: "Отчёт ещё не направлен.",
    S.IN_PROGRESS: "Отчёт ещё не направлен.",
    S.RETURNED: "Отчёт возвращён на доработку и ещё не направлен повторно.",
}
_ALREADY = {
    "acknowledge": "Получение поручения уже подтверждено.",
    "start": "Поручение уже в работе.",
}

TEXT_LIMIT = 20_000


def _today() -> dt.date:
    """Moscow's date; a function of its own so tests can put the clock where they need it."""
    return moscow_today()


# --- who may do what -------------------------------------------------------------------


# The rules themselves are the user's policy (``accounts.policy``); an anonymous visitor
# has none and may do nothing.


def _is_operator_of(assignment: Assignment, user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.reports_for(assignment.region_id)


def _decides(assignment: Assignment, user: Any) -> bool:
    """Only the issuer decides (DOMAIN.md §1): the instruction's curator, or an admin."""
    return bool(getattr(user, "is_authenticated", False)) and user.decides(assignment.instruction)


def _check_operator(assignment: Assignment, user: Any) -> None:
    if not _is_operator_of(assignment, user):
        if getattr(user, "is_ministry", False):
            raise ActionForbidden(
                "Отчитываться по поручению может только оператор субъекта РФ, которому оно "
                "направлено; сотрудник министерства может оставить комментарий или принять "
                "решение по направленному отчёту."
            )
        raise ActionForbidden(
            "Отчитываться по поручению может только оператор субъекта РФ, которому оно направлено."
        )


def _check_decider(assignment: Assignment, user: Any) -> None:
    if not _decides(assignment, user):
        raise ActionForbidden(
            f"Решение по поручению {assignment.instruction.code} принимает его куратор "
            "или администратор министерства."
        )


# --- the machine -----------------------------------------------------------------------


def _locked(assignment: Assignment | int) -> Assignment:
    """The assignment's row, re-read under a lock (only the row: ``of=self`` keeps the
    joined instruction and curator free, and PostgreSQL refuses to lock a nullable join)."""
    pk = assignment if isinstance(assignment, int) else assignment.pk
    locked: Assignment = (
        Assignment.objects.select_for_update(of=("self",))
        .select_related("instruction__protocol", "instruction__curator", "region")
        .get(pk=pk)
    )
    return locked


def _check_version(assignment: Assignment, version: int | None) -> None:
    if version is not None and int(version) != assignment.version:
        raise ChangedMeanwhile(
            "Поручение изменено другим пользователем: обновите страницу — сейчас его "
            f"состояние «{assignment.get_state_display()}» — и повторите действие."
        )


def _target(action: str, assignment: Assignment, side: tuple[str, ...]) -> str:
    """The state ``action`` leads to from the current one, or a refusal saying what is
    possible instead (among the actions of the same side: operator or curator)."""
    state = assignment.state
    target = TRANSITIONS[action].get(state)
    if target is not None:
        return target
    reason = _ALREADY.get(action) if state in _WORKING else None
    reason = reason or _STATE_REASONS[S(state)]
    possible = [
        ACTION_LABELS[name]
        for name in side
        if name != action and state in TRANSITIONS[name] and name != "decide_extension"
    ]
    if possible:
        reason += " Сейчас можно: " + "; ".join(possible) + "."
    raise TransitionRefused(reason)


def _move(assignment: Assignment, target: str, *, fields: Sequence[str] = ()) -> str:
    """Set the new state and bump the version; returns the state before."""
    before = assignment.state
    assignment.state = target
    assignment.version += 1
    assignment.save(update_fields=["state", "version", "updated_at", *fields])
    return before


def _audit(
    user: Any,
    verb: str,
    assignment: Assignment,
    summary: str,
    before_state: str,
    **after: Any,
) -> None:
    on_behalf = (
        " (от имени региона)" if getattr(user, "region_id", None) != assignment.region_id else ""
    )
    record(
        user,
        f"assignment.{verb}",
        assignment,
        f"{summary}{on_behalf}: поручение {assignment.instruction.code}, {assignment.region.name}",
        before={"state": before_state},
        after={"state": assignment.state, "version": assignment.version, **after},
        region_code=assignment.region_id,
    )


# A curator (or an administrator) may enter a region's report on its behalf — a region that
# answered by letter, or a filled Excel file the curator uploads for it (issue 7).
ON_BEHALF_ACTIONS = frozenset({"submit", "interim"})


def _operator_step(
    assignment: Assignment, user: Any, action: str, version: int | None
) -> tuple[Assignment, str]:
    """Lock, check who, check version, check the table: the common start of a region's action."""
    locked = _locked(assignment)
    if not (action in ON_BEHALF_ACTIONS and _decides(locked, user)):
        _check_operator(locked, user)
    _check_version(locked, version)
    return locked, _target(action, locked, OPERATOR_ACTIONS)


# --- the region's actions --------------------------------------------------------------


def acknowledge(assignment: Assignment, user: User, *, version: int | None = None) -> Assignment:
    """The region confirms it has received the assignment."""
    with transaction.atomic():
        assignment, target = _operator_step(assignment, user, "acknowledge", version)
        assignment.acknowledged_at = assignment.acknowledged_at or timezone.now()
        before = _move(assignment, target, fields=["acknowledged_at"])
        _audit(user, "acknowledged", assignment, "Получение подтверждено", before)
    return assignment


def start_work(assignment: Assignment, user: User, *, version: int | None = None) -> Assignment:
    """The region takes the assignment in hand (from «issued» this acknowledges it too)."""
    with transaction.atomic():
        assignment, target = _operator_step(assignment, user, "start", version)
        assignment.acknowledged_at = assignment.acknowledged_at or timezone.now()
        before = _move(assignment, target, fields=["acknowledged_at"])
        _audit(user, "started", assignment, "Взято в работу", before)
    return assignment


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
    # Files are read and checked before the row lock: a slow upload never holds it.
    checked = attachments.check_uploads(list(files))
    with transaction.atomic():
        assignment, target = _operator_step(assignment, user, action, version)
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
        attachments.store(report, checked)
        if assignment.state == S.ISSUED:
            assignment.acknowledged_at = timezone.now()  # reporting implies receipt
        before = _move(assignment, target, fields=["acknowledged_at"])
        _audit(
            user,
            "interim_report" if action == "interim" else "report_submitted",
            assignment,
            f"Направлен {report.get_kind_display()} (версия {report.number})",
            before,
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
        assignment, target = _operator_step(assignment, user, "not_applicable", version)
        report = _new_report(
            assignment, user, kind=Report.Kind.NOT_APPLICABLE, text=justification, answers={}
        )
        if assignment.state == S.ISSUED:
            assignment.acknowledged_at = timezone.now()
        before = _move(assignment, target, fields=["acknowledged_at"])
        _audit(
            user,
            "not_applicable_claimed",
            assignment,
            f"Направлена отметка «не относится» (версия {report.number})",
            before,
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
        assignment, _ = _operator_step(assignment, user, "extension", version)
        instruction = assignment.instruction
        if instruction.is_recommendation:
            raise TransitionRefused(
                "Это рекомендация: она не обязывает отчитываться к сроку, перенос не нужен. "
                "Можно направить отчёт или оставить комментарий."
            )
        if assignment.due_date is None:
            raise TransitionRefused("У поручения нет срока: переносить нечего.")
        if assignment.extension_requests.filter(
            decision=ExtensionRequest.Decision.PENDING
        ).exists():
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
        before = _move(assignment, assignment.state)
        _audit(
            user,
            "extension_requested",
            assignment,
            f"Запрошен перенос срока на {format_date_ru(new_date)}"
            + (" (исключительный случай)" if request.exceptional else ""),
            before,
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
    if new_date <= due:
        raise TransitionRefused(f"Новый срок должен быть позже текущего ({format_date_ru(due)}).")
    if new_date < _today():
        raise TransitionRefused("Новый срок не может быть в прошлом.")
    moved = production_calendar().previous_working_day(new_date)
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


def add_comment(assignment: Assignment, user: User, text: str) -> Comment:
    """A remark between the region and its curator. Not a transition: the version is left
    alone, so a comment never makes a colleague's open page stale."""
    text = (text or "").strip()
    if not text:
        raise TransitionRefused("Комментарий пуст.")
    if len(text) > TEXT_LIMIT:
        raise TransitionRefused(f"Комментарий длиннее {TEXT_LIMIT} знаков.")
    assignment = Assignment.objects.select_related("instruction", "region").get(pk=assignment.pk)
    if not (_is_operator_of(assignment, user) or _decides(assignment, user)):
        raise ActionForbidden(
            "Комментировать поручение могут оператор субъекта РФ, которому оно направлено, "
            "его куратор и администраторы министерства."
        )
    _target("comment", assignment, ("comment",))
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
    assignment = _locked(report.assignment_id)
    _check_decider(assignment, user)
    _check_version(assignment, version)
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
    target = _target(action, assignment, CURATOR_ACTIONS)
    if action == "accept":
        target = _ACCEPT_TARGET[Report.Kind(report.kind)]
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
        before = _move(assignment, target, fields=["closed_at", "next_reminder_at"])
        _close_pending_extensions(assignment, user)
        _audit(
            user,
            "report_accepted",
            assignment,
            f"Принят {report.get_kind_display()} (версия {report.number})",
            before,
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
        before = _move(assignment, target)
        _audit(
            user,
            "report_returned",
            assignment,
            f"Возвращён на доработку {report.get_kind_display()} (версия {report.number})",
            before,
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


def decide_extension(
    request: ExtensionRequest,
    user: User,
    *,
    approve: bool,
    comment: str = "",
    version: int | None = None,
) -> ExtensionRequest:
    """Approve (the due date moves to ``requested_date``, or the working day before it)
    or reject an extension request."""
    comment = (comment or "").strip()
    with transaction.atomic():
        assignment = _locked(request.assignment_id)
        _check_decider(assignment, user)
        _check_version(assignment, version)
        request = ExtensionRequest.objects.get(pk=request.pk)
        if request.decision != ExtensionRequest.Decision.PENDING:
            raise TransitionRefused(
                f"По этому запросу решение уже принято («{request.get_decision_display()}»)."
            )
        if approve:
            _target("decide_extension", assignment, CURATOR_ACTIONS)
        previous_due = assignment.due_date
        request.decision = (
            ExtensionRequest.Decision.APPROVED if approve else ExtensionRequest.Decision.REJECTED
        )
        request.decision_comment = comment
        request.decided_by = user
        request.decided_at = timezone.now()
        request.save(update_fields=["decision", "decision_comment", "decided_by", "decided_at"])
        if approve:
            # DOMAIN.md §1: a date on a non-working day moves back, not forward.
            assignment.due_date = production_calendar().previous_working_day(request.requested_date)
            # Reminders are planned from the due date: the planner recomputes this.
            assignment.next_reminder_at = None
        before = _move(assignment, assignment.state, fields=["due_date", "next_reminder_at"])
        _audit(
            user,
            "extension_approved" if approve else "extension_rejected",
            assignment,
            (
                f"Перенос срока согласован: {format_date_ru(assignment.due_date)}"
                if approve and assignment.due_date
                else f"Перенос срока на {format_date_ru(request.requested_date)} отклонён"
            ),
            before,
            due_date_before=previous_due.isoformat() if previous_due else None,
            due_date=assignment.due_date.isoformat() if assignment.due_date else None,
            comment=comment,
        )
        request.assignment = assignment
        events.extension_decided(request)
    return request


def _close_pending_extensions(assignment: Assignment, user: Any) -> None:
    """An accepted assignment needs no new date: a request still pending is settled."""
    assignment.extension_requests.filter(decision=ExtensionRequest.Decision.PENDING).update(
        decision=ExtensionRequest.Decision.REJECTED,
        decision_comment="Поручение снято с контроля: перенос срока не требуется.",
        decided_by=user,
        decided_at=timezone.now(),
    )


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


# --- what the page may offer ------------------------------------------------------------


def allowed_actions(assignment: Assignment, user: Any) -> frozenset[str]:
    """The actions the UI may offer ``user`` on ``assignment`` now (the functions above
    check again: this only decides which buttons to show). Needs ``instruction``;
    uses prefetched ``extension_requests`` when present."""
    state = assignment.state
    allowed: set[str] = set()
    if _is_operator_of(assignment, user):
        allowed.update(name for name in OPERATOR_ACTIONS if state in TRANSITIONS[name])
        if "extension" in allowed and (
            assignment.instruction.is_recommendation
            or assignment.due_date is None
            or _has_pending_extension(assignment)
        ):
            allowed.discard("extension")
    elif _decides(assignment, user):
        allowed.update(
            name
            for name in (*CURATOR_ACTIONS, *ON_BEHALF_ACTIONS)
            if state in TRANSITIONS[name] and name != "decide_extension"
        )
        if state in TRANSITIONS["decide_extension"] and _has_pending_extension(assignment):
            allowed.add("decide_extension")
    return frozenset(allowed)


def _has_pending_extension(assignment: Assignment) -> bool:
    prefetched = getattr(assignment, "_prefetched_objects_cache", {}).get("extension_requests")
    if prefetched is not None:
        return any(r.decision == ExtensionRequest.Decision.PENDING for r in prefetched)
    return assignment.extension_requests.filter(decision=ExtensionRequest.Decision.PENDING).exists()
