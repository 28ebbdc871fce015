"""The 500s the route fuzzer found, one test each: hand-edited ids, pages, dates and ``next``
are refused in Russian (400/404) or ignored, never a server error or an open redirect."""

from __future__ import annotations

import datetime as dt
import inspect
import re
from pathlib import Path

import pytest
from django.urls import reverse

from protokol.assignments.models import Assignment, ExtensionRequest
from protokol.notifications.models import Notification
from tests.factories import make_instruction, make_protocol, make_report
from tests.security.route_fuzz import url_patterns

SRC = Path(__file__).resolve().parents[2] / "src" / "protokol"

HUGE = "9" * 20  # a Python int; wider than the database's 64-bit id column
NON_ASCII = ["²", "١٢", "１２"]  # digits to str.isdigit(); int() refuses «²», reads the others
OFF_SITE = ["javascript:alert(1)", "//evil.example", "https://evil.example/", "-1"]


@pytest.fixture
def belgorod(db, curator, operator_a):
    """One published instruction for Белгородская область, a report awaiting the curator
    and an extension request."""
    instruction = make_instruction(make_protocol(), regions=["31"], due=dt.date(2024, 12, 2),
                                   curator=curator)  # fmt: skip
    assignment = instruction.assignments.get()
    report = make_report(assignment, operator_a)
    Assignment.objects.filter(pk=assignment.pk).update(state=Assignment.State.SUBMITTED)
    extension = ExtensionRequest.objects.create(
        assignment=assignment,
        requested_date=dt.date(2025, 1, 20),
        previous_due_date=assignment.due_date,
        reason="Нужно больше времени.",
        requested_by=operator_a,
    )
    return assignment, report, extension


def _refused(response, status: int, words: str) -> None:
    assert response.status_code == status, response.content[:300]
    assert words in response.content.decode()


# --- dates ----------------------------------------------------------------------------

DATED = [
    ("dashboards:rating", {}, "since"),
    ("dashboards:region", {"code": "31"}, "since"),
    ("dashboards:map", {}, "since"),
    ("dashboards:map", {}, "until"),
]


@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31", "2024-02-30"])
@pytest.mark.parametrize(("route", "kwargs", "name"), DATED, ids=lambda x: str(x))
def test_a_date_out_of_range_or_impossible_is_refused_in_russian(
    curator, login, route, kwargs, name, value
):
    response = login(curator).get(reverse(route, kwargs=kwargs), {name: value})
    _refused(response, 400, f"Параметр «{name}»: ожидается дата в виде ГГГГ-ММ-ДД")


def test_a_sane_date_still_sets_the_period(curator, login):
    response = login(curator).get(reverse("dashboards:rating"), {"since": "2024-03-01"})
    assert response.status_code == 200
    assert response.context["since"] == dt.date(2024, 3, 1)


@pytest.mark.parametrize("value", ["9999-12-31", "2101-01-10"])
def test_an_extension_to_a_date_past_2100_is_refused(curator, operator_a, login, value):
    """31.12.9999 once passed: the request took seconds (the holidays of year 9999), and
    once approved the assignment page and the operator's home answered 500."""
    instruction = make_instruction(make_protocol(), regions=["31"], due=dt.date(2024, 12, 2),
                                   curator=curator)  # fmt: skip
    assignment = instruction.assignments.get()
    url = reverse("assignments:act", args=[assignment.pk, "extension"])
    body = {"version": assignment.version, "new_date": value, "reason": "Нужно время."}
    _refused(login(operator_a).post(url, body), 422, "Новый срок должен быть с 2000 по 2100 год.")
    assert not assignment.extension_requests.exists()


