"""The report template's one home: its checks, the yes/no and number vocabulary, the display."""

from __future__ import annotations

from decimal import Decimal

import pytest

from protokol.assignments.answers import validate_answers
from protokol.protocols import report_template
from protokol.protocols.report_template import (
    DEFAULT_NUMBER_RULE,
    NO_WORDS,
    SAMPLE_INSTRUCTION_PRESETS,
    TEMPLATE_PRESETS,
    YES_WORDS,
    NumberRefused,
    NumberRule,
    answer_items,
    columns_text,
    number_rule,
    parse_number,
    read_number,
    read_yes_no,
    shown,
    table_columns,
    template_from_post,
    template_problems,
    template_rows,
)


def test_the_presets_for_the_sample_are_valid_templates():
    for preset in TEMPLATE_PRESETS.values():
        assert preset["label"]
        assert template_problems(preset["fields"]) == []
    assert set(SAMPLE_INSTRUCTION_PRESETS.values()) <= set(TEMPLATE_PRESETS)
    labels = {f["label"] for p in TEMPLATE_PRESETS.values() for f in p["fields"]}
    assert {"Квота слушателей", "Завершили обучение"} <= labels


def test_template_problems_name_what_to_fix():
    assert template_problems({"key": "x"}) == ["Форма отчёта должна быть списком полей."]
    problems = template_problems(
        [
            {"key": "a", "label": "А", "type": "number"},
            {"key": "a", "label": "Б", "type": "colour"},
            {"key": "t", "label": "Таблица", "type": "table"},
            {"label": "без ключа", "type": "text"},
        ]
    )
    assert problems == [
        "Поле «Б»: ключ «a» уже занят.",
        "Поле «Б»: неизвестный тип «colour»; допустимы: number, date, text, person, yes_no, table.",
        "Поле «Таблица»: у таблицы должны быть столбцы.",
        "Поле 4: укажите ключ и название.",
    ]


def test_every_spelling_of_yes_and_no_is_read_and_nothing_else():
    for word in YES_WORDS:
        assert read_yes_no(f" {word.upper()} ") is True
    for word in NO_WORDS:
        assert read_yes_no(word) is False
    assert read_yes_no(True) is True and read_yes_no(False) is False
    assert read_yes_no("может быть") is None and read_yes_no(None) is None


def test_the_validation_accepts_exactly_the_vocabulary():
    template = [{"key": "v", "label": "В", "type": "yes_no"}]
    for word in YES_WORDS | NO_WORDS:
        expected = word in YES_WORDS
        assert validate_answers(template, {"v": word}) == {"v": expected}


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1 234,5", "1234.5"), (7, "7"), (2.5, "2.5"), ("\u00a012\u00a0000", "12000")],
)
def test_a_number_is_read_as_russian_users_type_it(value, expected):
    assert str(read_number(value)) == expected


@pytest.mark.parametrize("value", [True, None, "", "двенадцать", "nan", float("inf")])
def test_what_is_not_a_finite_number_reads_as_none(value):
    assert read_number(value) is None


# --- the one number parser ----------------------------------------------------------

PERCENT = NumberRule(Decimal(0), Decimal(100), 1)


def refusal(value, rule=DEFAULT_NUMBER_RULE) -> str:
    with pytest.raises(NumberRefused) as refused:
        parse_number(value, rule)
    return str(refused.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3,5", "3.5"),
        ("3.5", "3.5"),
        (",5", "0.5"),
        ("1 234 567", "1234567"),
        ("1\u00a0234,25", "1234.25"),  # Word's and Excel's no-break space
        ("12\u202f000", "12000"),  # narrow no-break space
        ("12\u2009000", "12000"),  # thin space
        ("  40 ", "40"),
        ("007", "7"),
    ],
)
def test_the_parser_reads_russian_and_ascii_notation(text, expected):
    assert parse_number(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["12 34", "1 2345", "1,234.5", "1.234.567", "12,", "- 5", "+5"])
def test_thousands_are_groups_of_three_and_one_decimal_point_is_allowed(text):
    assert refusal(text, None).startswith("введите число, например 12 или 3,5 (указано «")


@pytest.mark.parametrize("text", ["²", "1²", "١٢", "１２", "½", "Ⅻ", "十"])
def test_digits_other_than_0_to_9_are_refused_by_name(text):
    foreign = next(char for char in text if char not in "0123456789")
    assert refusal(text, None) == (
        f"«{foreign}» — не цифра 0–9: наберите число обычными цифрами, например 12 или 3,5."
    )


