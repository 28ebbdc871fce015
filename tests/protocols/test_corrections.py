"""Corrections of a published protocol reach no region until the next version is published.

The sample is published (version 1); III.1 is Белгородская область's (region A, 31) and
not Москва's (region B, 77). Each test edits it as the review page does and looks at it
the way a region does: the assignment page, the API, the calendar feed.
"""

from __future__ import annotations

import datetime as dt
import html

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from icalendar import Calendar

from protokol.api.tokens import issue_token
from protokol.assignments.models import Assignment
from protokol.core.models import Event
from protokol.notifications import calendars
from protokol.notifications.models import Notification
from protokol.protocols import corrections
from protokol.protocols.models import Instruction, Protocol, ProtocolVersion
from protokol.protocols.review import (
    PublicationRefused,
    ReviewError,
    add_instruction,
    apply_default_terms,
    move_instruction,
    split_instruction,
    update_instruction,
    update_protocol,
)
from protokol.publication.publishing import publish
from tests.protocols.test_review import _rendered_form

PUBLISHED_DUE = dt.date(2024, 12, 28)
NEW_DUE = dt.date(2025, 2, 14)
NEW_TEXT = "назначить руководителей ЦОПП приказом органа власти субъекта РФ (новая редакция)"


@pytest.fixture
def iii_1(published) -> Instruction:
    return published.instructions.get(code="III.1")


def _correct_iii_1(instruction: Instruction, admin) -> None:
    """New text and deadline, and Москва added to the regions."""
    regions = [*instruction.regions.values_list("code", flat=True), "77"]
    update_instruction(instruction, {"text": NEW_TEXT, "deadline_date": NEW_DUE}, regions, admin)


class RegionView:
    """What a region's operator sees of one instruction: page, API and calendar."""

    def __init__(self, operator, login) -> None:
        self.page = login(operator)
        self.token = issue_token(operator, "тесты").secret
        self.feed = calendars.issue_feed(operator)

    def api(self, path: str):
        return Client().get(f"/api/v1/{path}", headers={"Authorization": f"Bearer {self.token}"})

    def assignment_page(self, assignment: Assignment) -> str:
        return self.page.get(reverse("assignments:detail", args=[assignment.pk])).content.decode()

    def calendar_event(self, assignment: Assignment):
        response = Client().get(reverse("notifications:feed", args=[self.feed.token]))
        events = Calendar.from_ical(response.content).walk("VEVENT")
        return next(e for e in events if str(e["UID"]) == f"assignment-{assignment.pk}@protokol")


@pytest.fixture
def belgorod(operator_a, login) -> RegionView:
    return RegionView(operator_a, login)


def _belgorod_iii_1(instruction: Instruction) -> Assignment:
    return Assignment.objects.get(instruction=instruction, region_id="31")


def test_an_edit_of_a_published_instruction_reaches_no_region_before_republication(
    published, iii_1, ministry_admin, belgorod, operator_b, login
):
    published_text = iii_1.text
    _correct_iii_1(iii_1, ministry_admin)
    assignment = _belgorod_iii_1(iii_1)

    page = belgorod.assignment_page(assignment)
    assert published_text[:60] in page and NEW_TEXT not in page
    assert "до 28 декабря 2024 г." in page and "14 февраля 2025" not in page
    api_assignment = belgorod.api(f"assignments/{assignment.pk}").json()
    assert api_assignment["due_date"] == "2024-12-28"
    api_instruction = belgorod.api(f"instructions/{iii_1.pk}").json()
    assert api_instruction["text"] == published_text
    assert api_instruction["deadline_date"] == "2024-12-28"
    event = belgorod.calendar_event(assignment)
    assert event["DTSTART"].dt.date() == PUBLISHED_DUE
    assert NEW_TEXT not in str(event["DESCRIPTION"])
    assert belgorod.api(f"protocols/{published.pk}").json()["version"] == 1
    # Москва is added only in the correction: it holds nothing of III.1 yet.
    assert not Assignment.objects.filter(instruction=iii_1, region_id="77").exists()
    assert RegionView(operator_b, login).api(f"instructions/{iii_1.pk}").status_code == 404
    assert ProtocolVersion.objects.filter(protocol=published).count() == 1


