"""Structured answers of a report, validated against the instruction's report template.

The template, its field types and the spellings people type answers in live with the
instruction (``protocols.report_template``); here a report's answers are checked against
it and cleaned to their stored, JSON-safe form: numbers as JSON numbers, dates as ISO
strings, yes/no as booleans, tables as lists of rows. One rule for the page, the API and
the Excel round trip.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from protokol.assignments.errors import TransitionRefused
from protokol.core.budgets import budget
from protokol.protocols.report_template import (
    DEFAULT_NUMBER_RULE,
    NumberRefused,
    NumberRule,
    number_rule,
    parse_number,
    read_yes_no,
    stored_number,
    table_columns,
)

MAX_ROWS = 500


class AnswersInvalid(TransitionRefused):
    """Some answers do not fit the template; ``errors`` maps a field key to its message."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = errors
        super().__init__("Проверьте ответы по форме отчёта: " + " ".join(errors.values()))


class _Invalid(ValueError):
    pass


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


def _clean(field: dict[str, Any], value: Any) -> Any:
    if field.get("type") == "table":
        return _table(field, value)
    return _scalar(field.get("type", "text"), value, number_rule(field))


def _scalar(kind: str, value: Any, rule: NumberRule = DEFAULT_NUMBER_RULE) -> Any:
    if _empty(value):
        return None
    if kind == "number":
        return _number(value, rule)
    # A number has its own, shorter bound (``number_input_chars``, in its own words);
    # every other answer typed as text is bounded here before it is read.
    limit = budget("answer_text_chars")
    if isinstance(value, str) and len(value) > limit:
        raise _Invalid(f"не длиннее {limit} знаков.")
    if kind == "date":
        return _date(value)
    if kind == "person":
        return _person(value)
    if kind == "yes_no":
        return _yes_no(value)
    if kind == "text":
        return str(value).strip()
    raise _Invalid(f"неизвестный тип поля «{kind}».")


def _number(value: Any, rule: NumberRule) -> int | float:
    try:
        return stored_number(parse_number(value, rule))
    except NumberRefused as refused:
        raise _Invalid(str(refused)) from None


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


def _yes_no(value: Any) -> bool:
    answer = read_yes_no(value)
    if answer is None:
        raise _Invalid(f"нужно «да» или «нет», а указано «{value}».")
    return answer


def _table(field: dict[str, Any], value: Any) -> list[dict[str, Any]] | None:
    if _empty(value):
        return None
    if not isinstance(value, list):
        raise _Invalid("нужна таблица (список строк).")
    if len(value) > MAX_ROWS:
        raise _Invalid(f"не больше {MAX_ROWS} строк.")
    columns = table_columns(field)
    rows = []
    for number, row in enumerate(value, start=1):
        if not isinstance(row, dict):
            raise _Invalid(f"строка {number}: нужны значения по столбцам.")
        cleaned = {}
        for column in columns:
            try:
                cell = _scalar(column.type, row.get(column.key))
            except _Invalid as error:
                raise _Invalid(f"строка {number}, «{column.label}»: {error}") from None
            if cell is not None:
                cleaned[column.key] = cell
        if cleaned:  # a blank row left by the form is not an answer
            rows.append(cleaned)
    return rows or None
