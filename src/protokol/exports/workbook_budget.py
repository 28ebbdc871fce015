"""An uploaded workbook held to its budget before and while openpyxl reads it.

openpyxl trusts the file it is given: it loads the whole shared-strings table at once,
pads every row to the width the sheet declares and every gap between rows with empty
rows. An .xlsx is a zip archive and deflate shrinks repetition about a thousand times, so
a 1 MB upload can unpack to a gigabyte. The archive is therefore judged first from its
central directory alone — names and declared sizes, nothing is decompressed — and only
then opened by openpyxl, read-only, with rows, columns and cell lengths counted as they
come. Every figure is a key of settings.PROTOKOL_BUDGETS; every refusal names the limit
and the figure found.

The declared sizes can be trusted as upper bounds: zipfile never yields more bytes of an
entry than its declared size and fails the CRC check of an entry that has more.
Entity expansion inside a small part is stopped by the XML parser itself (openpyxl
parses through defusedxml, a dependency of ours).
"""

from __future__ import annotations

import math
import zipfile
from typing import IO, Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from protokol.core.budgets import budget, megabytes
from protokol.extraction.russian import format_count_ru, plural_ru

OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
SHARED_STRINGS = "xl/sharedStrings.xml"
WORKSHEETS = "xl/worksheets/"
# An entry this small cannot hurt whatever its ratio (a short, very regular styles part);
# the figure is the grace size of Apache POI's zip-bomb check (ZipSecureFile).
RATIO_GRACE_BYTES = 100 * 1024

UNREADABLE = "Файл не читается как книга Excel (.xlsx). Загрузите выгруженный файл."
NOT_A_WORKBOOK = (
    "Это не книга Excel (.xlsx): в файле нет листов книги. "
    "Загрузите выгруженный файл открытых поручений."
)
LOCKED_BOOK = (
    "Книга защищена паролем, её нельзя прочитать. "
    "Снимите пароль (Файл → Сведения → Защитить книгу) и загрузите файл снова."
)
OLD_EXCEL = (
    "Файл сохранён в старом формате Excel 97–2003 (.xls). "
    "Сохраните его как «Книга Excel (.xlsx)» и загрузите снова."
)


