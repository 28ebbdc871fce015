"""The report template of an instruction: the form a region fills in to report.

A template (``Instruction.report_template``) is a list of fields::

    {"key": "head", "label": "Руководитель ЦОПП", "type": "person", "required": true}
    {"key": "rows", "label": "Договоры", "type": "table",
     "columns": [{"key": "specialty", "label": "Специальность", "type": "text"}, …]}

Types: number (integer or decimal, not negative), date (ISO «2024-12-28»; «28.12.2024» is
accepted too, because that is how people type dates), text, person («Фамилия И.О.»),
yes_no, table (rows with the template's columns). Answers are stored JSON-safe: numbers
as JSON numbers, dates as ISO strings, yes/no as booleans.

This module is the template's one home: the field types and presets, the template's own
checks, the review page's editor (its lines and their parsing), the yes/no and number
vocabulary people type answers in, and the one way an answer is shown. Whether a report's
answers fit a template is decided where reports live (``assignments.answers``), with this
vocabulary.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from protokol.extraction.russian import format_date_ru, plural_ru

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


# --- the template's fields ---------------------------------------------------------


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    type: str = "text"


def fields_of(template: Any) -> list[dict[str, Any]]:
    """The template's usable fields (objects with a key), in order; anything else a stored
    template may hold is skipped rather than failing the page that reads it."""
    if not isinstance(template, list):
        return []
    return [field for field in template if isinstance(field, dict) and field.get("key")]


def table_columns(spec: Mapping[str, Any]) -> tuple[Column, ...]:
    """Columns of a ``table`` field; each is ``{"key", "label", "type"}`` or just a label."""
    columns = []
    for column in spec.get("columns") or []:
        if isinstance(column, dict):
            key = str(column["key"])
            columns.append(Column(key, str(column.get("label") or key), column.get("type", "text")))
        else:
            columns.append(Column(str(column), str(column)))
    return tuple(columns)


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
                for column in table_columns(field):
                    if column.type not in CELL_TYPES:
                        problems.append(
                            f"Поле «{field['label']}», столбец «{column.label}»: "
                            f"недопустимый тип «{column.type}»."
                        )
    return problems


# --- how people type answers -------------------------------------------------------

YES, NO = "да", "нет"
# What a form, an Excel cell or an API client may send for yes / no.
YES_WORDS = frozenset({YES, "yes", "true", "1", "on", "y", "д"})
NO_WORDS = frozenset({NO, "no", "false", "0", "off", "n", "н"})


def read_yes_no(value: Any) -> bool | None:
    """``True``/``False`` for a yes/no answer in any of its spellings, else ``None``."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower() if value is not None else ""
    if text in YES_WORDS:
        return True
    if text in NO_WORDS:
        return False
    return None


