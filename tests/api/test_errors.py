"""One JSON shape for every error, with Russian messages."""

from __future__ import annotations

import re

CYRILLIC = re.compile("[а-яА-ЯёЁ]")


def _assert_shape(response, status: int, code: str) -> None:
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    error = response.json()["error"]
    assert error["code"] == code
    assert CYRILLIC.search(error["message"]), error["message"]


def test_no_token_is_401_with_a_bearer_challenge(client, db):
    response = client.get("/api/v1/assignments")
    _assert_shape(response, 401, "unauthorized")
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_an_unknown_token_is_401(client, db):
    response = client.get("/api/v1/assignments", headers={"Authorization": "Bearer ptk_nope"})
    _assert_shape(response, 401, "unauthorized")


def test_bad_parameters_are_422_naming_the_parameter(operator_a, api):
    response = api(operator_a).get("/api/v1/assignments", {"state": "нет такого", "limit": 0})
    _assert_shape(response, 422, "validation")
    message = response.json()["error"]["message"]
    assert "«state»" in message and "«limit»" in message


def test_a_body_that_is_not_json_is_400(operator_a, api):
    client = api(operator_a)
    response = client.client.post(
        "/api/v1/assignments/1/comments",
        "{не json",
        content_type="application/json",
        headers={"Authorization": f"Bearer {client.secret}"},
    )
    _assert_shape(response, 400, "bad_request")


def test_a_missing_object_is_404(operator_a, api):
    _assert_shape(api(operator_a).get("/api/v1/assignments/999999"), 404, "not_found")


def test_a_browser_session_reads_the_api(operator_a, login):
    response = login(operator_a).get("/api/v1/regions")
    assert response.status_code == 200
    assert [row["code"] for row in response.json()["items"]] == ["31"]


def test_a_browser_session_needs_the_csrf_token_to_write(operator_a):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(operator_a)
    response = client.post("/api/v1/notifications/1/read")
    _assert_shape(response, 403, "csrf_failed")
    assert "подделки (CSRF)" in response.json()["error"]["message"]


def test_a_write_with_neither_token_nor_session_is_401_not_a_csrf_failure(db):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/api/v1/notifications/1/read")
    _assert_shape(response, 401, "unauthorized")
