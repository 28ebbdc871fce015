"""The regional operator's home: every assignment of the region, grouped by urgency."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from protokol.assignments.models import Assignment
from protokol.protocols.models import Instruction

# Wednesday 27 November 2024, noon in Moscow.
TODAY = dt.datetime(2024, 11, 27, 12, tzinfo=ZoneInfo("Europe/Moscow"))


@pytest.fixture
def on_today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def instruction_due(small_protocol):
    """``instruction_due(code, due, regions=…, **options)`` → one instruction of its own."""

    def make(code: str, due: dt.date | None, regions=("31",), **options) -> Instruction:
        instruction = small_protocol(regions, due=due, **options)
        instruction.code, instruction.text = code, f"Поручение {code}: обеспечить исполнение"
        instruction.save(update_fields=["code", "text"])
        instruction.protocol.number = f"Д05-{code}/05пр"
        instruction.protocol.save(update_fields=["number"])
        return instruction

    return make


def _page(client, **params) -> str:
    """The listing part of the home (the filter form above it names every protocol)."""
    response = client.get(reverse("assignments:home"), params)
    assert response.status_code == 200
    body = response.content.decode()
    return body[body.index("</form>", body.index('class="filters"')) :]


def _section(body: str, key: str) -> str:
    start = body.index(f'id="group-{key}"')
    end = body.find("<section", start + 1)
    return body[start : end if end > 0 else len(body)]


def test_assignments_are_grouped_by_urgency_with_working_days(
    instruction_due, operator_a, login, on_today
):
    instruction_due("I.1", dt.date(2024, 11, 25))  # Monday: two working days late
    instruction_due("I.2", dt.date(2024, 12, 2))  # next Monday: 28, 29 Nov and 2 Dec
    instruction_due("I.3", dt.date(2024, 12, 20))
    done = instruction_due("I.4", dt.date(2024, 11, 20))
    done.assignments.update(state=Assignment.State.ACCEPTED)

    body = _page(login(operator_a))

    overdue, week = _section(body, "overdue"), _section(body, "this_week")
    later, finished = _section(body, "later"), _section(body, "done")
    assert "Просрочено" in overdue and "I.1" in overdue
    assert "просрочено на 2 рабочих дня" in overdue
    assert "до 25 ноября 2024 г." in overdue
    assert "I.2" in week and "до 2 декабря 2024 г." in week
    assert "осталось 3 рабочих дня" in week
    assert "I.3" in later and "осталось 17 рабочих дней" in later
    assert "I.4" in finished and "принято" in finished
    assert "рабоч" not in finished  # nothing is left or late once executed
    assert "№ Д05-I.2/05пр" in week and "от 23 октября 2024 г." in week


def test_one_working_day_left_reads_naturally(instruction_due, operator_a, login, on_today):
    instruction_due("I.1", dt.date(2024, 11, 28))
    assert "остался 1 рабочий день" in _page(login(operator_a))


def test_a_submitted_report_waits_with_the_done_ones(instruction_due, operator_a, login, on_today):
    instruction = instruction_due("I.1", dt.date(2024, 11, 25))
    instruction.assignments.update(state=Assignment.State.SUBMITTED)
    body = _page(login(operator_a))
    assert "I.1" in _section(body, "done")
    assert "I.1" not in _section(body, "overdue")


def test_a_past_due_recommendation_has_its_own_group_without_an_overdue_mark(
    instruction_due, operator_a, login, on_today
):
    instruction_due("II.5", dt.date(2024, 11, 25), kind="recommendation")
    body = _page(login(operator_a))
    past = _section(body, "recommendation_past")
    assert "Срок прошёл (рекомендации)" in past and "II.5" in past
    assert "срок прошёл" in past and "просрочено" not in past
    assert "II.5" not in _section(body, "overdue") and "II.5" not in _section(body, "later")


def test_filters_by_protocol_state_kind_and_search(instruction_due, operator_a, login, on_today):
    first = instruction_due("I.1", dt.date(2024, 12, 2))
    instruction_due("II.5", dt.date(2024, 12, 3), kind="recommendation")
    started = instruction_due("III.7", dt.date(2024, 12, 4))
    started.assignments.update(state=Assignment.State.IN_PROGRESS)
    client = login(operator_a)

    by_protocol = _page(client, protocol=first.protocol_id)
    assert "I.1" in by_protocol and "II.5" not in by_protocol and "III.7" not in by_protocol
    by_state = _page(client, state="in_progress")
    assert "III.7" in by_state and "I.1" not in by_state
    by_kind = _page(client, kind="recommendation")
    assert "II.5" in by_kind and "III.7" not in by_kind and "рекомендация" in by_kind
    by_code = _page(client, q="III.7")
    assert "III.7" in by_code and "I.1</strong>" not in by_code
    by_number = _page(client, q="Д05-II.5")
    assert "II.5" in by_number and "III.7" not in by_number
    by_text = _page(client, q="ОБЕСПЕЧИТЬ исполнение")
    assert all(code in by_text for code in ("I.1", "II.5", "III.7"))
    assert "Нет поручений." in _page(client, q="не существует такого текста")


def test_an_unknown_filter_value_is_ignored(instruction_due, operator_a, login, on_today):
    instruction_due("I.1", dt.date(2024, 12, 2))
    body = _page(login(operator_a), state="взломано", kind="<script>")
    assert "I.1" in body and "<script>" not in body


def test_a_protocol_filter_that_is_not_an_id_is_refused_in_russian(operator_a, login):
    response = login(operator_a).get(reverse("assignments:home"), {"protocol": "x"})
    assert response.status_code == 400
    assert "Параметр «protocol»: ожидается номер записи" in response.content.decode()


def test_an_operator_sees_only_their_own_region(instruction_due, operator_a, login, on_today):
    instruction_due("I.1", dt.date(2024, 12, 2), regions=("31", "77"))
    instruction_due("VIII.9", dt.date(2024, 12, 2), regions=("77",))
    body = _page(login(operator_a))
    assert "I.1" in body
    assert "VIII.9" not in body
    assert "Москва" not in login(operator_a).get(reverse("assignments:home")).content.decode()


def test_ministry_staff_see_every_region_and_may_filter_by_one(
    instruction_due, curator, login, on_today
):
    instruction_due("I.1", dt.date(2024, 12, 2), regions=("31", "77"))
    client = login(curator)
    body = _page(client)
    assert "Москва" in body and "Белгородская область" in body
    only_moscow = _page(client, region="77")
    assert only_moscow.count("<td>Москва</td>") == 1
    assert "<td>Белгородская область</td>" not in only_moscow


def test_an_operator_lands_here_and_the_menu_leads_here(operator_a, curator, login, db):
    client = login(operator_a)
    assert client.get(reverse("home"))["Location"] == reverse("assignments:home")
    menu = client.get(reverse("assignments:home")).content.decode()
    assert "Мои поручения" in menu
    assert "Отчёты на проверке" not in menu
    assert "Мои поручения" not in login(curator).get(reverse("home")).content.decode()


def test_the_sample_protocol_reaches_belgorods_home(published, operator_a, login):
    body = _page(login(operator_a))
    assert "III.1" in body
    assert "VIII.1" not in body  # addressed to Брянская, Владимирская… — not Белгородская
    assert "Д05-98/05пр" in body


def test_the_home_runs_a_constant_number_of_queries(
    instruction_due, operator_a, login, django_assert_num_queries, on_today
):
    instruction_due("I.1", dt.date(2024, 11, 25))
    client = login(operator_a)
    url = reverse("assignments:home")
    with django_assert_num_queries(8):
        client.get(url)
    for number, due in enumerate([dt.date(2024, 11, 26), dt.date(2024, 12, 2), None]):
        instruction_due(f"II.{number}", due, kind="recommendation" if due is None else "mandatory")
    accepted = instruction_due("III.1", dt.date(2024, 11, 1))
    accepted.assignments.update(state=Assignment.State.ACCEPTED)
    with django_assert_num_queries(8):
        body = client.get(url).content.decode()
    assert body.count('class="state state-') == 5


def test_open_assignments_come_a_page_at_a_time_nearest_first(
    published, operator_a, login, monkeypatch
):
    monkeypatch.setattr("protokol.assignments.views.OPEN_PAGE", 5)
    client = login(operator_a)
    open_codes = list(
        Assignment.objects.filter(region_id="31")
        .exclude(state__in=Assignment.CLOSED_STATES)
        .order_by("due_date", "pk")
        .values_list("pk", flat=True)
    )
    first = client.get(reverse("assignments:home")).content.decode()
    second = client.get(reverse("assignments:home") + "?page=2").content.decode()
    assert "Открытые поручения 1–5 по сроку." in first
    assert "page=2" in first and "page=0" not in first
    assert "Открытые поручения 6–10 по сроку." in second
    assert "page=1" in second and "page=3" in second
    assert all(f'href="/assignments/{pk}/"' in first for pk in open_codes[:5])
    assert not any(f'href="/assignments/{pk}/"' in first for pk in open_codes[5:10])
    assert all(f'href="/assignments/{pk}/"' in second for pk in open_codes[5:10])


def test_a_nonsense_page_number_is_refused_in_russian(operator_a, login):
    response = login(operator_a).get(reverse("assignments:home") + "?page=-3")
    assert response.status_code == 400
    assert "Параметр «page»: ожидается целое число от 1" in response.content.decode()
