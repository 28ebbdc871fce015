from __future__ import annotations

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from protokol.exports.xlsx import protocol_summary_xlsx

pytestmark = pytest.mark.django_db


def _rows(sheet):
    return {row[0]: row for row in sheet.iter_rows(min_row=3, values_only=True)}


def test_the_summary_holds_states_dates_and_counts(executed, curator):
    book = load_workbook(BytesIO(protocol_summary_xlsx(executed, curator)))
    assert book.sheetnames == ["Сводная", "Поручения", "Подробно"]
    matrix = book["Сводная"]
    codes = [c.value for c in matrix[1]][2:]
    assert codes[:3] == ["I.1", "III.1", "III.2"]
    assert matrix.cell(2, 3).value.date().isoformat() == "2024-11-23"
    rows = _rows(matrix)
    assert len(rows) == 89 + 1  # regions and the «Исполнено, %» line
    i1 = 2 + codes.index("I.1")
    assert rows["Белгородская область"][i1] == "принято"
    assert rows["Москва"][i1] == "на проверке"
    assert rows["Республика Тыва"][i1] == "просрочено"
    instructions = {r[0]: r for r in book["Поручения"].iter_rows(min_row=2, values_only=True)}
    assert instructions["I.1"][3:] == (89, 1, 1, 1, 86, 87, 1)
    details = list(book["Подробно"].iter_rows(min_row=2, values_only=True))
    assert len(details) == 1550
    belgorod_v1 = next(r for r in details if r[0] == "V.1" and r[1] == "31")
    assert belgorod_v1[5] == "Квота слушателей: 120; Завершили обучение: 100; Квота выполнена: да"


def test_the_summary_is_set_up_for_printing(executed, curator):
    book = load_workbook(BytesIO(protocol_summary_xlsx(executed, curator)))
    matrix = book["Сводная"]
    assert matrix.page_setup.orientation == "landscape"
    assert matrix.page_setup.fitToWidth == 1 and matrix.page_setup.fitToHeight == 0
    assert matrix.sheet_properties.pageSetUpPr.fitToPage is True
    assert matrix.print_title_rows == "$1:$2"
    assert matrix.freeze_panes == "C3"


def test_an_operator_exports_only_their_own_region(executed, operator_a, login):
    response = login(operator_a).get(reverse("exports:protocol_xlsx", args=[executed.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(BytesIO(response.content))
    assert list(_rows(book["Сводная"])) == ["Белгородская область", "Исполнено, %"]
    assert {r[1] for r in book["Подробно"].iter_rows(min_row=2, values_only=True)} == {"31"}


def test_a_draft_protocol_is_not_exported(sample_draft, curator, login):
    url = reverse("exports:protocol_xlsx", args=[sample_draft.pk])
    assert login(curator).get(url).status_code == 404


def test_an_answer_with_a_control_character_is_still_exported(ministry_admin, operator_a, login):
    """A vertical tab pasted from Word cannot be stored in XLSX: it becomes a space."""
    import datetime as dt

    from tests.factories import make_instruction, make_protocol, make_report

    protocol = make_protocol("Д05-8/05пр")
    form = [{"key": "note", "label": "Примечание", "type": "text", "required": False}]
    instruction = make_instruction(
        protocol, due=dt.date(2030, 12, 1), regions=["31"], report_template=form
    )
    make_report(instruction.assignments.get(), operator_a, answers={"note": "первая\x0bвторая"})
    response = login(ministry_admin).get(reverse("exports:protocol_xlsx", args=[protocol.pk]))
    assert response.status_code == 200
    details = load_workbook(BytesIO(response.content))["Подробно"]
    assert details.cell(2, 6).value == "Примечание: первая вторая"
