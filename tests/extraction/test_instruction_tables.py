"""End to end: the sample's instructions as a DOCX table give the sample's instructions.

The addressee comes from the «Ответственный» column, written in the nominative, and the
deadline from the «Срок» column.
"""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest

from protokol.extraction import parse_bytes
from protokol.extraction.model import Instruction, ParseResult

ALL_SUBJECTS = "Исполнительные органы субъектов Российской Федерации"
ROWS = [
    ["№ п/п", "Содержание поручения", "Ответственные исполнители", "Срок исполнения"],
    [
        "1.",
        "Обеспечить назначение руководителей Центров опережающей профессиональной подготовки.",
        "Белгородская область, Курская область",
        "до 28 декабря 2024 г.",
    ],
    [
        "2.",
        "Направить информацию о реализованных мероприятиях в рамках проведения "
        "информационной кампании, популяризирующей Конкурс.",
        ALL_SUBJECTS,
        "до 29 ноября 2024 г.",
    ],
    [
        "3.",
        "Рассмотреть возможность участия слушателей, прошедших обучение по программе, в "
        "итоговом мероприятии финала Чемпионата по профессиональному мастерству «Профессионалы».",
        f"{ALL_SUBJECTS}, осуществляющие государственное управление в сфере образования",
        "до 26 ноября 2024 г.",
    ],
]


def perechen_docx() -> bytes:
    document = docx.Document()
    for line in (
        "МИНИСТЕРСТВО ПРОСВЕЩЕНИЯ РОССИЙСКОЙ ФЕДЕРАЦИИ",
        "ПЕРЕЧЕНЬ ПОРУЧЕНИЙ",
        "по итогам совещания с руководителями органов исполнительной власти субъектов "
        "Российской Федерации, осуществляющих государственное управление в сфере образования, "
        "от 23 октября 2024 г. № Д05-98/05пр",
    ):
        document.add_paragraph(line)
    table = document.add_table(rows=len(ROWS), cols=4)
    for row, cells in zip(table.rows, ROWS, strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.paragraphs[0].text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def result() -> ParseResult:
    return parse_bytes(perechen_docx(), filename="perechen.docx")


def by_start(result: ParseResult, start: str) -> Instruction:
    (found,) = [i for i in result.instructions if i.text.startswith(start)]
    return found


def test_every_row_of_the_table_is_one_instruction(result: ParseResult) -> None:
    assert [i.text.split()[0] for i in result.instructions] == [
        "Обеспечить",
        "Направить",
        "Рассмотреть",
    ]


def test_the_text_of_an_instruction_holds_nothing_of_the_other_columns(
    result: ParseResult,
) -> None:
    for instruction in result.instructions:
        assert "Ответственный" not in instruction.text
        assert "Срок" not in instruction.text
        assert "Белгородская" not in instruction.text


def test_the_deadline_comes_from_the_deadline_column(result: ParseResult) -> None:
    deadlines = [i.deadline.date if i.deadline else None for i in result.instructions]

    assert deadlines == [dt.date(2024, 12, 28), dt.date(2024, 11, 29), dt.date(2024, 11, 26)]


def test_named_regions_in_the_responsible_column_are_the_addressees(
    result: ParseResult,
) -> None:
    addressees = by_start(result, "Обеспечить назначение").addressees

    assert not addressees.all_regions
    assert sorted(region.code for region in addressees.regions) == ["31", "46"]


def test_all_subjects_in_the_nominative_in_the_responsible_column_are_all_regions(
    result: ParseResult,
) -> None:
    for start in ("Направить информацию", "Рассмотреть возможность"):
        addressees = by_start(result, start).addressees
        assert addressees.all_regions
        assert addressees.regions == ()


def test_a_report_verb_in_a_table_row_requires_a_report(result: ParseResult) -> None:
    assert by_start(result, "Направить информацию").report_required
    assert not by_start(result, "Обеспечить назначение").report_required


def test_a_table_with_a_header_gives_no_column_warning_and_no_missing_addressee(
    result: ParseResult,
) -> None:
    codes = {warning.code for warning in result.warnings}

    assert "table_columns_guessed" not in codes
    assert "no_addressee" not in codes
