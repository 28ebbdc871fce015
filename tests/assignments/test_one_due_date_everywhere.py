"""One effective due date everywhere (issue 14): what a region is held to — after the
production calendar and a granted extension — is the one date of the assignment on the
page, in the list, the выписка, the ICS feed, the API, the CSV and both XLSX files.

The journey: the protocol says «Срок — до 28 ноября 2024 г.»; the reviewer edits the date
to Saturday 23 November; published, the region is due on Friday the 22nd; it asks to move
the date to 31 December 2024, a day off, and the curator approves: due on Saturday
28 December, a working day in 2024 (ПП № 1314). Today is 5 November 2024.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from docx import Document
from icalendar import Calendar
from lxml import html
from openpyxl import load_workbook

from protokol.assignments.models import Assignment
from protokol.exports.xlsx import TABLE_TOP
from tests.factories import letter_requisites
from tests.protocols.rendering.documents import pdf_text

from .conftest import BELGOROD

D = dt.date
TODAY = D(2024, 11, 5)
PROTOCOL_DATE = D(2024, 10, 23)
WORDING = "Срок — до 28 ноября 2024 г."  # as the protocol has it
EDITED = D(2024, 11, 23)  # the reviewer's date: a Saturday
ASKED = D(2024, 12, 31)  # a day off in 2024
EFFECTIVE = D(2024, 12, 28)  # a working Saturday: the date the region is held to

MONTHS = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
          "сентября", "октября", "ноября", "декабря")  # fmt: skip
IN_WORDS = re.compile(rf"\b(\d{{1,2}}) ({'|'.join(MONTHS)}) (\d{{4}})\b")
NUMERIC = re.compile(r"\b(\d{2})\.(\d{2})\.(\d{4})\b")
ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def dates_in(text: str) -> set[dt.date]:
    """Every date written in ``text``: «28 декабря 2024», «28.12.2024», «2024-12-28»."""
    found = {D(int(y), MONTHS.index(m) + 1, int(d)) for d, m, y in IN_WORDS.findall(text)}
    found |= {D(int(y), int(m), int(d)) for d, m, y in NUMERIC.findall(text)}
    found |= {D(int(y), int(m), int(d)) for y, m, d in ISO.findall(text)}
    return found


def by_class(node, name: str, tag: str = "*") -> list:
    """The elements under ``node`` whose class list holds ``name``."""
    return node.xpath(f".//{tag}[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]")


@pytest.fixture
def moscow_morning():
    """It is 5 November 2024, noon in Moscow, for the whole test."""
    moment = dt.datetime(2024, 11, 5, 12, tzinfo=ZoneInfo("Europe/Moscow"))
    with time_machine.travel(moment, tick=False):
        yield


def _draft(admin, curator, **instruction_fields):
    """A draft protocol of 23 October 2024 with one instruction to Белгородская область."""
    from protokol.protocols.models import Instruction, Protocol

    protocol = Protocol.objects.create(
        number="Д05-3/05пр",
        date=PROTOCOL_DATE,
        title="совещания о практической подготовке",
        **letter_requisites(PROTOCOL_DATE),
    )
    instruction = Instruction.objects.create(
        protocol=protocol,
        position=0,
        code="II.1",
        number="1",
        text="Обеспечить заключение договоров о практической подготовке обучающихся.",
        curator=curator,
        **instruction_fields,
    )
    instruction.regions.set([BELGOROD])
    return protocol, instruction


@pytest.fixture
def extended(moscow_morning, ministry_admin, curator, operator_a) -> Assignment:
    """The journey of the module docstring, through the review, publication and
    extension services; Belgorod's assignment at its end."""
    from protokol.assignments.extensions import decide_extension, request_extension
    from protokol.protocols.review import update_instruction
    from protokol.publication.publishing import publish

    protocol, instruction = _draft(
        ministry_admin, curator, deadline_date=D(2024, 11, 28), deadline_text=WORDING
    )
    update_instruction(instruction, {"deadline_date": EDITED}, None, ministry_admin)
    publish(protocol, ministry_admin)
    assignment = Assignment.objects.get(instruction=instruction)
    assert assignment.due_date == D(2024, 11, 22)  # Saturday → Friday
    request = request_extension(
        assignment, operator_a, new_date=ASKED, reason="Договоры подписываются в декабре."
    )
    decide_extension(request, curator, approve=True)
    assignment.refresh_from_db()
    assert assignment.due_date == EFFECTIVE
    return Assignment.objects.select_related("instruction__protocol").get(pk=assignment.pk)