@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31"])
def test_a_protocol_date_or_deadline_outside_2000_2100_is_refused_in_review(
    sample_draft, ministry_admin, login, value
):
    client, i_1 = login(ministry_admin), sample_draft.instructions.get(code="I.1")
    response = client.post(
        reverse("protocols:protocol_save", args=[sample_draft.pk]), {"p-date": value}
    )
    _refused(response, 422, "Укажите дату с 2000 по 2100 год.")
    response = client.post(
        reverse("protocols:instruction_save", args=[i_1.pk]),
        {f"i{i_1.pk}-code": i_1.code, f"i{i_1.pk}-text": i_1.text, f"i{i_1.pk}-kind": i_1.kind,
         f"i{i_1.pk}-action": i_1.action, f"i{i_1.pk}-deadline_date": value},
    )  # fmt: skip
    _refused(response, 422, "Укажите дату с 2000 по 2100 год.")
    i_1.refresh_from_db()
    assert i_1.deadline_date is None


# --- ids and page numbers in the query -------------------------------------------------

QUERY_NUMBERS = [
    ("assignments:home", "protocol"),
    ("assignments:home", "page"),
    ("dashboards:map", "protocol"),
    ("notifications:list", "page"),
]


@pytest.mark.parametrize("value", [HUGE, *NON_ASCII, "9" * 10_240])
@pytest.mark.parametrize(("route", "name"), QUERY_NUMBERS)
def test_an_id_or_page_that_is_not_a_plain_bounded_number_is_refused(
    curator, login, route, name, value
):
    response = login(curator).get(reverse(route), {name: value})
    _refused(response, 400, f"Параметр «{name}»")


def test_a_page_past_the_last_is_an_empty_page_not_an_error(operator_a, login, db):
    response = login(operator_a).get(reverse("assignments:home"), {"page": "99999"})
    assert response.status_code == 200
    assert response.context["total"] == 0


def test_a_nul_in_a_search_is_refused_before_it_reaches_the_database(curator, login):
    for route in ("assignments:home", "dashboards:search"):
        response = login(curator).get(reverse(route), {"q": "цопп\x00"})
        _refused(response, 400, "Параметр «q» содержит недопустимый символ")


def test_a_token_named_with_a_nul_is_refused(operator_a, login):
    """PostgreSQL cannot store a NUL: the tokens page used to answer 500 there."""
    response = login(operator_a).post(reverse("api:tokens"), {"name": "выгрузка\x00"})
    _refused(response, 400, "Параметр «name» содержит недопустимый символ")


# --- ids in the path -------------------------------------------------------------------


def test_an_id_wider_than_the_column_matches_no_route(curator, login):
    for path in (f"/assignments/{HUGE}/", f"/exports/protocols/{HUGE}/summary.xlsx",
                 f"/assignments/{'9' * 10_240}/comment/"):  # fmt: skip
        _refused(login(curator).get(path), 404, "Страница не найдена")


def test_a_code_or_token_in_the_path_with_a_nul_matches_no_route(curator, login):
    """PostgreSQL refuses a NUL in a query: the region card used to fail with a 500."""
    for path in ("/control/regions/3%001/", "/regions/7%007/", "/notifications/calendar/a%00b.ics"):
        _refused(login(curator).get(path), 404, "Страница не найдена")


def test_an_id_in_non_ascii_digits_is_not_another_address_of_the_record(
    belgorod, operator_a, login
):
    """«١٢» used to open assignment 12 (Python's \\d and int() read Arabic-Indic digits)."""
    assignment, _, _ = belgorod
    arabic = str(assignment.pk).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    response = login(operator_a).post(f"/assignments/{arabic}/comment/", {"text": "Чужой адрес"})
    _refused(response, 404, "Страница не найдена")
    assert not assignment.comments.exists()


def test_an_unknown_action_of_the_assignment_page_is_not_found(belgorod, operator_a, login):
    assignment, _, _ = belgorod
    response = login(operator_a).post(f"/assignments/{assignment.pk}/withdraw/")
    assert response.status_code == 404


def test_withdrawing_an_instruction_still_reaches_publication(belgorod, ministry_admin, login):
    """The structural edits' «instructions/<id>/<operation>/» must not take «withdraw»."""
    assignment, _, _ = belgorod
    url = reverse("publication:withdraw", args=[assignment.instruction_id])
    response = login(ministry_admin).post(url, {"reason": "Ошибочно направлено"})
    assert response.status_code == 302
    assignment.instruction.refresh_from_db()
    assert assignment.instruction.state == "withdrawn"


