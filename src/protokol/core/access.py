"""Role checks for views: refuse with 403 rather than hide, so the reason is explicit."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase

# A view returns any response: a page, a redirect, a streamed file.
View = Callable[..., HttpResponseBase]


def roles_required(*roles: str) -> Callable[[View], View]:
    """Allow only users whose ``role`` is one of ``roles`` (after login)."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if getattr(request.user, "role", None) not in roles:
                raise PermissionDenied("Раздел недоступен для вашей роли.")
            return view(request, *args, **kwargs)

        return login_required(wrapped)

    return decorator


def ministry_required(view: View) -> View:
    """Pages for the ministry's staff (admin, curator, observer), never for regions."""
    from protokol.accounts.models import MINISTRY_ROLES

    return roles_required(*MINISTRY_ROLES)(view)


def admin_required(view: View) -> View:
    """Import, review and publication belong to the ministry's administrators."""
    from protokol.accounts.models import Role

    return roles_required(Role.ADMIN)(view)
