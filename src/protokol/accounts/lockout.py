"""Login lockout that cannot be aimed at someone else (django-axes, set up in settings).

Failures are counted per (user name, client address): someone guessing a person's password
from one address locks only that pair, so a handful of requests cannot shut a known user
out of every office. An address that fails for many user names — password spraying — is
throttled on its own, after the higher ``login_failures_per_address`` budget. The client
address is ``core.client.client_address`` (``PROTOKOL_PROXY_COUNT``), never a header the
client chose. Both locks end after ``AXES_COOLOFF_TIME``.
"""

from __future__ import annotations

from typing import Any

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.db.models import Sum
from django.http import HttpRequest

from protokol.core.budgets import budget

# The longest user name a person can have (User.username): a longer one names nobody, and
# axes would try to store it in a 255-character column (PostgreSQL refuses: a 500).
USERNAME_CHARS = 150


def client_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str | None:
    """``AXES_USERNAME_CALLABLE``: the user name tried, cut to the longest a user can have,
    so a 10 kB name is counted (under its first 150 characters) instead of failing."""
    source: Any = credentials if credentials else getattr(request, "POST", {})
    username = source.get("username")
    return username[:USERNAME_CHARS] if isinstance(username, str) else username


def failure_limit(request: HttpRequest, credentials: dict[str, Any] | None) -> int:
    """``AXES_FAILURE_LIMIT``: failures of one user name from one address."""
    return budget("login_failures")


def address_failures(request: HttpRequest) -> int:
    """Failures from the request's address within the cool-off, whatever the user name."""
    attempts = AccessAttempt.objects.filter(
        ip_address=request.axes_ip_address,  # type: ignore[attr-defined]
        attempt_time__gte=get_cool_off_threshold(request),
    )
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class LockoutHandler(AxesDatabaseHandler):
    """Axes' database handler plus the per-address throttle."""

    def is_locked(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> bool:
        return super().is_locked(request, credentials) or self._address_throttled(request)

    def user_login_failed(
        self,
        sender: Any,
        credentials: dict[str, Any],
        request: HttpRequest | None = None,
        **kwargs: Any,
    ) -> None:
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is None or request.axes_locked_out:  # type: ignore[attr-defined]
            return
        if self.is_whitelisted(request, credentials) or not self._address_throttled(request):
            return
        # As axes does for the (user name, address) pair: this very answer is the lockout page.
        request.axes_locked_out = True  # type: ignore[attr-defined]
        request.axes_credentials = credentials  # type: ignore[attr-defined]
        user_locked_out.send(
            "axes",
            request=request,
            username=get_client_username(request, credentials),
            ip_address=request.axes_ip_address,  # type: ignore[attr-defined]
        )

    def _address_throttled(self, request: HttpRequest) -> bool:
        return address_failures(request) >= budget("login_failures_per_address")
