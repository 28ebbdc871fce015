"""Сводная таблица of a protocol: regions × instructions, formatted to be printed as is.

The curator hands it to leadership without touching Excel: every sheet opens with its
title — what it is, the protocol's number, date and subject, «по состоянию на …» — in
the sheet itself (a printout or a forwarded file keeps it), then the table: landscape,
fitted to the page width, header rows repeated on every page, panes frozen on the region
names. Every date is the regions' effective due date (``Summary.due_date``, a cell's own).
"""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from protokol.dashboards.progress import CELL_STATES
from protokol.exports.cells import write_cell
from protokol.exports.summary import Summary, as_of, protocol_summary, protocol_title

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


# The title block — what the sheet is (with the protocol's date and number), the protocol's
# subject, «По состоянию на …» — and a blank line; every table's header row is TABLE_TOP
# (whoever reads the file counts rows from it).
TABLE_TOP = 5
TITLE = Font(bold=True, size=13)
SHEET_TITLES = {
    "Сводная": "Сводная таблица исполнения поручений",
    "Поручения": "Исполнение по поручениям",
    "Подробно": "Исполнение по субъектам РФ",
}


def _title_block(sheet: Worksheet, summary: Summary) -> None:
    """The title in the sheet's first rows, left unwrapped so it reads across the columns."""
    protocol = summary.protocol
    lines = (
        f"{SHEET_TITLES[sheet.title]}: {protocol_title(protocol)}",
        protocol.title,
        as_of(summary.at, opening=True),
    )
    for row, text in enumerate(lines, start=1):
        if text:
            cell = write_cell(sheet, row, 1, text)
            cell.alignment = Alignment(wrap_text=False, vertical="top")
    sheet.cell(1, 1).font = TITLE


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
    _title_block(sheet, summary)
    head_row, due_row = TABLE_TOP, TABLE_TOP + 1
    first = 3  # first instruction column
    write_cell(sheet, head_row, 1, "Субъект РФ").font = BOLD
    write_cell(sheet, head_row, 2, "Федеральный округ").font = BOLD
    write_cell(sheet, due_row, 1, "Срок исполнения").font = BOLD
    for offset, instruction in enumerate(summary.instructions):
        column = first + offset
        head = write_cell(sheet, head_row, column, instruction.code)
        head.font, head.alignment, head.border = BOLD, CENTER, BORDER
        due = write_cell(sheet, due_row, column, summary.due_date(instruction))
        due.number_format, due.alignment, due.border = "DD.MM.YYYY", CENTER, BORDER
        sheet.column_dimensions[get_column_letter(column)].width = 13
    fills = {state: PatternFill("solid", fgColor=color) for state, color in STATE_FILLS.items()}
    for index, region in enumerate(summary.regions):
        row = due_row + 1 + index
        write_cell(sheet, row, 1, region.name).border = BORDER
        write_cell(sheet, row, 2, region.district or "—").border = BORDER
        for offset, instruction in enumerate(summary.instructions):
            cell = summary.cell(instruction, region)
            if cell is None:
                continue
            target = write_cell(sheet, row, first + offset, CELL_STATES[cell.state])
            target.fill, target.border, target.alignment = fills[cell.state], BORDER, CENTER
    total_row = due_row + 1 + len(summary.regions)
    write_cell(sheet, total_row, 1, "Исполнено, %").font = BOLD
    for offset, instruction in enumerate(summary.instructions):
        percent = summary.counts.get(instruction.pk)
        value = percent.percent if percent else None
        write_cell(sheet, total_row, first + offset, value).font = BOLD
    sheet.column_dimensions["A"].width = 38
    sheet.column_dimensions["B"].width = 8
    sheet.freeze_panes = sheet.cell(due_row + 1, first)
    _print_setup(sheet, f"{head_row}:{due_row}")


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
    _title_block(sheet, summary)
    for column, (title, width) in enumerate(INSTRUCTION_HEADERS, start=1):
        cell = write_cell(sheet, TABLE_TOP, column, title)
        cell.font, cell.alignment, cell.border = BOLD, CENTER, BORDER
        sheet.column_dimensions[get_column_letter(column)].width = width
    for row, instruction in enumerate(summary.instructions, start=TABLE_TOP + 1):
        c = summary.counts.get(instruction.pk)
        values = [
            instruction.code,
            instruction.text,
            summary.due_date(instruction),
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
    sheet.freeze_panes = sheet.cell(TABLE_TOP + 1, 3)
    _print_setup(sheet, f"{TABLE_TOP}:{TABLE_TOP}")


DETAIL_HEADERS = [
    ("Поручение", 9),
    ("Код", 5),
    ("Субъект РФ", 34),
    ("Состояние", 16),
    ("Срок", 12),
    ("Ответы по форме", 70),
]


def _details_sheet(sheet: Worksheet, summary: Summary) -> None:
    _title_block(sheet, summary)
    for column, (title, width) in enumerate(DETAIL_HEADERS, start=1):
        cell = write_cell(sheet, TABLE_TOP, column, title)
        cell.font, cell.alignment, cell.border = BOLD, CENTER, BORDER
        sheet.column_dimensions[get_column_letter(column)].width = width
    row = TABLE_TOP + 1
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
    sheet.freeze_panes = sheet.cell(TABLE_TOP + 1, 1)
    sheet.auto_filter.ref = f"A{TABLE_TOP}:F{max(row - 1, TABLE_TOP)}"
    _print_setup(sheet, f"{TABLE_TOP}:{TABLE_TOP}")


def protocol_summary_xlsx(protocol, user) -> bytes:
    """The сводная таблица of one protocol within the user's scope, as .xlsx bytes."""
    summary = protocol_summary(protocol, user)
    book = Workbook()
    _matrix_sheet(book.active, summary)
    _instructions_sheet(book.create_sheet("Поручения"), summary)
    _details_sheet(book.create_sheet("Подробно"), summary)
    book.properties.title = f"Сводная таблица исполнения: {protocol_title(protocol)}"
    book.properties.creator = "Протокол"
    # Every printed page names what it is a page of (the title block prints on the first).
    for sheet in book.worksheets:
        sheet.oddHeader.center.text = f"{protocol_title(protocol)} — {as_of(summary.at)}"
    out = BytesIO()
    book.save(out)
    return out.getvalue()
