from __future__ import annotations

from itertools import groupby

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from protokol.core.access import ministry_required
from protokol.regions.models import Region


@ministry_required
def region_list(request: HttpRequest) -> HttpResponse:
    regions = Region.objects.visible_to(request.user).prefetch_related("organizations")
    ordered = sorted(regions, key=lambda r: (r.district is None, r.district_label, r.name))
    groups = [(label, list(items)) for label, items in groupby(ordered, lambda r: r.district_label)]
    return render(request, "regions/region_list.html", {"groups": groups, "total": len(ordered)})


@login_required
def region_detail(request: HttpRequest, code: str) -> HttpResponse:
    region = get_object_or_404(Region.objects.visible_to(request.user), code=code)
    context = {
        "region": region,
        "organizations": region.organizations.order_by("name"),
        "operators": region.users.filter(is_active=True).order_by("last_name"),
        "local_now": region.local_time(timezone.now()),
    }
    return render(request, "regions/region_detail.html", context)