@pytest.mark.parametrize("text", ["1e3", "1,5E3", "2e-2", "1e400000", "1e5000", "5e\u22123"])
def test_exponent_notation_is_refused_however_small(text):
    assert refusal(text, None) == (
        f"введите число целиком, без степени: например 1500, а не 1,5e3 (указано «{text}»)."
    )


@pytest.mark.parametrize(
    "value", ["NaN", "nan", "Infinity", "-inf", "∞", float("nan"), float("-inf")]
)
def test_nan_and_infinity_are_not_numbers(value):
    assert refusal(value, None).startswith("введите число, например 12 или 3,5")


@pytest.mark.parametrize("value", [True, False, None, [1], {"a": 1}])
def test_what_is_neither_text_nor_a_number_is_refused(value):
    assert refusal(value, None) == "введите число, например 12 или 3,5."


def test_the_length_cap_is_applied_before_any_decimal_is_made(settings, monkeypatch):
    settings.PROTOKOL_BUDGETS = {**settings.PROTOKOL_BUDGETS, "number_input_chars": 10}

    def no_decimal(*args):
        raise AssertionError(f"Decimal built from {args!r}")

    monkeypatch.setattr(report_template, "Decimal", no_decimal)
    message = "слишком длинное число: не больше 10 знаков."
    assert refusal("1" * 11, PERCENT) == message
    assert refusal("9" * 1_000_000, PERCENT) == message
    assert refusal(10**10, PERCENT) == message  # a JSON integer, bounded the same
    assert refusal(-(10**10), PERCENT) == message


def test_the_length_cap_is_the_budget_and_counts_what_was_typed(settings):
    settings.PROTOKOL_BUDGETS = {**settings.PROTOKOL_BUDGETS, "number_input_chars": 21}
    assert parse_number("1" + " 000" * 5, None) == 10**15  # 21 characters
    assert refusal("1" + " 000" * 5 + "0", None) == ("слишком длинное число: не больше 21 знака.")


def test_a_float_is_read_as_its_fifteen_significant_digits():
    assert parse_number(0.1 + 0.2) == Decimal("0.3")  # Excel's =0,1+0,2
    assert parse_number(2.5) == Decimal("2.5")
    assert parse_number(7.0) == 7


def test_the_field_bounds_are_checked_after_reading():
    assert parse_number("100", PERCENT) == 100
    assert parse_number("99,50", PERCENT) == Decimal("99.5")  # a trailing zero is no digit
    assert refusal("100,1", PERCENT) == "число должно быть не больше 100."
    assert refusal("-0,5", PERCENT) == "число не может быть отрицательным."
    assert refusal("12,25", PERCENT) == "не больше 1 знака после запятой."
    assert refusal("1,5", NumberRule(Decimal(-5), Decimal(5), 0)) == "нужно целое число."
    assert refusal("-6", NumberRule(Decimal(-5), Decimal(5), 0)) == (
        "число должно быть не меньше -5."
    )
    assert refusal("1 000 000", NumberRule(Decimal(0), Decimal(12345), 0)) == (
        "число должно быть не больше 12\u00a0345."
    )


def test_a_field_without_bounds_takes_the_defaults():
    assert number_rule({"key": "q", "label": "Квота", "type": "number"}) == DEFAULT_NUMBER_RULE
    assert NumberRule(Decimal(0), Decimal("9999999999999.99"), 2) == DEFAULT_NUMBER_RULE
    assert number_rule({"max": 100, "decimal_places": 0}) == NumberRule(Decimal(0), Decimal(100), 0)
    # Fewer places leave more digits before the comma: 15 in all.
    assert number_rule({"decimal_places": 0}).maximum == 10**15 - 1
    assert number_rule({"min": -5.5}).minimum == Decimal("-5.5")


def test_a_broken_stored_declaration_reads_as_its_default():
    assert number_rule({"min": "много", "max": 10**20, "decimal_places": "два"}) == (
        DEFAULT_NUMBER_RULE
    )


def test_a_number_fields_declaration_is_checked_when_the_template_is_saved():
    def problems(**declared):
        return template_problems([{"key": "s", "label": "Доля", "type": "number", **declared}])

    assert problems() == []
    assert problems(min=0, max=100, decimal_places=1) == []
    assert problems(min=-10, max="1 000") == []
    assert problems(decimal_places=7) == [
        "Поле «Доля»: знаков после запятой — целое число от 0 до 6."
    ]
    assert problems(decimal_places=True) == problems(decimal_places=7)
    assert problems(max="сто") == [
        "Поле «Доля», наибольшее значение: введите число, например 12 или 3,5 (указано «сто»)."
    ]
    assert problems(max=10**15) == [
        "Поле «Доля», наибольшее значение: число должно быть не больше "
        "9\u00a0999\u00a0999\u00a0999\u00a0999,99."
    ]
    assert problems(min=0.5, decimal_places=0) == [
        "Поле «Доля», наименьшее значение: нужно целое число."
    ]
    assert problems(min=10, max=5) == ["Поле «Доля»: наименьшее значение больше наибольшего."]


