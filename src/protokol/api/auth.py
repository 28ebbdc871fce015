"""Who is calling: a personal token (programs) or the browser session (the docs page)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from protokol.api.tokens import authenticate


class TokenAuth(HttpBearer):
    """``Authorization: Bearer ptk_…``; a revoked token or an inactive user is refused."""

    def authenticate(self, request: HttpRequest, token: str) -> Any | None:
        user = authenticate(token.strip())
        if user is not None:
            # Services and querysets read ``request.user`` like the UI does.
            request.user = user
        return user


class BrowserSession(SessionAuth):
    """The signed-in browser (the interactive docs); writes need the CSRF token."""

    def authenticate(self, request: HttpRequest, key: str | None) -> Any | None:
        user = request.user
        if user.is_authenticated and user.is_active:
            return user
        return None


API_AUTH = [TokenAuth(), BrowserSession()]
