"""With DEBUG on (make run), only staff see Django's debug pages; everyone else the Russian ones."""

from __future__ import annotations

import logging

import pytest
from django.test import Client

BROKEN = "/test-failures/broken/"


@pytest.fixture
def failing_urls(settings):
    settings.ROOT_URLCONF = "tests.core.failing_urls"


@pytest.fixture
def debug(settings, failing_urls):
    settings.DEBUG = True


def _client(user=None) -> Client:
    # Answers come back as the browser would get them, instead of re-raising in the test.
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize("persona", ["operator_a", "curator", None])
def test_with_debug_a_non_staff_visitor_gets_the_russian_500_page(persona, request, debug, db):
    user = request.getfixturevalue(persona) if persona else None
    response = _client(user).get(BROKEN)
    assert response.status_code == 500
    page = response.content.decode()
    assert "Внутренняя ошибка сервера" in page
    assert "Traceback" not in page and "секрет из локальных переменных" not in page


def test_with_debug_the_traceback_still_goes_to_the_log(operator_a, debug, caplog):
    with caplog.at_level(logging.ERROR, logger="django.request"):
        _client(operator_a).get(BROKEN)
    (record,) = [r for r in caplog.records if r.name == "django.request"]
    assert record.exc_info is not None and record.exc_info[0] is RuntimeError


def test_with_debug_staff_get_the_debug_page(ministry_admin, debug):
    response = _client(ministry_admin).get(BROKEN)
    assert response.status_code == 500
    assert "секрет из локальных переменных" in response.content.decode()


def test_with_debug_a_non_staff_user_gets_the_russian_404_page(operator_a, debug):
    response = _client(operator_a).get("/test-failures/missing/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Страница не найдена" in page and "URLconf" not in page


def test_with_debug_a_suspicious_request_is_the_russian_400_page(operator_a, debug):
    response = _client(operator_a).get("/test-failures/suspicious/")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Некорректный запрос" in page and "Traceback" not in page


def test_without_debug_the_500_page_is_russian_for_everyone(ministry_admin, failing_urls):
    response = _client(ministry_admin).get(BROKEN)
    assert response.status_code == 500
    assert "Внутренняя ошибка сервера" in response.content.decode()


def test_an_unknown_address_is_the_russian_404_page(client, db):
    response = client.get("/нет-такой-страницы/")
    assert response.status_code == 404
    assert "Страница не найдена" in response.content.decode()


def test_a_request_with_a_foreign_host_is_the_russian_400_page(client, db, settings):
    """Refused before any middleware ran: the page is drawn without a user."""
    settings.DEBUG = False
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "Запрос не может быть обработан" in response.content.decode()