# --- forms posting ids -----------------------------------------------------------------


@pytest.mark.parametrize("value", [HUGE, "²"])
def test_marking_read_with_an_id_that_is_not_one_is_refused(operator_a, login, value):
    response = login(operator_a).post(reverse("notifications:read"), {"id": value})
    _refused(response, 400, "Параметр «id»")


def test_marking_read_still_marks_the_ids_given(operator_a, login):
    note = Notification.objects.create(
        recipient=operator_a, kind="accepted", subject="Принят", body="", region_id="31"
    )
    login(operator_a).post(reverse("notifications:read"), {"id": [str(note.pk)]})
    note.refresh_from_db()
    assert note.read_at is not None


def test_bulk_accept_with_an_id_wider_than_the_column_is_refused(belgorod, curator, login):
    _, report, _ = belgorod
    response = login(curator).post(
        reverse("assignments:bulk_accept"), {"reports": [report.pk, HUGE]}
    )
    _refused(response, 400, "Параметр «reports»")
    report.refresh_from_db()
    assert report.decision == ""


def test_bulk_accept_with_nothing_chosen_says_so(curator, login):
    response = login(curator).post(reverse("assignments:bulk_accept"), follow=True)
    assert "Выберите отчёты для принятия." in response.content.decode()


def test_splitting_at_a_position_that_is_not_a_number_is_refused_in_russian(
    sample_draft, ministry_admin, login
):
    instruction = sample_draft.instructions.first()
    url = reverse("protocols:instruction_change", args=[instruction.pk, "split"])
    response = login(ministry_admin).post(url, {"at": "²"})
    _refused(response, 400, "Параметр «at»: ожидается целое число")


# --- next ------------------------------------------------------------------------------


def _reads_next(callback) -> bool:
    try:
        return "safe_next(" in inspect.getsource(inspect.unwrap(callback))
    except (OSError, TypeError):  # built at run time (the API's operations): not ours
        return False


# How to reach each view that follows ``next``, and where it goes by default. The routes
# are found in the URL conf, so a new view reading ``next`` fails until it is listed.
NEXT_FORMS = {
    "notifications:read": lambda objects: ({}, reverse("notifications:list")),
    "assignments:report_decide": lambda objects: (
        {"pk": objects[1].pk}, reverse("assignments:detail", args=[objects[0].pk])
    ),
    "assignments:extension_decide": lambda objects: (
        {"pk": objects[2].pk}, reverse("assignments:detail", args=[objects[0].pk])
    ),
}  # fmt: skip


def test_every_view_following_next_is_checked_here():
    reading = {name for name, pattern in url_patterns().items() if _reads_next(pattern.callback)}
    assert reading == set(NEXT_FORMS)


@pytest.mark.parametrize("target", OFF_SITE)
@pytest.mark.parametrize("route", sorted(NEXT_FORMS))
def test_next_off_the_site_is_not_followed(belgorod, curator, login, route, target):
    kwargs, default = NEXT_FORMS[route](belgorod)
    response = login(curator).post(reverse(route, kwargs=kwargs), {"next": target})
    assert response.status_code == 302
    assert response["Location"] == default


@pytest.mark.parametrize("route", sorted(NEXT_FORMS))
def test_next_within_the_site_is_followed(belgorod, curator, login, route):
    kwargs, _ = NEXT_FORMS[route](belgorod)
    response = login(curator).post(reverse(route, kwargs=kwargs), {"next": "/assignments/desk/"})
    assert response["Location"] == "/assignments/desk/"


def test_no_module_reads_next_but_through_safe_next():
    readers = [
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if path.name != "params.py" and re.search(r"""["']next["']""", path.read_text())
    ]
    assert not readers, f"read «next» through protokol.core.params.safe_next: {readers}"
