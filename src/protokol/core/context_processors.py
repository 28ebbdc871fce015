from __future__ import annotations

from django.http import HttpRequest


def navigation(request: HttpRequest) -> dict[str, object]:
    """What the top bar needs on every page. A request refused before the middleware ran
    (a bad ``Host``) has no user: its error page shows the bar of a visitor."""
    user = getattr(request, "user", None)
    signed_in = bool(user is not None and user.is_authenticated)
    return {
        "nav_is_ministry": signed_in and bool(getattr(user, "is_ministry", False)),
        "nav_region": getattr(user, "region", None) if signed_in else None,
    }
