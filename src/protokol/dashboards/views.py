"""Control pages: thin views over progress, department, rating, answers and search."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from protokol.accounts.http import AuthenticatedRequest
from protokol.assignments.models import Assignment
from protokol.core.access import ministry_required
from protokol.core.clock import moscow_today
from protokol.core.params import date_param, id_param, text_param
from protokol.dashboards import answers, department, progress, rating, svg
from protokol.dashboards.caching import cached
from protokol.dashboards.map_grid import GRID
from protokol.dashboards.search import search
from protokol.organizations.models import Organization
from protokol.protocols.models import Instruction, Protocol
from protokol.regions.models import FederalDistrict, Region

NEW_SUBJECTS = "new"


def assignment_url(pk: int) -> str:
    """The assignment page belongs to the execution UI; degrade to no link until it exists."""
    try:
        return reverse("assignments:detail", args=[pk])
    except NoReverseMatch:
        return ""


_SENTINEL = 987654321


def _assignment_url_pattern() -> str:
    """One reverse() per page, not per cell: the matrix may hold 1,780 cells."""
    return assignment_url(_SENTINEL).replace(str(_SENTINEL), "{}")


def _districts() -> list[tuple[str, str]]:
    return [*FederalDistrict.choices, (NEW_SUBJECTS, "Новые субъекты")]


def _filter_district(regions, district: str):
    if district == NEW_SUBJECTS:
        return regions.filter(district__isnull=True)
    if district in FederalDistrict.values:
        return regions.filter(district=district)
    return regions


def _matrix_rows(regions, instructions, cells, state: str) -> list[tuple[Region, SafeString]]:
    """Rows of the matrix with their cells rendered here, not in the template: a 20 × 89
    matrix is 1,780 cells, and the template engine would spend most of the page's time
    on them."""
    pattern = _assignment_url_pattern()
    rows = []
    for region in regions:
        parts = []
        for instruction in instructions:
            cell = cells.get((instruction.pk, region.code))
            if cell is None:
                parts.append(SafeString('<td class="cell cell-none"></td>'))
                continue
            label = progress.CELL_STATES[cell.state]
            css = f"cell cell-{cell.state}" + (" dim" if state and cell.state != state else "")
            due = f", срок {cell.due_date:%d.%m.%Y}" if cell.due_date else ""
            mark = label[:1]
            inner = (
                format_html('<a href="{}">{}</a>', pattern.format(cell.assignment_id), mark)
                if pattern
                else mark
            )
            parts.append(
                format_html(
                    '<td class="{}" title="{}: {}{}">{}</td>', css, region.name, label, due, inner
                )
            )
        rows.append((region, format_html_join("", "{}", ((part,) for part in parts))))
    return rows


@login_required
def home(request: AuthenticatedRequest) -> HttpResponse:
    """Operators land on their region's assignments; ministry staff on the overview."""
    user = request.user
    if not user.is_ministry:
        if user.region_id is None:
            return render(request, "core/no_access.html", status=403)
        return redirect("assignments:home")
    authorities = Organization.objects.regional_authorities()
    context = {
        "region_count": Region.objects.count(),
        "authorities_without_email": authorities.filter(email="").count(),
    }
    return render(request, "dashboards/home.html", context)


