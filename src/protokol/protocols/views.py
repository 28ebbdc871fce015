"""Thin views over the import, review and publishing services."""

from __future__ import annotations

import copy
from itertools import groupby
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from protokol.accounts.http import AuthenticatedRequest
from protokol.core.access import admin_required, ministry_required
from protokol.core.downloads import file_download
from protokol.core.params import int_param
from protokol.protocols import corrections, review
from protokol.protocols.forms import (
    InstructionForm,
    ProtocolForm,
    UploadForm,
    WarningDecisionForm,
    WithdrawForm,
    curator_choices,
)
from protokol.protocols.importing import start_import
from protokol.protocols.models import (
    GeneratedDocument,
    ImportJob,
    Instruction,
    Protocol,
    ReviewWarning,
    SourceDocument,
)
from protokol.protocols.report_template import TEMPLATE_PRESETS, template_from_post
from protokol.protocols.review import publication_blockers
from protokol.protocols.source_text import highlighted_source
from protokol.regions.models import Region


@login_required
def protocol_list(request: AuthenticatedRequest) -> HttpResponse:
    protocols = Protocol.objects.visible_to(request.user)
    if not request.user.is_ministry:
        protocols = protocols.filter(state=Protocol.State.PUBLISHED)
    jobs = (
        ImportJob.objects.select_related("protocol").prefetch_related("sources")[:10]
        if request.user.is_ministry
        else []
    )
    return render(request, "protocols/protocol_list.html", {"protocols": protocols, "jobs": jobs})


@admin_required
def import_upload(request: AuthenticatedRequest) -> HttpResponse:
    form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
    if form.is_bound and form.is_valid():
        job = start_import(form.cleaned_data["files"], request.user)
        return redirect("protocols:import_job", pk=job.pk)
    return render(request, "protocols/import_upload.html", {"form": form})