def read_number(value: Any) -> Decimal | None:
    """A finite number from a JSON number or from text as Russian users type it («1 234,5»:
    spaces as thousands, comma as decimal); ``None`` if it is not one (``True`` is not 1)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return Decimal(value)
    text = str(value) if isinstance(value, float) else re.sub(r"[\s\u00a0\u202f]", "", str(value))
    try:
        number = Decimal(text.replace(",", "."))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


# --- how an answer is shown --------------------------------------------------------


def shown(value: Any, kind: str | None) -> str:
    """An answer as people read it (empty for no answer): да / нет, «28 декабря 2024 г.»,
    «1 234», «2,5», a table as its number of rows."""
    if value is None or value == "" or value == []:
        return ""
    if isinstance(value, bool) or kind == "yes_no":
        answer = read_yes_no(value)
        if answer is not None:
            return YES if answer else NO
    if kind == "date" and isinstance(value, str):
        try:
            return format_date_ru(dt.date.fromisoformat(value))
        except ValueError:
            return value
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}".replace(",", "\u00a0")
    if isinstance(value, float):
        return str(value).replace(".", ",")
    if isinstance(value, list):
        return f"{len(value)} {plural_ru(len(value), 'строка', 'строки', 'строк')}"
    return str(value)


def answer_items(template: Any, answers: Any) -> list[dict[str, Any]]:
    """A report's answers labelled by the template, for reading («—» for an empty one);
    keys no longer in the template (it was edited after the report) are shown under their
    key. A table answer comes with its ``columns`` and ``rows`` of shown cells."""
    if not isinstance(answers, dict):
        return []
    specs = {spec["key"]: spec for spec in fields_of(template)}
    items = []
    for key in [*specs, *(k for k in answers if k not in specs)]:
        if key not in answers:
            continue
        spec, value = specs.get(key, {"label": key}), answers[key]
        label = spec.get("label") or key
        if spec.get("type") == "table" and isinstance(value, list):
            columns = table_columns(spec)
            rows = [
                [shown(row.get(c.key), c.type) or "—" for c in columns]
                for row in value
                if isinstance(row, dict)
            ]
            items.append({"label": label, "columns": columns, "rows": rows})
        else:
            items.append({"label": label, "value": shown(value, spec.get("type")) or "—"})
    return items


# --- the editor of the review page -------------------------------------------------

EMPTY_TEMPLATE_ROWS = 2


@dataclass(frozen=True)
class TemplateRow:
    """One line of the template editor: a field as the reviewer sees and edits it."""

    index: int
    key: str = ""
    label: str = ""
    type: str = "text"
    required: bool = False
    columns: str = ""


def columns_text(columns: list[Any]) -> str:
    """Table columns as the editor shows them: «Специальность; Договоров: число»."""
    parts = []
    for column in table_columns({"columns": columns}):
        suffix = "" if column.type == "text" else f": {FIELD_TYPES.get(column.type, column.type)}"
        parts.append(f"{column.label}{suffix}")
    return "; ".join(parts)


def template_rows(template: list[dict[str, Any]]) -> list[TemplateRow]:
    """The editor's lines: every field of the template, then blank lines to add more."""
    rows = [
        TemplateRow(
            index=index,
            key=str(field.get("key", "")),
            label=str(field.get("label", "")),
            type=str(field.get("type", "text")),
            required=bool(field.get("required")),
            columns=columns_text(field.get("columns") or []),
        )
        for index, field in enumerate(template)
        if isinstance(field, dict)
    ]
    start = len(rows)
    rows += [TemplateRow(index=start + n) for n in range(EMPTY_TEMPLATE_ROWS)]
    return rows


def _parse_columns(text: str, old: list[Any]) -> list[dict[str, str]]:
    """«Специальность; Договоров: число» → columns; a column keeps its key while its
    label is unchanged, so answers already given stay attached to it."""
    by_type_name = {name.lower(): kind for kind, name in FIELD_TYPES.items()}
    old_keys = {c.label: c.key for c in table_columns({"columns": old})}
    columns: list[dict[str, str]] = []
    for part in text.split(";"):
        label, _, kind = part.partition(":")
        label, kind = label.strip(), kind.strip().lower()
        if not label:
            continue
        kind = by_type_name.get(kind, kind) or "text"
        taken = {c["key"] for c in columns} | set(old_keys.values())
        key = old_keys.get(label) or _free_key("c", taken)
        columns.append({"key": key, "label": label, "type": kind})
    return columns


def _free_key(prefix: str, taken: set[str]) -> str:
    number = 1
    while f"{prefix}{number}" in taken:
        number += 1
    return f"{prefix}{number}"


def template_from_post(data: Any, existing: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The template typed into the editor (``field-<n>-label`` … lines; a line without a
    label is dropped). Existing fields keep their keys: reports already sent are keyed
    by them. Whether the result is a valid template is for ``template_problems``."""
    old = {str(f.get("key")): f for f in existing if isinstance(f, dict) and f.get("key")}
    indexes = sorted(
        {
            int(name.split("-")[1])
            for name in data
            if name.startswith("field-") and name.count("-") == 2 and name.split("-")[1].isdigit()
        }
    )
    template: list[dict[str, Any]] = []
    taken = set(old)
    for index in indexes:
        label = (data.get(f"field-{index}-label") or "").strip()
        if not label:
            continue
        key = (data.get(f"field-{index}-key") or "").strip()
        if not key or key not in old or any(f["key"] == key for f in template):
            key = _free_key("field", taken | {f["key"] for f in template})
        kind = (data.get(f"field-{index}-type") or "text").strip()
        field: dict[str, Any] = {
            "key": key,
            "label": label,
            "type": kind,
            "required": bool(data.get(f"field-{index}-required")),
        }
        if kind == "table":
            field["columns"] = _parse_columns(
                data.get(f"field-{index}-columns") or "", old.get(key, {}).get("columns") or []
            )
        template.append(field)
    return template
