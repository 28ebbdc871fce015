"""Extension requests, the audit trail and the caller's own notifications."""

# No `from __future__ import annotations`: ninja reads the parameter types at run time.
import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Router
from ninja.pagination import paginate

from protokol.api.common import (
    ObjectId,
    RegionCode,
    Word,
    caller,
    get_or_404,
    if_match_version,
    lifecycle_errors,
    with_etag,
)
from protokol.api.errors import READ_ERRORS, WRITE_ERRORS
from protokol.api.pagination import Pages
from protokol.api.schemas import DecisionIn, EventOut, ExtensionRequestOut, NotificationOut
from protokol.assignments import extensions
from protokol.assignments.models import ExtensionRequest
from protokol.core.models import Event
from protokol.notifications.models import Notification

router = Router()

ExtensionDecision = Literal["pending", "approved", "rejected"]


def visible_extensions(request: HttpRequest) -> Any:
    return ExtensionRequest.objects.visible_to(caller(request))


@router.get(
    "/extension-requests",
    response={200: list[ExtensionRequestOut], **READ_ERRORS},
    summary="Запросы на перенос срока",
    tags=["Перенос срока"],
)
@paginate(Pages)
def list_extension_requests(
    request: HttpRequest,
    decision: ExtensionDecision | None = None,
    assignment: ObjectId | None = None,
    region: RegionCode | None = None,
    protocol: ObjectId | None = None,
) -> Any:
    requests = visible_extensions(request)
    if decision:
        requests = requests.filter(decision=decision)
    if assignment is not None:
        requests = requests.filter(assignment_id=assignment)
    if region:
        requests = requests.filter(assignment__region_id=region)
    if protocol is not None:
        requests = requests.filter(assignment__instruction__protocol_id=protocol)
    return requests.order_by("-requested_at", "-id")


@router.get(
    "/extension-requests/{request_id}",
    response={200: ExtensionRequestOut, **READ_ERRORS},
    summary="Запрос на перенос срока",
    tags=["Перенос срока"],
)
def get_extension_request(request: HttpRequest, request_id: ObjectId) -> Any:
    return get_or_404(visible_extensions(request), pk=request_id)


@router.post(
    "/extension-requests/{request_id}/decision",
    response={200: ExtensionRequestOut, **WRITE_ERRORS},
    summary="Решение о переносе срока (куратор)",
    tags=["Перенос срока"],
)
def decide_extension(
    request: HttpRequest, request_id: ObjectId, payload: DecisionIn, response: HttpResponse
) -> Any:
    user = caller(request)
    extension = get_or_404(visible_extensions(request), pk=request_id)
    with lifecycle_errors():
        extensions.decide_extension(
            extension,
            user,
            approve=payload.approve,
            comment=payload.comment,
            version=if_match_version(request),
        )
    extension = get_or_404(visible_extensions(request).select_related("assignment"), pk=request_id)
    with_etag(response, extension.assignment.version)
    return extension


@router.get(
    "/events",
    response={200: list[EventOut], **READ_ERRORS},
    summary="Журнал событий",
    description="Оператор видит события своего субъекта РФ; министерство — все.",
    tags=["Журнал"],
)
@paginate(Pages)
def list_events(
    request: HttpRequest,
    object_type: Word | None = None,
    object_id: Word | None = None,
    region: RegionCode | None = None,
    since: dt.date | None = None,
) -> Any:
    events = Event.objects.visible_to(caller(request)).select_related("actor")
    if object_type:
        events = events.filter(object_type=object_type)
    if object_id:
        events = events.filter(object_id=object_id)
    if region:
        events = events.filter(region_code=region)
    if since:
        events = events.filter(created_at__date__gte=since)
    return events.order_by("-created_at", "-id")


def my_notifications(request: HttpRequest) -> Any:
    # Personal, not regional: a notification is shown to its recipient only.
    return Notification.objects.for_recipient(caller(request))


@router.get(
    "/notifications",
    response={200: list[NotificationOut], **READ_ERRORS},
    summary="Мои уведомления",
    tags=["Уведомления"],
)
@paginate(Pages)
def list_notifications(request: HttpRequest, unread: bool | None = None) -> Any:
    notifications = my_notifications(request)
    if unread is not None:
        notifications = notifications.filter(read_at__isnull=unread)
    return notifications.order_by("-created_at", "-id")


@router.post(
    "/notifications/{notification_id}/read",
    response={200: NotificationOut, **WRITE_ERRORS},
    summary="Отметить уведомление прочитанным",
    tags=["Уведомления"],
)
def mark_read(request: HttpRequest, notification_id: ObjectId) -> Any:
    notification = get_or_404(my_notifications(request), pk=notification_id)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification
