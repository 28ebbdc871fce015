"""Excel round trip: a region downloads its open items, fills them in, uploads the file.

All or nothing: every row is validated first (the assignment is the region's and still
open, unchanged since the download — optimistic locking by ``version`` — the answers fit
the form); if any row is wrong nothing is applied and every error is listed by row.
Valid files are applied through ``assignments.reporting.submit_report`` in one
transaction, so a refusal raised while applying rolls back the rows already applied.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from io import BytesIO
from typing import IO, Any

from django.db import transaction
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from protokol.assignments.answers import validate_answers
from protokol.assignments.errors import TransitionRefused
from protokol.assignments.models import Assignment
from protokol.assignments.states import WITH_REGION_STATES
from protokol.core.audit import record
from protokol.exports.cells import write_cell
from protokol.exports.workbook_budget import WorkbookRefused, read_sheet_rows
from protokol.protocols.report_template import fields_of

SHEET = "Отчёты"
KINDS = {
    "": "final",
    "отчёт об исполнении": "final",
    "промежуточный отчёт": "interim",
    "не относится к субъекту": "not_applicable",
}
FIXED = [
    "ID",
    "Версия",
    "Протокол",
    "Поручение",
    "Текст поручения",
    "Срок",
    "Состояние",
    "Вид отчёта",
    "Текст отчёта",
]
KEY_ROW, HEAD_ROW, FIRST_ROW = 1, 2, 3
GREY = PatternFill("solid", fgColor="E4E7EC")
YELLOW = PatternFill("solid", fgColor="FFF6D6")


def open_items(region, user):
    """The region's assignments waiting for its report, within the user's scope."""
    return (
        Assignment.objects.visible_to(user)
        .filter(region=region, state__in=WITH_REGION_STATES)
        .select_related("instruction__protocol")
        .order_by("due_date", "instruction__protocol_id", "instruction__position", "period")
    )


def _cell_fields(template: Any) -> list[dict[str, Any]]:
    """The fields of a form that fit in a cell: a table field cannot."""
    return [f for f in fields_of(template) if f.get("type") != "table"]


def _fields(items) -> list[dict[str, Any]]:
    """Union of the forms' cell fields, in order."""
    seen: dict[str, dict[str, Any]] = {}
    for item in items:
        for f in _cell_fields(item.instruction.report_template):
            seen.setdefault(f["key"], f)
    return list(seen.values())


def open_items_xlsx(region, user) -> bytes:
    items = list(open_items(region, user))
    fields = _fields(items)
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    keys = ["id", "version", "protocol", "code", "text", "due", "state", "kind", "report"] + [
        f"answer:{f['key']}" for f in fields
    ]
    heads = FIXED + [f.get("label") or f["key"] for f in fields]
    for column, (key, head) in enumerate(zip(keys, heads, strict=True), start=1):
        write_cell(sheet, KEY_ROW, column, key)
        cell = write_cell(sheet, HEAD_ROW, column, head)
        cell.font, cell.alignment = Font(bold=True), Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[get_column_letter(column)].width = 14
    # The machine keys stay in the file (they survive column moves) but out of the way.
    sheet.row_dimensions[KEY_ROW].hidden = True
    sheet.column_dimensions["E"].width = 60
    sheet.column_dimensions["I"].width = 60
    kinds = DataValidation(
        type="list", formula1='"' + ",".join(k for k in KINDS if k) + '"', allow_blank=True
    )
    sheet.add_data_validation(kinds)
    for row, item in enumerate(items, start=FIRST_ROW):
        instruction = item.instruction
        values = [
            item.pk,
            item.version,
            str(instruction.protocol),
            instruction.code,
            instruction.text,
            item.due_date,
            item.get_state_display(),
        ]
        for column, value in enumerate(values, start=1):
            write_cell(sheet, row, column, value).alignment = Alignment(
                wrap_text=True, vertical="top"
            )
        sheet.cell(row, 6).number_format = "DD.MM.YYYY"
        kinds.add(sheet.cell(row, 8))
        sheet.cell(row, 9).fill = YELLOW
        own = {f["key"] for f in fields_of(instruction.report_template)}
        for offset, f in enumerate(fields):
            sheet.cell(row, 10 + offset).fill = YELLOW if f["key"] in own else GREY
    sheet.freeze_panes = sheet.cell(FIRST_ROW, 5)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


@dataclass
class Row:
    number: int
    assignment: Assignment
    version: int
    kind: str
    text: str
    answers: dict[str, Any]


