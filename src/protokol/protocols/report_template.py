"""The report template of an instruction: the form a region fills in to report.

A template (``Instruction.report_template``) is a list of fields::

    {"key": "head", "label": "Руководитель ЦОПП", "type": "person", "required": true}
    {"key": "rows", "label": "Договоры", "type": "table",
     "columns": [{"key": "specialty", "label": "Специальность", "type": "text"}, …]}

Types: number (integer or decimal, not negative unless the field says otherwise), date
(ISO «2024-12-28»; «28.12.2024» is accepted too, because that is how people type dates),
text, person («Фамилия И.О.»), yes_no, table (rows with the template's columns). Answers
are stored JSON-safe: numbers as JSON numbers, dates as ISO strings, yes/no as booleans.

A number field may declare its bounds; a field without them takes the defaults
(0 … 9 999 999 999 999,99, two decimal places)::

    {"key": "share", "label": "Доля, %", "type": "number", "min": 0, "max": 100,
     "decimal_places": 1}

This module is the template's one home: the field types and presets, the template's own
checks, the review page's editor (its lines and their parsing), the yes/no and number
vocabulary people type answers in, and the one way an answer is shown. Whether a report's
answers fit a template is decided where reports live (``assignments.answers``), with this
vocabulary.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeGuard

from protokol.core.budgets import budget
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
        elif kind == "number":
            problems += _number_problems(field)
    return problems


def _number_problems(field: Mapping[str, Any]) -> list[str]:
    """What is wrong with a number field's declared ``min``, ``max``, ``decimal_places``
    (each optional): bounds are read like answers, within the field's 15 digits."""
    label = field["label"]
    problems = []
    places = field.get("decimal_places", DEFAULT_DECIMAL_PLACES)
    if not _is_places(places):
        problems.append(
            f"Поле «{label}»: знаков после запятой — целое число от 0 до {MAX_DECIMAL_PLACES}."
        )
        places = DEFAULT_DECIMAL_PLACES
    bounds: dict[str, Decimal] = {}
    for key, name in (("min", "наименьшее значение"), ("max", "наибольшее значение")):
        if field.get(key) is None:
            continue
        try:
            bounds[key] = parse_number(field[key], _widest(places))
        except NumberRefused as refused:
            problems.append(f"Поле «{label}», {name}: {refused}")
    if len(bounds) == 2 and bounds["min"] > bounds["max"]:
        problems.append(f"Поле «{label}»: наименьшее значение больше наибольшего.")
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


# --- how people type numbers ------------------------------------------------------

# A number answer is stored as a JSON number and read back as a float, which keeps 15
# significant digits exactly (DBL_DIG) — the precision Excel computes with, too. So a
# field holds at most 15 digits, its decimal places included.
MAX_DIGITS = 15
# Counts, percent and roubles with kopecks, the figures these reports ask for.
DEFAULT_DECIMAL_PLACES = 2
MAX_DECIMAL_PLACES = 6
# Groups of thousands are set off by a space, a no-break space (what Word and Excel put
# there), a narrow no-break space or a thin space (Russian typography).
_GROUP = "[ \u00a0\u202f\u2009]"
# A plain decimal: «1234», «1 234 567», «3,5», «0.25», «-2». Each quantifier's class is
# disjoint from what follows it, so matching is linear (and the text is at most
# ``number_input_chars`` long before it is tried). The exponent is recognised only to
# refuse it in words of its own.
_NUMBER = re.compile(
    r"(?P<sign>[-\u2212])?"
    rf"(?P<whole>[0-9]{{1,3}}(?:{_GROUP}[0-9]{{3}})+|[0-9]+)?"
    r"(?:[.,](?P<fraction>[0-9]+))?"
    r"(?P<exponent>[eE][-+\u2212]?[0-9]+)?"
)
_EXAMPLE = "например 12 или 3,5"


class NumberRefused(ValueError):
    """Something typed as a number that the field does not take; ``str()`` is the
    reason in Russian, worded to follow the field's label («Квота слушателей»: …)."""


