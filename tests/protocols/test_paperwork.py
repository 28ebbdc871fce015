"""The cover letter's data: its wording by document kind, its blank requisites, file names."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from protokol.extraction import parse_file
from protokol.protocols.drafting import create_draft
from protokol.protocols.models import Protocol
from protokol.protocols.paperwork import (
    cover_letter,
    cover_letter_filename,
    extract_filename,
    missing_letter_requisites,
)
from protokol.regions.models import Region

REAL = Path(__file__).parents[1] / "samples" / "real"
COMPLETE_LETTER = {
    "letter_number": "05-4017",
    "letter_date": dt.date(2024, 11, 2),
    "letter_signatory": "Софронова М.И.",
    "letter_signatory_position": "И.О. директора Департамента",
    "letter_executor": "Мелихова С.Е.",
    "letter_executor_phone": "(495) 587-01-10, доб. 3378",
}


def test_a_complete_letter_misses_no_requisite():
    assert missing_letter_requisites(Protocol(**COMPLETE_LETTER)) == []


def test_an_empty_letter_lists_every_missing_requisite_in_the_order_of_the_page():
    assert missing_letter_requisites(Protocol()) == [
        "номер письма",
        "дата письма",
        "должность подписанта",
        "подписант",
        "исполнитель",
        "телефон исполнителя",
    ]


def test_a_requisite_of_spaces_is_missing():
    protocol = Protocol(**{**COMPLETE_LETTER, "letter_number": "  ", "letter_executor": "\t"})
    assert missing_letter_requisites(protocol) == ["номер письма", "исполнитель"]


def test_the_imported_sample_letter_has_every_requisite(sample_draft):
    assert missing_letter_requisites(sample_draft) == []


SENT = "Минпросвещения России направляет для исполнения и учета в работе"


@pytest.mark.parametrize(
    ("kind", "title", "sentence"),
    [
        (
            "protocol",
            "О рассылке протокола",
            f"{SENT} протокол совещания, состоявшегося 23 октября 2024 года с органами "
            "исполнительной власти субъектов Российской Федерации",
        ),
        (
            "instructions",
            "О направлении перечня поручений",
            f"{SENT} перечень поручений от 23 октября 2024 г. № 42-р «О паводке».",
        ),
        ("letter", "О направлении письма", f"{SENT} копию письма от 23 октября 2024 г. № 42-р"),
        (
            "telegram",
            "О направлении телеграммы",
            f"{SENT} копию правительственной телеграммы от 23 октября 2024 г. № 42-р",
        ),
        ("other", "О направлении документа", f"{SENT} документ от 23 октября 2024 г. № 42-р"),
    ],
)
def test_the_letters_title_and_sentence_fit_the_kind_of_document(kind, title, sentence):
    protocol = Protocol(
        document_kind=kind, number="42-р", date=dt.date(2024, 10, 23), title="О паводке"
    )
    letter = cover_letter(protocol)
    assert letter.title == title
    assert sentence in letter.body


def test_the_reviewers_own_title_and_text_win():
    protocol = Protocol(
        document_kind="instructions", letter_title="О поручениях", letter_body="Направляем."
    )
    assert (cover_letter(protocol).title, cover_letter(protocol).body) == (
        "О поручениях",
        "Направляем.",
    )


@pytest.mark.parametrize(
    ("sample", "kind"),
    [
        ("f16_telegramma_minzdravsoc_detskaya_medicina", "telegram"),
        ("c17_pismo_rosobrnadzor_01-188", "letter"),
        ("d04_pravitelstvo_ukazaniya_pr1180_baikal", "instructions"),
    ],
)
def test_a_draft_remembers_the_kind_of_its_document(sample, kind, ministry_admin):
    draft = create_draft(parse_file(REAL / f"{sample}.txt"), [], ministry_admin)
    assert Protocol.objects.get(pk=draft.pk).document_kind == kind


def test_the_sample_is_drafted_as_a_protocol_with_the_departments_sentence(sample_draft):
    assert sample_draft.document_kind == "protocol"
    assert "протокол совещания, состоявшегося 23 октября 2024 года" in sample_draft.letter_body


def test_a_cover_letter_is_named_by_its_number_and_date():
    protocol = Protocol(**COMPLETE_LETTER)
    assert cover_letter_filename(protocol, "docx") == (
        "Сопроводительное письмо 05-4017 от 02.11.2024.docx"
    )
    assert cover_letter_filename(Protocol(), "pdf") == "Сопроводительное письмо.pdf"


def test_an_extract_is_named_by_the_protocol_number_and_the_region(db):
    protocol = Protocol(number="Д05-98/05пр")
    assert extract_filename(protocol, Region.objects.get(code="31"), "pdf") == (
        "Выписка Д05-98-05пр Белгородская область.pdf"
    )