@login_required
def protocol_progress(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Progress per instruction and the regions × instructions matrix (region-scoped)."""
    user = request.user
    protocol = get_object_or_404(Protocol.objects.visible_to(user), pk=pk)
    on = moscow_today()
    district = request.GET.get("district", "")
    state = request.GET.get("state", "")
    instructions = list(
        Instruction.objects.visible_to(user)
        .filter(protocol=protocol)
        .exclude(state=Instruction.State.DRAFT)
        .order_by("position")
        .only("pk", "code", "text", "kind", "state", "report_template")
    )
    assignments = Assignment.objects.visible_to(user).filter(instruction__protocol=protocol)
    counts = progress.counts_by(assignments, "instruction_id", on)
    cells = progress.build_cells(assignments, on)
    regions = list(_filter_district(Region.objects.visible_to(user), district).order_by("code"))
    present = {code for _, code in cells}
    regions = [r for r in regions if r.code in present]
    if state in progress.CELL_STATES:
        regions = [
            r
            for r in regions
            if any(c.state == state for (i, code), c in cells.items() if code == r.code)
        ]
    context_rows = _matrix_rows(regions, instructions, cells, state)
    dues = progress.due_by_instruction(cells)
    context = {
        "protocol": protocol,
        "instructions": [(i, counts.get(i.pk, progress.Counts())) for i in instructions],
        # The due date of each line: the regions' own, never the protocol's stated one.
        "lines": [(i, counts.get(i.pk, progress.Counts()), dues.get(i.pk)) for i in instructions],
        "rows": context_rows,
        "district": district,
        "state": state,
        "districts": _districts(),
        "states": progress.CELL_STATES.items(),
        "today": on,
    }
    return render(request, "dashboards/protocol_progress.html", context)


@ministry_required
def department_dashboard(request: AuthenticatedRequest) -> HttpResponse:
    on = moscow_today()
    board = cached(
        request.user, "department", (on,), lambda: department.department(request.user, on)
    )
    context = {
        "board": board,
        "today": on,
        "submitted_chart": svg.bars(board.submitted_by_week, css="bar"),
        "accepted_chart": svg.bars(board.accepted_by_week, css="bar bar-good"),
    }
    return render(request, "dashboards/department.html", context)


def _period(request: HttpRequest, on: dt.date) -> tuple[dt.date, dt.date]:
    since = date_param(request.GET.get("since"), name="since", default=dt.date(on.year, 1, 1))
    until = date_param(request.GET.get("until"), name="until", default=on)
    return since, max(until, since)


@ministry_required
def russia_map(request: AuthenticatedRequest) -> HttpResponse:
    """Execution rate per subject, for one protocol or for a period of due dates."""
    user = request.user
    on = moscow_today()
    since, until = _period(request, on)
    protocols = Protocol.objects.visible_to(user).filter(state=Protocol.State.PUBLISHED)
    protocol = None
    assignments = Assignment.objects.visible_to(user)
    if (protocol_id := id_param(request.GET.get("protocol"), name="protocol")) is not None:
        protocol = protocols.filter(pk=protocol_id).first()

    def compute() -> tuple[dict, bool]:
        if protocol:
            scope = assignments.filter(instruction__protocol=protocol)
            return progress.counts_by(scope, "region_id", on), False
        scope = assignments.filter(due_date__gte=since, due_date__lte=until)
        counts = progress.counts_by(scope, "region_id", on)
        if not counts and not request.GET:
            # A fresh installation (or the demo) may have nothing due this year: an empty
            # grey map says less than the whole history, so show that instead.
            return progress.counts_by(assignments, "region_id", on), True
        return counts, False

    key = (protocol.pk if protocol else "", since, until, on, bool(request.GET))
    counts, whole_time = cached(user, "map", key, compute)
    regions = list(Region.objects.visible_to(user).order_by("code"))
    tiles, table = [], []
    for region in regions:
        figures = counts.get(region.code, progress.Counts())
        percent = figures.percent
        tooltip = (
            f"{region.name}: нет поручений"
            if percent is None
            else f"{region.name}: исполнено {percent} % ({figures.accepted} из {figures.total}),"
            f" просрочено {figures.overdue}"
        )
        href = reverse("dashboards:region", args=[region.code])
        if region.code in GRID:
            tiles.append(svg.MapTile(region.code, region.name, percent, tooltip, href))
        table.append((region, figures, svg.rate_class(percent)))
    context = {
        "map": svg.tile_map(tiles),
        "legend": svg.RATE_LEGEND,
        "table": table,
        "protocol": protocol,
        "protocols": protocols.order_by("-date", "-pk").only("pk", "number", "date")[:100],
        "since": since,
        "until": until,
        "whole_time": whole_time,
    }
    return render(request, "dashboards/map.html", context)


@login_required
def region_card(request: AuthenticatedRequest, code: str) -> HttpResponse:
    """One region's discipline of execution; an operator sees only their own region."""
    user = request.user
    region = get_object_or_404(Region.objects.visible_to(user), code=code)
    on = moscow_today()
    a_year_back = on.replace(day=1) - dt.timedelta(days=334)
    since = date_param(request.GET.get("since"), name="since", default=a_year_back).replace(day=1)
    assignments = Assignment.objects.visible_to(user)
    card = cached(
        user,
        "region",
        (region.code, since, on),
        lambda: rating.region_card(region, assignments, since, on),
    )
    overdue = list(
        assignments.filter(region=region)
        .overdue(on)
        .select_related("instruction__protocol")
        .order_by("due_date")[:30]
    )
    pattern = _assignment_url_pattern()
    context = {
        "region": region,
        "card": card,
        "since": since,
        "today": on,
        "trend": svg.bars(card.months, unit=" %", css="bar bar-good"),
        "overdue": [(a, pattern.format(a.pk) if pattern else "") for a in overdue],
        # The filled file is the region's report: its operator's, or a curator's for it.
        "may_submit": user.submits_for(region),
    }
    return render(request, "dashboards/region_card.html", context)


RATING_COLUMNS = [
    ("region", "Субъект РФ"),
    ("due", "Поручений к сроку"),
    ("on_time", "В срок, %"),
    ("executed", "Исполнено, %"),
    ("overdue", "Просрочено, %"),
    ("returned", "Возвращено отчётов, %"),
    ("extensions", "Переносов на 100 поручений"),
]


@ministry_required
def region_rating(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    on = moscow_today()
    since = date_param(request.GET.get("since"), name="since", default=dt.date(on.year, 1, 1))
    sort = request.GET.get("sort", "on_time")
    sort = sort if sort in rating.SORT_KEYS else "on_time"
    rows = cached(
        user,
        "league",
        (since, on, sort),
        lambda: rating.league(
            Region.objects.visible_to(user), Assignment.objects.visible_to(user), since, on, sort
        ),
    )
    context = {"rows": rows, "columns": RATING_COLUMNS, "sort": sort, "since": since, "today": on}
    return render(request, "dashboards/rating.html", context)


@login_required
def answers_rollup(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """All regions' answers to one instruction's report form (region-scoped)."""
    user = request.user
    instruction = get_object_or_404(
        Instruction.objects.visible_to(user).select_related("protocol"), pk=pk
    )
    result = answers.rollup(instruction, Assignment.objects.visible_to(user))
    context = {"instruction": instruction, "rollup": result}
    return render(request, "dashboards/answers.html", context)


@login_required
def search_page(request: AuthenticatedRequest) -> HttpResponse:
    query = text_param(request.GET.get("q"), name="q", max_length=200)
    results = search(request.user, query) if query else None
    return render(request, "dashboards/search.html", {"query": query, "results": results})
