"""Instruction tables (№ | Поручение | Ответственный | Срок) in DOCX, ODT and HTML."""

from __future__ import annotations

import importlib
import io
import zipfile

import docx
import pytest

from protokol.extraction import parse_bytes
from protokol.extraction.config import ReadLimits
from protokol.extraction.readers import read_document
from protokol.extraction.readers.tables import render_table
from tests.extraction.readers.test_docx import make_docx, para

ROW_1 = [
    "1.",
    "Обеспечить назначение руководителей ЦОПП.",
    "Белгородская область",
    "до 28 декабря 2024 г.",
]
ROW_2 = ["2.", "Направить информацию о реализованных мероприятиях", "Курская область", "29.11.2024"]
CANONICAL = [
    "1. Обеспечить назначение руководителей ЦОПП.",
    "Ответственный: Белгородская область",
    "Срок: до 28 декабря 2024 г.",
    "2. Направить информацию о реализованных мероприятиях",
    "Ответственный: Курская область",
    "Срок: 29.11.2024",
]


def docx_table(rows: list[list[str]], merges: tuple[tuple[int, int, int, int], ...] = ()) -> bytes:
    """A DOCX made by python-docx with one table; ``merges`` are (row, col, row, col) corners."""
    document = docx.Document()
    document.add_paragraph("Перечень поручений")
    width = max(len(row) for row in rows)
    table = document.add_table(rows=len(rows), cols=width)
    for row, cells in zip(table.rows, rows, strict=True):
        for cell, text in zip(row.cells, cells, strict=False):
            for index, paragraph_text in enumerate(text.split("\n")):
                paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
                paragraph.text = paragraph_text
    for top, left, bottom, right in merges:
        merged = table.cell(top, left).merge(table.cell(bottom, right))
        # python-docx joins the texts of merged cells; keep the first one's only.
        for extra in merged.paragraphs[1:]:
            extra._p.getparent().remove(extra._p)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def lines(
    data: bytes, filename: str = "perechen.docx", limits: ReadLimits | None = None
) -> list[str]:
    read = read_document(data, filename, limits=limits)
    return [line for line in read.text.splitlines() if line]


def items(data: bytes, filename: str = "perechen.docx") -> list[str]:
    return lines(data, filename)[1:]  # without the «Перечень поручений» title


@pytest.mark.parametrize(
    "header",
    [
        ["№ п/п", "Поручение", "Ответственный", "Срок"],
        ["№", "Содержание поручения", "Ответственные исполнители", "Срок исполнения"],
        ["N п/п", "Наименование мероприятия", "Исполнитель", "Срок выполнения"],
        ["№ пункта", "Текст поручения", "Ответственный исполнитель", "Сроки"],
        ["№№ п/п", "Мероприятие", "Соисполнители", "Дата исполнения"],
        ["Номер", "Решение", "Ответственный за исполнение", "Срок исполнения поручения"],
    ],
)
def test_an_instruction_table_is_read_as_numbered_items_with_responsible_and_deadline_lines(
    header: list[str],
) -> None:
    assert items(docx_table([header, ROW_1, ROW_2])) == CANONICAL


def test_the_columns_are_told_by_their_header_words_in_any_order() -> None:
    def reorder(row: list[str]) -> list[str]:
        return [row[3], row[2], row[0], row[1]]

    header = ["Срок исполнения", "Ответственный", "№ п/п", "Поручение"]

    assert items(docx_table([header, reorder(ROW_1), reorder(ROW_2)])) == CANONICAL


def test_two_header_rows_with_merged_cells_and_a_numbering_row_are_not_items() -> None:
    rows = [
        ["№ п/п", "Поручение", "Исполнение поручения", ""],
        ["", "", "Ответственный", "Срок"],
        ["1", "2", "3", "4"],
        ROW_1,
        ROW_2,
    ]
    # «№» and «Поручение» span both header rows, «Исполнение поручения» both columns.
    data = docx_table(rows, merges=((0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 0, 3)))

    assert items(data) == CANONICAL


def test_a_row_spanning_the_table_is_a_heading_of_its_own() -> None:
    rows = [
        ["№", "Поручение", "Ответственный", "Срок"],
        ["I. О развитии системы ЦОПП", "", "", ""],
        ROW_1,
        ["II. О конкурсе «Мастер года»", "", "", ""],
        ROW_2,
    ]
    data = docx_table(rows, merges=((1, 0, 1, 3), (3, 0, 3, 3)))

    assert items(data) == [
        "I. О развитии системы ЦОПП",
        *CANONICAL[:3],
        "II. О конкурсе «Мастер года»",
        *CANONICAL[3:],
    ]


