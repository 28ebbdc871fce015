"""Assignments (one instruction for one region) and the region's actions on them.

Every write carries the assignment's ``version``: the ETag of ``GET /assignments/{id}``.
Sent back in ``If-Match``, a stale value is refused with 412 instead of overwriting
someone else's change.
"""

# No `from __future__ import annotations`: ninja reads the parameter types at run time.
import datetime as dt
from collections.abc import Callable
from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from ninja import Router, Status
from ninja.pagination import paginate

from protokol.api.common import (
    ObjectId,
    RegionCode,
    caller,
    get_or_404,
    if_match_version,
    lifecycle_errors,
    with_etag,
)
from protokol.api.errors import READ_ERRORS, WRITE_ERRORS
from protokol.api.pagination import Pages
from protokol.api.schemas import (
    AssignmentOut,
    CommentCreateIn,
    CommentOut,
    ExtensionIn,
    ExtensionRequestOut,
    NotApplicableIn,
)
from protokol.assignments import extensions, lifecycle, reporting
from protokol.assignments.models import Assignment, Comment
from protokol.core.clock import moscow_today

router = Router(tags=["Исполнение поручений"])

AssignmentState = Literal[
    "issued",
    "acknowledged",
    "in_progress",
    "submitted",
    "returned",
    "accepted",
    "not_applicable",
    "cancelled",
]


def visible_assignments(request: HttpRequest) -> Any:
    return (
        Assignment.objects.visible_to(caller(request))
        .select_related("instruction")
        .prefetch_related("extension_requests")
    )


def scoped_assignment(request: HttpRequest, assignment_id: ObjectId) -> Assignment:
    return get_or_404(visible_assignments(request), pk=assignment_id)


@router.get(
    "/assignments",
    response={200: list[AssignmentOut], **READ_ERRORS},
    summary="Исполнение поручений регионами",
    description="Фильтры: состояние, срок (с — по, включительно), субъект РФ, протокол, "
    "поручение, просроченные (overdue=true) или нет (overdue=false) на сегодня по "
    "московскому времени.",
)
@paginate(Pages)
def list_assignments(
    request: HttpRequest,
    state: AssignmentState | None = None,
    due_from: dt.date | None = None,
    due_to: dt.date | None = None,
    region: RegionCode | None = None,
    protocol: ObjectId | None = None,
    instruction: ObjectId | None = None,
    overdue: bool | None = None,
) -> Any:
    assignments = visible_assignments(request)
    if overdue is not None:
        late = assignments.overdue(moscow_today())
        assignments = late if overdue else assignments.exclude(pk__in=late.values("pk"))
    if state:
        assignments = assignments.filter(state=state)
    if due_from:
        assignments = assignments.filter(due_date__gte=due_from)
    if due_to:
        assignments = assignments.filter(due_date__lte=due_to)
    if region:
        assignments = assignments.filter(region_id=region)
    if protocol is not None:
        assignments = assignments.filter(instruction__protocol_id=protocol)
    if instruction is not None:
        assignments = assignments.filter(instruction_id=instruction)
    return assignments.order_by("due_date", "instruction_id", "region_id", "period", "id")


@router.get(
    "/assignments/{assignment_id}",
    response={200: AssignmentOut, **READ_ERRORS},
    summary="Исполнение поручения (ETag — версия записи)",
)
def get_assignment(request: HttpRequest, assignment_id: ObjectId, response: HttpResponse) -> Any:
    assignment = scoped_assignment(request, assignment_id)
    with_etag(response, assignment.version)
    return assignment


def _transition(
    request: HttpRequest,
    assignment_id: ObjectId,
    response: HttpResponse,
    action: Callable[..., Any],
    **kwargs: Any,
) -> Assignment:
    user = caller(request)
    assignment = scoped_assignment(request, assignment_id)
    with lifecycle_errors():
        action(assignment, user, version=if_match_version(request), **kwargs)
    assignment = scoped_assignment(request, assignment_id)
    with_etag(response, assignment.version)
    return assignment


@router.post(
    "/assignments/{assignment_id}/acknowledge",
    response={200: AssignmentOut, **WRITE_ERRORS},
    summary="Подтвердить получение",
)
def acknowledge(request: HttpRequest, assignment_id: ObjectId, response: HttpResponse) -> Any:
    return _transition(request, assignment_id, response, lifecycle.acknowledge)


@router.post(
    "/assignments/{assignment_id}/start",
    response={200: AssignmentOut, **WRITE_ERRORS},
    summary="Взять в работу",
)
def start_work(request: HttpRequest, assignment_id: ObjectId, response: HttpResponse) -> Any:
    return _transition(request, assignment_id, response, lifecycle.start_work)


@router.post(
    "/assignments/{assignment_id}/not-applicable",
    response={200: AssignmentOut, **WRITE_ERRORS},
    summary="Заявить, что поручение не относится к субъекту РФ",
)
def not_applicable(
    request: HttpRequest, assignment_id: ObjectId, payload: NotApplicableIn, response: HttpResponse
) -> Any:
    return _transition(
        request,
        assignment_id,
        response,
        reporting.mark_not_applicable,
        justification=payload.justification,
    )


@router.get(
    "/assignments/{assignment_id}/comments",
    response={200: list[CommentOut], **READ_ERRORS},
    summary="Переписка по поручению",
)
def list_comments(request: HttpRequest, assignment_id: ObjectId) -> Any:
    assignment = scoped_assignment(request, assignment_id)
    return (
        Comment.objects.visible_to(caller(request))
        .filter(assignment=assignment)
        .select_related("author")
    )


@router.post(
    "/assignments/{assignment_id}/comments",
    response={201: CommentOut, **WRITE_ERRORS},
    summary="Написать комментарий",
)
def add_comment(request: HttpRequest, assignment_id: ObjectId, payload: CommentCreateIn) -> Any:
    assignment = scoped_assignment(request, assignment_id)
    with lifecycle_errors():
        comment = reporting.add_comment(assignment, caller(request), payload.text)
    return Status(201, comment)


@router.post(
    "/assignments/{assignment_id}/extension-requests",
    response={201: ExtensionRequestOut, **WRITE_ERRORS},
    summary="Запросить перенос срока",
)
def request_extension(
    request: HttpRequest, assignment_id: ObjectId, payload: ExtensionIn, response: HttpResponse
) -> Any:
    user = caller(request)
    assignment = scoped_assignment(request, assignment_id)
    with lifecycle_errors():
        extension = extensions.request_extension(
            assignment,
            user,
            new_date=payload.new_date,
            reason=payload.reason,
            version=if_match_version(request),
        )
    assignment.refresh_from_db(fields=["version"])
    with_etag(response, assignment.version)
    return Status(201, extension)
