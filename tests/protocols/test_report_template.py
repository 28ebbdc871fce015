"""The report template's one home: its checks, the yes/no and number vocabulary, the display."""

from __future__ import annotations

import pytest

from protokol.assignments.answers import validate_answers
from protokol.protocols.report_template import (
    NO_WORDS,
    SAMPLE_INSTRUCTION_PRESETS,
    TEMPLATE_PRESETS,
    YES_WORDS,
    answer_items,
    columns_text,
    read_number,
    read_yes_no,
    shown,
    table_columns,
    template_from_post,
    template_problems,
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
