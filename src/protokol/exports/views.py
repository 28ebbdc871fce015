"""Downloads and the upload of a filled file; every row comes from ``visible_to``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from protokol.accounts.http import AuthenticatedRequest
from protokol.core.clock import moscow_today
from protokol.core.downloads import content_disposition
from protokol.exports import roundtrip
from protokol.exports.csv import protocol_csv
from protokol.exports.spravka import (
    execution_report_docx,
    execution_report_filename,
    execution_report_pdf,
)
from protokol.exports.xlsx import protocol_summary_xlsx
from protokol.protocols.models import Protocol
from protokol.regions.models import Region

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _download(content: bytes | str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition(filename)
    return response


def _protocol(request: AuthenticatedRequest, pk: int) -> Protocol:
    return get_object_or_404(
        Protocol.objects.visible_to(request.user).exclude(state=Protocol.State.DRAFT), pk=pk
    )


def _stamp(protocol: Protocol) -> str:
    return f"protocol-{protocol.pk}-{moscow_today():%Y%m%d}"


@login_required
def protocol_xlsx(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    protocol = _protocol(request, pk)
    return _download(
        protocol_summary_xlsx(protocol, request.user), XLSX, f"{_stamp(protocol)}.xlsx"
    )


@login_required
def protocol_docx(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    protocol = _protocol(request, pk)
    return _download(
        execution_report_docx(protocol, request.user),
        DOCX,
        execution_report_filename(protocol, moscow_today(), "docx"),
    )


@login_required
def protocol_pdf(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    protocol = _protocol(request, pk)
    return _download(
        execution_report_pdf(protocol, request.user),
        "application/pdf",
        execution_report_filename(protocol, moscow_today(), "pdf"),
    )


@login_required
def protocol_csv_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    protocol = _protocol(request, pk)
    return _download(
        protocol_csv(protocol, request.user).encode("utf-8"),
        "text/csv; charset=utf-8",
        f"{_stamp(protocol)}.csv",
    )


@login_required
def region_items(request: AuthenticatedRequest, code: str) -> HttpResponse:
    region = get_object_or_404(Region.objects.visible_to(request.user), code=code)
    return _download(
        roundtrip.open_items_xlsx(region, request.user),
        XLSX,
        f"open-items-{region.code}-{moscow_today():%Y%m%d}.xlsx",
    )


@login_required
def region_upload(request: AuthenticatedRequest, code: str) -> HttpResponse:
    region = get_object_or_404(Region.objects.visible_to(request.user), code=code)
    # The region's operator, or a curator / administrator reporting on its behalf.
    if not request.user.submits_for(region):
        raise PermissionDenied("Загружать отчёты может оператор региона или куратор.")
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            errors, status = ["Выберите файл."], 400
        else:
            # The upload is read where it lies (memory or a temporary file): the budget
            # check looks at its size and zip directory before anything is unpacked.
            parsed = roundtrip.parse_upload(upload, region, request.user)
            try:
                applied = roundtrip.apply_upload(parsed, region, request.user)
            except roundtrip.UploadRefused as refusal:
                errors, status = refusal.errors, refusal.status
            else:
                messages.success(request, f"Отчёты направлены: {applied}.")
                return redirect("dashboards:region", code=region.code)
    return render(
        request, "exports/region_upload.html", {"region": region, "errors": errors}, status=status
    )
