"""Thin views over the import, review and publishing services."""

from __future__ import annotations

import copy
from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from protokol.accounts.http import AuthenticatedRequest
from protokol.core.access import admin_required, ministry_required
from protokol.protocols import review
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
from protokol.protocols.review import publication_problems
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


def _instruction_forms(protocol: Protocol) -> list[InstructionForm]:
    regions, curators = _region_choices(), curator_choices()
    instructions = protocol.instructions.select_related("section").prefetch_related("regions")
    return [
        InstructionForm(
            instance=i, prefix=f"i{i.pk}", region_choices=regions, curator_choices=curators
        )
        for i in instructions
    ]


def _unaddressed(forms: list[InstructionForm]) -> list[str]:
    """Codes of the mandatory instructions that name nobody to execute them.

    Counted from the instructions as they stand, not from extraction's warnings: a dismissed
    ``no_addressee`` warning or a reviewer's edit must not make the page report no doubts.
    """
    return [
        form.instance.code
        for form in forms
        if not form.instance.is_recommendation
        and form.instance.state != Instruction.State.WITHDRAWN
        and not (form.instance.all_regions or form.instance.others or form.instance.condition)
        and not form.instance.regions.all()
    ]


@ministry_required
def review_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    protocol = get_object_or_404(Protocol, pk=pk)
    warnings = list(protocol.warnings.all())
    instruction_forms = _instruction_forms(protocol)
    context = {
        "protocol": protocol,
        "protocol_form": ProtocolForm(instance=protocol, prefix="p"),
        "instruction_forms": instruction_forms,
        "unaddressed": _unaddressed(instruction_forms),
        "warnings": warnings,
        "open_warnings": sum(w.status == ReviewWarning.Status.OPEN for w in warnings),
        "source": highlighted_source(protocol),
        "problems": publication_problems(protocol),
        "can_edit": request.user.administers_protocols,
    }
    return render(request, "protocols/review.html", context)


@admin_required
@require_POST
def protocol_save(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    protocol = get_object_or_404(Protocol, pk=pk)
    form = ProtocolForm(request.POST, instance=Protocol.objects.get(pk=pk), prefix="p")
    saved = form.is_valid() and review.update_protocol(
        protocol, form.changed_values(), request.user
    )
    return render(
        request, "protocols/_protocol_form.html",
        {"protocol": protocol, "protocol_form": form, "saved": saved, "can_edit": True},
        status=200 if form.is_valid() else 422,
    )  # fmt: skip


@admin_required
@require_POST
def instruction_save(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    instruction = get_object_or_404(Instruction.objects.prefetch_related("regions"), pk=pk)
    form = InstructionForm(
        request.POST,
        instance=Instruction.objects.get(pk=pk),
        prefix=f"i{pk}",
        region_choices=_region_choices(),
        curator_choices=curator_choices(),
    )
    saved, error = False, ""
    if form.is_valid():
        try:
            saved = review.update_instruction(
                instruction, form.changed_values(), form.changed_regions(), request.user
            )
        except review.ReviewError as problem:
            error = str(problem)
    context = {"form": form, "saved": saved, "error": error, "can_edit": True}
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
            anchor = review.split_instruction(
                instruction, int(request.POST.get("at", "0")), request.user
            ).pk
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
        else:
            raise Http404
    except (review.ReviewError, ValueError) as problem:
        messages.error(request, str(problem))
    url = reverse("protocols:review", kwargs={"pk": protocol.pk})
    return redirect(f"{url}#instruction-{anchor}" if anchor else url)


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
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=document.filename)


@ministry_required
def source_download(request: AuthenticatedRequest, pk: int) -> FileResponse:
    source = get_object_or_404(SourceDocument, pk=pk)
    return FileResponse(source.file.open("rb"), as_attachment=True, filename=source.filename)


@admin_required
@require_POST
def report_template_save(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The form regions fill in when reporting: a ready-made one or the edited field list."""
    instruction = get_object_or_404(Instruction, pk=pk)
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
