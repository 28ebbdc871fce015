"""Thin views of execution: the operator's home, the assignment page, the curator's desk.

Every queryset starts from ``visible_to(request.user)`` (region isolation); every change
goes through the life cycle (``lifecycle``, ``reporting``, ``extensions``), whose refusals
are shown as they are worded.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from protokol.accounts.http import AuthenticatedRequest
from protokol.assignments import extensions, lifecycle, reporting
from protokol.assignments.answers import AnswersInvalid
from protokol.assignments.deadlines import granted_due, urgency, working_days_left
from protokol.assignments.desk import curator_queue, pending_extensions
from protokol.assignments.due import deadline_source, moved_note
from protokol.assignments.forms import (
    CommentForm,
    DecisionForm,
    ExtensionDecisionForm,
    ExtensionForm,
    NotApplicableForm,
    ReportForm,
    VersionedForm,
)
from protokol.assignments.models import (
    Assignment,
    ExtensionRequest,
    Report,
    ReportFile,
)
from protokol.assignments.presentation import (
    days_phrase,
    history,
    identical_groups,
    urgency_groups,
)
from protokol.core.access import ministry_required
from protokol.core.clock import moscow_today
from protokol.core.downloads import file_download
from protokol.core.params import id_list_param, id_param, page_param, safe_next, text_param
from protokol.extraction.workdays import ProductionCalendar
from protokol.organizations.models import Organization
from protokol.protocols.models import Instruction, Protocol
from protokol.regions.models import Region
from protokol.workcalendar.calendar import production_calendar

# A region accumulates thousands of closed assignments over the years: the home lists
# every open one (up to a ceiling) and only the latest closed ones unless filtered.
# Open assignments are shown a page at a time, nearest due date first: a region owes a few
# thousand a year at national scale, and rendering them all took most of a second.
OPEN_PAGE = 100
DONE_LIMIT = 50
DESK_LIMIT = 300


# --- operator's home ------------------------------------------------------------------


@login_required
def home(request: AuthenticatedRequest) -> HttpResponse:
    """All of the region's assignments across protocols, grouped by urgency."""
    user = request.user
    visible = Assignment.objects.visible_to(user)
    params = request.GET
    query = text_param(params.get("q"), name="q", max_length=200)
    filtered = visible.search(query)
    if (protocol_id := id_param(params.get("protocol"), name="protocol")) is not None:
        filtered = filtered.filter(instruction__protocol_id=protocol_id)
    # A state or kind not in the list (a hand-edited address) is ignored; numbers and
    # text are read by core.params, which refuses what cannot be one (400).
    state = params.get("state", "") if params.get("state") in Assignment.State.values else ""
    kind = params.get("kind", "") if params.get("kind") in Instruction.Kind.values else ""
    if state:
        filtered = filtered.filter(state=state)
    if kind:
        filtered = filtered.filter(instruction__kind=kind)
    region_code = text_param(params.get("region"), name="region", max_length=10)
    region_code = region_code if user.sees_all_regions else ""
    if region_code:
        filtered = filtered.filter(region_id=region_code)

    today, calendar = moscow_today(), production_calendar()
    listing = filtered.with_listing_data()
    page = page_param(params.get("page"))
    offset = (page - 1) * OPEN_PAGE
    open_rows = list(listing.open().by_due_date()[offset : offset + OPEN_PAGE + 1])
    # Closed ones follow the open ones, once: on the first page.
    done_rows = (
        list(listing.closed().order_by("-closed_at", "-updated_at", "-pk")[:DONE_LIMIT])
        if page == 1
        else []
    )
    has_next = len(open_rows) > OPEN_PAGE
    groups = urgency_groups([*open_rows[:OPEN_PAGE], *done_rows], today, calendar)
    context = {
        "groups": groups,
        "total": sum(len(g.rows) for g in groups),
        "page": page,
        "next_page": page + 1 if has_next else None,
        "previous_page": page - 1 if page > 1 else None,
        "first_shown": offset + 1,
        "last_shown": offset + min(len(open_rows), OPEN_PAGE),
        "protocols": Protocol.objects.visible_to(user)
        .filter(state=Protocol.State.PUBLISHED)
        .only("pk", "number", "date"),
        "regions": Region.objects.only("code", "name") if user.sees_all_regions else [],
        "states": Assignment.State.choices,
        "kinds": Instruction.Kind.choices,
        "filters": {
            "q": query,
            "protocol": str(protocol_id or ""),
            "state": state,
            "kind": kind,
            "region": region_code,
        },
        "done_truncated": len(done_rows) == DONE_LIMIT,
    }
    return render(request, "assignments/home.html", context)


