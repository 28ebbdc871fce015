"""The assignment page: what it shows, and every action as a form through the life cycle."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from protokol.assignments import lifecycle, reporting
from protokol.assignments.models import Assignment, ExtensionRequest, Report
from protokol.core.models import Event
from protokol.protocols.report_template import TEMPLATE_PRESETS

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
COPP_HEAD = TEMPLATE_PRESETS["copp_head"]["fields"]


def _url(assignment: Assignment, action: str | None = None) -> str:
    if action is None:
        return reverse("assignments:detail", args=[assignment.pk])
    return reverse("assignments:act", args=[assignment.pk, action])


def _body(response) -> str:
    return response.content.decode()


@pytest.fixture
def copp(assignment_in):
    """Belgorod's assignment of an instruction asking for the appointed head of ЦОПП."""
    return assignment_in("issued", template=COPP_HEAD)


# --- what the page shows ------------------------------------------------------------


def test_the_page_shows_the_instruction_its_source_deadline_and_history(
    belgorod_iii_1, operator_a, login
):
    with time_machine.travel(dt.datetime(2024, 12, 20, 12, tzinfo=ZoneInfo("Europe/Moscow"))):
        body = _body(login(operator_a).get(_url(belgorod_iii_1)))
    instruction = belgorod_iii_1.instruction
    assert "Поручение III.1" in body and "Белгородская область" in body
    assert "№ Д05-98/05пр от 23 октября 2024 г." in body
    # The source excerpt is the protocol's own text at the instruction's span.
    excerpt = instruction.protocol.text[instruction.span_start : instruction.span_end]
    assert excerpt.split()[0] in body and "Текст протокола" in body
    # 28 December 2024 was a working Saturday (ПП № 1314): the date stands, and it counts.
    assert "до 28 декабря 2024 г." in body
    assert "осталось 6 рабочих дней" in body
    assert "направлено" in body  # the state
    assert "Направлено поручение III.1" in body  # the issuing event, in the history
    assert "Подтвердить получение" in body


def test_an_operator_acknowledges_and_starts(copp, operator_a, login):
    client = login(operator_a)
    response = client.post(_url(copp, "acknowledge"), {"version": copp.version})
    assert response.status_code == 302 and response["Location"] == _url(copp)
    copp.refresh_from_db()
    assert copp.state == Assignment.State.ACKNOWLEDGED
    page = _body(client.get(_url(copp)))
    assert "Получение поручения подтверждено." in page
    client.post(_url(copp, "start"), {"version": copp.version})
    copp.refresh_from_db()
    assert copp.state == Assignment.State.IN_PROGRESS
    assert Event.objects.filter(object_id=str(copp.pk), region_code="31").count() >= 2


