"""The execution life cycle of an assignment (DESIGN.md §4) as one explicit state machine.

Regions act (acknowledge, start, report, claim «не относится», ask for an extension);
curators decide (accept or return a report, approve or reject an extension). Views, the
API, tasks and the CLI all call the life-cycle functions; none of them changes a state
directly.

The machine lives in three modules, one concern each:

* this one — THE transition table (``TRANSITIONS``: which action leads from which state
  to which, and who may take it), ``allowed_actions`` for the page, the checks and steps
  every move shares, and the two moves that only change the state (``acknowledge``,
  ``start_work``);
* ``assignments.reporting`` — reports (final, interim, «не относится»), the curator's
  decision on them (accept, return, bulk accept), comments, and the closing of the
  instruction once every assignment is executed;
* ``assignments.extensions`` — requests to move the due date and their decision.

The other two build on the helpers here and this module never imports them back.

Every function that changes an assignment:

* locks its row (``lock_assignment``: ``select_for_update``) inside
  ``transaction.atomic()``, so two people acting at the same moment are serialised;
* refuses with ``ChangedMeanwhile`` when the caller passes the ``version`` its page
  showed and the row has moved on since (``check_version``: optimistic locking across the
  request gap);
* checks the move against ``TRANSITIONS`` and who may make it (``target_state``,
  ``operator_step``, ``check_decider``), refusing with a Russian message that says what
  is possible instead;
* bumps ``Assignment.version`` (``move_to``), writes an audit event (``audit_assignment``:
  before → after, with the region code so the region sees its own history) and queues
  notifications — after the state change and inside the transaction, so a rolled-back
  action tells nobody.

Reports are versioned (``Report.number`` = last + 1) and never overwritten; a decision is
recorded on the version it concerns.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from protokol.assignments.errors import ActionForbidden, ChangedMeanwhile, TransitionRefused
from protokol.assignments.models import Assignment, ExtensionRequest, Report
from protokol.core.audit import record

if TYPE_CHECKING:
    from protokol.accounts.models import User

__all__ = [
    "ACCEPT_TARGET",
    "ACTION_LABELS",
    "CURATOR_ACTIONS",
    "ON_BEHALF_ACTIONS",
    "OPERATOR_ACTIONS",
    "TRANSITIONS",
    "ActionForbidden",
    "ChangedMeanwhile",
    "TransitionRefused",
    "acknowledge",
    "allowed_actions",
    "audit_assignment",
    "check_decider",
    "check_version",
    "has_pending_extension",
    "is_decider_of",
    "is_operator_of",
    "lock_assignment",
    "move_to",
    "operator_step",
    "start_work",
    "target_state",
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
    # report leads to not_applicable instead (see ``ACCEPT_TARGET``).
    "accept": {S.SUBMITTED: S.ACCEPTED},
    "return": {S.SUBMITTED: S.RETURNED},
    "decide_extension": {state: state for state in (*_WORKING, S.SUBMITTED)},
}
ACCEPT_TARGET = {
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


# A curator (or an administrator) may enter a region's report on its behalf — a region that
# answered by letter, or a filled Excel file the curator uploads for it (issue 7).
ON_BEHALF_ACTIONS = frozenset({"submit", "interim"})


# --- who may do what -------------------------------------------------------------------


# The rules themselves are the user's policy (``accounts.policy``); an anonymous visitor
# has none and may do nothing.


def is_operator_of(assignment: Assignment, user: Any) -> bool:
    """``user`` reports for the assignment's region."""
    return bool(getattr(user, "is_authenticated", False)) and user.reports_for(assignment.region_id)


def is_decider_of(assignment: Assignment, user: Any) -> bool:
    """``user`` decides on the assignment's instruction (its curator or an administrator)."""
    return bool(getattr(user, "is_authenticated", False)) and user.decides(assignment.instruction)


def _check_operator(assignment: Assignment, user: Any) -> None:
    if not is_operator_of(assignment, user):
        if getattr(user, "is_ministry", False):
            raise ActionForbidden(
                "Отчитываться по поручению может только оператор субъекта РФ, которому оно "
                "направлено; сотрудник министерства может оставить комментарий или принять "
                "решение по направленному отчёту."
            )
        raise ActionForbidden(
            "Отчитываться по поручению может только оператор субъекта РФ, которому оно направлено."
        )


def check_decider(assignment: Assignment, user: Any) -> None:
    """Refuse unless ``user`` decides on the assignment (``is_decider_of``)."""
    if not is_decider_of(assignment, user):
        raise ActionForbidden(
            f"Решение по поручению {assignment.instruction.code} принимает его куратор "
            "или администратор министерства."
        )


# --- the machine -----------------------------------------------------------------------