def test_republication_brings_every_correction_to_the_regions_at_once(
    published, iii_1, ministry_admin, belgorod, operator_b
):
    _correct_iii_1(iii_1, ministry_admin)
    publication = publish(published, ministry_admin)

    assert publication.version.number == 2
    change = next(c for c in publication.version.changes if c["instruction"] == "III.1")
    assert {f["field"] for f in change["fields"]} == {"text", "deadline_date", "regions"}
    assignment = _belgorod_iii_1(iii_1)
    assert assignment.due_date == NEW_DUE
    page = belgorod.assignment_page(assignment)
    assert NEW_TEXT in page and "до 14 февраля 2025 г." in page
    assert belgorod.api(f"assignments/{assignment.pk}").json()["due_date"] == "2025-02-14"
    api_instruction = belgorod.api(f"instructions/{iii_1.pk}").json()
    assert (api_instruction["text"], api_instruction["deadline_date"]) == (NEW_TEXT, "2025-02-14")
    event = belgorod.calendar_event(assignment)
    assert event["DTSTART"].dt.date() == NEW_DUE
    assert NEW_TEXT in str(event["DESCRIPTION"])
    assert belgorod.api(f"protocols/{published.pk}").json()["version"] == 2
    assert Assignment.objects.filter(instruction=iii_1, region_id="77").exists()
    for operator in (belgorod.feed.user, operator_b):
        notice = Notification.objects.get(recipient=operator, kind=Notification.Kind.CORRECTED)
        assert "III.1" in notice.body
    iii_1.refresh_from_db()
    assert iii_1.pending == {}


def test_a_text_correction_tells_the_regions_holding_it_of_their_own_instructions_only(
    published, iii_1, ministry_admin, operator_a
):
    viii_1 = published.instructions.get(code="VIII.1")  # not Белгородская область's
    update_instruction(iii_1, {"text": NEW_TEXT}, None, ministry_admin)
    update_instruction(viii_1, {"text": f"{viii_1.text} (уточнено)"}, None, ministry_admin)
    publish(published, ministry_admin)

    notice = Notification.objects.get(recipient=operator_a, kind=Notification.Kind.CORRECTED)
    assert "III.1: текст" in notice.body
    assert "VIII.1" not in notice.body


@pytest.mark.parametrize("step", ["sync_assignments", "generate_cover_letters", "_notify"])
def test_a_republication_failing_midway_applies_no_correction(
    published, iii_1, ministry_admin, belgorod, monkeypatch, step
):
    from protokol.publication import publishing

    published_text = iii_1.text
    _correct_iii_1(iii_1, ministry_admin)
    pending = Instruction.objects.get(pk=iii_1.pk).pending

    def fail(*args, **kwargs):
        raise RuntimeError(f"{step} failed")

    monkeypatch.setattr(publishing, step, fail)
    with pytest.raises(RuntimeError):
        publish(published, ministry_admin)

    iii_1.refresh_from_db()
    assert (iii_1.text, iii_1.deadline_date) == (published_text, PUBLISHED_DUE)
    assert "77" not in set(iii_1.regions.values_list("code", flat=True))
    assert iii_1.pending == pending
    assert _belgorod_iii_1(iii_1).due_date == PUBLISHED_DUE
    assert Protocol.objects.get(pk=published.pk).version == 1
    assert ProtocolVersion.objects.filter(protocol=published).count() == 1
    assert not Notification.objects.filter(kind=Notification.Kind.CORRECTED).exists()


