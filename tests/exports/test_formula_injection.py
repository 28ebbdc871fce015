"""Formula injection: text that a spreadsheet would run as a formula is written as text in
every XLSX and CSV export (the rule: exports/cells.py)."""

from __future__ import annotations

import ast
import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from protokol.exports.cells import csv_for_excel, looks_like_formula, write_cell
from protokol.exports.xlsx import TABLE_TOP
from tests.factories import make_instruction, make_protocol, make_report

pytestmark = pytest.mark.django_db

HOSTILE = ['=HYPERLINK("http://x","y")', "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]
BELGOROD = "31"


@pytest.fixture
def hostile(db):
    """A protocol whose instructions' texts (from an imported document) are formula-like,
    each issued to Belgorod, with a report answering a form whose label is one too."""
    protocol = make_protocol("Д05-7/05пр")
    form = [{"key": "note", "label": "=1+1", "type": "text", "required": False}]
    for position, text in enumerate(HOSTILE):
        make_instruction(
            protocol,
            position=position,
            code=f"I.{position + 1}",
            text=text,
            due=dt.date(2030, 12, 1),
            regions=[BELGOROD],
            report_template=form,
        )
    return protocol


def _texts_of(sheet, column: int, first_row: int):
    return [sheet.cell(r, column) for r in range(first_row, first_row + len(HOSTILE))]


def _assert_text_cells(cells) -> None:
    assert [c.value for c in cells] == HOSTILE
    assert {c.data_type for c in cells} == {"s"}
    # Excel's own mark of text typed after an apostrophe: it stays text when edited.
    assert all(c.quotePrefix for c in cells)


def test_the_xlsx_summary_writes_formula_like_text_as_text(hostile, ministry_admin, login):
    response = login(ministry_admin).get(reverse("exports:protocol_xlsx", args=[hostile.pk]))
    book = load_workbook(io.BytesIO(response.content))
    instructions = book["Поручения"]
    _assert_text_cells(_texts_of(instructions, 2, TABLE_TOP + 1))
    # …and counts stay numbers.
    assert {c.data_type for c in _texts_of(instructions, 4, TABLE_TOP + 1)} == {"n"}


def test_the_xlsx_summary_writes_formula_like_answers_as_text(
    hostile, ministry_admin, operator_a, login
):
    from protokol.assignments.models import Assignment

    make_report(
        Assignment.objects.get(instruction__protocol=hostile, instruction__code="I.1"),
        operator_a,
        answers={"note": "выполнено"},
    )
    response = login(ministry_admin).get(reverse("exports:protocol_xlsx", args=[hostile.pk]))
    answers = load_workbook(io.BytesIO(response.content))["Подробно"].cell(TABLE_TOP + 1, 6)
    assert (answers.value, answers.data_type) == ("=1+1: выполнено", "s")


def _csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), delimiter=";"))


def test_the_csv_puts_an_apostrophe_before_formula_like_text(hostile, ministry_admin, login):
    response = login(ministry_admin).get(reverse("exports:protocol_csv", args=[hostile.pk]))
    rows = _csv_rows(response.content.decode("utf-8"))[1:]
    assert [r[3] for r in rows] == ["'" + text for text in HOSTILE]
    assert [r[4] for r in rows] == [BELGOROD] * len(HOSTILE)  # plain text is left alone


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_export_command_writes_formula_like_text_as_text(
    file_format, hostile, ministry_admin, tmp_path
):
    from django.core.management import call_command

    target = tmp_path / f"сводка.{file_format}"
    call_command(
        "export", str(hostile.pk), "--format", file_format, "-o", str(target), stdout=io.StringIO()
    )
    if file_format == "csv":
        rows = _csv_rows(target.read_bytes().decode("utf-8"))[1:]
        assert [r[3] for r in rows] == ["'" + text for text in HOSTILE]
    else:
        _assert_text_cells(_texts_of(load_workbook(target)["Поручения"], 2, TABLE_TOP + 1))


def test_the_open_items_file_writes_formula_like_text_as_text(hostile, operator_a, login):
    response = login(operator_a).get(reverse("exports:region_items", args=[BELGOROD]))
    sheet = load_workbook(io.BytesIO(response.content))["Отчёты"]
    _assert_text_cells(_texts_of(sheet, 5, 3))
    # The keys the upload reads back stay numbers.
    assert {c.data_type for c in _texts_of(sheet, 1, 3)} == {"n"}


def test_numbers_stay_numbers():
    sheet = Workbook().active
    negative = write_cell(sheet, 1, 1, -5)
    assert (negative.value, negative.data_type, negative.quotePrefix) == (-5, "n", False)
    assert write_cell(sheet, 2, 1, -2.5).data_type == "n"
    assert csv_for_excel([[-5, -2.5, "-2+3"]]) == "\ufeff-5;-2.5;'-2+3\r\n"


def test_text_that_only_mentions_a_sign_inside_is_left_alone():
    assert not looks_like_formula("Квота: -5; итог =10")
    assert csv_for_excel([["Квота: -5"]]) == "\ufeffКвота: -5\r\n"


def test_control_characters_that_xml_cannot_carry_do_not_break_the_xlsx():
    """A vertical tab pasted from Word makes openpyxl refuse the cell; it becomes a space."""
    sheet = Workbook().active
    assert write_cell(sheet, 1, 1, "строка\x0bвторая\x07").value == "строка вторая "


def test_every_spreadsheet_cell_and_csv_row_goes_through_the_one_writer():
    """No module writes a value with ``sheet.cell(row, column, value)`` or a csv writer of
    its own: a new export that did would skip the formula rule."""
    source = Path(__file__).resolve().parents[2] / "src" / "protokol"
    offenders = []
    for path in source.rglob("*.py"):
        if path.name == "cells.py" and path.parent.name == "exports":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if not _imports_a_spreadsheet_library(tree):
            continue  # fpdf's pdf.cell(w, h, text) is no spreadsheet
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
                continue
            name = node.func.attr
            writes_value = name == "cell" and (
                len(node.args) >= 3 or any(k.arg == "value" for k in node.keywords)
            )
            if writes_value or name in {"writer", "DictWriter", "writerow", "writerows"}:
                offenders.append(f"{path.relative_to(source)}:{node.lineno} {name}")
    assert offenders == []


def _imports_a_spreadsheet_library(tree: ast.Module) -> bool:
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""]
        else:
            continue
        if any(name.split(".")[0] in {"csv", "openpyxl"} for name in names):
            return True
    return False