class WorkbookRefused(Exception):
    """An upload that is not read; ``message`` is for the user, in Russian.

    ``over_budget`` tells a file too big in some respect (HTTP 413) from one that is not
    a readable workbook at all (HTTP 400).
    """

    def __init__(self, message: str, *, over_budget: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.status = 413 if over_budget else 400


def _over(message: str) -> WorkbookRefused:
    return WorkbookRefused(message, over_budget=True)


def _size(size: int) -> str:
    """A measured size next to its budget: «12,4 МБ» (the budget itself: ``megabytes``),
    rounded up, so that a file a few bytes over «10 МБ» never reads «10,0 МБ»."""
    if size < 1024 * 1024:
        return megabytes(size)
    tenths = math.ceil(size * 10 / (1024 * 1024)) / 10
    return f"{tenths:,.1f} МБ".replace(",", "\u00a0").replace(".", ",")


def _part(name: str) -> str:
    if name == SHARED_STRINGS:
        return f"Текст ячеек книги ({name})"
    if name.startswith(WORKSHEETS):
        return f"Лист книги ({name})"
    return f"Часть книги {name}"


def _part_budget(name: str) -> int | None:
    """How far a part may unpack. openpyxl streams a sheet and keeps shared strings as
    plain text, but turns the book's other XML (styles above all, ~28 bytes of memory per
    byte) into objects at once; media it keeps as bytes, counted in the total only."""
    if name == SHARED_STRINGS or name.startswith(WORKSHEETS):
        return budget("xlsx_uncompressed_bytes")
    if name.endswith((".xml", ".rels")):
        return budget("xlsx_book_part_bytes")
    return None


def check_archive(stream: IO[bytes]) -> None:
    """Refuse an upload too big, not an .xlsx, encrypted, or that would unpack beyond
    the budget; reads only the file's first bytes and the zip central directory."""
    stream.seek(0, 2)
    size = stream.tell()
    stream.seek(0)
    limit = budget("xlsx_upload_bytes")
    if size > limit:
        raise _over(f"Файл занимает {_size(size)}; принимается не больше {megabytes(limit)}.")
    if stream.read(len(OLE2_SIGNATURE)) == OLE2_SIGNATURE:
        # Excel keeps a password-protected book in a compound file with an
        # «EncryptedPackage» stream; any other compound file here is an old .xls.
        stream.seek(0)
        encrypted = "EncryptedPackage".encode("utf-16-le") in stream.read()
        raise WorkbookRefused(LOCKED_BOOK if encrypted else OLD_EXCEL)
    stream.seek(0)
    try:
        with zipfile.ZipFile(stream) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise WorkbookRefused(UNREADABLE) from error
    finally:
        stream.seek(0)
    _check_entries(entries)


def _check_entries(entries: list[zipfile.ZipInfo]) -> None:
    most = budget("xlsx_zip_entries")
    if len(entries) > most:
        raise _over(
            f"Архив книги содержит {format_count_ru(len(entries))} "
            f"{plural_ru(len(entries), 'часть', 'части', 'частей')}; "
            f"принимается не больше {format_count_ru(most)}."
        )
    names = {entry.filename for entry in entries}
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise WorkbookRefused(NOT_A_WORKBOOK)
    if any(entry.flag_bits & 0x1 for entry in entries):
        raise WorkbookRefused(LOCKED_BOOK)
    for entry in entries:
        limit = _part_budget(entry.filename)
        if limit is not None and entry.file_size > limit:
            raise _over(
                f"{_part(entry.filename)} в распакованном виде занимает "
                f"{_size(entry.file_size)}; принимается не больше {megabytes(limit)}."
            )
    unpacked = budget("xlsx_uncompressed_bytes")
    total = sum(entry.file_size for entry in entries)
    if total > unpacked:
        raise _over(
            f"Книга в распакованном виде занимает {_size(total)}; "
            f"принимается не больше {megabytes(unpacked)}."
        )
    ratio = budget("xlsx_compression_ratio")
    for entry in entries:
        if entry.file_size > RATIO_GRACE_BYTES and entry.file_size > ratio * max(
            entry.compress_size, 1
        ):
            found = entry.file_size // max(entry.compress_size, 1)
            raise _over(
                f"Часть книги {entry.filename} сжата в {format_count_ru(found)} раз — так сжимают "
                f"«zip-бомбы», а не таблицы; принимается сжатие не больше чем в "
                f"{format_count_ru(ratio)} раз."
            )


def read_sheet_rows(stream: IO[bytes], sheet_name: str) -> list[tuple[Any, ...]]:
    """The values of the sheet ``sheet_name`` (else of the first sheet), row by row from
    the first, each row as wide as its last cell; raises ``WorkbookRefused``."""
    check_archive(stream)
    try:
        book = load_workbook(stream, read_only=True, data_only=True)
    except Exception as error:  # any unreadable upload gets the same clear answer
        raise WorkbookRefused(UNREADABLE) from error
    try:
        sheet = book[sheet_name] if sheet_name in book.sheetnames else book.worksheets[0]
        return _bounded_rows(sheet)
    except WorkbookRefused:
        raise
    except Exception as error:  # a sheet that breaks openpyxl half-way is unreadable too
        raise WorkbookRefused(UNREADABLE) from error
    finally:
        book.close()


def _bounded_rows(sheet: Any) -> list[tuple[Any, ...]]:
    most_rows, most_columns = budget("xlsx_rows"), budget("xlsx_columns")
    most_chars = budget("xlsx_cell_chars")
    title = sheet.title[:31]  # Excel's longest sheet name: the rest is not for a message
    # The sheet's own <dimension>: a file that admits its size is refused at once.
    if (sheet.max_row or 0) > most_rows:
        raise _over(_too_many_rows(title, sheet.max_row, most_rows))
    if (sheet.max_column or 0) > most_columns:
        raise _over(_too_many_columns(title, sheet.max_column, most_columns))
    # The declaration may lie either way; forgotten, openpyxl neither pads rows to it nor
    # cuts cells beyond it, so each row below is as wide as its real last cell.
    sheet.reset_dimensions()
    rows: list[tuple[Any, ...]] = []
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        if number > most_rows:
            raise _over(_too_many_rows(title, None, most_rows))
        if len(values) > most_columns:
            raise _over(_too_many_columns(title, len(values), most_columns, row=number))
        for column, value in enumerate(values, start=1):
            if isinstance(value, str) and len(value) > most_chars:
                raise _over(
                    f"Ячейка {get_column_letter(column)}{number} листа «{title}» содержит "
                    f"{format_count_ru(len(value))} "
                    f"{plural_ru(len(value), 'знак', 'знака', 'знаков')}; "
                    f"принимается не больше {format_count_ru(most_chars)}."
                )
        rows.append(tuple(values))
    return rows


def _too_many_rows(title: str, found: int | None, most: int) -> str:
    figure = (
        f"{format_count_ru(found)} {plural_ru(found, 'строку', 'строки', 'строк')}"
        if found is not None
        else f"больше {format_count_ru(most)} {plural_ru(most, 'строки', 'строк', 'строк')}"
    )
    return f"Лист «{title}» содержит {figure}; принимается не больше {format_count_ru(most)}."


def _too_many_columns(title: str, found: int, most: int, row: int | None = None) -> str:
    where = f"Строка {format_count_ru(row)} листа" if row is not None else "Лист"
    return (
        f"{where} «{title}» содержит {format_count_ru(found)} "
        f"{plural_ru(found, 'столбец', 'столбца', 'столбцов')}; "
        f"принимается не больше {format_count_ru(most)}."
    )
