"""Reports: submitted by the region (with files and structured answers), decided by the
curator. Report versions are never overwritten; a new submission adds the next one."""

# No `from __future__ import annotations`: ninja reads the parameter types at run time.
from collections.abc import Callable
from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from ninja import File, Form, Router, Status, UploadedFile
from ninja.pagination import paginate

from protokol.api.common import (
    ObjectId,
    RegionCode,
    Text,
    caller,
    get_or_404,
    if_match_version,
    lifecycle_errors,
    with_etag,
)
from protokol.api.errors import READ_ERRORS, WRITE_ERRORS, ApiError
from protokol.api.pagination import Pages
from protokol.api.routes.assignments import scoped_assignment
from protokol.api.schemas import CommentIn, ReportOut, ReturnIn
from protokol.assignments import reporting
from protokol.assignments.models import Report, ReportFile
from protokol.core import bounded_json
from protokol.core.downloads import file_download

router = Router(tags=["Отчёты"])

ReportKind = Literal["final", "interim", "not_applicable"]
SubmittedKind = Literal["final", "interim"]
Decision = Literal["accepted", "returned", "pending"]


def visible_reports(request: HttpRequest) -> Any:
    return (
        Report.objects.visible_to(caller(request))
        .select_related("submitted_by")
        .prefetch_related("files")
    )


@router.get("/reports", response={200: list[ReportOut], **READ_ERRORS}, summary="Отчёты")
@paginate(Pages)
def list_reports(
    request: HttpRequest,
    assignment: ObjectId | None = None,
    protocol: ObjectId | None = None,
    region: RegionCode | None = None,
    kind: ReportKind | None = None,
    decision: Decision | None = None,
) -> Any:
    reports = visible_reports(request)
    if assignment is not None:
        reports = reports.filter(assignment_id=assignment)
    if protocol is not None:
        reports = reports.filter(assignment__instruction__protocol_id=protocol)
    if region:
        reports = reports.filter(assignment__region_id=region)
    if kind:
        reports = reports.filter(kind=kind)
    if decision:
        reports = reports.filter(decision="" if decision == "pending" else decision)
    return reports.order_by("-submitted_at", "-id")


@router.get("/reports/{report_id}", response={200: ReportOut, **READ_ERRORS}, summary="Отчёт")
def get_report(request: HttpRequest, report_id: ObjectId) -> Any:
    return get_or_404(visible_reports(request), pk=report_id)


def _answers(raw: str) -> dict[str, Any]:
    if not raw.strip():
        return {}
    try:
        answers = bounded_json.loads(raw)
    except bounded_json.JsonTooDeep as error:
        raise ApiError(422, "validation", f"Поле «answers»: {error}") from error
    except ValueError as error:
        raise ApiError(
            422, "validation", 'Поле «answers» должно быть объектом JSON: {"ключ": значение}.'
        ) from error
    if not isinstance(answers, dict):
        raise ApiError(422, "validation", "Поле «answers» должно быть объектом JSON.")
    return answers


@router.post(
    "/assignments/{assignment_id}/reports",
    response={201: ReportOut, **WRITE_ERRORS},
    summary="Направить отчёт (multipart: текст, ответы по форме, файлы)",
    description="Заголовок If-Match — версия исполнения (ETag из GET /assignments/{id}); "
    "если запись изменилась, ответ 412. Поле answers — объект JSON с ключами формы отчёта.",
)
def submit_report(
    request: HttpRequest,
    assignment_id: ObjectId,
    response: HttpResponse,
    # ninja's idiom for optional form fields (the Annotated form loses the default).
    text: Text = Form(""),  # noqa: B008
    kind: SubmittedKind = Form("final"),  # noqa: B008
    answers: Text = Form(""),  # noqa: B008
    files: File[list[UploadedFile]] = None,  # type: ignore[assignment]
) -> Any:
    user = caller(request)
    assignment = scoped_assignment(request, assignment_id)
    parsed = _answers(answers)
    with lifecycle_errors():
        report = reporting.submit_report(
            assignment,
            user,
            text=text,
            answers=parsed,
            files=list(files or ()),
            kind=kind,
            version=if_match_version(request),
        )
    assignment.refresh_from_db(fields=["version"])
    with_etag(response, assignment.version)
    return Status(201, get_or_404(visible_reports(request), pk=report.pk))


@router.get(
    "/reports/{report_id}/files/{file_id}",
    response={200: Any, **READ_ERRORS},
    summary="Файл отчёта",
    openapi_extra={
        "responses": {
            200: {
                "description": "Содержимое файла",
                "content": {"*/*": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def report_file(request: HttpRequest, report_id: ObjectId, file_id: ObjectId) -> Any:
    report = get_or_404(visible_reports(request), pk=report_id)
    attachment = get_or_404(
        ReportFile.objects.visible_to(caller(request)).filter(report=report), pk=file_id
    )
    return file_download(
        attachment.file.open("rb"),
        attachment.filename,
        content_type=attachment.content_type or "application/octet-stream",
    )


def _decide(
    request: HttpRequest,
    report_id: ObjectId,
    response: HttpResponse,
    action: Callable[..., Any],
    **kw: Any,
) -> Report:
    user = caller(request)
    report = get_or_404(visible_reports(request), pk=report_id)
    # Deciding changes the assignment: the same If-Match rule as the region's writes,
    # checked by the life cycle under the row lock (as the web desk's hidden version is).
    with lifecycle_errors():
        action(report, user, version=if_match_version(request), **kw)
    report = get_or_404(visible_reports(request).select_related("assignment"), pk=report_id)
    with_etag(response, report.assignment.version)
    return report


@router.post(
    "/reports/{report_id}/accept",
    response={200: ReportOut, **WRITE_ERRORS},
    summary="Принять отчёт (куратор)",
)
def accept_report(
    request: HttpRequest, report_id: ObjectId, payload: CommentIn, response: HttpResponse
) -> Any:
    return _decide(request, report_id, response, reporting.accept_report, comment=payload.comment)


@router.post(
    "/reports/{report_id}/return",
    response={200: ReportOut, **WRITE_ERRORS},
    summary="Вернуть отчёт на доработку (куратор)",
)
def return_report(
    request: HttpRequest, report_id: ObjectId, payload: ReturnIn, response: HttpResponse
) -> Any:
    return _decide(request, report_id, response, reporting.return_report, comment=payload.comment)