# --- each surface: the dates it shows for the assignment ------------------------------


def _page(client: Client, assignment: Assignment) -> dict[str, set[dt.date]]:
    """The assignment page: the dates of its «Срок» fact, and every other date outside the
    records of the extension request and the history. The protocol's wording is left out
    only where the page marks it as the source («в протоколе: …»)."""
    body = client.get(reverse("assignments:detail", args=[assignment.pk])).content.decode()
    tree = html.fromstring(body)
    for record in [*by_class(tree, "extensions"), *by_class(tree, "history")]:
        record.drop_tree()
    for source in by_class(tree, "due-source"):
        assert source.text_content().strip() == f"в протоколе: {WORDING}"
        source.drop_tree()
    (due,) = tree.xpath('//dt[normalize-space()="Срок"]/following-sibling::dd[1]')
    return {
        "page: due date": dates_in(due.text_content()),
        "page: every other date": dates_in(tree.text_content()) - {PROTOCOL_DATE},
    }


def _list(client: Client, assignment: Assignment) -> set[dt.date]:
    body = client.get(reverse("assignments:home")).content.decode()
    detail = reverse("assignments:detail", args=[assignment.pk])
    (row,) = html.fromstring(body).xpath(f'//tr[.//a[@href="{detail}"]]')
    return dates_in(row.text_content()) - {PROTOCOL_DATE}


def _extract(client: Client, assignment: Assignment, file_format: str = "docx") -> set[dt.date]:
    protocol = assignment.instruction.protocol
    url = reverse("publication:extract", args=[protocol.pk, BELGOROD])
    response = client.get(url, {"format": file_format})
    assert response.status_code == 200
    data = b"".join(response.streaming_content)
    if file_format == "pdf":
        text = pdf_text(data)
    else:
        text = "\n".join(paragraph.text for paragraph in Document(io.BytesIO(data)).paragraphs)
    # The header carries the protocol's date, the certification today's.
    return dates_in(text) - {PROTOCOL_DATE, TODAY}


def _ics(operator) -> set[dt.date]:
    from protokol.notifications.calendars import issue_feed

    feed = issue_feed(operator)
    body = Client().get(reverse("notifications:feed", args=[feed.token])).content
    (event,) = Calendar.from_ical(body).walk("VEVENT")
    return {
        event["DTSTART"].dt.date(),
        event["DTEND"].dt.date(),
        *dates_in(str(event["DESCRIPTION"])),
        *dates_in(str(event["SUMMARY"])),
    }


def _api(operator, assignment: Assignment) -> set[dt.date]:
    from protokol.api.tokens import issue_token

    token = issue_token(operator, "тест сроков").secret
    client = Client(headers={"Authorization": f"Bearer {token}"})
    response = client.get(f"/api/v1/assignments/{assignment.pk}")
    assert response.status_code == 200
    return dates_in(json.dumps(response.json(), ensure_ascii=False))


def _csv(client: Client, assignment: Assignment) -> set[dt.date]:
    protocol = assignment.instruction.protocol
    body = client.get(reverse("exports:protocol_csv", args=[protocol.pk])).content
    (row,) = [
        row
        for row in csv.DictReader(io.StringIO(body.decode("utf-8-sig")), delimiter=";")
        if row["Поручение"] == "II.1" and row["Код субъекта"] == BELGOROD
    ]
    row.pop("Дата протокола")
    return dates_in(" ".join(row.values()))


def _workbook_dates(sheets, first_row: int) -> set[dt.date]:
    """Dates in the tables of ``sheets`` (below their title block): date cells and text."""
    found: set[dt.date] = set()
    for sheet in sheets:
        for row in sheet.iter_rows(min_row=first_row, values_only=True):
            for value in row:
                if isinstance(value, dt.datetime):
                    found.add(value.date())
                elif isinstance(value, str):
                    found |= dates_in(value)
    return found


