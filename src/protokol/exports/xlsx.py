"""Сводная таблица of a protocol: regions × instructions, formatted to be printed as is.

The curator hands it to leadership without touching Excel: landscape, fitted to the page
width, header rows repeated on every page, panes frozen on the region names.
"""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from protokol.dashboards.progress import CELL_STATES
from protokol.exports.cells import write_cell
from protokol.exports.summary import Summary, protocol_summary, protocol_title
from protokol.extraction.russian import format_date_ru

# Fills matching the matrix colours of the web page (app.css .cell-*), light enough to print.
STATE_FILLS = {
    "accepted": "D1F0DA",
    "not_applicable": "E4E7EC",
    "submitted": "D6E4FF",
    "returned": "FFE8C2",
    "overdue": "FAD4D0",
    "in_progress": "FFF6D6",
    "not_started": "F2F4F7",
    "cancelled": "FFFFFF",
}
THIN = Side(style="thin", color="98A2B3")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _print_setup(sheet: Worksheet, title_rows: str) -> None:
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = title_rows
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.oddFooter.center.text = "&P из &N"


def _matrix_sheet(sheet: Worksheet, summary: Summary) -> None:
    sheet.title = "Сводная"
    first = 3  # first instruction column
    write_cell(sheet, 1, 1, "Субъект РФ").font = BOLD
    write_cell(sheet, 1, 2, "Федеральный округ").font = BOLD
    write_cell(sheet, 2, 1, "Срок исполнения").font = BOLD
    for offset, instruction in enumerate(summary.instructions):
        column = first + offset
        head = write_cell(sheet, 1, column, instruction.code)
        head.font, head.alignment, head.border = BOLD, CENTER, BORDER
        due = write_cell(sheet, 2, column, instruction.deadline_date)
        due.number_format, due.alignment, due.border = "DD.MM.YYYY", CENTER, BORDER
        sheet.column_dimensions[get_column_letter(column)].width = 13
    fills = {state: PatternFill("solid", fgColor=color) for state, color in STATE_FILLS.items()}
    for index, region in enumerate(summary.regions):
        row = 3 + index
        write_cell(sheet, row, 1, region.name).border = BORDER
        write_cell(sheet, row, 2, region.district or "—").border = BORDER
        for offset, instruction in enumerate(summary.instructions):
            cell = summary.cell(instruction, region)
            if cell is None:
                continue
            target = write_cell(sheet, row, first + offset, CELL_STATES[cell.state])
            target.fill, target.border, target.alignment = fills[cell.state], BORDER, CENTER
    total_row = 3 + len(summary.regions)
    write_cell(sheet, total_row, 1, "Исполнено, %").font = BOLD
    for offset, instruction in enumerate(summary.instructions):
        percent = summary.counts.get(instruction.pk)
        value = percent.percent if percent else None
        write_cell(sheet, total_row, first + offset, value).font = BOLD
    sheet.column_dimensions["A"].width = 38
    sheet.column_dimensions["B"].width = 8
    sheet.freeze_panes = "C3"
    _print_setup(sheet, "1:2")


INSTRUCTION_HEADERS = [
    ("№", 7),
    ("Поручение", 60),
    ("Срок", 12),
    ("Всего", 8),
    ("Принято", 9),
    ("На проверке", 10),
    ("Возвращено", 11),
    ("Не начато", 10),
    ("Просрочено", 11),
    ("Исполнено, %", 11),
]


def _instructions_sheet(sheet: Worksheet, summary: Summary) -> None:
    for column, (title, width) in enumerate(INSTRUCTION_HEADERS, start=1):
        cell = write_cell(sheet, 1, column, title)
        cell.font, cell.alignment, cell.border = BOLD, CENTER, BORDER
        sheet.column_dimensions[get_column_letter(column)].width = width
    for row, instruction in enumerate(summary.instructions, start=2):
        c = summary.counts.get(instruction.pk)
        values = [
            instruction.code,
            instruction.text,
            instruction.deadline_date,
            *(
                (c.total, c.accepted, c.submitted, c.returned, c.not_started, c.overdue, c.percent)
                if c
                else (0,) * 6 + (None,)
            ),
        ]
        for column, value in enumerate(values, start=1):
            cell = write_cell(sheet, row, column, value)
            cell.border, cell.alignment = BORDER, WRAP
        sheet.cell(row, 3).number_format = "DD.MM.YYYY"
    sheet.freeze_panes = "C2"
    _print_setup(sheet, "1:1")


DETAIL_HEADERS = [
    ("Поручение", 9),
    ("Код", 5),
    ("Субъект РФ", 34),
    ("Состояние", 16),
    ("Срок", 12),
    ("Ответы по форме", 70),
]


def _details_sheet(sheet: Worksheet, summary: Summary) -> None:
    for column, (title, width) in enumerate(DETAIL_HEADERS, start=1):
        cell = write_cell(sheet, 1, column, title)
        cell.font, cell.alignment, cell.border = BOLD, CENTER, BORDER
        sheet.column_dimensions[get_column_letter(column)].width = width
    row = 2
    for instruction in summary.instructions:
        for region in summary.regions:
            cell = summary.cell(instruction, region)
            if cell is None:
                continue
            values = [
                instruction.code,
                region.code,
                region.name,
                CELL_STATES[cell.state],
                cell.due_date,
                summary.answers_text(instruction, cell),
            ]
            for column, value in enumerate(values, start=1):
                write_cell(sheet, row, column, value).alignment = WRAP
            sheet.cell(row, 5).number_format = "DD.MM.YYYY"
            row += 1
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:F{max(row - 1, 1)}"
    _print_setup(sheet, "1:1")


def protocol_summary_xlsx(protocol, user) -> bytes:
    """The сводная таблица of one protocol within the user's scope, as .xlsx bytes."""
    summary = protocol_summary(protocol, user)
    book = Workbook()
    _matrix_sheet(book.active, summary)
    _instructions_sheet(book.create_sheet("Поручения"), summary)
    _details_sheet(book.create_sheet("Подробно"), summary)
    book.properties.title = f"Сводная таблица исполнения: {protocol_title(protocol)}"
    book.properties.creator = "Протокол"
    matrix = book["Сводная"]
    matrix.oddHeader.center.text = (
        f"{protocol_title(protocol)} — состояние на {format_date_ru(summary.on)}"
    )
    out = BytesIO()
    book.save(out)
    return out.getvalue()
