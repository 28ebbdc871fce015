from __future__ import annotations

from django.http import HttpRequest


def navigation(request: HttpRequest) -> dict[str, object]:
    """What the top bar needs on every page."""
    user = request.user
    return {
        "nav_is_ministry": bool(user.is_authenticated and getattr(user, "is_ministry", False)),
        "nav_region": getattr(user, "region", None) if user.is_authenticated else None,
    }
