"""File names people recognise and the one Content-Disposition header (RFC 6266)."""

from __future__ import annotations

import pytest

from protokol.core.downloads import content_disposition, document_filename
from tests.downloads import parsed


def test_a_cyrillic_name_travels_as_utf_8_with_an_ascii_transliteration_beside_it():
    header = content_disposition("Сопроводительное письмо 05-4017 от 02.11.2024.docx")
    assert header == (
        'attachment; filename="Soprovoditelnoe pismo 05-4017 ot 02.11.2024.docx"; '
        "filename*=UTF-8''%D0%A1%D0%BE%D0%BF%D1%80%D0%BE%D0%B2%D0%BE%D0%B4%D0%B8%D1%82%D0%B5"
        "%D0%BB%D1%8C%D0%BD%D0%BE%D0%B5%20%D0%BF%D0%B8%D1%81%D1%8C%D0%BC%D0%BE%2005-4017%20"
        "%D0%BE%D1%82%2002.11.2024.docx"
    )
    assert parsed(header)[:2] == (
        "attachment",
        "Сопроводительное письмо 05-4017 от 02.11.2024.docx",
    )


def test_the_fallback_is_printable_ascii_without_quotes_or_backslashes():
    _, name, plain = parsed(content_disposition('Отчёт "ЦОПП" \\ №5 — Щёлково.pdf'))
    assert plain == "Otchet _TsOPP_ _ _5 _ Shchelkovo.pdf"
    assert name == "Отчёт _ЦОПП_ _ №5 — Щёлково.pdf"
    assert plain.isascii() and plain.isprintable()


def test_a_line_break_in_a_name_cannot_end_the_header():
    header = content_disposition("отчёт\r\nSet-Cookie: x=1.pdf")
    assert "\r" not in header and "\n" not in header
    assert parsed(header)[1] == "отчёт_Set-Cookie_ x=1.pdf"


def test_a_calendar_feed_is_shown_inline():
    assert parsed(content_disposition("protokol.ics", inline=True)) == (
        "inline",
        "protokol.ics",
        "protokol.ics",
    )


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        (
            "Выписка Д05-98/05пр Белгородская область",
            "Выписка Д05-98-05пр Белгородская область.pdf",
        ),
        ("Справка  об исполнении\tД05:1 ", "Справка об исполнении Д05-1.pdf"),
        ("  ../..  ", "document.pdf"),
    ],
)
def test_a_document_name_loses_what_file_systems_refuse(title, expected):
    assert document_filename(title, "pdf") == expected


def test_a_long_document_name_keeps_its_extension_within_255_characters():
    name = document_filename("Выписка " + "очень длинное название " * 20, "docx")
    assert len(name) <= 255
    assert name.endswith("название.docx") or name.endswith(".docx")
    assert not name[: -len(".docx")].endswith(" ")
