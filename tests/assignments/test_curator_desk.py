"""The curator's desk: submitted reports oldest first, bulk acceptance, extension requests."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from protokol.assignments.models import Assignment, ExtensionRequest
from tests.factories import make_report

QUOTA = [
    {"key": "quota", "label": "Квота слушателей", "type": "number", "required": True},
    {"key": "completed", "label": "Завершили обучение", "type": "number", "required": True},
]
DESK = reverse("assignments:desk")


@pytest.fixture
def regional_operator(db):
    """``regional_operator(code)`` → an operator of that region."""
    from protokol.accounts.models import User

    def make(code: str):
        return User.objects.get_or_create(
            username=f"operator-{code}",
            defaults={"role": "operator", "region_id": code, "last_name": f"Оператор{code}"},
        )[0]

    return make


@pytest.fixture
def submit(regional_operator):
    """``submit(assignment, answers, text=…, minutes_ago=…)`` → a report awaiting decision."""

    def make(assignment: Assignment, answers: dict, *, text: str = "", minutes_ago: int = 0):
        report = make_report(
            assignment,
            regional_operator(assignment.region_id),
            assignment.reports.count() + 1,
            text=text,
            answers=answers,
            submitted_at=timezone.now() - dt.timedelta(minutes=minutes_ago),
        )
        Assignment.objects.filter(pk=assignment.pk).update(state=Assignment.State.SUBMITTED)
        return report

    return make


@pytest.fixture
def quota(small_protocol):
    """V.1 addressed to four regions, asking for the quota and those who completed."""
    instruction = small_protocol(("31", "77", "17", "50"), template=QUOTA)
    return {a.region_id: a for a in instruction.assignments.select_related("region")}


def _body(response) -> str:
    return response.content.decode()


def test_the_queue_lists_submitted_reports_oldest_first(quota, submit, curator, login):
    submit(quota["77"], {"quota": 30, "completed": 28}, minutes_ago=5)
    submit(quota["31"], {"quota": 25, "completed": 25}, minutes_ago=50)
    page = _body(login(curator).get(DESK))
    assert page.index("Белгородская область") < page.index("Москва")
    assert "Квота слушателей: <strong>25</strong>" in page
    assert "Отчёты на проверке" in page


def test_a_curator_sees_only_their_instructions_an_admin_all(
    small_protocol, quota, submit, curator, ministry_admin, login
):
    foreign = small_protocol(("31",))
    foreign.code, foreign.curator = "IX.9", ministry_admin
    foreign.save(update_fields=["code", "curator"])
    submit(foreign.assignments.get(), {}, text="Исполнено.")
    submit(quota["77"], {"quota": 30, "completed": 28})
    mine = _body(login(curator).get(DESK))
    assert "V.1" in mine and "IX.9" not in mine
    everything = _body(login(ministry_admin).get(DESK))
    assert "V.1" in everything and "IX.9" in everything


def test_a_report_sent_after_the_deadline_is_marked_for_the_curator(
    quota, submit, curator, operator_a, login
):
    # Belgorod's term (2 December 2024) is long past; Moscow's was extended a month ahead.
    Assignment.objects.filter(pk=quota["77"].pk).update(
        due_date=timezone.localdate() + dt.timedelta(days=30)
    )
    late = submit(quota["31"], {"quota": 25, "completed": 25})
    on_time = submit(quota["77"], {"quota": 30, "completed": 28})
    page = _body(login(curator).get(DESK))
    rows = {
        pk: page.split(f'id="report-{pk}"')[1].split("</tr>")[0] for pk in (late.pk, on_time.pk)
    }
    assert "направлен после срока" in rows[late.pk]
    assert "направлен после срока" not in rows[on_time.pk]
    detail = reverse("assignments:detail", args=[late.assignment_id])
    assert "направлен после срока" in _body(login(curator).get(detail))
    # The mark is the curator's: the region's own page does not show it.
    assert "направлен после срока" not in _body(login(operator_a).get(detail))


def test_an_observer_reads_the_desk_and_an_operator_is_refused(
    quota, submit, observer, operator_a, login
):
    submit(quota["77"], {"quota": 30, "completed": 28})
    page = _body(login(observer).get(DESK))
    assert "Москва" in page and "Просмотр" in page
    assert "Принять" not in page
    assert login(operator_a).get(DESK).status_code == 403
    assert login(operator_a).post(reverse("assignments:bulk_accept")).status_code == 403


def test_accept_and_return_from_the_desk_come_back_to_it(quota, submit, curator, login):
    first = submit(quota["31"], {"quota": 25, "completed": 25})
    second = submit(quota["77"], {"quota": 30, "completed": 2})
    client = login(curator)
    decide = "assignments:report_decide"
    response = client.post(reverse(decide, args=[first.pk]), {"decision": "accept", "next": DESK})
    assert response["Location"] == DESK
    refused = client.post(reverse(decide, args=[second.pk]), {"decision": "return", "next": DESK})
    assert refused["Location"] == DESK
    assert "комментарий обязателен" in _body(client.get(DESK))
    client.post(
        reverse(decide, args=[second.pk]),
        {"decision": "return", "comment": "Объясните 2 из 30.", "next": DESK},
    )
    states = dict(Assignment.objects.filter(pk__in=[first.assignment_id, second.assignment_id])
                  .values_list("region_id", "state"))  # fmt: skip
    assert states == {"31": "accepted", "77": "returned"}


def test_an_unsafe_next_is_ignored(quota, submit, curator, login):
    report = submit(quota["31"], {"quota": 25, "completed": 25})
    response = login(curator).post(
        reverse("assignments:report_decide", args=[report.pk]),
        {"decision": "accept", "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("assignments:detail", args=[report.assignment_id])


def test_identical_answers_are_grouped_and_accepted_at_once(quota, submit, curator, login):
    same = [submit(quota[code], {"quota": 25, "completed": 25}) for code in ("31", "77", "17")]
    different = submit(quota["50"], {"quota": 25, "completed": 20})
    client = login(curator)
    page = _body(client.get(DESK))
    group = page[page.index('id="same-answers"') : page.index("<h2>Очередь")]
    assert "V.1 · 3 отчёта" in group
    assert "Московская область" not in group

    response = client.post(reverse("assignments:bulk_accept"), {"reports": [r.pk for r in same]})
    assert response["Location"] == DESK
    assert "Принято отчётов: 3." in _body(client.get(DESK))
    states = {
        a.region_id: a.state for a in Assignment.objects.filter(instruction=quota["31"].instruction)
    }
    assert states == {"31": "accepted", "77": "accepted", "17": "accepted", "50": "submitted"}
    different.refresh_from_db()
    assert different.decision == ""


def test_bulk_accept_ignores_reports_outside_the_users_queue(
    small_protocol, quota, submit, curator, ministry_admin, login
):
    foreign = small_protocol(("77",))
    foreign.curator = ministry_admin
    foreign.save(update_fields=["curator"])
    theirs = submit(foreign.assignments.get(), {}, text="Исполнено.")
    mine = submit(quota["31"], {"quota": 25, "completed": 25})
    login(curator).post(reverse("assignments:bulk_accept"), {"reports": [theirs.pk, mine.pk]})
    theirs.refresh_from_db()
    mine.refresh_from_db()
    assert (mine.decision, theirs.decision) == ("accepted", "")


def test_pending_extension_requests_are_decided_from_the_desk(quota, operator_a, curator, login):
    request = ExtensionRequest.objects.create(
        assignment=quota["31"],
        requested_date=dt.date(2024, 12, 20),
        previous_due_date=quota["31"].due_date,
        reason="Обучение продлено до 20 декабря.",
        requested_by=operator_a,
    )
    client = login(curator)
    page = _body(client.get(DESK))
    assert "Обучение продлено до 20 декабря." in page and "20 декабря 2024 г." in page
    client.post(
        reverse("assignments:extension_decide", args=[request.pk]),
        {"decision": "reject", "comment": "Срок не переносится.", "next": DESK},
    )
    request.refresh_from_db()
    assert request.decision == ExtensionRequest.Decision.REJECTED
    assert "Запросов нет." in _body(client.get(DESK))


def test_the_desk_runs_a_constant_number_of_queries(
    quota, submit, operator_a, curator, login, django_assert_num_queries, small_protocol
):
    submit(quota["31"], {"quota": 25, "completed": 25})
    client = login(curator)
    # Six, and the production calendar read once for what approving a request would give.
    with django_assert_num_queries(7):
        client.get(DESK)
    for code in ("77", "17", "50"):
        submit(quota[code], {"quota": 25, "completed": 25}, text="Исполнено.")
    other = small_protocol(("31", "77"), template=QUOTA)
    for assignment in other.assignments.all():
        submit(assignment, {"quota": 1, "completed": 1})
    ExtensionRequest.objects.create(
        assignment=quota["31"], requested_date=dt.date(2024, 12, 20), reason="Причина.",
        requested_by=operator_a,
    )  # fmt: skip
    with django_assert_num_queries(7):
        body = _body(client.get(DESK))
    assert body.count('name="decision" value="accept"') == 6
