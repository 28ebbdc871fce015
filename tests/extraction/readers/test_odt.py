from __future__ import annotations

import io
import zipfile

import pytest

from protokol.extraction.errors import ExtractionError
from protokol.extraction.readers import read_document
from tests.samples.render import render_odt

NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
)


def make_odt(body: str, styles: str = "", prolog: str = "") -> bytes:
    content = (
        f"{prolog}<office:document-content {NAMESPACES}><office:automatic-styles>{styles}"
        f"</office:automatic-styles><office:body><office:text>{body}</office:text></office:body>"
        "</office:document-content>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content)
    return buffer.getvalue()


def lines(data: bytes) -> list[str]:
    return [line for line in read_document(data, "protocol.odt").text.splitlines() if line]


def items(*texts: str) -> str:
    return "".join(f"<text:list-item><text:p>{text}</text:p></text:list-item>" for text in texts)


def test_it_reads_the_rendered_sample_line_for_line_with_its_numbers(sample_text, lines_of):
    result = read_document(render_odt(sample_text), "protocol.odt")

    assert result.format == "odt"
    assert lines_of(result.text) == lines_of(sample_text)


def test_it_numbers_nested_lists_of_an_unknown_style_by_position():
    body = (
        "<text:list>"
        + items("Организационные вопросы")
        + "<text:list-item><text:p>Финансирование</text:p><text:list>"
        + items("Направить заявку", "Обеспечить софинансирование")
        + "</text:list></text:list-item></text:list>"
    )

    assert lines(make_odt(body)) == [
        "1. Организационные вопросы",
        "2. Финансирование",
        "2.1. Направить заявку",
        "2.2. Обеспечить софинансирование",
    ]


def test_it_follows_the_list_style_format_suffix_and_shown_levels():
    styles = (
        '<text:list-style style:name="L1">'
        '<text:list-level-style-number text:level="1" style:num-format="I" style:num-suffix="."/>'
        '<text:list-level-style-number text:level="2" style:num-format="а" style:num-suffix=")"/>'
        '<text:list-level-style-number text:level="3" style:num-format="1" style:num-suffix="."'
        ' text:display-levels="2"/>'
        "</text:list-style>"
    )
    body = (
        '<text:list text:style-name="L1"><text:list-item><text:p>Раздел</text:p><text:list>'
        "<text:list-item><text:p>первое</text:p></text:list-item>"
        "<text:list-item><text:p>второе</text:p><text:list>"
        + items("подпункт")
        + "</text:list></text:list-item></text:list></text:list-item></text:list>"
    )

    assert lines(make_odt(body, styles)) == ["I. Раздел", "а) первое", "б) второе", "б.1. подпункт"]


def test_a_list_continues_its_numbering_after_an_interruption():
    body = (
        "<text:list>"
        + items("направить информацию", "направить сведения")
        + "</text:list><text:p>Срок — до 29 ноября 2024 г.</text:p>"
        + '<text:list text:continue-numbering="true">'
        + items("актуализировать информацию")
        + "</text:list>"
    )

    assert lines(make_odt(body)) == [
        "1. направить информацию",
        "2. направить сведения",
        "Срок — до 29 ноября 2024 г.",
        "3. актуализировать информацию",
    ]


def test_it_writes_bullets_of_a_bulleted_list_style():
    styles = (
        '<text:list-style style:name="B1">'
        '<text:list-level-style-bullet text:level="1" text:bullet-char="–"/></text:list-style>'
    )
    body = '<text:list text:style-name="B1">' + items("Белгородская область") + "</text:list>"

    assert lines(make_odt(body, styles)) == ["– Белгородская область"]


def test_it_expands_spaces_tabs_and_line_breaks_and_keeps_span_text():
    body = (
        "<text:h>ПРОТОКОЛ</text:h>"
        "<text:p>Председательствовал:<text:tab/>Софронова<text:s/>М.И."
        "<text:line-break/>Присутствовали: <text:span>Литвиненко С.Н.</text:span></text:p>"
    )

    assert lines(make_odt(body)) == [
        "ПРОТОКОЛ",
        "Председательствовал: Софронова М.И.",
        "Присутствовали: Литвиненко С.Н.",
    ]


def test_it_skips_notes_and_deleted_text_of_tracked_changes():
    body = (
        "<text:tracked-changes><text:changed-region><text:deletion><text:p>старый срок"
        "</text:p></text:deletion></text:changed-region></text:tracked-changes>"
        "<text:p>Срок — до 1 декабря 2024 г.<text:note><text:note-citation>1</text:note-citation>"
        "<text:note-body><text:p>Примечание</text:p></text:note-body></text:note></text:p>"
    )

    assert lines(make_odt(body)) == ["Срок — до 1 декабря 2024 г."]


def test_a_table_that_is_not_of_instructions_reads_one_line_per_row_with_cells_separated():
    text = "| № | Субъект Российской Федерации | Слушателей |\n| 1. | Белгородская область | 12 |"

    assert lines(render_odt(text)) == [
        "№ | Субъект Российской Федерации | Слушателей",
        "1. | Белгородская область | 12",
    ]


def test_entity_expansion_is_refused_instead_of_expanded():
    prolog = (
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "ааааааааааа"><!ENTITY b "&a;&a;&a;&a;">]>'
    )

    with pytest.raises(ExtractionError) as error:
        read_document(make_odt("<text:p>&b;</text:p>", prolog=prolog), "protocol.odt")

    assert error.value.code == "unreadable"


def test_an_odt_without_content_is_unreadable():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")

    with pytest.raises(ExtractionError) as error:
        read_document(buffer.getvalue(), "protocol.odt")

    assert error.value.code == "unreadable"


def test_a_space_count_of_two_billion_is_a_short_run_of_spaces():
    body = '<text:p><text:s text:c="2000000000"/>Обеспечить явку</text:p>'

    (line,) = read_document(make_odt(body), "protocol.odt").text.splitlines()
    assert line.strip() == "Обеспечить явку"
    assert len(line) < 200


def test_a_list_style_showing_a_billion_levels_shows_the_ten_there_are():
    styles = (
        '<text:list-style style:name="L1"><text:list-level-style-number text:level="1" '
        'style:num-format="1" style:num-suffix="." text:display-levels="1000000000"/>'
        "</text:list-style>"
    )
    body = '<text:list text:style-name="L1">' + items("Обеспечить явку") + "</text:list>"
    nested = "<text:list><text:list-item>" * 20 + body + "</text:list-item></text:list>" * 20

    (line,) = lines(make_odt(nested, styles))
    assert line == "1.1.1.1.1.1.1.1.1.1. Обеспечить явку"
