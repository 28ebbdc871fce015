"""Requests meant to hurt the API: each is refused in Russian, nothing is cached or leaked.

Bodies nested thousands of levels deep, broken multipart, oversized bodies, and a failure
inside an endpoint while DEBUG is on (make run) — none is a 500 with a traceback; every
answer is private to the token that asked for it.
"""

from __future__ import annotations

import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from protokol.api.routes import reference
from protokol.core.budgets import budget

CYRILLIC = re.compile("[а-яА-ЯёЁ]")
PDF = b"%PDF-1.4\n% report\n"


def _refusal(response, status: int, code: str) -> str:
    assert response.status_code == status, response.content
    error = response.json()["error"]
    assert error["code"] == code
    assert CYRILLIC.search(error["message"]), error["message"]
    return error["message"]


def _assert_private(response) -> None:
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control
    assert "Authorization" in {part.strip() for part in response["Vary"].split(",")}


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def test_token_answers_are_private_and_vary_by_authorization(operator_a, api):
    client = api(operator_a)
    _assert_private(client.get("/api/v1/regions"))
    _assert_private(client.get("/api/v1/assignments/999999"))
    _assert_private(client.post("/api/v1/assignments/999999/acknowledge"))


def test_a_refused_token_answer_is_private_too(client, db):
    _assert_private(client.get("/api/v1/regions", headers={"Authorization": "Bearer ptk_nope"}))


def test_a_report_file_download_is_private(own, operator_a, api):
    client = api(operator_a)
    submitted = client.post(
        f"/api/v1/assignments/{own.pk}/reports",
        {"text": "Исполнено", "files": [SimpleUploadedFile("приказ.pdf", PDF, "application/pdf")]},
        json=False,
    )
    download = client.get(submitted.json()["files"][0]["url"])
    assert download.status_code == 200
    _assert_private(download)


def test_a_body_nested_5000_levels_deep_is_a_russian_400(own, operator_a, api):
    client = api(operator_a)
    response = client.client.post(
        f"/api/v1/assignments/{own.pk}/comments",
        _nested(5000),
        content_type="application/json",
        headers={"Authorization": f"Bearer {client.secret}"},
    )
    message = _refusal(response, 400, "json_too_deep")
    assert str(budget("json_depth")) in message


def test_a_body_as_deep_as_the_budget_is_parsed(own, operator_a, api):
    client = api(operator_a)
    body = json.dumps({"text": json.loads(_nested(budget("json_depth") - 1))})
    response = client.client.post(
        f"/api/v1/assignments/{own.pk}/comments",
        body,
        content_type="application/json",
        headers={"Authorization": f"Bearer {client.secret}"},
    )
    # Parsed, then refused by the schema: «text» must be a string.
    _refusal(response, 422, "validation")


def test_report_answers_nested_5000_levels_deep_are_a_russian_422(own, operator_a, api):
    response = api(operator_a).post(
        f"/api/v1/assignments/{own.pk}/reports",
        {"text": "Исполнено", "answers": _nested(5000)},
        json=False,
    )
    message = _refusal(response, 422, "validation")
    assert "«answers»" in message and "вложенность" in message


@pytest.mark.parametrize(
    "content_type",
    [
        "multipart/form-data",  # no boundary
        'multipart/form-data; boundary=""',
        "multipart/form-data; boundary=" + "x" * 300,
    ],
)
def test_a_malformed_multipart_report_is_a_russian_400(content_type, own, operator_a, api):
    client = api(operator_a)
    body = b'--x\r\nContent-Disposition: form-data; name="text"\r\n\r\ndone\r\n--x--\r\n'
    response = client.client.post(
        f"/api/v1/assignments/{own.pk}/reports",
        body,
        content_type=content_type,
        headers={"Authorization": f"Bearer {client.secret}"},
    )
    _refusal(response, 400, "bad_multipart")
    own.refresh_from_db()
    assert not own.reports.exists()


def test_a_body_over_the_memory_limit_is_a_russian_413(own, operator_a, api, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    response = api(operator_a).post(
        f"/api/v1/assignments/{own.pk}/comments", {"text": "слово " * 500}
    )
    _refusal(response, 413, "too_large")


@pytest.fixture
def failing_endpoint(monkeypatch, settings):
    """/api/v1/regions fails inside, with DEBUG on as under make run."""
    settings.DEBUG = True

    def broken(request):
        raise RuntimeError("секрет из локальных переменных")

    monkeypatch.setattr(reference, "caller", broken)


def _token_client(user) -> tuple[Client, dict[str, str]]:
    from protokol.api.tokens import issue_token

    secret = issue_token(user, "тесты").secret
    return Client(raise_request_exception=False), {"Authorization": f"Bearer {secret}"}


def test_with_debug_a_failure_is_a_russian_json_500_without_traceback(operator_a, failing_endpoint):
    client, headers = _token_client(operator_a)
    response = client.get("/api/v1/regions", headers=headers)
    _refusal(response, 500, "server_error")
    assert "секрет" not in response.content.decode()
    _assert_private(response)


def test_with_debug_staff_get_the_debug_page_from_the_api(ministry_admin, failing_endpoint):
    client, headers = _token_client(ministry_admin)
    response = client.get("/api/v1/regions", headers=headers)
    assert response.status_code == 500
    assert "секрет из локальных переменных" in response.content.decode()
