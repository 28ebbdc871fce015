"""«23 октября 2024 г.» ends a sentence with its own stop: nowhere «г..».

One formatter (``extraction.russian.format_date_ru``, in templates ``ru_date``) and one way
to close a sentence that may end with it (``end_sentence``); then the documents, the e-mails
and the key pages are rendered with sample data and searched for «г..».
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.template.loader import render_to_string
from django.urls import reverse

import protokol.notifications
from protokol.extraction.russian import end_sentence
from protokol.protocols.models import Protocol
from protokol.protocols.paperwork import cover_letter
from protokol.protocols.rendering import (
    render_cover_letter_docx,
    render_cover_letter_pdf,
    render_extract_docx,
    render_extract_pdf,
)
from tests.dashboards.fixtures import executed, published  # noqa: F401
from tests.factories import make_instruction, make_protocol
from tests.protocols.rendering.documents import docx_text, pdf_text, protocol_extract

DOUBLED = re.compile(r"г\.\s*\.")
NOTICE_TEMPLATES = sorted(
    path.name
    for path in (Path(protokol.notifications.__file__).parent / "templates" / "notifications").glob(
        "*.txt"
    )
)


def _render(template: str, **context) -> str:
    return Template("{% load russian %}" + template).render(Context(context))


def test_a_sentence_ending_with_a_date_keeps_the_dates_stop():
    assert end_sentence("Срок — до 28 декабря 2024 г.") == "Срок — до 28 декабря 2024 г."


def test_a_sentence_ending_otherwise_gets_one_stop():
    assert end_sentence("Исполнено: 1 из 89 ") == "Исполнено: 1 из 89."


def test_the_date_filter_writes_the_gost_form():
    assert _render("{{ d|ru_date }}", d=dt.date(2024, 10, 23)) == "23 октября 2024 г."
    assert _render("{{ d|ru_date|default:'—' }}", d=None) == "—"


def test_the_date_filter_shows_a_moment_on_its_moscow_day():
    late_evening_utc = dt.datetime(2024, 10, 23, 22, 30, tzinfo=dt.UTC)
    assert _render("{{ d|ru_date }}", d=late_evening_utc) == "24 октября 2024 г."
    assert _render("{{ d|ru_datetime }}", d=late_evening_utc) == "24 октября 2024 г. 01:30"


def test_a_template_sentence_is_closed_once_whether_or_not_it_ends_with_a_date():
    template = "{% filter end_sentence %}Протокол от {{ d|ru_date }}{% endfilter %}"
    assert _render(template, d=dt.date(2024, 10, 23)) == "Протокол от 23 октября 2024 г."
    template = "{% filter end_sentence %}Протокол № {{ n }}{% endfilter %}"
    assert _render(template, n="Д05-98/05пр") == "Протокол № Д05-98/05пр."


@pytest.mark.parametrize("kind", Protocol.DocumentKind.values)
def test_cover_letters_of_every_document_kind_have_no_doubled_stop(kind):
    # Without a number, the default sentence of a list of instructions ends with the date.
    protocol = Protocol(document_kind=kind, date=dt.date(2024, 10, 23), number="")
    letter = cover_letter(protocol)
    text = docx_text(render_cover_letter_docx(letter)) + pdf_text(render_cover_letter_pdf(letter))
    assert "2024" in text
    assert not DOUBLED.search(text)


def test_extracts_have_no_doubled_stop():
    text = docx_text(render_extract_docx(protocol_extract()))
    text += pdf_text(render_extract_pdf(protocol_extract()))
    assert "до 28 декабря 2024 г." in text
    assert not DOUBLED.search(text)


@pytest.mark.django_db
def test_the_spravka_has_no_doubled_stop(executed, curator):  # noqa: F811
    from protokol.exports.spravka import execution_report_docx, execution_report_pdf

    text = docx_text(execution_report_docx(executed, curator))
    text += pdf_text(execution_report_pdf(executed, curator))
    # The protocol's 23 November 2024 is a Saturday: the regions are held to Friday the 22nd.
    assert "Срок — до 22 ноября 2024 г." in text
    assert not DOUBLED.search(text)


@pytest.fixture
def notice_context(operator_a):
    protocol = make_protocol("Д05-98/05пр", title="совещания с регионами")
    due = dt.date(2024, 12, 28)
    instruction = make_instruction(protocol, code="III.1", due=due, regions=["31"])
    assignment = instruction.assignments.get()
    return {
        "recipient": operator_a,
        "region": assignment.region,
        "protocol": protocol,
        "instruction": instruction,
        "version": SimpleNamespace(number=2),
        "due_date": due,
        "days_left": 3,
        "days_overdue": 2,
        "count": 1,
        "total": 1,
        "items": [SimpleNamespace(code="III.1", text=instruction.text, due_date=due)],
        "today": dt.date(2024, 12, 2),
        "groups": [
            {
                "instruction": instruction,
                "protocol": protocol,
                "due_date": due,
                "regions": [assignment.region],
            }
        ],
        "overdue": [assignment],
        "upcoming": [assignment],
        "changes": [{"instruction": "III.1", "change": "changed", "fields": [{"label": "срок"}]}],
    }


@pytest.mark.django_db
@pytest.mark.parametrize("template", NOTICE_TEMPLATES)
def test_no_e_mail_has_a_doubled_stop(template, notice_context):
    text = render_to_string(f"notifications/{template}", notice_context)
    assert not DOUBLED.search(text), text


@pytest.mark.django_db
def test_extension_notices_have_no_doubled_stop(operator_a, curator):
    from protokol.assignments.models import ExtensionRequest
    from protokol.notifications import events
    from protokol.notifications.models import Notification

    protocol = make_protocol()
    instruction = make_instruction(
        protocol, due=dt.date(2024, 12, 10), regions=["31"], curator=curator
    )
    request = ExtensionRequest.objects.create(
        assignment=instruction.assignments.get(),
        requested_date=dt.date(2024, 12, 24),
        reason="Приказ на согласовании.",
        requested_by=operator_a,
    )
    events.extension_requested(request)
    request.decision = ExtensionRequest.Decision.APPROVED
    events.extension_decided(request)
    texts = [f"{n.subject}\n{n.body}" for n in Notification.objects.all()]
    assert len(texts) == 2 and all("24 декабря 2024 г." in text for text in texts)
    assert not any(DOUBLED.search(text) for text in texts)


@pytest.mark.django_db
def test_key_pages_have_no_doubled_stop(executed, ministry_admin, curator, operator_a, login):  # noqa: F811
    assignment = executed.instructions.get(code="I.1").assignments.get(region_id="31", period=0)
    pages = [
        (ministry_admin, reverse("home")),
        (ministry_admin, reverse("protocols:list")),
        (ministry_admin, reverse("protocols:detail", args=[executed.pk])),
        (ministry_admin, reverse("dashboards:department")),
        (ministry_admin, reverse("dashboards:protocol", args=[executed.pk])),
        (ministry_admin, reverse("dashboards:rating")),
        (ministry_admin, reverse("dashboards:region", args=["31"])),
        (curator, reverse("assignments:desk")),
        (operator_a, reverse("assignments:home")),
        (operator_a, reverse("assignments:detail", args=[assignment.pk])),
    ]
    for user, url in pages:
        response = login(user).get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        assert "г." in text, url
        assert not DOUBLED.search(text), url
