from __future__ import annotations

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from protokol.exports.xlsx import TABLE_TOP, protocol_summary_xlsx

pytestmark = pytest.mark.django_db

# The matrix: codes on TABLE_TOP, due dates below, then one row per region.
DUE_ROW = TABLE_TOP + 1


def _rows(sheet):
    return {row[0]: row for row in sheet.iter_rows(min_row=DUE_ROW + 1, values_only=True)}


def _table(sheet):
    """The rows of a sheet's table below its header (TABLE_TOP)."""
    return list(sheet.iter_rows(min_row=TABLE_TOP + 1, values_only=True))


def test_the_summary_holds_states_dates_and_counts(executed, curator):
    book = load_workbook(BytesIO(protocol_summary_xlsx(executed, curator)))
    assert book.sheetnames == ["Сводная", "Поручения", "Подробно"]
    matrix = book["Сводная"]
    codes = [c.value for c in matrix[TABLE_TOP]][2:]
    assert codes[:3] == ["I.1", "III.1", "III.2"]
    # I.1 is due «до 23 ноября 2024 г.», a Saturday: the regions are held to Friday the 22nd.
    assert matrix.cell(DUE_ROW, 3).value.date().isoformat() == "2024-11-22"
    rows = _rows(matrix)
    assert len(rows) == 89 + 1  # regions and the «Исполнено, %» line
    i1 = 2 + codes.index("I.1")
    assert rows["Белгородская область"][i1] == "принято"
    assert rows["Москва"][i1] == "на проверке"
    assert rows["Республика Тыва"][i1] == "просрочено"
    instructions = {r[0]: r for r in _table(book["Поручения"])}
    assert instructions["I.1"][2].date().isoformat() == "2024-11-22"
    assert instructions["I.1"][3:] == (89, 1, 1, 1, 86, 87, 1)
    details = _table(book["Подробно"])
    assert len(details) == 1550
    belgorod_v1 = next(r for r in details if r[0] == "V.1" and r[1] == "31")
    assert belgorod_v1[5] == "Квота слушателей: 120; Завершили обучение: 100; Квота выполнена: да"
    assert {r[4].date().isoformat() for r in details if r[0] == "I.1"} == {"2024-11-22"}


def test_every_sheet_carries_its_title_and_the_time_of_its_figures(executed, curator):
    import datetime as dt
    from zoneinfo import ZoneInfo

    import time_machine

    moment = dt.datetime(2026, 12, 6, 14, 30, tzinfo=ZoneInfo("Europe/Moscow"))
    with time_machine.travel(moment, tick=False):
        book = load_workbook(BytesIO(protocol_summary_xlsx(executed, curator)))
    titles = {
        "Сводная": "Сводная таблица исполнения поручений",
        "Поручения": "Исполнение по поручениям",
        "Подробно": "Исполнение по субъектам РФ",
    }
    for name, title in titles.items():
        sheet = book[name]
        heading = [sheet.cell(row, 1).value for row in range(1, TABLE_TOP)]
        assert heading == [
            f"{title}: Протокол от 23 октября 2024 г. № Д05-98/05пр",
            executed.title,
            "По состоянию на 6 декабря 2026 г., 14:30 (МСК)",
            None,  # a blank line above the table
        ], name
        assert sheet.oddHeader.center.text.endswith(
            "по состоянию на 6 декабря 2026 г., 14:30 (МСК)"
        )


def test_the_title_rows_leave_panes_filters_and_print_titles_on_the_table(executed, curator):
    book = load_workbook(BytesIO(protocol_summary_xlsx(executed, curator)))
    matrix, instructions, details = book["Сводная"], book["Поручения"], book["Подробно"]
    for sheet in (matrix, instructions, details):  # the table right below the title block
        assert sheet.cell(TABLE_TOP - 2, 1).value.startswith("По состоянию на ")
    assert matrix.cell(TABLE_TOP, 1).value == "Субъект РФ"
    assert matrix.cell(DUE_ROW, 1).value == "Срок исполнения"
    assert matrix.freeze_panes == f"C{DUE_ROW + 1}"
    assert matrix.print_title_rows == f"${TABLE_TOP}:${DUE_ROW}"
    assert instructions.cell(TABLE_TOP, 1).value == "№"
    assert instructions.freeze_panes == f"C{TABLE_TOP + 1}"
    assert details.cell(TABLE_TOP, 1).value == "Поручение"
    assert details.freeze_panes == f"A{TABLE_TOP + 1}"
    assert details.auto_filter.ref == f"A{TABLE_TOP}:F{TABLE_TOP + 1550}"
    assert details.print_title_rows == f"${TABLE_TOP}:${TABLE_TOP}"


def test_the_summary_is_set_up_for_printing(executed, curator):
    book = load_workbook(BytesIO(protocol_summary_xlsx(executed, curator)))
    matrix = book["Сводная"]
    assert matrix.page_setup.orientation == "landscape"
    assert matrix.page_setup.fitToWidth == 1 and matrix.page_setup.fitToHeight == 0
    assert matrix.sheet_properties.pageSetUpPr.fitToPage is True


def test_an_operator_exports_only_their_own_region(executed, operator_a, login):
    response = login(operator_a).get(reverse("exports:protocol_xlsx", args=[executed.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(BytesIO(response.content))
    assert list(_rows(book["Сводная"])) == ["Белгородская область", "Исполнено, %"]
    assert {r[1] for r in _table(book["Подробно"])} == {"31"}


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
    assert details.cell(TABLE_TOP + 1, 6).value == "Примечание: первая вторая"
