from __future__ import annotations

import io
import struct
import tracemalloc
import zipfile

import pytest

from protokol.extraction.config import ReadLimits
from protokol.extraction.errors import ExtractionError
from protokol.extraction.readers import read_document
from tests.samples.render import render_docx

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
CONTENT_TYPES = (
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)


def make_docx(body: str, numbering: str | None = None, styles: str | None = None) -> bytes:
    """A minimal DOCX as Word writes it, with the parts relying on default locations."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr(
            "word/document.xml", f"<w:document {W_NS}><w:body>{body}</w:body></w:document>"
        )
        relations = []
        for name, content in (("numbering", numbering), ("styles", styles)):
            if content is not None:
                archive.writestr(f"word/{name}.xml", f"<w:{name} {W_NS}>{content}</w:{name}>")
                relations.append(
                    f'<Relationship Id="r{name}" Target="{name}.xml" Type="http://schemas.'
                    f'openxmlformats.org/officeDocument/2006/relationships/{name}"/>'
                )
        archive.writestr(
            "word/_rels/document.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(relations)
            + "</Relationships>",
        )
    return buffer.getvalue()


def para(text: str, num_id: int | None = None, ilvl: int = 0, style: str | None = None) -> str:
    properties = f'<w:pStyle w:val="{style}"/>' if style else ""
    if num_id is not None:
        properties += f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'
    return f"<w:p><w:pPr>{properties}</w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"


def level(ilvl: int, fmt: str, text: str, start: int = 1, extra: str = "") -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>'
    )


def abstract(abstract_id: int, *levels: str) -> str:
    return f'<w:abstractNum w:abstractNumId="{abstract_id}">{"".join(levels)}</w:abstractNum>'


def num(num_id: int, abstract_id: int, start_override: int | None = None) -> str:
    override = (
        f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start_override}"/></w:lvlOverride>'
        if start_override is not None
        else ""
    )
    return f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{override}</w:num>'


MULTILEVEL = abstract(
    1,
    level(0, "decimal", "%1."),
    level(1, "decimal", "%1.%2."),
    level(2, "decimal", "%1.%2.%3."),
)


def lines(data: bytes) -> list[str]:
    return [line for line in read_document(data, "protocol.docx").text.splitlines() if line]


def test_it_reads_the_rendered_sample_line_for_line_with_its_numbers(sample_text, lines_of):
    result = read_document(render_docx(sample_text), "protocol.docx")

    assert result.format == "docx"
    assert lines_of(result.text) == lines_of(sample_text)


def test_it_restarts_the_numbering_of_each_section_of_the_sample(sample_text):
    text = read_document(render_docx(sample_text)).text

    section_v = text[text.index("V. О текущем") : text.index("VI. Об итогах")]
    assert "1. обеспечить контроль" in section_v
    assert "3. рассмотреть возможность" in section_v
    section_vi = text[text.index("VI. Об итогах") : text.index("VII. О подготовке")]
    # Item 3 continues the list after an unnumbered paragraph and a deadline.
    assert "3. направить информацию о планируемых датах" in section_vi
    assert "4. актуализировать информацию" in section_vi


def test_it_numbers_multilevel_lists_like_word():
    body = "".join(
        [
            para("Организационные вопросы", 1, 0),
            para("Назначить ответственных", 1, 1),
            para("Утвердить план", 1, 1),
            para("Финансирование", 1, 0),
            para("Направить заявку", 1, 1),
            para("Обеспечить софинансирование", 1, 1),
            para("Представить отчёт", 1, 1),
            para("о расходах", 1, 2),
        ]
    )

    assert lines(make_docx(body, MULTILEVEL + num(1, 1))) == [
        "1. Организационные вопросы",
        "1.1. Назначить ответственных",
        "1.2. Утвердить план",
        "2. Финансирование",
        "2.1. Направить заявку",
        "2.2. Обеспечить софинансирование",
        "2.3. Представить отчёт",
        "2.3.1. о расходах",
    ]


@pytest.mark.parametrize(
    ("fmt", "template", "expected"),
    [
        ("russianLower", "%1)", ["а) первое", "б) второе", "в) третье"]),
        ("russianUpper", "%1.", ["А. первое", "Б. второе", "В. третье"]),
        ("lowerLetter", "%1)", ["a) первое", "b) второе", "c) третье"]),
        ("upperRoman", "%1.", ["I. первое", "II. второе", "III. третье"]),
        ("lowerRoman", "(%1)", ["(i) первое", "(ii) второе", "(iii) третье"]),
        ("decimal", "%1)", ["1) первое", "2) второе", "3) третье"]),
    ],
)
def test_it_follows_the_number_format_and_level_text(fmt, template, expected):
    numbering = abstract(1, level(0, fmt, template)) + num(1, 1)
    body = "".join(para(text, 1) for text in ("первое", "второе", "третье"))

    assert lines(make_docx(body, numbering)) == expected


def test_it_restarts_a_list_instance_with_a_start_override():
    numbering = abstract(1, level(0, "decimal", "%1.")) + num(1, 1) + num(2, 1, start_override=1)
    body = para("Раздел I, пункт", 1) + para("Раздел I, пункт", 1) + para("Раздел II, пункт", 2)

    assert lines(make_docx(body, numbering)) == [
        "1. Раздел I, пункт",
        "2. Раздел I, пункт",
        "1. Раздел II, пункт",
    ]


def test_instances_of_one_abstract_list_without_overrides_continue_each_other():
    numbering = abstract(1, level(0, "decimal", "%1.")) + num(1, 1) + num(2, 1)
    body = para("первый", 1) + para("Срок — до 1 декабря 2024 г.") + para("второй", 2)

    assert lines(make_docx(body, numbering)) == [
        "1. первый",
        "Срок — до 1 декабря 2024 г.",
        "2. второй",
    ]


def test_it_starts_at_the_level_start_value_and_shows_legal_numbers_in_decimal():
    numbering = abstract(
        1,
        level(0, "upperRoman", "%1.", start=3),
        level(1, "decimal", "%1.%2.", extra="<w:isLgl/>"),
    ) + num(1, 1)
    body = para("Раздел", 1, 0) + para("Пункт", 1, 1)

    assert lines(make_docx(body, numbering)) == ["III. Раздел", "3.1. Пункт"]


def test_it_takes_numbering_from_the_paragraph_style():
    styles = (
        '<w:style w:type="paragraph" w:styleId="Heading1"><w:pPr><w:numPr>'
        '<w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="Heading2"><w:basedOn w:val="Heading1"/>'
        '<w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>'
    )
    body = para("Общие положения", style="Heading1") + para("Сроки", style="Heading2")

    assert lines(make_docx(body, MULTILEVEL + num(1, 1), styles)) == [
        "1. Общие положения",
        "1.1. Сроки",
    ]


def test_it_writes_bullets_as_a_bullet_sign():
    numbering = abstract(1, level(0, "bullet", "\uf0b7")) + num(1, 1)

    assert lines(make_docx(para("Белгородская область", 1), numbering)) == [
        "• Белгородская область"
    ]


def test_it_keeps_inserted_and_drops_deleted_revisions():
    body = (
        "<w:p><w:r><w:t xml:space='preserve'>Срок — до </w:t></w:r>"
        "<w:del><w:r><w:delText>1 ноября</w:delText></w:r></w:del>"
        "<w:ins><w:r><w:t>1 декабря</w:t></w:r></w:ins>"
        "<w:r><w:t xml:space='preserve'> 2024 г.</w:t></w:r></w:p>"
    )

    assert lines(make_docx(body)) == ["Срок — до 1 декабря 2024 г."]


def test_it_turns_tabs_into_spaces_and_breaks_into_new_lines():
    body = (
        "<w:p><w:r><w:t>Председательствовал:</w:t><w:tab/><w:t>Софронова М.И.</w:t>"
        "<w:br/><w:t>Присутствовали:</w:t></w:r></w:p>"
    )

    assert lines(make_docx(body)) == ["Председательствовал: Софронова М.И.", "Присутствовали:"]


def test_it_skips_hidden_text_and_text_of_hyperlinks_is_kept():
    body = (
        "<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>служебная пометка </w:t></w:r>"
        "<w:hyperlink><w:r><w:t>https://edu.dobro.ru/courses/144/</w:t></w:r></w:hyperlink></w:p>"
    )

    assert lines(make_docx(body)) == ["https://edu.dobro.ru/courses/144/"]


def test_a_table_that_is_not_of_instructions_reads_one_line_per_row_with_cells_separated():
    text = "Перечень поручений\n| № | Субъект Российской Федерации | Слушателей |\n| 1. | Белгородская область | 12 |"

    assert lines(render_docx(text)) == [
        "Перечень поручений",
        "№ | Субъект Российской Федерации | Слушателей",
        "1. | Белгородская область | 12",
    ]


def test_paragraphs_are_separated_by_a_blank_line():
    assert read_document(make_docx(para("Первый") + para("Второй"))).text == "Первый\n\nВторой"


def test_a_truncated_docx_is_unreadable(sample_text):
    data = render_docx(sample_text)

    with pytest.raises(ExtractionError) as error:
        read_document(data[: len(data) // 2], "protocol.docx")

    assert error.value.code == "unreadable"


def test_a_docx_without_its_main_part_is_unreadable():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("word/styles.xml", f"<w:styles {W_NS}/>")

    with pytest.raises(ExtractionError) as error:
        read_document(buffer.getvalue(), "protocol.docx")

    assert error.value.code == "unreadable"


def test_entity_expansion_is_refused_instead_of_expanded():
    laughs = "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10))
    document = (
        f'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">{laughs}]>'
        f"<w:document {W_NS}><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("word/document.xml", document)

    with pytest.raises(ExtractionError) as error:
        read_document(buffer.getvalue(), "protocol.docx")

    assert error.value.code == "unreadable"
    assert "XML" in str(error.value)


def _docx_with_big_parts(document_size: int, numbering_size: int = 0) -> bytes:
    """Parts padded with spaces, which deflate to almost nothing."""
    buffer = io.BytesIO()
    chunk = b" " * (1024 * 1024)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        for name, size in (("document", document_size), ("numbering", numbering_size)):
            root = f"<w:{name} {W_NS}>"
            with archive.open(f"word/{name}.xml", "w", force_zip64=True) as member:
                member.write(root.encode() + (b"<w:body>" if name == "document" else b""))
                for _ in range(size // len(chunk)):
                    member.write(chunk)
                member.write(
                    (b"</w:body>" if name == "document" else b"") + f"</w:{name}>".encode()
                )
        archive.writestr(
            "word/_rels/document.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="r1" Target="numbering.xml" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/numbering"/></Relationships>',
        )
    return buffer.getvalue()


def test_a_zip_bomb_is_refused_without_inflating_it():
    bomb = _docx_with_big_parts(200 * 1024 * 1024)
    assert len(bomb) < 1024 * 1024

    tracemalloc.start()
    try:
        with pytest.raises(ExtractionError) as error:
            read_document(bomb, "protocol.docx")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()

    assert error.value.code == "too_large"
    assert peak < 10 * 1024 * 1024


def test_the_size_limit_counts_all_parts_together():
    # Each part is under the limit, both together are over it (and the ratio is let be).
    data = _docx_with_big_parts(30 * 1024 * 1024, 30 * 1024 * 1024)
    limits = ReadLimits(unpacked_ratio=1_000_000)

    with pytest.raises(ExtractionError) as error:
        read_document(data, "protocol.docx", limits=limits)

    assert error.value.code == "too_large"
    assert "больше 50 МБ" in error.value.message


def test_a_member_that_lies_about_its_size_is_not_trusted():
    data = bytearray(make_docx(para("Протокол")))
    # Declare 10 GB for word/document.xml in the central directory.
    name = b"word/document.xml"
    central = data.index(b"PK\x01\x02")
    while data[central + 46 : central + 46 + len(name)] != name:
        central = data.index(b"PK\x01\x02", central + 4)
    struct.pack_into("<I", data, central + 24, 0xFFFFFFF0)

    with pytest.raises(ExtractionError) as error:
        read_document(bytes(data), "protocol.docx")

    assert error.value.code == "too_large"


@pytest.mark.parametrize("fmt", ["lowerLetter", "russianUpper", "upperRoman", "lowerRoman"])
def test_a_list_numbered_from_two_billion_is_labelled_in_digits(fmt):
    # In letters or Roman numerals the label would grow with the number: 77 million letters.
    numbering = abstract(1, level(0, fmt, "%1.", start=2_000_000_000)) + num(1, 1)
    body = para("Обеспечить явку", num_id=1) + para("Направить сведения", num_id=1)

    assert lines(make_docx(body, numbering)) == [
        "2000000000. Обеспечить явку",
        "2000000001. Направить сведения",
    ]


def test_a_start_value_too_long_to_be_a_number_is_ignored():
    numbering = abstract(1, level(0, "decimal", "%1.", start=int("9" * 4000))) + num(1, 1)

    assert lines(make_docx(para("Обеспечить явку", num_id=1), numbering)) == ["1. Обеспечить явку"]


def _overpacked_docx() -> bytes:
    """A DOCX of about 2 KB whose document.xml inflates to 2 MB of empty paragraphs."""
    return make_docx("<w:p/>" * 300_000 + para("Обеспечить явку"))


def test_a_docx_that_inflates_over_a_hundred_times_its_size_is_refused_before_inflating():
    bomb = _overpacked_docx()
    assert len(bomb) < 10_000

    tracemalloc.start()
    try:
        with pytest.raises(ExtractionError) as error:
            read_document(bomb, "protocol.docx")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()

    assert error.value.code == "too_large"
    assert "zip-бомб" in error.value.message
    assert peak < 1024 * 1024


def test_the_inflation_ratio_is_the_installations_to_choose():
    limits = ReadLimits(unpacked_ratio=10_000)

    assert read_document(_overpacked_docx(), "p.docx", limits=limits).text == "Обеспечить явку"
