"""Publish, withdraw and a region's выписка: what reaches past the protocols app.

The выписка prints the region's own due dates, which live with its assignments — above
the protocols app — so its download is here.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from protokol.accounts.http import AuthenticatedRequest
from protokol.assignments.deadlines import region_deadlines
from protokol.core.access import admin_required
from protokol.protocols.forms import WithdrawForm
from protokol.protocols.models import Instruction, Protocol
from protokol.protocols.paperwork import extract_document
from protokol.protocols.review import PublicationRefused
from protokol.publication.publishing import publish, withdraw_instruction
from protokol.regions.models import Region


@admin_required
@require_POST
def publish_protocol(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    protocol = get_object_or_404(Protocol, pk=pk)
    try:
        publication = publish(protocol, request.user)
    except PublicationRefused as refused:
        for problem in refused.problems:
            messages.error(request, problem)
        return redirect("protocols:review", pk=pk)
    if publication.unchanged:
        messages.info(request, "Изменений нет: протокол уже опубликован в этой редакции.")
    else:
        messages.success(
            request,
            f"Опубликована версия {publication.version.number}: направлено поручений регионам — "
            f"{len(publication.issued.created)}, уведомлений — {publication.notified}.",
        )
    return redirect("protocols:detail", pk=pk)


@admin_required
@require_POST
def instruction_withdraw(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    instruction = get_object_or_404(Instruction, pk=pk)
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Укажите основание отзыва поручения.")
    else:
        cancelled = withdraw_instruction(instruction, request.user, form.cleaned_data["reason"])
        messages.success(request, f"Поручение {instruction.code} отозвано; отменено: {cancelled}.")
    return redirect("protocols:detail", pk=instruction.protocol_id)


@login_required
def extract_download(request: AuthenticatedRequest, pk: int, code: str) -> FileResponse:
    """A region's extract of the latest version: ministry staff or that region only."""
    region = get_object_or_404(Region.objects.visible_to(request.user), code=code)
    protocol = get_object_or_404(
        Protocol.objects.visible_to(request.user).filter(state=Protocol.State.PUBLISHED), pk=pk
    )
    version = protocol.versions.order_by("-number").first()
    if version is None:
        raise Http404
    document = extract_document(version, region, region_deadlines(protocol.pk, region.code))
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=document.filename)