def test_word_auto_numbering_in_the_number_column_gives_the_item_numbers() -> None:
    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    for row, cells in zip(
        table.rows,
        [["№", "Поручение", "Срок"], ["", ROW_1[1], ROW_1[3]], ["", ROW_2[1], ROW_2[3]]],
        strict=True,
    ):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.paragraphs[0].text = text
    for index in (1, 2):  # an empty paragraph of the «List Number» style shows only its number
        table.cell(index, 0).paragraphs[0].style = "List Number"
    buffer = io.BytesIO()
    document.save(buffer)

    assert lines(buffer.getvalue()) == [
        "1. Обеспечить назначение руководителей ЦОПП.",
        "Срок: до 28 декабря 2024 г.",
        "2. Направить информацию о реализованных мероприятиях",
        "Срок: 29.11.2024",
    ]


def test_a_row_with_an_empty_number_cell_is_an_unnumbered_item() -> None:
    rows = [["№", "Поручение", "Ответственный", "Срок"], ["", *ROW_1[1:]]]

    assert items(docx_table(rows)) == [
        "Обеспечить назначение руководителей ЦОПП.",
        "Ответственный: Белгородская область",
        "Срок: до 28 декабря 2024 г.",
    ]


def test_an_empty_responsible_or_deadline_cell_omits_its_line() -> None:
    rows = [["№", "Поручение", "Ответственный", "Срок"], ["1.", ROW_1[1], "", ROW_1[3]],
            ["2.", ROW_2[1], ROW_2[2], ""]]  # fmt: skip

    assert items(docx_table(rows)) == [
        CANONICAL[0],
        CANONICAL[2],
        CANONICAL[3],
        CANONICAL[4],
    ]


def test_nothing_from_other_columns_leaks_into_the_instruction() -> None:
    rows = [
        ["№", "Поручение", "Примечание", "Ответственный", "Отметка об исполнении", "Срок"],
        ["1.", ROW_1[1], "в части касающейся 01.02.2025", ROW_1[2], "исполнено", ROW_1[3]],
    ]

    assert items(docx_table(rows)) == CANONICAL[:3]


def test_a_responsible_cell_of_several_paragraphs_is_one_list() -> None:
    rows = [["№", "Поручение", "Ответственный", "Срок"],
            ["1.", ROW_1[1], "Белгородская область,\nКурская область", ROW_1[3]]]  # fmt: skip

    assert items(docx_table(rows))[1] == "Ответственный: Белгородская область, Курская область"


def test_a_responsible_cell_merged_down_applies_to_every_row_it_covers() -> None:
    rows = [["№", "Поручение", "Ответственный", "Срок"], ROW_1, [*ROW_2[:2], "", ROW_2[3]]]
    data = docx_table(rows, merges=((1, 2, 2, 2),))

    assert items(data)[4] == "Ответственный: Белгородская область"


def test_a_table_of_attendees_reads_as_today() -> None:
    rows = [["Софронова М.И.", "И.о. директора Департамента"],
            ["Мелихова С.Е.", "заместитель директора Департамента"]]  # fmt: skip

    assert items(docx_table(rows)) == [
        "Софронова М.И. | И.о. директора Департамента",
        "Мелихова С.Е. | заместитель директора Департамента",
    ]


def test_a_table_of_regions_reads_as_today() -> None:
    rows = [["№", "Субъект Российской Федерации", "Квота"], ["1", "Белгородская область", "12"]]

    assert items(docx_table(rows)) == ["№ | Субъект Российской Федерации | Квота",
                                       "1 | Белгородская область | 12"]  # fmt: skip


def test_a_table_without_a_header_has_its_columns_guessed_and_says_so() -> None:
    result = read_document(docx_table([ROW_1, ROW_2]), "perechen.docx")

    assert [line for line in result.text.splitlines() if line][1:] == CANONICAL
    assert [note.code for note in result.notes] == ["table_columns_guessed"]
    assert "Проверьте" in result.notes[0].message


def test_a_table_with_a_header_raises_no_warning() -> None:
    result = read_document(docx_table([["№", "Поручение", "Ответственный", "Срок"], ROW_1]))

    assert result.notes == ()


