"""Structured answers: each field type, required fields, tables."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from protokol.assignments.answers import AnswersInvalid, validate_answers
from protokol.assignments.errors import TransitionRefused
from protokol.protocols.report_template import TEMPLATE_PRESETS


def field(kind: str, *, required: bool = True, **extra) -> list[dict]:
    return [{"key": "v", "label": "Значение", "type": kind, "required": required, **extra}]


def clean(kind: str, value, **extra):
    return validate_answers(field(kind, **extra), {"v": value})["v"]


def error(kind: str, value, **extra) -> str:
    with pytest.raises(AnswersInvalid) as invalid:
        validate_answers(field(kind, **extra), {"v": value})
    return invalid.value.errors["v"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [(12, 12), ("120", 120), ("1 234", 1234), ("12,5", 12.5), (0, 0), (7.0, 7), ("3.25", 3.25)],
)
def test_a_number_is_an_integer_or_decimal_not_below_zero(value, expected):
    assert clean("number", value) == expected
    assert type(clean("number", value)) is type(expected)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("-1", "число не может быть отрицательным."),
        ("много", "введите число, например 12 или 3,5 (указано «много»)."),
        (True, "введите число, например 12 или 3,5."),
        (float("nan"), "введите число, например 12 или 3,5."),
        ("Infinity", "введите число, например 12 или 3,5 (указано «Infinity»)."),
        ("1e5", "введите число целиком, без степени: например 1500, а не 1,5e3"),
        ("١٢", "«١» — не цифра 0–9: наберите число обычными цифрами"),
        ("3,14159", "не больше 2 знаков после запятой."),
    ],
)
def test_a_wrong_number_is_refused_with_the_field_named(value, message):
    assert error("number", value).startswith("«Значение»: ")
    assert message in error("number", value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-12-28", "2024-12-28"),
        ("28.12.2024", "2024-12-28"),
        ("1.2.2025", "2025-02-01"),
        (dt.date(2025, 5, 7), "2025-05-07"),
    ],
)
def test_a_date_is_stored_as_iso(value, expected):
    assert clean("date", value) == expected


@pytest.mark.parametrize("value", ["2024-02-30", "31.04.2025", "вчера", "12/28/2024"])
def test_an_impossible_or_unreadable_date_is_refused(value):
    assert "дат" in error("date", value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Иванова А.Б.", "Иванова А.Б."),
        ("Иванова  А. Б.", "Иванова А.Б."),
        ("Иванова Анна Борисовна", "Иванова А.Б."),
        ("Салтыков-Щедрин М.Е.", "Салтыков-Щедрин М.Е."),
        ("Ким Ё.", "Ким Ё."),
    ],
)
def test_a_person_is_written_as_surname_and_initials(value, expected):
    assert clean("person", value) == expected


@pytest.mark.parametrize("value", ["иванова а.б.", "Ivanova A.B.", "А.Б. Иванова", "Иванова"])
def test_a_person_that_is_not_surname_and_initials_is_refused(value):
    assert "фамилия и инициалы" in error("person", value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [(True, True), ("да", True), ("Да", True), ("on", True), (False, False), ("нет", False)],
)
def test_yes_no(value, expected):
    assert clean("yes_no", value) is expected


def test_yes_no_refuses_anything_else():
    assert "«да» или «нет»" in error("yes_no", "может быть")


def test_text_is_trimmed():
    assert clean("text", "  Приказ № 12-к  ") == "Приказ № 12-к"


@pytest.mark.parametrize("kind", ["text", "person", "date"])
def test_a_text_answer_longer_than_its_budget_is_refused_in_russian(kind, settings):
    settings.PROTOKOL_BUDGETS = {**settings.PROTOKOL_BUDGETS, "answer_text_chars": 100}
    assert clean("text", "я" * 100) == "я" * 100
    assert error(kind, "я" * 101) == "«Значение»: не длиннее 100 знаков."


def test_a_number_field_takes_its_declared_bounds_and_places():
    share = {"min": 0, "max": 100, "decimal_places": 1}
    assert clean("number", "99,5", **share) == 99.5
    assert error("number", "100,5", **share) == "«Значение»: число должно быть не больше 100."
    assert error("number", "12,25", **share) == "«Значение»: не больше 1 знака после запятой."
    assert error("number", "2,5", decimal_places=0) == "«Значение»: нужно целое число."
    assert clean("number", "-3", min=-10) == -3
    assert error("number", "-30", min=-10) == "«Значение»: число должно быть не меньше -10."


def test_a_number_field_without_bounds_takes_the_default_fifteen_digits():
    assert clean("number", "9 999 999 999 999,99") == 9999999999999.99
    assert error("number", "10 000 000 000 000") == (
        "«Значение»: число должно быть не больше 9\u00a0999\u00a0999\u00a0999\u00a0999,99."
    )


def test_required_fields_must_be_filled_and_optional_ones_may_be_left_out():
    template = [
        {"key": "quota", "label": "Квота слушателей", "type": "number", "required": True},
        {"key": "note", "label": "Примечание", "type": "text", "required": False},
    ]
    with pytest.raises(AnswersInvalid) as invalid:
        validate_answers(template, {"quota": "  ", "note": ""})
    assert invalid.value.errors == {"quota": "«Квота слушателей»: заполните поле."}
    assert isinstance(invalid.value, TransitionRefused)
    assert invalid.value.message.startswith("Проверьте ответы по форме отчёта: ")
    assert validate_answers(template, {"quota": "40"}) == {"quota": 40}


def test_an_interim_report_checks_values_but_not_completeness():
    template = TEMPLATE_PRESETS["quota"]["fields"]
    assert validate_answers(template, {"quota": "40"}, partial=True) == {"quota": 40}
    with pytest.raises(AnswersInvalid):
        validate_answers(template, {"quota": "сорок"}, partial=True)


def test_every_wrong_field_is_reported_at_once_and_unknown_keys_are_dropped():
    template = TEMPLATE_PRESETS["contest_stages"]["fields"]
    with pytest.raises(AnswersInvalid) as invalid:
        validate_answers(template, {"selection_stage": "31.02.2025", "regional_stage": ""})
    assert set(invalid.value.errors) == {"selection_stage", "regional_stage"}
    cleaned = validate_answers(
        template,
        {"selection_stage": "2025-02-03", "regional_stage": "2025-03-17", "injected": "<b>"},
    )
    assert cleaned == {"selection_stage": "2025-02-03", "regional_stage": "2025-03-17"}


def test_a_table_keeps_its_columns_and_skips_blank_rows():
    columns = [
        {"key": "specialty", "label": "Специальность", "type": "text"},
        {"key": "count", "label": "Договоров", "type": "number"},
    ]
    rows = [
        {"specialty": "Сварщик", "count": "12", "extra": "x"},
        {"specialty": "", "count": ""},
        {"specialty": "Повар", "count": 3},
    ]
    assert clean("table", rows, columns=columns) == [
        {"specialty": "Сварщик", "count": 12},
        {"specialty": "Повар", "count": 3},
    ]
    assert error("table", [{"specialty": "Повар", "count": "-2"}], columns=columns) == (
        "«Значение»: строка 1, «Договоров»: число не может быть отрицательным."
    )
    assert "заполните поле" in error("table", [{"specialty": ""}], columns=columns)
    assert "нужна таблица" in error("table", "Сварщик — 12", columns=columns)


def test_cleaned_answers_are_json_safe():
    template = TEMPLATE_PRESETS["copp_head"]["fields"] + TEMPLATE_PRESETS["quota"]["fields"]
    cleaned = validate_answers(
        template,
        {
            "head": "Петров П.П.",
            "order_date": dt.date(2024, 12, 10),
            "quota": "35,5",
            "completed": 30,
        },
    )
    assert json.loads(json.dumps(cleaned)) == cleaned