def test_discarding_the_corrections_keeps_what_the_regions_have_and_is_audited(
    published, iii_1, ministry_admin, login
):
    _correct_iii_1(iii_1, ministry_admin)
    update_protocol(published, {"letter_executor_phone": "587-01-10, доб. 4000"}, ministry_admin)

    response = login(ministry_admin).post(
        reverse("protocols:discard_corrections", args=[published.pk])
    )
    assert response.status_code == 302
    iii_1.refresh_from_db()
    published.refresh_from_db()
    assert iii_1.pending == {} and published.pending == {}
    event = Event.objects.get(verb="protocol.corrections_discarded", actor=ministry_admin)
    assert set(event.before) == {"III.1", "реквизиты"}
    assert event.before["III.1"]["deadline_date"] == "2025-02-14"
    assert event.before["реквизиты"] == {"letter_executor_phone": "587-01-10, доб. 4000"}
    assert publish(published, ministry_admin).unchanged


def test_one_instructions_corrections_are_discarded_from_its_card(
    published, iii_1, ministry_admin, login
):
    viii_1 = published.instructions.get(code="VIII.1")
    _correct_iii_1(iii_1, ministry_admin)
    update_instruction(viii_1, {"text": "уточнённый текст"}, None, ministry_admin)

    login(ministry_admin).post(reverse("protocols:instruction_change", args=[iii_1.pk, "discard"]))
    assert Instruction.objects.get(pk=iii_1.pk).pending == {}
    assert Instruction.objects.get(pk=viii_1.pk).pending == {"text": "уточнённый текст"}
    event = Event.objects.get(verb="protocol.corrections_discarded")
    assert event.object_id == str(iii_1.pk) and set(event.before) == {"III.1"}


def test_the_review_page_shows_the_pending_values_marked_unpublished(
    published, iii_1, ministry_admin, login
):
    client = login(ministry_admin)
    form = {
        key: [html.unescape(value) for value in values]
        for key, values in _rendered_form(client, published, iii_1).items()
    }
    form[f"i{iii_1.pk}-deadline_date"] = ["2025-02-14"]
    saved = client.post(reverse("protocols:instruction_save", args=[iii_1.pk]), form)
    assert saved.status_code == 200
    assert "не опубликовано" in saved.content.decode()

    page = client.get(reverse("protocols:review", args=[published.pk])).content.decode()
    card = page[page.index(f'id="instruction-{iii_1.pk}"') :]
    card = card[: card.index("</article>")]
    assert 'value="2025-02-14"' in card
    assert "не опубликовано" in card
    assert "срок: <del>28 декабря 2024 г.</del> → <ins>14 февраля 2025 г.</ins>" in card
    assert "Отменить изменения" in card
    assert "Не опубликовано:</strong> III.1. Регионы видят версию 1, пока" in page
    assert "Опубликовать изменения" in page
    assert Instruction.objects.get(pk=iii_1.pk).deadline_date == PUBLISHED_DUE


def test_the_review_page_judges_the_protocol_as_it_would_be_published(
    published, iii_1, ministry_admin, login
):
    update_instruction(iii_1, {"all_regions": False}, [], ministry_admin)
    page = login(ministry_admin).get(reverse("protocols:review", args=[published.pk]))
    assert "III.1: не указаны адресаты." in page.content.decode()
    with pytest.raises(PublicationRefused):
        publish(published, ministry_admin)
    iii_1.refresh_from_db()
    assert iii_1.regions.exists() and iii_1.pending == {"regions": []}


def test_the_review_page_of_corrections_runs_a_constant_number_of_queries(
    published, ministry_admin, login, django_assert_num_queries
):
    client = login(ministry_admin)
    url = reverse("protocols:review", args=[published.pk])
    instructions = list(published.instructions.order_by("position"))
    update_instruction(instructions[0], {"text": "первая правка"}, ["31"], ministry_admin)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for instruction in instructions[1:6]:
        update_instruction(instruction, {"text": "ещё правка"}, ["31", "77"], ministry_admin)
    with django_assert_num_queries(len(one.captured_queries)):
        client.get(url)


