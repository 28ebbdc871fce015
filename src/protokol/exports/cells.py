"""How every spreadsheet we write carries text: the one home of the formula-injection rule.

Instruction texts come from imported documents and answers from the regions, so a cell
may start with «=», «+», «-», «@», a tab or a carriage return — what Excel, LibreOffice
and Google Sheets take for the start of a formula (``=HYPERLINK(...)`` leaks data when
clicked, ``=cmd|...`` ran programs in old Excel). Every XLSX and CSV export writes its
cells through this module (tests/exports/test_cells.py fails when one does not):

- XLSX: a text cell is always a string cell (openpyxl would store «=…» as a formula),
  with the quote-prefix style on formula-like text — what Excel itself records when a
  person types «'=…» — so the text stays text even after the cell is edited. The value is
  kept as written: the file is read back (the Excel round trip) and shown as it is.
- CSV: a file has no cell types, so formula-like text gets an apostrophe in front, the
  mark Excel reads as «this is text» (OWASP, CSV injection).

Numbers stay numbers: only text is looked at, so a negative amount is written as the
number it is, while the text «-5» is text like any other (a spreadsheet would turn it
into a number, just as it drops the «+» of «+1»).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from io import StringIO

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(text: str) -> bool:
    """Whether a spreadsheet would read ``text`` as a formula rather than as text."""
    return text.startswith(FORMULA_STARTS)


def write_cell(sheet: Worksheet, row: int, column: int, value: object = None) -> Cell:
    """Put ``value`` in a cell of ``sheet``; text is written as text, never as a formula.

    Control characters XML cannot carry (a vertical tab pasted from Word, a stray bell
    in an answer) would make openpyxl refuse the whole file; each becomes a space.
    """
    cell = sheet.cell(row, column)
    if isinstance(value, str):
        cell.value = ILLEGAL_CHARACTERS_RE.sub(" ", value)
        cell.data_type = "s"
        if looks_like_formula(value):
            cell.quotePrefix = True
    elif value is not None:
        cell.value = value
    return cell


def csv_value(value: object) -> object:
    """A CSV field: formula-like text behind an apostrophe, anything else as it is."""
    if isinstance(value, str) and looks_like_formula(value):
        return "'" + value
    return value


def csv_for_excel(rows: Iterable[Sequence[object]]) -> str:
    """CSV for Russian Excel: a byte-order mark, «;» between fields, CRLF between rows.

    Excel in a Russian locale opens a double-clicked CSV with the system list separator
    «;» and reads it as UTF-8 only when the file starts with a byte-order mark.
    """
    out = StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    for row in rows:
        writer.writerow([csv_value(value) for value in row])
    return out.getvalue()