@dataclass
class Upload:
    rows: list[Row] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    status: int = 400  # the HTTP answer to a refused file: 413 when it is over budget

    @property
    def ok(self) -> bool:
        return not self.errors


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _as_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _answer(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def parse_upload(source: IO[bytes], region, user) -> Upload:
    """Validate every row; the result's ``errors`` name the row and the column at fault.

    The file is held to the Excel budget (workbook_budget.py) before openpyxl reads it."""
    result = Upload()
    try:
        rows = read_sheet_rows(source, SHEET)
    except WorkbookRefused as refusal:
        result.errors.append(refusal.message)
        result.status = refusal.status
        return result
    keys = [str(k) if k is not None else "" for k in (rows[0] if rows else ())]
    if keys[:2] != ["id", "version"]:
        result.errors.append(
            "Это не файл открытых поручений: нет служебной строки с ключами столбцов. "
            "Выгрузите файл заново."
        )
        return result
    items = {a.pk: a for a in open_items(region, user)}
    seen: set[int] = set()
    for number, values in enumerate(rows[FIRST_ROW - 1 :], start=FIRST_ROW):
        cells = dict(zip(keys, values, strict=False))
        answers = {
            key.removeprefix("answer:"): _answer(value)
            for key, value in cells.items()
            if key.startswith("answer:") and not _blank(value)
        }
        kind_label = str(cells.get("kind") or "").strip().lower()
        text = str(cells.get("report") or "").strip()
        if not text and not answers and not kind_label:
            continue  # not filled in: left for later
        problems = []
        pk = _as_int(cells.get("id"))
        assignment = items.get(pk) if pk is not None else None
        if assignment is None:
            problems.append(
                "поручение не найдено среди открытых поручений субъекта "
                "(возможно, отчёт уже направлен)"
            )
        elif pk in seen:
            problems.append("поручение встречается в файле дважды")
        kind = KINDS.get(kind_label)
        if kind is None:
            problems.append(
                f"вид отчёта «{cells.get('kind')}» неизвестен; допустимо: "
                + ", ".join(f"«{k}»" for k in KINDS if k)
            )
        if not text:
            problems.append("заполните «Текст отчёта»")
        version = _as_int(cells.get("version"))
        if assignment is not None:
            seen.add(assignment.pk)
            if version != assignment.version:
                problems.append("поручение изменено после выгрузки файла: выгрузите файл заново")
            template = _cell_fields(assignment.instruction.report_template)
            own = {f["key"] for f in template}
            stray = sorted(set(answers) - own)
            if stray:
                problems.append("в поручении нет полей: " + ", ".join(stray))
            if kind is not None and kind != "not_applicable":
                try:
                    answers = validate_answers(template, answers, partial=kind == "interim")
                except TransitionRefused as error:
                    problems.append(error.message)
        if problems:
            result.errors.append(f"Строка {number}: " + "; ".join(problems) + ".")
        elif assignment is not None and version is not None and kind is not None:
            # (always so when there is no problem: each missing one is a problem above)
            result.rows.append(Row(number, assignment, version, kind, text, answers))
    if not result.rows and not result.errors:
        result.errors.append("В файле нет заполненных строк.")
    return result


class UploadRefused(Exception):
    def __init__(self, errors: list[str], status: int = 400) -> None:
        super().__init__("; ".join(errors))
        self.errors = errors
        self.status = status


def apply_upload(upload: Upload, region, user) -> int:
    """Submit every row's report in one transaction; nothing is applied if any refuses."""
    from protokol.assignments.reporting import mark_not_applicable, submit_report

    if not upload.ok:
        raise UploadRefused(upload.errors, upload.status)
    with transaction.atomic():
        for row in upload.rows:
            try:
                if row.kind == "not_applicable":
                    mark_not_applicable(
                        row.assignment, user, justification=row.text, version=row.version
                    )
                else:
                    submit_report(
                        row.assignment,
                        user,
                        text=row.text,
                        answers=row.answers or None,
                        kind=row.kind,
                        version=row.version,
                    )
            except TransitionRefused as error:
                # Rolls back the rows already submitted: the file is all or nothing.
                raise UploadRefused([f"Строка {row.number}: {error.message}"]) from error
        record(
            user,
            "exports.upload",
            region,
            f"Загружен файл отчётов: {len(upload.rows)} строк",
            region_code=region.code,
        )
    return len(upload.rows)
