"""What the execution life cycle tells people; called by ``assignments.reporting``
and ``assignments.extensions``.

Each function queues in-app notifications (and e-mail, sent by the notification worker)
for the people concerned: the region's operators or the instruction's curator.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from protokol.accounts.models import User
from protokol.extraction.russian import end_sentence, format_date_ru
from protokol.notifications.models import Notification
from protokol.notifications.queueing import dispatch

if TYPE_CHECKING:
    from protokol.assignments.models import Assignment, ExtensionRequest, Report


def _operators(assignment: Assignment) -> Iterable[User]:
    return User.objects.operators_of([assignment.region_id])


def _curators(assignment: Assignment) -> Iterable[User]:
    curator = assignment.instruction.curator
    if curator is not None and curator.is_active:
        return [curator]
    return User.objects.administrators()


def _queue(
    users: Iterable[User], kind: str, assignment: Assignment, subject: str, body: str
) -> None:
    dispatch(
        [
            Notification(
                recipient=user,
                kind=kind,
                subject=subject[:300],
                body=body,
                protocol_id=assignment.instruction.protocol_id,
                region_id=assignment.region_id,
                assignment=assignment,
            )
            for user in users
        ]
    )


def _label(assignment: Assignment) -> str:
    return f"поручение {assignment.instruction.code} ({assignment.region.name})"


def report_submitted(report: Report) -> None:
    assignment = report.assignment
    _queue(
        _curators(assignment),
        Notification.Kind.SUBMITTED,
        assignment,
        f"Поступил отчёт: {_label(assignment)}",
        f"{assignment.region.name} направил(а) {report.get_kind_display()} (версия {report.number}) "
        f"по поручению {assignment.instruction.code}.",
    )


def report_decided(report: Report) -> None:
    assignment = report.assignment
    accepted = report.decision == report.Decision.ACCEPTED
    comment = (
        f"\nКомментарий куратора: {report.decision_comment}" if report.decision_comment else ""
    )
    _queue(
        _operators(assignment),
        Notification.Kind.ACCEPTED if accepted else Notification.Kind.RETURNED,
        assignment,
        f"Отчёт {'принят' if accepted else 'возвращён на доработку'}: {_label(assignment)}",
        f"Отчёт (версия {report.number}) по поручению {assignment.instruction.code} "
        f"{'принят' if accepted else 'возвращён на доработку'}.{comment}",
    )


def extension_requested(request: ExtensionRequest) -> None:
    assignment = request.assignment
    _queue(
        _curators(assignment),
        Notification.Kind.EXTENSION_REQUESTED,
        assignment,
        f"Запрошен перенос срока: {_label(assignment)}",
        end_sentence(
            f"{assignment.region.name} просит перенести срок на "
            f"{format_date_ru(request.requested_date)}"
        )
        + f"\nОбоснование: {request.reason}",
    )


def extension_decided(request: ExtensionRequest) -> None:
    assignment = request.assignment
    approved = request.decision == request.Decision.APPROVED
    _queue(
        _operators(assignment),
        Notification.Kind.EXTENSION_DECIDED,
        assignment,
        f"Перенос срока {'согласован' if approved else 'отклонён'}: {_label(assignment)}",
        f"Запрос о переносе срока на {format_date_ru(request.requested_date)} "
        f"{'согласован' if approved else 'отклонён'}"
        + (f": {request.outcome}." if request.outcome else ".")
        + (f"\nКомментарий: {request.decision_comment}" if request.decision_comment else ""),
    )
