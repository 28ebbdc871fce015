"""Who may see Django's debug pages: staff only, even when DEBUG is on.

``make run`` keeps DEBUG for developers, but the people who try it out sign in as
operators and curators: for them an exception is the same Russian error page production
shows (``templates/500.html`` and its 400/403/404 companions), never a traceback with
settings and local variables. Staff and superusers — the developers — still get Django's
debug page. The API follows the same rule (``api.errors``).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.urls import get_resolver, get_urlconf
from django.utils.log import log_response


def shows_debug_page(request: HttpRequest) -> bool:
    """True when an exception may be shown to this request's user as Django's debug page."""
    if not settings.DEBUG:
        return False
    user = getattr(request, "user", None)
    return bool(getattr(user, "is_staff", False) or getattr(user, "is_superuser", False))


class StaffOnlyDebugPages:
    """With DEBUG on, answers a non-staff user's failed request as production would."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not settings.DEBUG or shows_debug_page(request):
            return None
        if isinstance(exception, PermissionDenied | MultiPartParserError):
            return None  # Django answers these with its error pages even in DEBUG
        if isinstance(exception, Http404):
            status = 404
        elif isinstance(exception, BadRequest | SuspiciousOperation):
            status = 400
        else:
            status = 500
        # handler404/400 take the exception; handler500 only the request (as Django calls them).
        handler: Callable[..., HttpResponse] = get_resolver(get_urlconf()).resolve_error_handler(
            status
        )
        response = handler(request) if status == 500 else handler(request, exception=exception)
        log_failure(request, response, exception)
        return response


def log_failure(request: HttpRequest, response: HttpResponse, exception: Exception) -> None:
    """The traceback goes to the log, as Django logs the failures it answers itself."""
    log_response(
        "%s: %s",
        response.reason_phrase,
        request.path,
        response=response,
        request=request,
        exception=exception,
    )