def _summary_xlsx(client: Client, assignment: Assignment) -> set[dt.date]:
    protocol = assignment.instruction.protocol
    content = client.get(reverse("exports:protocol_xlsx", args=[protocol.pk])).content
    return _workbook_dates(load_workbook(io.BytesIO(content)).worksheets, TABLE_TOP)


def _open_items_xlsx(client: Client) -> set[dt.date]:
    content = client.get(reverse("exports:region_items", args=[BELGOROD])).content
    return _workbook_dates(load_workbook(io.BytesIO(content)).worksheets, 1)


def test_the_region_sees_one_due_date_on_every_surface(extended, operator_a, login):
    client = login(operator_a)
    seen = {
        **_page(client, extended),
        "operator's list": _list(client, extended),
        "выписка": _extract(client, extended),
        "выписка (PDF)": _extract(client, extended, "pdf"),
        "ICS feed": _ics(operator_a),
        "API": _api(operator_a, extended),
        "CSV": _csv(client, extended),
        "XLSX summary": _summary_xlsx(client, extended),
        "XLSX open items": _open_items_xlsx(client),
    }
    assert seen == {surface: {EFFECTIVE} for surface in seen}


def test_the_page_words_the_due_date_once_and_the_protocols_wording_as_its_source(
    extended, operator_a, login
):
    body = login(operator_a).get(reverse("assignments:detail", args=[extended.pk]))
    (due,) = by_class(html.fromstring(body.content.decode()), "due", "dd")
    assert by_class(due, "due-date")[0].text_content() == "до 28 декабря 2024 г."
    # The wording names its own date, but only under «в протоколе:», never beside the date.
    assert WORDING not in by_class(due, "due-date")[0].text_content()
    assert by_class(due, "due-source")[0].text_content() == f"в протоколе: {WORDING}"


def test_the_regions_extract_is_made_again_when_its_due_date_moves(
    moscow_morning, ministry_admin, curator, operator_a, login
):
    from protokol.assignments.extensions import decide_extension, request_extension
    from protokol.publication.publishing import publish

    protocol, instruction = _draft(
        ministry_admin, curator, deadline_date=EDITED, deadline_text="Срок — до 23 ноября 2024 г."
    )
    publish(protocol, ministry_admin)
    client = login(operator_a)
    assignment = Assignment.objects.get(instruction=instruction)
    before = {fmt: _extract(client, assignment, fmt) for fmt in ("docx", "pdf")}
    request = request_extension(assignment, operator_a, new_date=ASKED, reason="Нужен месяц.")
    decide_extension(request, curator, approve=True)
    after = {fmt: _extract(client, assignment, fmt) for fmt in ("docx", "pdf")}
    assert before == {"docx": {D(2024, 11, 22)}, "pdf": {D(2024, 11, 22)}}
    assert after == {"docx": {EFFECTIVE}, "pdf": {EFFECTIVE}}


def test_the_publication_letter_names_the_date_the_region_is_held_to(
    moscow_morning, ministry_admin, curator, operator_a
):
    from protokol.notifications.models import Notification
    from protokol.publication.publishing import publish

    protocol, _ = _draft(ministry_admin, curator, deadline_date=EDITED, deadline_text=WORDING)
    publish(protocol, ministry_admin)
    letter = Notification.objects.get(kind="published", recipient=operator_a)
    assert "Срок: до 22 ноября 2024 г." in letter.body
    assert dates_in(letter.body) - {PROTOCOL_DATE} == {D(2024, 11, 22)}


def test_an_extract_made_before_the_date_moved_leaves_no_file_behind(
    moscow_morning, ministry_admin, curator, operator_a, login, django_capture_on_commit_callbacks
):
    from protokol.assignments.extensions import decide_extension, request_extension
    from protokol.protocols.models import GeneratedDocument
    from protokol.publication.publishing import publish

    protocol, instruction = _draft(ministry_admin, curator, deadline_date=EDITED)
    publish(protocol, ministry_admin)
    assignment = Assignment.objects.get(instruction=instruction)
    _extract(login(operator_a), assignment)
    made = GeneratedDocument.objects.get(kind=GeneratedDocument.Kind.EXTRACT_DOCX)
    assert made.file.storage.exists(made.file.name)
    request = request_extension(assignment, operator_a, new_date=ASKED, reason="Нужен месяц.")
    with django_capture_on_commit_callbacks(execute=True):
        decide_extension(request, curator, approve=True)
    assert not GeneratedDocument.objects.filter(kind=GeneratedDocument.Kind.EXTRACT_DOCX).exists()
    assert not made.file.storage.exists(made.file.name)