@pytest.mark.parametrize(
    ("value", "kind", "expected"),
    [
        (None, "text", ""),
        ("", "number", ""),
        ([], "table", ""),
        (True, "yes_no", "да"),
        (False, None, "нет"),
        ("нет", "yes_no", "нет"),
        ("2024-12-28", "date", "28 декабря 2024 г."),
        ("не дата", "date", "не дата"),
        (1234567, "number", "1\u00a0234\u00a0567"),
        (35.5, "number", "35,5"),
        ([{"a": 1}], "table", "1 строка"),
        ([{"a": 1}] * 3, "table", "3 строки"),
        ("Иванова А.Б.", "person", "Иванова А.Б."),
    ],
)
def test_an_answer_is_shown_one_way(value, kind, expected):
    assert shown(value, kind) == expected


def test_answer_items_label_by_the_template_and_keep_keys_it_no_longer_has():
    template = [
        {"key": "done", "label": "Сделано", "type": "yes_no"},
        {
            "key": "rows",
            "label": "Договоры",
            "type": "table",
            "columns": [{"key": "s", "label": "Специальность"}, {"key": "n", "type": "number"}],
        },
        {"key": "when", "label": "Когда", "type": "date"},
    ]
    answers = {"rows": [{"s": "Сварщик", "n": 1500}, {"n": 2}], "done": True, "old": "x"}
    items = answer_items(template, answers)
    assert [item["label"] for item in items] == ["Сделано", "Договоры", "old"]
    assert items[0]["value"] == "да"
    assert [c.label for c in items[1]["columns"]] == ["Специальность", "n"]
    assert items[1]["rows"] == [["Сварщик", "1\u00a0500"], ["—", "2"]]
    assert items[2]["value"] == "x"
    assert answer_items(template, None) == []


def test_the_editor_reads_typed_columns_back_into_the_same_columns():
    columns = [
        {"key": "c1", "label": "Специальность"},
        {"key": "c2", "label": "Договоров", "type": "number"},
    ]
    text = columns_text(columns)
    assert text == "Специальность; Договоров: число"
    post = {
        "field-0-label": "Таблица",
        "field-0-key": "t",
        "field-0-type": "table",
        "field-0-columns": text,
    }
    template = template_from_post(post, [{"key": "t", "type": "table", "columns": columns}])
    assert table_columns(template[0]) == table_columns({"columns": columns})


def test_the_editor_shows_and_reads_back_a_number_fields_bounds():
    field = {"key": "s", "label": "Доля", "type": "number", "max": 1000, "decimal_places": 1}
    row = template_rows([field])[0]
    assert (row.min, row.max, row.decimal_places) == ("", "1\u00a0000", "1")
    post = {
        "field-0-key": "s",
        "field-0-label": "Доля",
        "field-0-type": "number",
        "field-0-min": row.min,
        "field-0-max": row.max,
        "field-0-decimal_places": row.decimal_places,
    }
    assert template_from_post(post, [field]) == [{**field, "required": False}]


def test_the_editor_keeps_an_unreadable_bound_as_typed_for_the_checks_to_name():
    post = {
        "field-0-label": "Доля",
        "field-0-type": "number",
        "field-0-max": "1e3",
        "field-0-decimal_places": "9" * 5000,
    }
    template = template_from_post(post, [])
    assert template[0]["max"] == "1e3" and template[0]["decimal_places"] == "9" * 5000
    assert len(template_problems(template)) == 2


def test_bounds_typed_on_a_field_that_is_not_a_number_are_not_kept():
    post = {"field-0-label": "Примечание", "field-0-type": "text", "field-0-max": "100"}
    assert "max" not in template_from_post(post, [])[0]


def test_an_editor_line_numbered_with_other_digits_is_not_a_line():
    from protokol.protocols.report_template import template_from_post

    data = {"field-²-label": "Квота", "field-1-label": "Число слушателей", "field-1-type": "number"}
    assert [f["label"] for f in template_from_post(data, [])] == ["Число слушателей"]
