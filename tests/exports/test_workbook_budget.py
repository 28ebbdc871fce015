"""The Excel upload budget: an uploaded .xlsx is judged from its zip directory before
openpyxl reads it, and its rows, columns and cells are counted while it does."""

from __future__ import annotations

import zipfile
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from protokol.exports import workbook_budget
from protokol.exports.workbook_budget import WorkbookRefused, read_sheet_rows
from tests.exports.workbooks import bomb_strings, row, shared_strings, sheet, workbook

MB = 1024 * 1024
HEADER = [row(1, {"A": "id", "B": "version"}), row(2, {"A": "ID", "B": "Версия"})]


@pytest.fixture
def budgets(settings):
    """``budgets(xlsx_rows=50)``: the upload budget with some limits lowered."""

    def lowered(**limits: int) -> None:
        settings.PROTOKOL_BUDGETS = {**settings.PROTOKOL_BUDGETS, **limits}

    return lowered


@pytest.fixture
def openpyxl_calls(monkeypatch):
    """Every call the budget module makes to openpyxl.load_workbook (which still runs)."""
    calls: list[object] = []
    real = workbook_budget.load_workbook

    def spy(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(workbook_budget, "load_workbook", spy)
    return calls


def _refusal(data: bytes) -> WorkbookRefused:
    with pytest.raises(WorkbookRefused) as caught:
        read_sheet_rows(BytesIO(data), "Отчёты")
    return caught.value


def test_a_workbook_within_budget_is_read_row_by_row(openpyxl_calls):
    data = workbook(sheet([*HEADER, row(3, {"A": 7, "B": 1, "C": "Отчёт"})], "A1:C3"))
    rows = read_sheet_rows(BytesIO(data), "Отчёты")
    assert rows == [("id", "version"), ("ID", "Версия"), (7, 1, "Отчёт")]
    assert len(openpyxl_calls) == 1


def test_a_zip_bomb_is_refused_before_openpyxl_reads_it(openpyxl_calls):
    data = workbook(sheet(HEADER, "A1:B2"), bomb_strings(64 * MB))
    assert len(data) < MB  # a small upload…
    refusal = _refusal(data)  # …that would unpack to 64 MB of shared strings
    assert refusal.message == (
        "Текст ячеек книги (xl/sharedStrings.xml) в распакованном виде занимает 64,0 МБ; "
        "принимается не больше 50 МБ."
    )
    assert refusal.status == 413
    assert openpyxl_calls == []


def test_a_part_compressed_like_a_zip_bomb_is_refused_even_within_the_size_budget(
    openpyxl_calls,
):
    refusal = _refusal(workbook(sheet(HEADER, "A1:B2"), bomb_strings(5 * MB)))
    assert refusal.message.startswith("Часть книги xl/sharedStrings.xml сжата в ")
    assert "«zip-бомбы»" in refusal.message
    assert refusal.message.endswith("принимается сжатие не больше чем в 100 раз.")
    assert openpyxl_calls == []


def test_a_book_whose_parts_together_unpack_beyond_the_budget_is_refused(budgets, openpyxl_calls):
    budgets(xlsx_uncompressed_bytes=1 * MB)
    filler = bytes(range(256)) * (600 * 1024 // 256)  # barely compressible, 600 KB each
    data = workbook(
        sheet(HEADER, "A1:B2"), extra={"xl/media/image1.png": filler, "xl/media/image2.png": filler}
    )
    refusal = _refusal(data)
    assert refusal.message.startswith("Книга в распакованном виде занимает 1,2 МБ")
    assert refusal.message.endswith("принимается не больше 1 МБ.")
    assert openpyxl_calls == []


def test_a_styles_part_beyond_its_own_budget_is_refused(openpyxl_calls):
    """Styles become objects at once (28 bytes of memory per byte): a smaller budget."""
    styles = b"<styleSheet>" + b"<xf/>" * (6 * MB // 5) + b"</styleSheet>"
    refusal = _refusal(workbook(sheet(HEADER), extra={"xl/styles.xml": styles}))
    assert refusal.message == (
        "Часть книги xl/styles.xml в распакованном виде занимает 6,1 МБ; "
        "принимается не больше 5 МБ."
    )
    assert openpyxl_calls == []


def test_an_archive_of_too_many_parts_is_refused(openpyxl_calls):
    extra = {f"xl/media/image{n}.png": b"" for n in range(1000)}
    refusal = _refusal(workbook(sheet(HEADER), extra=extra))
    assert refusal.message == (
        "Архив книги содержит 1\u00a0006 частей; принимается не больше 1\u00a0000."
    )
    assert openpyxl_calls == []


def test_a_file_over_the_upload_size_is_refused_unread(budgets, openpyxl_calls):
    budgets(xlsx_upload_bytes=1 * MB)
    refusal = _refusal(b"PK\x03\x04" + bytes(2 * MB))
    assert refusal.message == "Файл занимает 2,1 МБ; принимается не больше 1 МБ."
    assert refusal.status == 413
    assert openpyxl_calls == []


def test_a_sheet_that_declares_too_many_rows_is_refused_at_once():
    data = workbook(sheet(HEADER, "A1:B250000"))
    assert _refusal(data).message == (
        "Лист «Отчёты» содержит 250\u00a0000 строк; принимается не больше 20\u00a0000."
    )


def test_rows_beyond_the_budget_are_counted_when_the_dimension_lies(budgets):
    budgets(xlsx_rows=50)
    rows = [*HEADER, *(row(n, {"A": n, "B": 1}) for n in range(3, 52))]
    refusal = _refusal(workbook(sheet(rows, "A1:B3")))
    assert refusal.message == "Лист «Отчёты» содержит больше 50 строк; принимается не больше 50."
    assert refusal.status == 413


def test_a_gap_of_empty_rows_counts_as_rows(budgets):
    """One cell in row 1 048 576 spans the whole sheet: openpyxl would pad a million rows."""
    budgets(xlsx_rows=50)
    refusal = _refusal(workbook(sheet([*HEADER, row(1048576, {"A": 1})])))
    assert refusal.message == "Лист «Отчёты» содержит больше 50 строк; принимается не больше 50."


def test_a_sheet_that_declares_too_many_columns_is_refused_at_once():
    data = workbook(sheet(HEADER, "A1:KN2"))  # KN is column 300
    assert _refusal(data).message == (
        "Лист «Отчёты» содержит 300 столбцов; принимается не больше 100."
    )


def test_a_cell_beyond_the_column_budget_is_found_when_the_dimension_lies():
    refusal = _refusal(workbook(sheet([*HEADER, row(3, {"A": 1, "XFD": "x"})], "A1:B3")))
    assert refusal.message == (
        "Строка 3 листа «Отчёты» содержит 16\u00a0384 столбца; принимается не больше 100."
    )


def test_a_cell_longer_than_the_budget_is_refused():
    long_text = "я" * 10_001
    data = workbook(sheet([*HEADER, row(3, {"A": 1, "I": long_text})]))
    assert _refusal(data).message == (
        "Ячейка I3 листа «Отчёты» содержит 10\u00a0001 знак; принимается не больше 10\u00a0000."
    )


def test_a_long_shared_string_is_refused_too():
    cells = '<row r="3"><c r="A3" t="s"><v>0</v></c></row>'
    data = workbook(sheet([*HEADER, cells]), shared_strings("ф" * 12_345))
    assert _refusal(data).message.startswith("Ячейка A3 листа «Отчёты» содержит 12\u00a0345 знаков")


def test_a_file_that_is_not_a_zip_is_unreadable(openpyxl_calls):
    refusal = _refusal(b"not a workbook")
    assert refusal.message.startswith("Файл не читается как книга Excel (.xlsx).")
    assert refusal.status == 400
    assert openpyxl_calls == []


def test_a_zip_without_a_workbook_is_not_an_xlsx(openpyxl_calls):
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    refusal = _refusal(out.getvalue())
    assert refusal.message.startswith("Это не книга Excel (.xlsx): в файле нет листов книги.")
    assert openpyxl_calls == []


OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def test_a_password_protected_book_is_named_so(openpyxl_calls):
    # Excel's encrypted book: a compound file whose directory names «EncryptedPackage».
    data = OLE2 + bytes(504) + "EncryptionInfo\0EncryptedPackage".encode("utf-16-le")
    assert _refusal(data).message.startswith("Книга защищена паролем")
    assert openpyxl_calls == []


def test_an_old_xls_book_is_named_so(openpyxl_calls):
    data = OLE2 + bytes(504) + "Workbook".encode("utf-16-le")
    assert _refusal(data).message.startswith("Файл сохранён в старом формате Excel 97–2003")
    assert openpyxl_calls == []


def test_a_zip_with_encrypted_parts_is_refused_as_password_protected(openpyxl_calls):
    data = bytearray(workbook(sheet(HEADER)))
    # Set the «encrypted» flag of every entry in the central directory.
    at = data.find(b"PK\x01\x02")
    while at != -1:
        data[at + 8] |= 0x1
        at = data.find(b"PK\x01\x02", at + 4)
    assert _refusal(bytes(data)).message.startswith("Книга защищена паролем")
    assert openpyxl_calls == []


# The upload page: the refusal is a form error in Russian, and nothing is saved.


def _reports_and_states():
    from protokol.assignments.models import Assignment, Report

    return Report.objects.count(), dict(Assignment.objects.values_list("pk", "state"))


@pytest.mark.django_db
def test_the_upload_page_refuses_a_zip_bomb_with_413_and_saves_nothing(
    executed, operator_a, login, openpyxl_calls
):
    before = _reports_and_states()
    bomb = SimpleUploadedFile("отчёты.xlsx", workbook(sheet(HEADER), bomb_strings(64 * MB)))
    response = login(operator_a).post(reverse("exports:region_upload", args=["31"]), {"file": bomb})
    assert response.status_code == 413
    assert response.context["errors"] == [
        "Текст ячеек книги (xl/sharedStrings.xml) в распакованном виде занимает 64,0 МБ; "
        "принимается не больше 50 МБ."
    ]
    assert "Файл не принят, ни один отчёт не направлен" in response.content.decode()
    assert openpyxl_calls == []
    assert _reports_and_states() == before


@pytest.mark.django_db
def test_the_upload_page_refuses_a_filled_file_with_too_many_rows_and_saves_nothing(
    executed, operator_a, login, budgets
):
    client = login(operator_a)
    book = load_workbook(BytesIO(client.get(reverse("exports:region_items", args=["31"])).content))
    sheet_ = book["Отчёты"]
    for number in range(3, sheet_.max_row + 1):
        sheet_.cell(number, 9, "Исполнено.")  # every row filled: the file would be applied
    budgets(xlsx_rows=sheet_.max_row - 1)
    out = BytesIO()
    book.save(out)
    before = _reports_and_states()
    response = client.post(
        reverse("exports:region_upload", args=["31"]),
        {"file": SimpleUploadedFile("отчёты.xlsx", out.getvalue())},
    )
    assert response.status_code == 413
    (error,) = response.context["errors"]
    assert error.startswith(f"Лист «Отчёты» содержит {sheet_.max_row} ")
    assert error.endswith(f"; принимается не больше {sheet_.max_row - 1}.")
    assert _reports_and_states() == before


@pytest.mark.django_db
def test_the_upload_page_refuses_an_oversized_file_with_413(executed, operator_a, login):
    big = SimpleUploadedFile("отчёты.xlsx", b"PK\x03\x04" + bytes(10 * MB))
    response = login(operator_a).post(reverse("exports:region_upload", args=["31"]), {"file": big})
    assert response.status_code == 413
    assert response.context["errors"] == ["Файл занимает 10,1 МБ; принимается не больше 10 МБ."]