def test_a_correction_of_the_protocol_keeps_a_granted_extension(extended, ministry_admin, curator):
    """Publishing a corrected version re-issues every instruction of the protocol: a
    region's granted extension stands unless the new schedule is later still."""
    from protokol.protocols.models import Instruction
    from protokol.protocols.review import update_instruction
    from protokol.publication.publishing import publish

    protocol = extended.instruction.protocol
    other = Instruction.objects.create(
        protocol=protocol, position=1, code="II.2", number="2", text="Проинформировать.",
        deadline_date=D(2024, 12, 2), curator=curator, all_regions=True,
    )  # fmt: skip
    publish(protocol, ministry_admin)
    extended.refresh_from_db()
    assert Assignment.objects.filter(instruction=other).exists()
    assert extended.due_date == EFFECTIVE
    # A corrected term later than the extension is later for the region too.
    update_instruction(
        extended.instruction, {"deadline_date": D(2025, 1, 20)}, None, ministry_admin
    )
    publish(protocol, ministry_admin)
    extended.refresh_from_db()
    assert extended.due_date == D(2025, 1, 20)


# --- a recurring instruction: its periodicity and its next due date -------------------

MONTHLY = {"kind": "monthly", "description": "ежемесячно, до 10 числа", "day_of_month": 10}
NEXT_DUE = D(2024, 11, 8)  # 10 November 2024 is a Sunday


@pytest.fixture
def recurring(moscow_morning, ministry_admin, curator) -> Assignment:
    from protokol.publication.publishing import publish

    protocol, instruction = _draft(
        ministry_admin, curator, recurrence=MONTHLY, deadline_text="ежемесячно, до 10 числа"
    )
    publish(protocol, ministry_admin)
    return Assignment.objects.filter(instruction=instruction).order_by("period").first()


def test_a_recurring_instruction_shows_the_region_its_periodicity_and_next_due_date(
    recurring, operator_a, login
):
    client = login(operator_a)
    page = html.fromstring(
        client.get(reverse("assignments:detail", args=[recurring.pk])).content.decode()
    )
    (due,) = by_class(page, "due", "dd")
    assert by_class(due, "due-date")[0].text_content() == "до 8 ноября 2024 г."
    assert by_class(due, "due-periodicity")[0].text_content() == "Ежемесячно, до 10 числа"

    listing = html.fromstring(client.get(reverse("assignments:home")).content.decode())
    detail = reverse("assignments:detail", args=[recurring.pk])
    (row,) = listing.xpath(f'//tr[.//a[@href="{detail}"]]')
    (cell,) = by_class(row, "due", "td")
    assert cell.text.strip() == "до 8 ноября 2024 г."
    assert by_class(cell, "due-periodicity")[0].text_content() == "ежемесячно, до 10 числа"

    from protokol.api.tokens import issue_token

    token = issue_token(operator_a, "тест").secret
    api = Client(headers={"Authorization": f"Bearer {token}"})
    data = api.get(f"/api/v1/assignments/{recurring.pk}").json()
    assert (data["due_date"], data["periodicity"], data["due_label"]) == (
        NEXT_DUE.isoformat(),
        "ежемесячно, до 10 числа",
        "до 8 ноября 2024 г. (ежемесячно, до 10 числа)",
    )


def test_a_recurring_instructions_extract_names_its_periodicity_and_nearest_due_date(
    recurring, operator_a, login
):
    protocol = recurring.instruction.protocol
    response = login(operator_a).get(reverse("publication:extract", args=[protocol.pk, BELGOROD]))
    document = Document(io.BytesIO(b"".join(response.streaming_content)))
    lines = [p.text for p in document.paragraphs if p.text.startswith("Срок — ")]
    assert lines == ["Срок — ежемесячно, до 10 числа; ближайший срок — 8 ноября 2024 г."]