# --- assignment page ------------------------------------------------------------------

# URL slug → (allowed_actions key, form class). The report kinds share one form.
OPERATOR_ACTIONS: dict[str, tuple[str, type[Any]]] = {
    "acknowledge": ("acknowledge", VersionedForm),
    "start": ("start", VersionedForm),
    "submit": ("submit", ReportForm),
    "interim": ("interim", ReportForm),
    "not-applicable": ("not_applicable", NotApplicableForm),
    "extension": ("extension", ExtensionForm),
    "comment": ("comment", CommentForm),
}


def _visible_assignment(request: AuthenticatedRequest, pk: int) -> Assignment:
    return get_object_or_404(
        Assignment.objects.visible_to(request.user).select_related(
            "instruction__protocol", "instruction__curator", "instruction__section", "region"
        ),
        pk=pk,
    )


@login_required
def detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    assignment = _visible_assignment(request, pk)
    return render(request, "assignments/detail.html", _detail_context(request, assignment))


def _detail_context(
    request: AuthenticatedRequest, assignment: Assignment, bound: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Everything the assignment page shows; ``bound`` replaces blank forms with the
    ones the user submitted, so a refused action keeps what was typed."""
    user, bound = request.user, bound or {}
    instruction, protocol = assignment.instruction, assignment.instruction.protocol
    today, calendar = moscow_today(), production_calendar()
    reports = list(
        assignment.reports.select_related("submitted_by", "decided_by")
        .prefetch_related("files")
        .order_by("-number")
    )
    extensions = list(
        assignment.extension_requests.select_related("requested_by", "decided_by").order_by(
            "requested_at", "pk"
        )
    )
    comments = list(assignment.comments.select_related("author"))
    allowed = lifecycle.allowed_actions(assignment, user)
    version = {"version": assignment.version}
    latest = reports[0] if reports else None
    previous = latest.answers if latest and latest.kind != Report.Kind.NOT_APPLICABLE else None
    template = instruction.report_template or []
    forms = {
        "acknowledge": VersionedForm(initial=version),
        "start": VersionedForm(initial=version),
        "submit": ReportForm(
            initial={**version, "text": latest.text if latest else ""},
            template=template,
            previous=previous,
        ),
        "interim": ReportForm(initial=version, template=template, prefix="interim"),
        "not_applicable": NotApplicableForm(initial=version),
        "extension": ExtensionForm(initial=version),
        "comment": CommentForm(),
        "decision": DecisionForm(initial=version),
        "extension_decision": ExtensionDecisionForm(initial=version),
    }
    forms.update(bound)
    pending = [
        (e, _approval_note(e, calendar))
        for e in extensions
        if e.decision == ExtensionRequest.Decision.PENDING
    ]
    level = urgency(assignment, today, calendar)
    source = ""
    if instruction.span_start is not None and instruction.span_end is not None:
        source = protocol.text[instruction.span_start : instruction.span_end]
    return {
        "assignment": assignment,
        "instruction": instruction,
        "protocol": protocol,
        "source": source,
        "due": assignment.due,
        "due_source": deadline_source(instruction),
        "authority": Organization.objects.regional_authorities()
        .filter(region_id=assignment.region_id)
        .first(),
        "urgency": level,
        "days_phrase": days_phrase(
            level, working_days_left(assignment, today, calendar) if level != "done" else None
        ),
        "reports": reports,
        "decidable": latest
        if latest and not latest.decision and latest.kind != Report.Kind.INTERIM
        else None,
        "extensions": extensions,
        "pending_extensions": pending,
        "history": history(user, assignment, reports, extensions, comments),
        "allowed": allowed,
        # The comment box sits under the history; «Действия» lists the rest.
        "has_actions": bool(allowed - {"comment"}),
        "forms": forms,
    }


def _approval_note(extension: ExtensionRequest, calendar: ProductionCalendar) -> str:
    """What approving a pending request would give, when its day is not a working one."""
    requested = extension.requested_date
    return moved_note(requested, granted_due(requested, calendar), pending=True)


@login_required
@require_POST
def act(request: AuthenticatedRequest, pk: int, action: str) -> HttpResponse:
    """An operator's (or anyone's, for comments) action on the assignment page."""
    if action not in OPERATOR_ACTIONS:
        raise Http404
    assignment = _visible_assignment(request, pk)
    key, form_class = OPERATOR_ACTIONS[action]
    kwargs: dict[str, Any] = {}
    if form_class is ReportForm:
        kwargs["template"] = assignment.instruction.report_template or []
        if key == "interim":
            kwargs["prefix"] = "interim"
    form = form_class(request.POST, request.FILES, **kwargs)
    if not form.is_valid():
        messages.error(request, "Проверьте заполнение формы.")
        return _refused_page(request, assignment, key, form, status=422)
    data = form.cleaned_data
    user, version = request.user, data.get("version")
    try:
        if key == "acknowledge":
            lifecycle.acknowledge(assignment, user, version=version)
            done = "Получение поручения подтверждено."
        elif key == "start":
            lifecycle.start_work(assignment, user, version=version)
            done = "Поручение взято в работу."
        elif key in {"submit", "interim"}:
            report = reporting.submit_report(
                assignment,
                user,
                text=data["text"],
                answers=form.answers(),
                files=data["files"],
                kind=Report.Kind.INTERIM if key == "interim" else Report.Kind.FINAL,
                version=version,
            )
            done = f"{report.get_kind_display().capitalize()} направлен (версия {report.number})."
        elif key == "not_applicable":
            reporting.mark_not_applicable(
                assignment, user, justification=data["justification"], version=version
            )
            done = "Отметка «не относится» направлена куратору."
        elif key == "extension":
            extensions.request_extension(
                assignment, user, new_date=data["new_date"], reason=data["reason"], version=version
            )
            done = "Запрос на перенос срока направлен."
        else:
            reporting.add_comment(assignment, user, data["text"])
            done = "Комментарий добавлен."
    except AnswersInvalid as invalid:
        form.show_answer_errors(invalid.errors)
        messages.error(request, invalid.message)
        return _refused_page(request, assignment, key, form, status=422)
    except lifecycle.TransitionRefused as refused:
        messages.error(request, refused.message)
        return _refused_page(request, assignment, key, form, status=_status(refused))
    messages.success(request, done)
    return redirect("assignments:detail", pk=assignment.pk)


def _status(refused: lifecycle.TransitionRefused) -> int:
    """The page's status for a refusal: not allowed 403, changed meanwhile 409, else 422."""
    if isinstance(refused, lifecycle.ActionForbidden):
        return 403
    if isinstance(refused, lifecycle.ChangedMeanwhile):
        return 409
    return 422