def test_the_guessed_columns_warning_reaches_the_parse_result_with_the_table_span() -> None:
    result = parse_bytes(docx_table([ROW_1, ROW_2]), filename="perechen.docx")

    (warning,) = [w for w in result.warnings if w.code == "table_columns_guessed"]
    assert warning.span is not None
    start, end = warning.span
    assert result.text[start:end].startswith(CANONICAL[0])
    assert result.text[start:end].endswith(CANONICAL[-1])


# --- ODT and HTML -----------------------------------------------------------------------------

ODT_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
)


def make_odt(body: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr(
            "content.xml",
            f"<office:document-content {ODT_NS}><office:body><office:text>{body}"
            "</office:text></office:body></office:document-content>",
        )
    return buffer.getvalue()


def odt_cell(text: str, columns: int = 1, rows: int = 1) -> str:
    spans = f' table:number-columns-spanned="{columns}"' if columns > 1 else ""
    spans += f' table:number-rows-spanned="{rows}"' if rows > 1 else ""
    return f"<table:table-cell{spans}><text:p>{text}</text:p></table:table-cell>"


def odt_row(*cells: str) -> str:
    return f"<table:table-row>{''.join(cells)}</table:table-row>"


def test_an_odt_table_with_merged_header_cells_reads_as_instructions() -> None:
    covered = "<table:covered-table-cell/>"
    body = (
        "<text:p>Перечень поручений</text:p><table:table>"
        "<table:table-header-rows>"
        + odt_row(odt_cell("№", rows=2), odt_cell("Поручение", rows=2),
                  odt_cell("Исполнение", columns=2), covered)
        + odt_row(covered, covered, odt_cell("Ответственный"), odt_cell("Срок"))
        + "</table:table-header-rows>"
        + odt_row(odt_cell("I. О развитии системы ЦОПП", columns=4), covered, covered, covered)
        + odt_row(*map(odt_cell, ROW_1))
        + odt_row(*map(odt_cell, ROW_2))
        + "</table:table>"
    )  # fmt: skip

    assert items(make_odt(body), "perechen.odt") == [
        "I. О развитии системы ЦОПП",
        *CANONICAL,
    ]


def test_an_html_table_with_colspan_and_rowspan_reads_as_instructions() -> None:
    def row(*cells: str) -> str:
        return "<tr>" + "".join(cells) + "</tr>"

    markup = (
        "<html><body><p>Перечень поручений</p><table>"
        + row("<th rowspan=2>№ п/п</th>", "<th rowspan='2'>Содержание поручения</th>",
              "<th colspan=2>Исполнение</th>")
        + row("<th>Ответственные исполнители</th>", "<th>Срок исполнения</th>")
        + row("<td colspan=4>I. О развитии системы ЦОПП</td>")
        + row(*(f"<td><p>{cell}</p></td>" for cell in ROW_1))
        + row(*(f"<td>{cell}</td>" for cell in ROW_2))
        + "</table></body></html>"
    ).encode()  # fmt: skip

    assert items(markup, "perechen.html") == ["I. О развитии системы ЦОПП", *CANONICAL]


def test_paragraphs_of_an_html_cell_stay_apart() -> None:
    markup = (
        "<html><table><tr><th>Поручение</th><th>Ответственный</th></tr><tr><td>Обеспечить "
        "явку</td><td><p>Минтруд России</p><p>Минфин России</p></td></tr></table></html>"
    ).encode()

    assert lines(markup, "a.html") == [
        "Обеспечить явку",
        "Ответственный: Минтруд России, Минфин России",
    ]


# --- bounded work ----------------------------------------------------------------------------

DEPTH = 10_000
# Ten thousand levels of the same markup compress a thousand times, which the reader refuses
# as a zip bomb (tests/extraction/readers/test_docx.py); here the depth itself is tested.
DEEP = ReadLimits(unpacked_ratio=100_000)


# Deep nesting used to end in a RecursionError («unreadable»); the walk is now iterative.
# How long it takes is measured by `make bench`, never asserted here.


def test_ten_thousand_nested_content_controls_in_docx_are_read() -> None:
    open_, close = "<w:sdt><w:sdtContent>", "</w:sdtContent></w:sdt>"
    nested = make_docx(open_ * DEPTH + para("Обеспечить явку") + close * DEPTH)

    assert lines(nested, limits=DEEP) == ["Обеспечить явку"]


def test_ten_thousand_nested_tables_in_docx_are_read() -> None:
    open_, close = "<w:tbl><w:tr><w:tc>", "</w:tc></w:tr></w:tbl>"
    nested = make_docx(open_ * DEPTH + para("Обеспечить явку") + close * DEPTH)

    assert lines(nested, limits=DEEP) == ["Обеспечить явку"]


def test_ten_thousand_nested_lists_in_odt_are_read() -> None:
    open_, close = "<text:list><text:list-item>", "</text:list-item></text:list>"
    nested = make_odt(open_ * DEPTH + "<text:p>Обеспечить явку</text:p>" + close * DEPTH)

    (line,) = lines(nested, "a.odt", limits=DEEP)
    assert line.endswith("1.1.1.1.1.1.1.1.1.1. Обеспечить явку")


def test_ten_thousand_nested_html_tables_are_read() -> None:
    open_, close = "<table><tr><td>", "</td></tr></table>"
    nested = (open_ * DEPTH + "Обеспечить явку" + close * DEPTH).encode()

    assert lines(nested, "a.html") == ["Обеспечить явку"]


def test_an_instruction_card_under_its_text_gives_the_responsible_and_deadline_lines() -> None:
    markup = (
        "<html><body><p>Обеспечить внесение изменений в законодательство.</p><table>"
        "<tr><td>Ответственный</td><td>Медведев Дмитрий Анатольевич</td></tr>"
        "<tr><td>Тематика</td><td>Великая Отечественная война</td></tr>"
        "<tr><td>Срок исполнения</td><td>30 июня 2019 года</td></tr></table></body></html>"
    ).encode()

    assert lines(markup, "a.html") == [
        "Обеспечить внесение изменений в законодательство.",
        "Ответственный: Медведев Дмитрий Анатольевич",
        "Срок: 30 июня 2019 года",
    ]


def test_a_two_column_table_of_officials_is_no_card() -> None:
    rows = [["Председатель", "Софронова М.И."], ["Ответственный секретарь", "Мелихова С.Е."]]

    assert items(docx_table(rows)) == [
        "Председатель | Софронова М.И.",
        "Ответственный секретарь | Мелихова С.Е.",
    ]


def test_odt_and_html_tables_without_a_header_say_their_columns_were_guessed() -> None:
    odt = make_odt(f"<table:table>{odt_row(*map(odt_cell, ROW_1))}</table:table>")
    html = ("<table><tr>" + "".join(f"<td>{c}</td>" for c in ROW_1) + "</tr></table>").encode()

    for data, name in ((odt, "a.odt"), (html, "a.html")):
        result = read_document(data, name)
        assert result.text.splitlines() == CANONICAL[:3]
        assert [note.code for note in result.notes] == ["table_columns_guessed"]


NESTED_TEXT = {
    "docx": lambda depth: make_docx(
        ("<w:tbl><w:tr><w:tc>" + para("Обеспечить проведение")) * depth
        + "</w:tc></w:tr></w:tbl>" * depth
    ),
    "odt": lambda depth: make_odt(
        "<table:table><table:table-row><table:table-cell><text:p>Обеспечить проведение</text:p>"
        * depth
        + "</table:table-cell></table:table-row></table:table>" * depth
    ),
    "html": lambda depth: ("<table><tr><td>Обеспечить проведение" * depth).encode(),
}


def _rendered_characters(monkeypatch, kind: str, depth: int) -> int:
    """The characters of cell text every table rendering had to go through."""
    module = importlib.import_module(f"protokol.extraction.readers.{kind}")
    total = 0

    def counting(rows):
        nonlocal total
        total += sum(len(cell.text) for row in rows for cell in row)
        return render_table(rows)

    monkeypatch.setattr(module, "render_table", counting)
    read_document(NESTED_TEXT[kind](depth), f"a.{kind}", limits=DEEP)
    return total


@pytest.mark.parametrize("kind", sorted(NESTED_TEXT))
def test_tables_nested_deeper_than_the_limit_keep_every_paragraph(kind) -> None:
    text = read_document(NESTED_TEXT[kind](50), f"a.{kind}", limits=DEEP).text

    assert text.count("Обеспечить проведение") == 50


@pytest.mark.parametrize("kind", sorted(NESTED_TEXT))
def test_nested_tables_cost_linear_in_their_depth(monkeypatch, kind) -> None:
    # Each table renders the text of the tables inside it again: unbounded, depth d cost d².
    short = _rendered_characters(monkeypatch, kind, 200)
    long = _rendered_characters(monkeypatch, kind, 400)

    assert long <= 2.2 * short
