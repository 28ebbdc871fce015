"""Who is calling: a personal token (programs) or the browser session (the docs page)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.errors import HttpError
from ninja.security import HttpBearer, SessionAuth

from protokol.api.errors import ApiError
from protokol.api.tokens import authenticate

CSRF_REFUSED = (
    "Запрос отклонён защитой от подделки (CSRF): запись от имени вошедшего в браузер "
    "пользователя требует заголовка X-CSRFToken со значением cookie csrftoken. Программы "
    "обращаются к API с личным токеном: «Authorization: Bearer <токен>»."
)


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

    def __call__(self, request: HttpRequest) -> Any | None:
        if not self.authenticate(request, None):
            # No session for a forged request to ride on: the caller is simply not
            # signed in (401), which is what a program without a token must be told.
            return None
        return super().__call__(request)

    def _get_key(self, request: HttpRequest) -> str | None:
        try:
            return super()._get_key(request)
        except HttpError as error:
            # ninja's only refusal here is its CSRF check, worded in English.
            raise ApiError(403, "csrf_failed", CSRF_REFUSED) from error

    def authenticate(self, request: HttpRequest, key: str | None) -> Any | None:
        user = request.user
        if user.is_authenticated and user.is_active:
            return user
        return None


API_AUTH = [TokenAuth(), BrowserSession()]
