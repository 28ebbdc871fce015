"""Structured answers of a report: validated against the instruction's report template.

A template (``Instruction.report_template``) is a list of fields::

    {"key": "head", "label": "Руководитель ЦОПП", "type": "person", "required": true}
    {"key": "rows", "label": "Договоры", "type": "table",
     "columns": [{"key": "specialty", "label": "Специальность", "type": "text"}, …]}

Types: number (integer or decimal, not negative), date (ISO «2024-12-28»; «28.12.2024» is
accepted too, because that is how people type dates), text, person («Фамилия И.О.»),
yes_no, table (rows with the template's columns). Answers are stored JSON-safe: numbers
as JSON numbers, dates as ISO strings, yes/no as booleans.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from protokol.assignments.errors import TransitionRefused

FIELD_TYPES = {
    "number": "число",
    "date": "дата",
    "text": "текст",
    "person": "ФИО",
    "yes_no": "да / нет",
    "table": "таблица",
}
# A table cell holds a scalar: a table inside a table is not a form anyone fills in.
CELL_TYPES = frozenset(FIELD_TYPES) - {"table"}
MAX_TEXT = 5000
MAX_ROWS = 500

# Ready-made templates for the instructions of the sample protocol (DOMAIN.md §5); the
# review page offers them by ``label``.
TEMPLATE_PRESETS: dict[str, dict[str, Any]] = {
    "quota": {
        "label": "Квота слушателей и завершившие обучение",
        "fields": [
            {"key": "quota", "label": "Квота слушателей", "type": "number", "required": True},
            {"key": "completed", "label": "Завершили обучение", "type": "number", "required": True},
        ],
    },
    "copp_head": {
        "label": "ЦОПП: руководитель назначен (ФИО, дата приказа)",
        "fields": [
            {"key": "head", "label": "Руководитель ЦОПП", "type": "person", "required": True},
            {
                "key": "order_date",
                "label": "Дата приказа о назначении",
                "type": "date",
                "required": True,
            },
            {"key": "order_number", "label": "Номер приказа", "type": "text", "required": False},
        ],
    },
    "contest_stages": {
        "label": "Даты отборочного и регионального этапов",
        "fields": [
            {
                "key": "selection_stage",
                "label": "Дата отборочного этапа",
                "type": "date",
                "required": True,
            },
            {
                "key": "regional_stage",
                "label": "Дата регионального этапа",
                "type": "date",
                "required": True,
            },
        ],
    },
    "target_contracts": {
        "label": "Договоры о целевом обучении на портале «Работа в России»",
        "fields": [
            {
                "key": "all_entered",
                "label": "Все договоры 2024 года внесены",
                "type": "yes_no",
                "required": True,
            },
            {
                "key": "contracts",
                "label": "Договоры по специальностям",
                "type": "table",
                "required": False,
                "columns": [
                    {"key": "specialty", "label": "Специальность", "type": "text"},
                    {"key": "count", "label": "Договоров", "type": "number"},
                ],
            },
        ],
    },
}

# Which preset fits which instruction of the sample protocol (by its code).
SAMPLE_INSTRUCTION_PRESETS = {
    "I.1": "target_contracts",
    "III.1": "copp_head",
    "V.1": "quota",
    "VI.3": "contest_stages",
}


class AnswersInvalid(TransitionRefused):
    """Some answers do not fit the template; ``errors`` maps a field key to its message."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = errors
        super().__init__("Проверьте ответы по форме отчёта: " + " ".join(errors.values()))


class _Invalid(ValueError):
    pass


def template_problems(template: Any) -> list[str]:
    """What is wrong with a template a reviewer defined (empty list: it is usable)."""
    if not isinstance(template, list):
        return ["Форма отчёта должна быть списком полей."]
    problems = []
    keys: set[str] = set()
    for position, field in enumerate(template, start=1):
        if not isinstance(field, dict) or not field.get("key") or not field.get("label"):
            problems.append(f"Поле {position}: укажите ключ и название.")
            continue
        if field["key"] in keys:
            problems.append(f"Поле «{field['label']}»: ключ «{field['key']}» уже занят.")
        keys.add(field["key"])
        kind = field.get("type")
        if kind not in FIELD_TYPES:
            problems.append(
                f"Поле «{field['label']}»: неизвестный тип «{kind}»; "
                f"допустимы: {', '.join(FIELD_TYPES)}."
            )
        elif kind == "table":
            columns = field.get("columns")
            if not columns or not isinstance(columns, list):
                problems.append(f"Поле «{field['label']}»: у таблицы должны быть столбцы.")
            else:
                for column in map(_column, columns):
                    if column["type"] not in CELL_TYPES:
                        problems.append(
                            f"Поле «{field['label']}», столбец «{column['label']}»: "
                            f"недопустимый тип «{column['type']}»."
                        )
    return problems


