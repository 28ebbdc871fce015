"""API fixtures: tokens for the personas and a client that sends them."""

from __future__ import annotations

import pytest


class ApiClient:
    """A Django test client that sends ``Authorization: Bearer <token>`` on every call."""

    def __init__(self, secret: str) -> None:
        from django.test import Client

        self.secret = secret
        self.client = Client()

    def _headers(self, headers: dict[str, str] | None) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.secret}", **(headers or {})}

    def get(self, path: str, data=None, headers=None):
        return self.client.get(path, data, headers=self._headers(headers))

    def post(self, path: str, data=None, headers=None, json: bool = True):
        if json:
            return self.client.post(
                path, data or {}, content_type="application/json", headers=self._headers(headers)
            )
        return self.client.post(path, data or {}, headers=self._headers(headers))


@pytest.fixture
def api():
    """``api(user)`` → a client authenticated with a fresh personal token of ``user``."""
    from protokol.api.tokens import issue_token

    def for_user(user) -> ApiClient:
        return ApiClient(issue_token(user, "тесты").secret)

    return for_user


@pytest.fixture
def own(published):
    """An open mandatory assignment of Белгородская область without a report form."""
    from protokol.assignments.models import Assignment

    return (
        Assignment.objects.filter(
            region_id="31", instruction__kind="mandatory", instruction__report_template=[]
        )
        .order_by("pk")
        .first()
    )