def _refused_page(
    request: AuthenticatedRequest, assignment: Assignment, key: str, form: Any, *, status: int
) -> HttpResponse:
    """The assignment page as it is now, with the submitted form kept as typed.

    The hidden version is moved to the current one: the user has now seen the change
    and may deliberately submit again (uploaded files must be chosen again — browsers
    never re-send them)."""
    assignment = _visible_assignment(request, assignment.pk)
    if "version" in form.fields and form.is_bound:
        data = form.data.copy() if isinstance(form.data, QueryDict) else dict(form.data)
        data[form.add_prefix("version")] = str(assignment.version)
        form.data = data
    context = _detail_context(request, assignment, bound={key: form})
    context["open_form"] = key
    return render(request, "assignments/detail.html", context, status=status)


@login_required
@require_POST
def decide_report(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The curator accepts or returns a report (from the assignment page or the desk)."""
    report = get_object_or_404(Report.objects.visible_to(request.user), pk=pk)
    form = DecisionForm(request.POST)
    decision = request.POST.get("decision")
    try:
        if not form.is_valid():
            # Only the hidden version can be malformed: it can never match.
            raise lifecycle.ChangedMeanwhile()
        data = form.cleaned_data
        if decision == "accept":
            reporting.accept_report(
                report, request.user, comment=data["comment"], version=data["version"]
            )
            messages.success(request, f"Отчёт по поручению принят ({_label(report.assignment)}).")
        elif decision == "return":
            reporting.return_report(
                report, request.user, comment=data["comment"], version=data["version"]
            )
            messages.success(
                request, f"Отчёт возвращён на доработку ({_label(report.assignment)})."
            )
        else:
            messages.error(request, "Выберите решение: принять или вернуть на доработку.")
    except lifecycle.TransitionRefused as refused:
        messages.error(request, refused.message)
        if not safe_next(request, ""):
            # Back to the page as it is now, with the typed comment kept (and the version
            # moved to the current one, as ``_refused_page`` does for the region's forms).
            assignment = _visible_assignment(request, report.assignment_id)
            form = DecisionForm(
                {**request.POST.dict(), "version": assignment.version},
            )
            context = _detail_context(request, assignment, bound={"decision": form})
            return render(request, "assignments/detail.html", context, status=_status(refused))
    return redirect(safe_next(request, reverse("assignments:detail", args=[report.assignment_id])))


@login_required
@require_POST
def decide_extension(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    extension = get_object_or_404(ExtensionRequest.objects.visible_to(request.user), pk=pk)
    form = ExtensionDecisionForm(request.POST)
    decision = request.POST.get("decision")
    if decision not in {"approve", "reject"}:
        messages.error(request, "Выберите решение: согласовать или отклонить перенос срока.")
    else:
        try:
            if not form.is_valid():
                raise lifecycle.ChangedMeanwhile()
            extensions.decide_extension(
                extension,
                request.user,
                approve=decision == "approve",
                comment=form.cleaned_data["comment"],
                version=form.cleaned_data["version"],
            )
            messages.success(
                request,
                "Перенос срока согласован." if decision == "approve" else "Перенос срока отклонён.",
            )
        except lifecycle.TransitionRefused as refused:
            messages.error(request, refused.message)
    return redirect(
        safe_next(request, reverse("assignments:detail", args=[extension.assignment_id]))
    )


def _label(assignment: Assignment) -> str:
    return f"{assignment.instruction.code}, {assignment.region.name}"


@login_required
def download(request: AuthenticatedRequest, pk: int) -> FileResponse:
    """A report's attachment, only for someone who sees the assignment (else 404)."""
    attachment = get_object_or_404(ReportFile.objects.visible_to(request.user), pk=pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404("Файл не найден в хранилище.") from missing
    response = file_download(
        handle,
        attachment.filename,
        content_type=attachment.content_type or "application/octet-stream",
    )
    # Never let a browser second-guess the stored type (an uploaded HTML stays a download).
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- curator's desk -------------------------------------------------------------------


@ministry_required
def desk(request: AuthenticatedRequest) -> HttpResponse:
    """Submitted reports oldest first, identical ones grouped, pending extension requests."""
    user = request.user
    queue = list(curator_queue(user)[: DESK_LIMIT + 1])
    calendar = production_calendar()
    extensions = [(e, _approval_note(e, calendar)) for e in pending_extensions(user)[:DESK_LIMIT]]
    may_decide = user.decides_reports
    context = {
        "queue": queue[:DESK_LIMIT],
        "truncated": len(queue) > DESK_LIMIT,
        "groups": identical_groups(queue[:DESK_LIMIT]) if may_decide else [],
        "extensions": extensions,
        "may_decide": may_decide,
        "decision_form": DecisionForm(),
        "desk_url": reverse("assignments:desk"),
    }
    return render(request, "assignments/desk.html", context)


@ministry_required
@require_POST
def bulk_accept(request: AuthenticatedRequest) -> HttpResponse:
    ids = id_list_param(request.POST.getlist("reports"), name="reports")
    if not ids:
        messages.error(request, "Выберите отчёты для принятия.")
        return redirect("assignments:desk")
    # Only reports in this user's own queue: ids of other reports are silently ignored.
    reports = list(curator_queue(request.user).filter(pk__in=ids))
    try:
        count = reporting.bulk_accept(reports, request.user)
    except lifecycle.TransitionRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, f"Принято отчётов: {count}.")
    return redirect("assignments:desk")