def test_the_requisites_of_a_published_protocol_wait_for_the_next_version(
    published, ministry_admin, belgorod
):
    update_protocol(published, {"number": "Д05-98/05пр-испр"}, ministry_admin)
    assert belgorod.api(f"protocols/{published.pk}").json()["number"] == "Д05-98/05пр"
    assignment = Assignment.objects.filter(region_id="31").first()
    assert "Д05-98/05пр-испр" not in str(belgorod.calendar_event(assignment)["SUMMARY"])

    publication = publish(published, ministry_admin)
    assert belgorod.api(f"protocols/{published.pk}").json()["number"] == "Д05-98/05пр-испр"
    (requisites,) = [c for c in publication.version.changes if c["change"] == "requisites"]
    assert [f["field"] for f in requisites["fields"]] == ["number"]
    assert publication.version.documents.exists()  # the cover letter of version 2
    notice = Notification.objects.get(
        recipient=belgorod.feed.user, kind=Notification.Kind.CORRECTED
    )
    assert "реквизиты протокола: номер" in notice.body


def test_a_correction_set_back_to_what_the_regions_have_leaves_nothing_pending(
    iii_1, ministry_admin
):
    update_instruction(iii_1, {"deadline_date": NEW_DUE}, None, ministry_admin)
    update_instruction(iii_1, {"deadline_date": PUBLISHED_DUE}, None, ministry_admin)
    assert Instruction.objects.get(pk=iii_1.pk).pending == {}


def test_an_instruction_added_to_a_published_protocol_is_a_draft_no_region_sees(
    published, ministry_admin, belgorod, operator_a, login
):
    added = add_instruction(published, None, ministry_admin)
    update_instruction(
        added, {"text": "представить сведения о ЦОПП", "deadline_date": NEW_DUE}, None,
        ministry_admin,
    )  # fmt: skip
    added.refresh_from_db()
    assert added.state == Instruction.State.DRAFT and added.pending == {}
    codes = {i["code"] for i in belgorod.api("instructions?limit=100").json()["items"]}
    assert added.code not in codes
    detail = login(operator_a).get(reverse("protocols:detail", args=[published.pk]))
    assert "представить сведения о ЦОПП" not in detail.content.decode()

    publication = publish(published, ministry_admin)
    assert {"instruction": added.code, "change": "added"} in publication.version.changes
    assert Assignment.objects.filter(instruction=added, region_id="31").exists()


def test_published_instructions_keep_their_order_and_a_new_one_moves(published, ministry_admin):
    first, second = published.instructions.order_by("position")[:2]
    with pytest.raises(ReviewError, match="порядок задан протоколом"):
        move_instruction(second, -1, ministry_admin)
    added = add_instruction(published, first.section, ministry_admin, after=first)
    move_instruction(added, -1, ministry_admin)
    codes = list(published.instructions.order_by("position").values_list("code", flat=True))
    assert codes[:3] == [added.code, first.code, second.code]


def test_a_split_of_a_published_instruction_waits_and_its_tail_is_a_draft(iii_1, ministry_admin):
    text = iii_1.text
    at = text.index(" ", len(text) // 2)
    tail = split_instruction(iii_1, at, ministry_admin)
    iii_1.refresh_from_db()
    assert iii_1.text == text
    assert iii_1.pending == {"text": text[:at].strip()}
    assert tail.state == Instruction.State.DRAFT and tail.text == text[at:].strip()
    assert set(tail.regions.values_list("code", flat=True)) == set(
        iii_1.regions.values_list("code", flat=True)
    )
    assert not tail.assignments.exists()


def test_default_terms_for_a_corrected_published_instruction_wait_too(
    published, iii_1, ministry_admin
):
    update_instruction(iii_1, {"deadline_date": None}, None, ministry_admin)
    assert apply_default_terms(published, ministry_admin) == 1
    iii_1.refresh_from_db()
    assert iii_1.deadline_date == PUBLISHED_DUE
    assert iii_1.pending["deadline_date"] == "2024-11-23"
    assert corrections.shown(iii_1).deadline_date == dt.date(2024, 11, 23)


def test_a_curator_correction_reads_as_the_curators_names(iii_1, ministry_admin):
    update_instruction(iii_1, {"curator_id": ministry_admin.pk}, None, ministry_admin)
    instruction = Instruction.objects.prefetch_related("regions").get(pk=iii_1.pk)
    (change,) = corrections.unpublished_changes(instruction)
    assert (change["before_text"], change["after_text"]) == ("Curator А.", "Admin А.")
