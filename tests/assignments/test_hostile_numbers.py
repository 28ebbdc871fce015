"""A number answer no request can make expensive: «1e400000» or «1e5000» typed into a
number field is refused in Russian — on the report page, through the API and in an Excel
upload — before any Decimal is built from it, so no request spends seconds on it or
answers 500."""

from __future__ import annotations

import decimal
import json
from io import BytesIO

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from protokol.api.tokens import issue_token
from protokol.assignments.models import Report
from protokol.protocols import report_template
from protokol.protocols.report_template import TEMPLATE_PRESETS

QUOTA = TEMPLATE_PRESETS["quota"]["fields"]
HOSTILE = ["1e400000", "1e5000"]
REFUSAL = "введите число целиком, без степени"


@pytest.fixture
def quota(assignment_in):
    """Belgorod's open assignment of an instruction asking for a quota and its completion."""
    return assignment_in("issued", template=QUOTA)


@pytest.fixture
def decimals_built(monkeypatch):
    """Every text the report form's number parser turns into a Decimal, in order."""
    built: list[object] = []

    def spy(value: object = "0") -> decimal.Decimal:
        built.append(value)
        return decimal.Decimal(value)

    monkeypatch.setattr(report_template, "Decimal", spy)
    return built


def _web(operator, assignment, value: str):
    client = Client()
    client.force_login(operator)
    return client.post(
        reverse("assignments:act", args=[assignment.pk, "submit"]),
        {
            "version": assignment.version,
            "text": "Квота выполнена.",
            "answer__quota": value,
            "answer__completed": "38",
        },
    )


def _api(operator, assignment, value: str):
    return Client().post(
        f"/api/v1/assignments/{assignment.pk}/reports",
        {"text": "Квота выполнена.", "answers": json.dumps({"quota": value, "completed": 38})},
        headers={"Authorization": f"Bearer {issue_token(operator, 'тесты').secret}"},
    )


def _excel(operator, assignment, value: object):
    client = Client()
    client.force_login(operator)
    download = client.get(reverse("exports:region_items", args=["31"]))
    book = load_workbook(BytesIO(download.content))
    sheet = book["Отчёты"]
    keys = [cell.value for cell in sheet[1]]
    row = next(r for r in range(3, sheet.max_row + 1) if sheet.cell(r, 1).value == assignment.pk)
    filled = {"report": "Квота выполнена.", "answer:quota": value, "answer:completed": 38}
    for key, cell in filled.items():
        sheet.cell(row, keys.index(key) + 1, cell)
    out = BytesIO()
    book.save(out)
    out.seek(0)
    out.name = "filled.xlsx"
    return client.post(reverse("exports:region_upload", args=["31"]), {"file": out})


@pytest.mark.parametrize("value", HOSTILE)
def test_the_report_page_refuses_a_huge_exponent_in_russian(quota, operator_a, value):
    response = _web(operator_a, quota, value)
    assert response.status_code == 422
    body = response.content.decode()
    assert "«Квота слушателей»: " + REFUSAL in body
    assert f'value="{value}"' in body  # kept as typed, to be corrected
    assert not Report.objects.filter(assignment=quota).exists()


@pytest.mark.parametrize("value", HOSTILE)
def test_the_api_refuses_a_huge_exponent_in_russian(quota, operator_a, value):
    response = _api(operator_a, quota, value)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_answers"
    assert "«Квота слушателей»: " + REFUSAL in error["message"]
    assert not Report.objects.filter(assignment=quota).exists()


@pytest.mark.parametrize("value", HOSTILE)
def test_an_excel_upload_refuses_a_huge_exponent_in_russian(quota, operator_a, value):
    response = _excel(operator_a, quota, value)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Строка 3: " in body and "«Квота слушателей»: " + REFUSAL in body
    assert not Report.objects.filter(assignment=quota).exists()


@pytest.mark.parametrize("send", [_web, _api, _excel], ids=["web", "api", "excel"])
def test_no_decimal_is_built_from_a_huge_exponent_on_any_channel(
    quota, operator_a, decimals_built, send
):
    """The bound on CPU, stated without a clock: the refused text never reaches Decimal
    (whose integer conversion of 1e400000 is what took seconds); only the other, plain
    answer («38») is built."""
    assert send(operator_a, quota, "1e400000").status_code in (400, 422)
    assert not any("e" in str(text).lower() for text in decimals_built), decimals_built


@pytest.mark.parametrize(
    ("literal", "message"),
    [
        ("1e400000", "введите число, например 12 или 3,5."),  # a float: infinity
        ("1" + "0" * 4000, "слишком длинное число: не больше 40 знаков."),
    ],
    ids=["exponent", "4001 digits"],
)
def test_the_api_refuses_a_json_number_no_field_can_hold(quota, operator_a, literal, message):
    response = Client().post(
        f"/api/v1/assignments/{quota.pk}/reports",
        {"text": "Квота выполнена.", "answers": f'{{"quota": {literal}, "completed": 38}}'},
        headers={"Authorization": f"Bearer {issue_token(operator_a, 'тесты').secret}"},
    )
    assert response.status_code == 422
    assert message in response.json()["error"]["message"]


def test_an_excel_number_cell_beyond_the_fields_digits_is_refused(quota, operator_a):
    response = _excel(operator_a, quota, 1e300)
    assert response.status_code == 400
    assert "«Квота слушателей»: число должно быть не больше 9" in response.content.decode()