@admin_required
def import_job(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(ImportJob.objects.prefetch_related("sources"), pk=pk)
    template = (
        "protocols/_import_job.html"
        if request.headers.get("HX-Request")
        else "protocols/import_job.html"
    )
    return render(request, template, {"job": job})


def _region_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Regions grouped by federal district, for the addressee picker."""
    regions = sorted(
        Region.objects.all(), key=lambda r: (r.district is None, r.district_label, r.name)
    )
    return [
        (label, [(r.code, r.name) for r in items])
        for label, items in groupby(regions, key=lambda r: r.district_label)
    ]


def _instruction_form(
    instruction: Instruction,
    data: Any = None,
    *,
    regions: list[tuple[str, list[tuple[str, str]]]] | None = None,
    curators: list[tuple[int | str, str]] | None = None,
) -> InstructionForm:
    """The instruction's card as corrected, with what its corrections change. Needs
    ``section`` selected and ``regions`` prefetched."""
    return InstructionForm(
        data,
        instance=corrections.shown(instruction),
        prefix=f"i{instruction.pk}",
        region_choices=_region_choices() if regions is None else regions,
        curator_choices=curator_choices() if curators is None else curators,
        unpublished=corrections.unpublished_changes(instruction),
    )


def _instruction_forms(protocol: Protocol) -> list[InstructionForm]:
    regions, curators = _region_choices(), curator_choices()
    instructions = protocol.instructions.select_related("section").prefetch_related("regions")
    return [_instruction_form(i, regions=regions, curators=curators) for i in instructions]


def _unpublished(protocol: Protocol, forms: list[InstructionForm]) -> list[str]:
    """What of a published protocol the regions do not have yet: the corrected
    requisites and instructions, and the instructions added since."""
    if protocol.is_draft:
        return []
    added = [
        f"{form.instance.code} (новое)"
        for form in forms
        if form.instance.state == Instruction.State.DRAFT
    ]
    return (
        (["реквизиты"] if protocol.pending else [])
        + [form.instance.code for form in forms if form.unpublished]
        + added
    )


def _unaddressed(blockers: list[review.Blocker]) -> list[str]:
    """Codes of the mandatory instructions that name nobody to execute them.

    Taken from the blocking list, i.e. from the instructions as they stand, not from
    extraction's warnings: a dismissed ``no_addressee`` warning or a reviewer's edit must
    not make the page report no doubts.
    """
    return [
        blocker.instruction.code
        for blocker in blockers
        if blocker.code == "no_addressee"
        and blocker.instruction is not None
        and not blocker.instruction.is_recommendation
    ]


@ministry_required
def review_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    protocol = get_object_or_404(Protocol, pk=pk)
    warnings = list(protocol.warnings.all())
    instruction_forms = _instruction_forms(protocol)
    unpublished = _unpublished(protocol, instruction_forms)
    # With corrections waiting, judged on the protocol as it would be published.
    blockers = (
        corrections.judged_as_corrected(protocol, publication_blockers)
        if unpublished
        else publication_blockers(protocol)
    )
    context = {
        "protocol": protocol,
        "protocol_form": ProtocolForm(instance=corrections.shown(protocol), prefix="p"),
        "requisites_unpublished": corrections.unpublished_changes(protocol),
        "instruction_forms": instruction_forms,
        "unpublished": unpublished,
        "unaddressed": _unaddressed(blockers),
        "warnings": warnings,
        "open_warnings": sum(w.status == ReviewWarning.Status.OPEN for w in warnings),
        "source": highlighted_source(protocol),
        "blockers": blockers,
        "can_edit": request.user.administers_protocols,
    }
    return render(request, "protocols/review.html", context)


@admin_required
@require_POST
def protocol_save(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    protocol = get_object_or_404(Protocol, pk=pk)
    form = ProtocolForm(request.POST, instance=corrections.shown(protocol), prefix="p")
    saved = form.is_valid() and review.update_protocol(
        protocol, form.changed_values(), request.user
    )
    protocol.refresh_from_db()
    context = {
        "protocol": protocol,
        "protocol_form": form,
        "requisites_unpublished": corrections.unpublished_changes(protocol),
        "saved": saved,
        "can_edit": True,
    }
    return render(
        request, "protocols/_protocol_form.html", context, status=200 if form.is_valid() else 422
    )


@admin_required
@require_POST
def instruction_save(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    instructions = Instruction.objects.select_related("section", "protocol")
    instruction = get_object_or_404(instructions.prefetch_related("regions"), pk=pk)
    form = _instruction_form(instruction, request.POST)
    saved, error = False, ""
    if form.is_valid():
        try:
            saved = review.update_instruction(
                instruction, form.changed_values(), form.changed_regions(), request.user
            )
        except review.ReviewError as problem:
            error = str(problem)
    if saved:
        saved_now = instructions.prefetch_related("regions").get(pk=pk)
        form.unpublished = corrections.unpublished_changes(saved_now)
    context = {
        "form": form,
        "protocol": instruction.protocol,
        "saved": saved,
        "error": error,
        "can_edit": True,
    }
    return render(
        request,
        "protocols/_instruction_form.html",
        context,
        status=200 if form.is_valid() and not error else 422,
    )


@admin_required
@require_POST
def instruction_change(request: AuthenticatedRequest, pk: int, operation: str) -> HttpResponse:
    """Structural edits (add, split, merge, move, delete): the whole page reloads after."""
    instruction = get_object_or_404(
        Instruction.objects.select_related("protocol", "section"), pk=pk
    )
    protocol = instruction.protocol
    anchor: int | None = instruction.pk
    try:
        if operation == "add":
            anchor = review.add_instruction(
                protocol, instruction.section, request.user, after=instruction
            ).pk
        elif operation == "split":
            at = int_param(request.POST.get("at"), name="at", default=0)
            anchor = review.split_instruction(instruction, at, request.user).pk
        elif operation == "merge":
            following = (
                protocol.instructions.filter(position__gt=instruction.position)
                .order_by("position")
                .first()
            )
            if following is None:
                raise review.ReviewError("Это последнее поручение: объединять не с чем.")
            review.merge_instructions(instruction, following, request.user)
        elif operation in {"up", "down"}:
            review.move_instruction(instruction, -1 if operation == "up" else 1, request.user)
        elif operation == "delete":
            review.delete_instruction(instruction, request.user)
            anchor = None
        elif operation == "discard":
            corrections.discard(protocol, request.user, instruction)
        else:
            raise Http404
    except review.ReviewError as problem:
        messages.error(request, str(problem))
    url = reverse("protocols:review", kwargs={"pk": protocol.pk})
    return redirect(f"{url}#instruction-{anchor}" if anchor else url)


@admin_required
@require_POST
def discard_corrections(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """«Отменить изменения»: the published protocol back to what the regions have."""
    protocol = get_object_or_404(Protocol, pk=pk)
    if corrections.discard(protocol, request.user):
        messages.success(request, "Неопубликованные изменения отменены.")
    return redirect("protocols:review", pk=pk)


@admin_required
@require_POST
def warning_decide(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    warning = get_object_or_404(ReviewWarning, pk=pk)
    form = WarningDecisionForm(request.POST)
    if form.is_valid():
        try:
            review.decide_warning(
                warning, form.cleaned_data["status"], form.cleaned_data["note"], request.user
            )
        except review.ReviewError as problem:
            messages.error(request, str(problem))
    return redirect(reverse("protocols:review", kwargs={"pk": warning.protocol_id}) + "#warnings")


@admin_required
@require_POST
def default_terms(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    protocol = get_object_or_404(Protocol, pk=pk)
    try:
        count = review.apply_default_terms(protocol, request.user)
        messages.success(request, f"Срок по умолчанию установлен для поручений: {count}.")
    except review.ReviewError as problem:
        messages.error(request, str(problem))
    return redirect("protocols:review", pk=pk)


@admin_required
def protocol_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Delete a draft with its source files: a confirmation page, then the POST."""
    protocol = get_object_or_404(Protocol, pk=pk)
    error = ""
    if request.method == "POST":
        try:
            deleted = review.delete_draft(protocol, request.user)
        except review.ReviewError as problem:
            error = str(problem)
        else:
            files = f" и файлы: {', '.join(deleted)}" if deleted else ""
            messages.success(request, f"Удалён черновик {protocol}{files}.")
            return redirect("protocols:list")
    context = {"protocol": protocol, "sources": protocol.sources.all(), "error": error}
    return render(request, "protocols/protocol_delete.html", context, status=422 if error else 200)


@login_required
def protocol_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    protocol = get_object_or_404(Protocol.objects.visible_to(request.user), pk=pk)
    instructions = Instruction.objects.visible_to(request.user).filter(protocol=protocol)
    version = protocol.versions.order_by("-number").first()
    context = {
        "protocol": protocol,
        "instructions": instructions.select_related("section", "curator").prefetch_related(
            "regions"
        ),
        "versions": protocol.versions.order_by("-number") if request.user.is_ministry else [],
        "letters": version.documents.filter(region=None) if version else [],
        "withdraw_form": WithdrawForm(),
        "can_edit": request.user.administers_protocols,
    }
    return render(request, "protocols/protocol_detail.html", context)


@login_required
def letter_download(request: AuthenticatedRequest, pk: int) -> FileResponse:
    """The cover letter of a published version, for anyone who sees the protocol."""
    document = get_object_or_404(
        GeneratedDocument.objects.visible_to(request.user).filter(region=None), pk=pk
    )
    return file_download(document.file.open("rb"), document.filename)


@ministry_required
def source_download(request: AuthenticatedRequest, pk: int) -> FileResponse:
    source = get_object_or_404(SourceDocument, pk=pk)
    return file_download(source.file.open("rb"), source.filename)


@admin_required
@require_POST
def report_template_save(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The form regions fill in when reporting: a ready-made one or the edited field list."""
    instruction = corrections.shown(get_object_or_404(Instruction, pk=pk))
    if request.POST.get("apply_preset"):
        preset = TEMPLATE_PRESETS.get(request.POST.get("preset", ""))
        template = copy.deepcopy(preset["fields"]) if preset else None
    elif request.POST.get("clear"):
        template = []
    else:
        template = template_from_post(request.POST, instruction.report_template or [])
    if template is None:
        messages.error(request, "Выберите готовую форму отчёта из списка.")
    else:
        try:
            changed = review.set_report_template(instruction, template, request.user)
        except review.ReviewError as problem:
            messages.error(request, f"Форма отчёта {instruction.code} не сохранена: {problem}")
        else:
            messages.success(
                request,
                f"Форма отчёта {instruction.code} сохранена."
                if changed
                else f"Форма отчёта {instruction.code} не изменилась.",
            )
    url = reverse("protocols:review", kwargs={"pk": instruction.protocol_id})
    return redirect(f"{url}#instruction-{instruction.pk}")
