"""Access checks for views: refuse with 403 rather than hide, so the reason is explicit.

Each decorator asks the user's policy (``accounts.policy``) a question, duck-typed
through ``core.people.Person``: ``core`` never reads roles itself.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase

from protokol.core.people import Person

# A view returns any response: a page, a redirect, a streamed file.
View = Callable[..., HttpResponseBase]


def allowed_if(question: Callable[[Person], bool]) -> Callable[[View], View]:
    """Allow only signed-in users for whom ``question(user)`` is true."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not question(request.user):  # type: ignore[arg-type]  # login_required ran
                raise PermissionDenied("Раздел недоступен для вашей роли.")
            return view(request, *args, **kwargs)

        return login_required(wrapped)

    return decorator


def ministry_required(view: View) -> View:
    """Pages for the ministry's staff (admin, curator, observer), never for regions."""
    return allowed_if(lambda user: user.is_ministry)(view)


def admin_required(view: View) -> View:
    """Import, review and publication belong to the ministry's administrators."""
    return allowed_if(lambda user: user.administers_protocols)(view)