@dataclass(frozen=True)
class NumberRule:
    """What a number field takes: ``minimum`` ≤ value ≤ ``maximum``, with at most
    ``decimal_places`` digits after the comma."""

    minimum: Decimal
    maximum: Decimal
    decimal_places: int


def _digits_ceiling(decimal_places: int) -> Decimal:
    """The largest number of ``MAX_DIGITS`` digits, ``decimal_places`` of them after the
    comma: 9 999 999 999 999,99 for two."""
    return Decimal(10) ** (MAX_DIGITS - decimal_places) - Decimal(10) ** -decimal_places


def _is_places(value: Any) -> TypeGuard[int]:
    return (
        isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_DECIMAL_PLACES
    )


def _widest(decimal_places: int) -> NumberRule:
    ceiling = _digits_ceiling(decimal_places)
    return NumberRule(-ceiling, ceiling, decimal_places)


DEFAULT_NUMBER_RULE = NumberRule(
    Decimal(0), _digits_ceiling(DEFAULT_DECIMAL_PLACES), DEFAULT_DECIMAL_PLACES
)


def number_rule(spec: Mapping[str, Any]) -> NumberRule:
    """The rule a number field declares with ``min``, ``max`` and ``decimal_places``;
    what it leaves out takes the default (not negative, two places, 15 digits), so
    templates written before these keys keep working. A stored declaration that
    ``template_problems`` would refuse reads as its default."""
    places = spec.get("decimal_places")
    if not _is_places(places):
        places = DEFAULT_DECIMAL_PLACES
    widest = _widest(places)
    bounds = []
    for key, default in (("min", Decimal(0)), ("max", widest.maximum)):
        try:
            bounds.append(parse_number(spec[key], widest) if spec.get(key) is not None else default)
        except NumberRefused:
            bounds.append(default)
    return NumberRule(bounds[0], bounds[1], places)


def parse_number(value: Any, rule: NumberRule | None = DEFAULT_NUMBER_RULE) -> Decimal:
    """The number typed on the page, sent by the API or found in an Excel cell, checked
    against ``rule`` (``None``: any number that can be read); ``NumberRefused`` says
    what is wrong.

    Text is read as Russian users type it — «1 234,5»: spaces between thousands, a comma
    or a dot before the fraction — and refused, before any Decimal is made of it, when it
    is longer than ``number_input_chars``, written with other digits than 0–9 («²», «١٢»)
    or with an exponent («1e5»): nobody types a report figure as a power of ten, and a
    Decimal with an exponent of 400 000 costs seconds to turn into an integer. A JSON or
    Excel number is taken as the 15 significant digits a float really holds (so Excel's
    0.30000000000000004 is 0,3); NaN and infinity are not numbers.
    """
    number = _read(value)
    if rule is None:
        return number
    if number > rule.maximum:
        raise NumberRefused(f"число должно быть не больше {shown_number(rule.maximum)}.")
    if number < rule.minimum:
        if rule.minimum == 0:
            raise NumberRefused("число не может быть отрицательным.")
        raise NumberRefused(f"число должно быть не меньше {shown_number(rule.minimum)}.")
    exponent = number.normalize().as_tuple().exponent
    if isinstance(exponent, int) and -exponent > rule.decimal_places:
        places = rule.decimal_places
        if places == 0:
            raise NumberRefused("нужно целое число.")
        raise NumberRefused(
            f"не больше {places} {plural_ru(places, 'знака', 'знаков', 'знаков')} после запятой."
        )
    return number


