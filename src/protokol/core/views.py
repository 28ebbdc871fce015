from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from protokol.organizations.models import Organization
from protokol.regions.models import Region


@login_required
def home(request: HttpRequest) -> HttpResponse:
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
    return render(request, "core/home.html", context)