def test_a_report_with_answers_and_a_file_is_submitted_and_downloadable(copp, operator_a, login):
    client = login(operator_a)
    form = _body(client.get(_url(copp)))
    assert "Руководитель ЦОПП" in form and "Дата приказа о назначении" in form
    response = client.post(
        _url(copp, "submit"),
        {
            "version": copp.version,
            "text": "Приказ прилагается.",
            "answer__head": "Иванова Анна Борисовна",
            "answer__order_date": "2024-11-15",
            "answer__order_number": "12-п",
            "files": [SimpleUploadedFile("приказ.pdf", PDF, "text/html")],
        },
    )
    assert response.status_code == 302, _body(response)
    report = Report.objects.get(assignment=copp)
    assert report.answers == {
        "head": "Иванова А.Б.",
        "order_date": "2024-11-15",
        "order_number": "12-п",
    }
    page = _body(client.get(_url(copp)))
    assert "Иванова А.Б." in page and "15 ноября 2024 г." in page
    assert "отчёт направлен" in page and "Версия 1" in page
    attachment = report.files.get()
    assert reverse("assignments:file", args=[attachment.pk]) in page

    download = client.get(reverse("assignments:file", args=[attachment.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"  # sniffed, not the browser's claim
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content) == PDF


def test_invalid_answers_are_shown_on_their_field_and_nothing_typed_is_lost(
    copp, operator_a, login
):
    response = login(operator_a).post(
        _url(copp, "submit"),
        {
            "version": copp.version,
            "text": "Мой подробный отчёт",
            "answer__head": "иванова",
            "answer__order_date": "2024-11-15",
        },
    )
    assert response.status_code == 422
    body = _body(response)
    assert "Проверьте ответы по форме отчёта" in body
    assert "нужны фамилия и инициалы" in body
    assert "Мой подробный отчёт" in body and 'value="иванова"' in body
    assert not Report.objects.filter(assignment=copp).exists()


def test_a_stale_page_is_told_the_assignment_changed_and_keeps_the_text(copp, operator_a, login):
    stale = copp.version
    lifecycle.acknowledge(copp, operator_a)  # a colleague, a moment earlier
    response = login(operator_a).post(
        _url(copp, "submit"),
        {"version": stale, "text": "Текст, который жалко потерять", "answer__head": "Петров П.П."},
    )
    assert response.status_code == 409
    body = _body(response)
    assert "Поручение изменено другим пользователем" in body
    assert "Текст, который жалко потерять" in body and "Петров П.П." in body
    copp.refresh_from_db()
    # The kept form now carries the current version: a deliberate resubmission works.
    assert f'name="version" value="{copp.version}"' in body
    assert not Report.objects.filter(assignment=copp).exists()


def test_a_refused_transition_shows_its_russian_reason(assignment_in, operator_a, login):
    accepted = assignment_in("accepted")
    response = login(operator_a).post(
        _url(accepted, "submit"), {"version": accepted.version, "text": "Ещё один отчёт"}
    )
    assert response.status_code == 422
    body = _body(response)
    assert "Отчёт уже принят" in body
    assert Report.objects.filter(assignment=accepted).count() == 1


def test_an_interim_report_keeps_the_assignment_open(copp, operator_a, login):
    response = login(operator_a).post(
        _url(copp, "interim"),
        {"interim-version": copp.version, "interim-text": "Идёт отбор кандидатов."},
    )
    assert response.status_code == 302
    copp.refresh_from_db()
    assert copp.state == Assignment.State.IN_PROGRESS
    assert copp.reports.get().kind == Report.Kind.INTERIM


def test_not_applicable_needs_a_justification(copp, operator_a, login):
    client = login(operator_a)
    refused = client.post(_url(copp, "not-applicable"), {"version": copp.version})
    assert refused.status_code == 422 and "Обязательное поле" in _body(refused)
    client.post(
        _url(copp, "not-applicable"),
        {"version": copp.version, "justification": "ЦОПП в регионе не создан."},
    )
    copp.refresh_from_db()
    assert copp.state == Assignment.State.SUBMITTED
    assert copp.reports.get().kind == Report.Kind.NOT_APPLICABLE


def test_an_extension_is_requested_and_approved_by_the_curator(
    copp, operator_a, curator, login, clock
):
    client = login(operator_a)
    response = client.post(
        _url(copp, "extension"),
        {"version": copp.version, "new_date": "2024-12-20", "reason": "Конкурс продлён."},
    )
    assert response.status_code == 302, _body(response)
    request = ExtensionRequest.objects.get(assignment=copp)
    assert "Запросить перенос срока" not in _body(client.get(_url(copp)))  # one at a time

    curator_client = login(curator)
    page = _body(curator_client.get(_url(copp)))
    assert "Перенос срока на 20 декабря 2024 г." in page and "Конкурс продлён." in page
    curator_client.post(
        reverse("assignments:extension_decide", args=[request.pk]), {"decision": "approve"}
    )
    copp.refresh_from_db()
    assert copp.due_date == dt.date(2024, 12, 20)
    assert "Перенос срока согласован" in _body(client.get(_url(copp)))


def test_comments_appear_in_the_history(copp, operator_a, curator, login):
    login(operator_a).post(_url(copp, "comment"), {"text": "Уточните форму приказа."})
    login(curator).post(_url(copp, "comment"), {"text": "Подойдёт копия приказа в PDF."})
    page = _body(login(operator_a).get(_url(copp)))
    assert page.index("Уточните форму приказа.") < page.index("Подойдёт копия приказа в PDF.")


def test_the_curator_accepts_or_returns_from_the_page(assignment_in, curator, login):
    submitted = assignment_in("submitted")
    report = submitted.reports.get()
    client = login(curator)
    page = _body(client.get(_url(submitted)))
    assert "Решение по отчёту" in page and "Подтвердить получение" not in page
    decide = reverse("assignments:report_decide", args=[report.pk])

    refused = client.post(decide, {"decision": "return", "comment": ""})
    assert refused.status_code == 422
    assert "комментарий обязателен" in _body(refused)

    client.post(decide, {"decision": "return", "comment": "Приложите приказ."})
    submitted.refresh_from_db()
    assert submitted.state == Assignment.State.RETURNED
    report.refresh_from_db()
    assert report.decision == Report.Decision.RETURNED


def test_a_returned_report_is_prefilled_for_correction(assignment_in, operator_a, login):
    returned = assignment_in("returned", template=COPP_HEAD)
    returned.reports.update(answers={"head": "Иванова А.Б."})
    page = _body(login(operator_a).get(_url(returned)))
    assert "Направить исправленный отчёт" in page
    assert 'value="Иванова А.Б."' in page and "Руководитель ЦОПП назначен." in page


def test_an_observer_reads_without_actions(copp, observer, login):
    page = _body(login(observer).get(_url(copp)))
    assert "Поручение V.1" in page
    assert "Действия" not in page and "<form" not in page.split("<main")[1]


def test_an_observer_cannot_decide_by_posting(assignment_in, observer, login):
    submitted = assignment_in("submitted")
    report = submitted.reports.get()
    response = login(observer).post(
        reverse("assignments:report_decide", args=[report.pk]), {"decision": "accept"}
    )
    assert response.status_code == 403
    submitted.refresh_from_db()
    assert submitted.state == Assignment.State.SUBMITTED


def test_a_ministry_user_cannot_report_for_a_region(copp, curator, login):
    response = login(curator).post(_url(copp, "acknowledge"), {"version": copp.version})
    assert response.status_code == 403
    assert "только оператор субъекта РФ" in _body(response)


def test_while_the_region_works_its_curator_may_only_comment_or_report_for_it(
    assignment_in, curator, login
):
    working = assignment_in("in_progress")
    page = _body(login(curator).get(_url(working)))
    assert "Добавить комментарий" in page
    assert "Направить отчёт об исполнении" in page  # on the region's behalf
    assert "Подтвердить получение" not in page
    assert "Взять в работу" not in page


def test_the_page_runs_a_constant_number_of_queries_whatever_the_history(
    assignment_in, operator_a, login, django_assert_num_queries
):
    returned = assignment_in("returned", template=COPP_HEAD)
    client = login(operator_a)
    with django_assert_num_queries(13):
        client.get(_url(returned))
    for number in (2, 3, 4):
        report = Report.objects.create(
            assignment=returned, number=number, text=f"Версия {number}", submitted_by=operator_a,
            decision=Report.Decision.RETURNED,
        )  # fmt: skip
        report.files.create(
            file="reports/x.pdf", filename=f"{number}.pdf", content_type="application/pdf",
            size=10, sha256="0" * 64,
        )  # fmt: skip
        reporting.add_comment(returned, operator_a, f"Комментарий {number}")
    with django_assert_num_queries(13):
        body = _body(client.get(_url(returned)))
    assert "Версия 4" in body and "Комментарий 4" in body
