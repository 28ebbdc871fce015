"""Excel round trip: download the region's open items, fill them in, upload; all or nothing."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

pytestmark = pytest.mark.django_db

QUOTA = [
    {"key": "quota", "label": "Квота слушателей", "type": "number", "required": True},
    {"key": "completed", "label": "Завершили обучение", "type": "number", "required": True},
]


@pytest.fixture
def open_items(executed, operator_a, login):
    """Belgorod's file of open items, V.2 given a quota form, as an openpyxl workbook."""
    from protokol.protocols.models import Instruction

    Instruction.objects.filter(protocol=executed, code="V.2").update(report_template=QUOTA)
    client = login(operator_a)
    response = client.get(reverse("exports:region_items", args=["31"]))
    assert response.status_code == 200
    return client, load_workbook(BytesIO(response.content))


def _row_of(sheet, code: str) -> int:
    keys = [c.value for c in sheet[1]]
    column = keys.index("code") + 1
    return next(r for r in range(3, sheet.max_row + 1) if sheet.cell(r, column).value == code)


def _set(sheet, row: int, key: str, value) -> None:
    keys = [c.value for c in sheet[1]]
    sheet.cell(row, keys.index(key) + 1, value)


def _upload(client, book):
    out = BytesIO()
    book.save(out)
    out.seek(0)
    out.name = "filled.xlsx"
    return client.post(reverse("exports:region_upload", args=["31"]), {"file": out})


def test_the_file_lists_the_regions_open_items_with_their_forms(open_items, executed):
    from protokol.assignments.models import Assignment

    _, book = open_items
    sheet = book["Отчёты"]
    open_count = Assignment.objects.filter(
        region_id="31", state__in=("issued", "acknowledged", "in_progress", "returned")
    ).count()
    assert sheet.max_row - 2 == open_count
    keys = [c.value for c in sheet[1]]
    assert keys[:2] == ["id", "version"]
    assert "answer:quota" in keys
    codes = {sheet.cell(r, 4).value for r in range(3, sheet.max_row + 1)}
    assert "I.1" not in codes  # accepted: nothing left to report


def test_a_valid_file_submits_every_filled_row(open_items, executed):
    from protokol.assignments.models import Assignment

    client, book = open_items
    sheet = book["Отчёты"]
    v2 = _row_of(sheet, "V.2")
    _set(sheet, v2, "report", "Стажировки организованы.")
    _set(sheet, v2, "answer:quota", 40)
    _set(sheet, v2, "answer:completed", "38")
    vi1 = _row_of(sheet, "VI.1")
    _set(sheet, vi1, "report", "Информационная кампания проведена.")
    response = _upload(client, book)
    assert response.status_code == 302
    v2_assignment = Assignment.objects.get(
        instruction__protocol=executed, instruction__code="V.2", region_id="31"
    )
    assert v2_assignment.state == "submitted"
    report = v2_assignment.reports.get()
    assert report.answers == {"quota": 40, "completed": 38}
    assert report.text == "Стажировки организованы."
    assert (
        Assignment.objects.get(
            instruction__protocol=executed, instruction__code="VI.1", region_id="31"
        ).state
        == "submitted"
    )


def test_one_bad_row_rejects_the_file_and_applies_nothing(open_items, executed):
    from protokol.assignments.models import Assignment, Report

    client, book = open_items
    sheet = book["Отчёты"]
    reports_before = Report.objects.count()
    states_before = dict(Assignment.objects.filter(region_id="31").values_list("pk", "state"))
    vi1 = _row_of(sheet, "VI.1")
    _set(sheet, vi1, "report", "Информационная кампания проведена.")
    v2 = _row_of(sheet, "V.2")
    _set(sheet, v2, "report", "Стажировки организованы.")
    _set(sheet, v2, "answer:quota", "много")
    _set(sheet, v2, "answer:completed", 38)
    response = _upload(client, book)
    assert response.status_code == 400
    errors = response.context["errors"]
    assert len(errors) == 1 and errors[0].startswith(f"Строка {v2}:")
    assert "Квота слушателей" in errors[0]
    assert Report.objects.count() == reports_before
    assert dict(Assignment.objects.filter(region_id="31").values_list("pk", "state")) == (
        states_before
    )


def test_a_row_changed_since_the_download_is_refused(open_items, executed):
    from protokol.assignments.models import Assignment, Report

    client, book = open_items
    sheet = book["Отчёты"]
    vi1 = _row_of(sheet, "VI.1")
    _set(sheet, vi1, "report", "Информационная кампания проведена.")
    pk = sheet.cell(vi1, 1).value
    Assignment.objects.filter(pk=pk).update(version=5)
    before = Report.objects.count()
    response = _upload(client, book)
    assert response.status_code == 400
    assert "изменено после выгрузки" in response.context["errors"][0]
    assert Report.objects.count() == before


def test_another_regions_item_in_the_file_is_refused(open_items, executed):
    from protokol.assignments.models import Assignment

    client, book = open_items
    sheet = book["Отчёты"]
    vi1 = _row_of(sheet, "VI.1")
    moscow = Assignment.objects.get(
        instruction__protocol=executed, instruction__code="VI.1", region_id="77"
    )
    _set(sheet, vi1, "id", moscow.pk)
    _set(sheet, vi1, "report", "Чужой отчёт.")
    response = _upload(client, book)
    assert response.status_code == 400
    assert "не найдено среди открытых поручений" in response.context["errors"][0]
    assert not moscow.reports.exists()


def test_a_file_that_is_not_a_workbook_gets_a_clear_error(executed, operator_a, login):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = login(operator_a).post(
        reverse("exports:region_upload", args=["31"]),
        {"file": SimpleUploadedFile("x.xlsx", b"not a workbook")},
    )
    assert response.status_code == 400
    assert "не читается" in response.context["errors"][0]


def test_an_observer_may_not_upload_and_another_region_is_not_found(
    executed, observer, operator_b, login
):
    assert login(observer).get(reverse("exports:region_upload", args=["31"])).status_code == 403
    assert login(operator_b).get(reverse("exports:region_upload", args=["31"])).status_code == 404
    assert login(operator_b).get(reverse("exports:region_items", args=["31"])).status_code == 404


def test_a_curator_fills_the_file_on_the_regions_behalf(executed, ministry_admin, login):
    """A region that answered by letter: the ministry uploads its file for it."""
    from protokol.assignments.models import Assignment

    client = login(ministry_admin)
    response = client.get(reverse("exports:region_items", args=["31"]))
    book = load_workbook(BytesIO(response.content))
    sheet = book["Отчёты"]
    _set(sheet, _row_of(sheet, "VI.1"), "report", "По письму региона: кампания проведена.")
    assert _upload(client, book).status_code == 302
    assignment = Assignment.objects.get(
        instruction__protocol=executed, instruction__code="VI.1", region_id="31"
    )
    assert assignment.state == "submitted"
    assert assignment.reports.get().submitted_by == ministry_admin


def test_the_region_card_offers_the_upload_only_to_who_may_submit_for_the_region(
    operator_a, curator, observer, login
):
    upload = reverse("exports:region_upload", args=["31"])
    card = reverse("dashboards:region", args=["31"])
    offered = {
        user.username: upload in login(user).get(card).content.decode()
        for user in (operator_a, curator, observer)
    }
    # The observer's upload would be refused (403): the button is not shown to them.
    assert offered == {operator_a.username: True, curator.username: True, observer.username: False}