def _read(value: Any) -> Decimal:
    """Any number ``value`` holds, bounded in length (see ``parse_number``)."""
    limit = budget("number_input_chars")
    too_long = (
        f"слишком длинное число: не больше {limit} {plural_ru(limit, 'знака', 'знаков', 'знаков')}."
    )
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise NumberRefused(f"введите число, {_EXAMPLE}.")
    if isinstance(value, int):
        if not -(10**limit) < value < 10**limit:
            raise NumberRefused(too_long)
        return Decimal(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise NumberRefused(f"введите число, {_EXAMPLE}.")
        return Decimal(format(value, f".{MAX_DIGITS}g"))
    if len(value) > limit:
        raise NumberRefused(too_long)
    text = value.strip()
    foreign = next((char for char in text if char.isnumeric() and not "0" <= char <= "9"), None)
    if foreign is not None:
        raise NumberRefused(
            f"«{foreign}» — не цифра 0–9: наберите число обычными цифрами, {_EXAMPLE}."
        )
    match = _NUMBER.fullmatch(text)
    if match is None or not (match["whole"] or match["fraction"]):
        raise NumberRefused(f"введите число, {_EXAMPLE} (указано «{text}»).")
    if match["exponent"]:
        raise NumberRefused(
            f"введите число целиком, без степени: например 1500, а не 1,5e3 (указано «{text}»)."
        )
    whole = re.sub(_GROUP, "", match["whole"] or "0")
    fraction = f".{match['fraction']}" if match["fraction"] else ""
    return Decimal(f"{'-' if match['sign'] else ''}{whole}{fraction}")


def read_number(value: Any) -> Decimal | None:
    """The number a stored or typed answer holds, whatever the field's bounds; ``None``
    if it holds none (``True`` is not 1)."""
    try:
        return parse_number(value, None)
    except NumberRefused:
        return None


def stored_number(number: Decimal) -> int | float:
    """A number answer as it is stored: a JSON integer, or a float for a fraction (at
    most ``MAX_DIGITS`` digits, so the float gives back the same decimal)."""
    if number == number.to_integral_value():
        return int(number)
    return float(number)


def shown_number(number: Decimal | int | float) -> str:
    """A number as people read it: «1 234 567», «2,5» (a no-break space between
    thousands, a comma before the fraction)."""
    if isinstance(number, float):
        number = Decimal(format(number, f".{MAX_DIGITS}g"))
    return f"{Decimal(number):,f}".replace(",", "\u00a0").replace(".", ",")


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
    if isinstance(value, int | float):  # not a bool: answered above
        return shown_number(value)
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
    # A number field's bounds as typed (empty: the default).
    min: str = ""
    max: str = ""
    decimal_places: str = ""


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
            **{key: _option_text(field.get(key)) for key in NUMBER_OPTIONS},
        )
        for index, field in enumerate(template)
        if isinstance(field, dict)
    ]
    start = len(rows)
    rows += [TemplateRow(index=start + n) for n in range(EMPTY_TEMPLATE_ROWS)]
    return rows


NUMBER_OPTIONS = ("min", "max", "decimal_places")


def _option_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return shown_number(value)
    return str(value)


def _number_options(data: Any, index: int) -> dict[str, Any]:
    """A number field's bounds typed into its editor line: numbers where they read as
    numbers, else the text as typed — ``template_problems`` then says what is wrong."""
    options: dict[str, Any] = {}
    for key in NUMBER_OPTIONS:
        text = (data.get(f"field-{index}-{key}") or "").strip()
        if not text:
            continue
        if key == "decimal_places":
            short = text.isascii() and text.isdigit() and len(text) <= 2
            options[key] = int(text) if short else text
        else:
            number = read_number(text)
            options[key] = text if number is None else stored_number(number)
    return options


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


def _line_number(name: str) -> bool:
    """``field-<n>-…`` with ``n`` a short run of ASCII digits: «²» passes ``isdigit`` but
    not ``int``, and a 10 kB number is no line of the editor."""
    part = name.split("-")[1]
    return part.isascii() and part.isdigit() and len(part) <= 4


def template_from_post(data: Any, existing: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The template typed into the editor (``field-<n>-label`` … lines; a line without a
    label is dropped). Existing fields keep their keys: reports already sent are keyed
    by them. Whether the result is a valid template is for ``template_problems``."""
    old = {str(f.get("key")): f for f in existing if isinstance(f, dict) and f.get("key")}
    indexes = sorted(
        {
            int(name.split("-")[1])
            for name in data
            if name.startswith("field-") and name.count("-") == 2 and _line_number(name)
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
        elif kind == "number":
            field.update(_number_options(data, index))
        template.append(field)
    return template