def validate_answers(
    template: list[dict[str, Any]], answers: dict[str, Any] | None, *, partial: bool = False
) -> dict[str, Any]:
    """Cleaned, JSON-safe answers for the template's fields; unknown keys are dropped.

    Raises ``AnswersInvalid`` (a ``TransitionRefused``) naming every wrong field.
    ``partial`` (an interim report) checks the values given but not the required ones.
    """
    answers = answers or {}
    cleaned: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for field in template or []:
        key, label = field["key"], field.get("label") or field["key"]
        try:
            value = _clean(field, answers.get(key))
        except _Invalid as error:
            errors[key] = f"«{label}»: {error}"
            continue
        if value is None:
            if field.get("required") and not partial:
                errors[key] = f"«{label}»: заполните поле."
            continue
        cleaned[key] = value
    if errors:
        raise AnswersInvalid(errors)
    return cleaned


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value == []


def _column(column: Any) -> dict[str, str]:
    if isinstance(column, str):
        return {"key": column, "label": column, "type": "text"}
    return {
        "key": column["key"],
        "label": column.get("label") or column["key"],
        "type": column.get("type", "text"),
    }


def _clean(field: dict[str, Any], value: Any) -> Any:
    if field.get("type") == "table":
        return _table(field, value)
    return _scalar(field.get("type", "text"), value)


def _scalar(kind: str, value: Any) -> Any:
    if _empty(value):
        return None
    if kind == "number":
        return _number(value)
    if kind == "date":
        return _date(value)
    if kind == "person":
        return _person(value)
    if kind == "yes_no":
        return _yes_no(value)
    if kind == "text":
        text = str(value).strip()
        if len(text) > MAX_TEXT:
            raise _Invalid(f"не длиннее {MAX_TEXT} знаков.")
        return text
    raise _Invalid(f"неизвестный тип поля «{kind}».")


def _number(value: Any) -> int | float:
    if isinstance(value, bool):
        raise _Invalid("нужно число.")
    if isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise _Invalid("нужно число.")
        number = Decimal(str(value))
    else:
        # «1 234,5» is how Russian users type numbers: spaces as thousands, comma as decimal.
        text = re.sub(r"[\s\u00a0\u202f]", "", str(value)).replace(",", ".")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise _Invalid(f"нужно число, а указано «{value}».") from None
        if not number.is_finite():
            raise _Invalid("нужно число.")
    if number < 0:
        raise _Invalid("число не может быть отрицательным.")
    if number == number.to_integral_value():
        return int(number)
    return float(number)


def _date(value: Any) -> str:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return dt.date.fromisoformat(text).isoformat()
        match = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text)
        if match:
            day, month, year = map(int, match.groups())
            return dt.date(year, month, day).isoformat()
    except ValueError:
        raise _Invalid(f"такой даты нет: «{text}».") from None
    raise _Invalid(f"нужна дата в виде ГГГГ-ММ-ДД или ДД.ММ.ГГГГ, а указано «{text}».")


_NAME = r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?"
_PERSON_SHORT = re.compile(rf"({_NAME})\s+([А-ЯЁ])\.\s*(?:([А-ЯЁ])\.)?")
_PERSON_FULL = re.compile(rf"({_NAME})\s+({_NAME})(?:\s+({_NAME}))?")


def _person(value: Any) -> str:
    """«Иванова А. Б.» or «Иванова Анна Борисовна» → «Иванова А.Б.», the form of documents."""
    text = " ".join(str(value).split())
    match = _PERSON_SHORT.fullmatch(text) or _PERSON_FULL.fullmatch(text)
    if not match:
        raise _Invalid(f"нужны фамилия и инициалы, например «Иванова А.Б.», а указано «{text}».")
    surname, first, middle = match.groups()
    initials = "".join(f"{part[0]}." for part in (first, middle) if part)
    return f"{surname} {initials}"


_YES = frozenset({"да", "yes", "true", "1", "on", "y", "д"})
_NO = frozenset({"нет", "no", "false", "0", "off", "n", "н"})


def _yes_no(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise _Invalid(f"нужно «да» или «нет», а указано «{value}».")


def _table(field: dict[str, Any], value: Any) -> list[dict[str, Any]] | None:
    if _empty(value):
        return None
    if not isinstance(value, list):
        raise _Invalid("нужна таблица (список строк).")
    if len(value) > MAX_ROWS:
        raise _Invalid(f"не больше {MAX_ROWS} строк.")
    columns = [_column(c) for c in field.get("columns") or []]
    rows = []
    for number, row in enumerate(value, start=1):
        if not isinstance(row, dict):
            raise _Invalid(f"строка {number}: нужны значения по столбцам.")
        cleaned = {}
        for column in columns:
            try:
                cell = _scalar(column["type"], row.get(column["key"]))
            except _Invalid as error:
                raise _Invalid(f"строка {number}, «{column['label']}»: {error}") from None
            if cell is not None:
                cleaned[column["key"]] = cell
        if cleaned:  # a blank row left by the form is not an answer
            rows.append(cleaned)
    return rows or None