def lock_assignment(assignment: Assignment | int) -> Assignment:
    """The assignment's row, re-read under a lock (only the row: ``of=self`` keeps the
    joined instruction and curator free, and PostgreSQL refuses to lock a nullable join)."""
    pk = assignment if isinstance(assignment, int) else assignment.pk
    locked: Assignment = (
        Assignment.objects.select_for_update(of=("self",))
        .select_related("instruction__protocol", "instruction__curator", "region")
        .get(pk=pk)
    )
    return locked


def check_version(assignment: Assignment, version: int | None) -> None:
    """Refuse with ``ChangedMeanwhile`` when the page's ``version`` is no longer the row's."""
    if version is not None and int(version) != assignment.version:
        raise ChangedMeanwhile(
            "Поручение изменено другим пользователем: обновите страницу — сейчас его "
            f"состояние «{assignment.get_state_display()}» — и повторите действие."
        )


def target_state(action: str, assignment: Assignment, side: tuple[str, ...]) -> str:
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


def move_to(assignment: Assignment, target: str, *, fields: Sequence[str] = ()) -> str:
    """Set the new state and bump the version; returns the state before."""
    before = assignment.state
    assignment.state = target
    assignment.version += 1
    assignment.save(update_fields=["state", "version", "updated_at", *fields])
    return before


def audit_assignment(
    user: Any,
    verb: str,
    assignment: Assignment,
    summary: str,
    before_state: str,
    *,
    region_act: bool,
    **after: Any,
) -> None:
    """The audit event of a move (``assignment.<verb>``), in the region's history.

    ``region_act`` says whose act the move is: the region's (a report, a request) or the
    ministry's own (accepting, returning, deciding an extension). Only a region's act done
    by somebody who is not of that region is marked «от имени региона»: a curator's decision
    is the curator's, never the region's."""
    on_behalf = (
        " (от имени региона)"
        if region_act and getattr(user, "region_id", None) != assignment.region_id
        else ""
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


def operator_step(
    assignment: Assignment, user: Any, action: str, version: int | None
) -> tuple[Assignment, str]:
    """Lock, check who, check version, check the table: the common start of a region's
    action; returns the locked row and the state the action leads to."""
    locked = lock_assignment(assignment)
    if not (action in ON_BEHALF_ACTIONS and is_decider_of(locked, user)):
        _check_operator(locked, user)
    check_version(locked, version)
    return locked, target_state(action, locked, OPERATOR_ACTIONS)


def has_pending_extension(assignment: Assignment) -> bool:
    """A request to move the due date awaits the curator (one at a time); uses prefetched
    ``extension_requests`` when present."""
    prefetched = getattr(assignment, "_prefetched_objects_cache", {}).get("extension_requests")
    if prefetched is not None:
        return any(r.decision == ExtensionRequest.Decision.PENDING for r in prefetched)
    return assignment.extension_requests.filter(decision=ExtensionRequest.Decision.PENDING).exists()


# --- the region's moves that only change the state ---------------------------------------


def acknowledge(assignment: Assignment, user: User, *, version: int | None = None) -> Assignment:
    """The region confirms it has received the assignment."""
    with transaction.atomic():
        assignment, target = operator_step(assignment, user, "acknowledge", version)
        assignment.acknowledged_at = assignment.acknowledged_at or timezone.now()
        before = move_to(assignment, target, fields=["acknowledged_at"])
        audit_assignment(
            user, "acknowledged", assignment, "Получение подтверждено", before, region_act=True
        )
    return assignment


def start_work(assignment: Assignment, user: User, *, version: int | None = None) -> Assignment:
    """The region takes the assignment in hand (from «issued» this acknowledges it too)."""
    with transaction.atomic():
        assignment, target = operator_step(assignment, user, "start", version)
        assignment.acknowledged_at = assignment.acknowledged_at or timezone.now()
        before = move_to(assignment, target, fields=["acknowledged_at"])
        audit_assignment(user, "started", assignment, "Взято в работу", before, region_act=True)
    return assignment


# --- what the page may offer ------------------------------------------------------------


def allowed_actions(assignment: Assignment, user: Any) -> frozenset[str]:
    """The actions the UI may offer ``user`` on ``assignment`` now (the life-cycle
    functions check again: this only decides which buttons to show). Needs
    ``instruction``; uses prefetched ``extension_requests`` when present."""
    state = assignment.state
    allowed: set[str] = set()
    if is_operator_of(assignment, user):
        allowed.update(name for name in OPERATOR_ACTIONS if state in TRANSITIONS[name])
        if "extension" in allowed and (
            assignment.instruction.is_recommendation
            or assignment.due_date is None
            or has_pending_extension(assignment)
        ):
            allowed.discard("extension")
    elif is_decider_of(assignment, user):
        allowed.update(
            name
            for name in (*CURATOR_ACTIONS, *ON_BEHALF_ACTIONS)
            if state in TRANSITIONS[name] and name != "decide_extension"
        )
        if state in TRANSITIONS["decide_extension"] and has_pending_extension(assignment):
            allowed.add("decide_extension")
    return frozenset(allowed)
