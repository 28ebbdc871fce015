"""Publish and withdraw, the pre-publication summary, and a region's выписка: the pages
that reach past the protocols app.

The выписка prints the region's own due dates, which live with its assignments — above
the protocols app — so its download is here.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from protokol.accounts.http import AuthenticatedRequest
from protokol.assignments.deadlines import region_deadlines
from protokol.assignments.models import Assignment
from protokol.core.access import admin_required
from protokol.core.downloads import file_download
from protokol.protocols.forms import WithdrawForm
from protokol.protocols.models import Instruction, Protocol
from protokol.protocols.paperwork import EXTRACT_FORMATS, extract_document
from protokol.protocols.review import Blocker, PublicationRefused, ReviewError
from protokol.publication.forms import AcceptanceAnswers
from protokol.publication.models import PublicationRun
from protokol.publication.preview import publication_preview
from protokol.publication.publishing import (
    start_publication,
    withdraw_instruction,
    withdraw_protocol,
)
from protokol.regions.models import Region


@admin_required
def publication_summary(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """What publishing would send (GET); the reviewer's acceptances and one confirmation
    (POST) queue the publication, or the page comes back saying what still blocks it."""
    protocol = get_object_or_404(Protocol.objects.select_related("default_curator"), pk=pk)
    preview = publication_preview(protocol)
    answers = AcceptanceAnswers(request.POST if request.method == "POST" else None)
    refused: list[Blocker] | None = None
    if request.method == "POST":
        try:
            run = start_publication(protocol, request.user, answers.acceptances(), preview.planned)
        except PublicationRefused as refusal:
            refused = refusal.blockers
        else:
            return redirect("publication:run", pk=run.pk)
    context = {
        "protocol": protocol,
        "preview": preview,
        "rows": answers.rows(preview.blockers, refused),
        "kind_rows": answers.kind_rows(preview.kinds),
        "refused": refused,
        "must_fix": [b for b in preview.blockers if not b.acceptable],
    }
    return render(request, "publication/summary.html", context, status=422 if refused else 200)


@admin_required
def publication_run(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(PublicationRun.objects.select_related("protocol"), pk=pk)
    template = (
        "publication/_run.html" if request.headers.get("HX-Request") else "publication/run.html"
    )
    return render(request, template, {"run": run})


@admin_required
def protocol_withdraw(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Withdraw a whole published protocol: a confirmation page, then the POST with the reason."""
    protocol = get_object_or_404(Protocol, pk=pk)
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    on_control = protocol.instructions.filter(state=Instruction.State.PUBLISHED)
    if form.is_bound and form.is_valid():
        try:
            cancelled = withdraw_protocol(protocol, request.user, form.cleaned_data["reason"])
        except ReviewError as problem:
            messages.error(request, str(problem))
        else:
            messages.success(
                request, f"{protocol} отозван; отменено поручений регионам: {cancelled}."
            )
        return redirect("protocols:detail", pk=pk)
    context = {"protocol": protocol, "form": form, "on_control": on_control.count()}
    return render(
        request, "publication/withdraw.html", context, status=422 if form.is_bound else 200
    )


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
    """A region's extract of the latest version, DOCX or (``?format=pdf``) PDF, with the
    region's own due dates: ministry staff or that region only."""
    file_format = request.GET.get("format", "docx")
    if file_format not in EXTRACT_FORMATS:
        raise Http404("Выписка формируется в форматах DOCX и PDF.")
    region = get_object_or_404(Region.objects.visible_to(request.user), code=code)
    protocol = get_object_or_404(
        Protocol.objects.visible_to(request.user).filter(state=Protocol.State.PUBLISHED), pk=pk
    )
    version = protocol.versions.order_by("-number").first()
    if version is None:
        raise Http404
    deadlines = region_deadlines(Assignment.objects.for_extract(protocol.pk, region.code))
    document = extract_document(version, region, file_format, deadlines)
    return file_download(document.file.open("rb"), document.filename)
