"""Report files: the type comes from the bytes, the size is bounded, names are made safe."""

from __future__ import annotations

import hashlib
import struct
import tracemalloc

import pytest
from django.core.files.uploadedfile import TemporaryUploadedFile

from protokol.assignments import reporting
from protokol.assignments.attachments import (
    ALLOWED_TYPES,
    CHUNK,
    discard,
    receive_file,
    sanitize_filename,
)
from protokol.assignments.errors import TransitionRefused
from protokol.assignments.models import Assignment, Report, ReportFile
from tests.assignments.documents import (
    MB,
    SpyUpload,
    docx,
    exe,
    jpeg,
    odt,
    ole2,
    ooxml,
    pdf,
    pdf_of,
    png,
    upload,
    xlsx,
    zip_archive,
)


def check_upload(file):
    """Receive one file as a lone report would, then let go of what was stored."""
    staged = receive_file(file)
    discard([staged])
    return staged


@pytest.mark.parametrize(
    ("name", "make", "extension"),
    [
        ("Отчёт.pdf", pdf, "pdf"),
        ("Приказ.docx", docx, "docx"),
        ("Квота.xlsx", xlsx, "xlsx"),
        ("Старый приказ.doc", lambda: ole2("WordDocument"), "doc"),
        ("Таблица.xls", lambda: ole2("Workbook"), "xls"),
        ("Справка.odt", odt, "odt"),
        ("Письмо.rtf", lambda: b"{\\rtf1\\ansi Pis\\'ec}", "rtf"),
        ("Фото мероприятия.png", png, "png"),
        ("Фото.jpeg", jpeg, "jpg"),
    ],
)
def test_allowed_documents_and_images_are_accepted(name, make, extension):
    data = make()
    checked = check_upload(upload(name, data))
    assert checked.extension == extension
    assert checked.content_type == ALLOWED_TYPES[extension][0]
    assert checked.sha256 == hashlib.sha256(data).hexdigest()
    assert checked.filename == f"{name.rsplit('.', 1)[0]}.{extension}"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("Отчёт.pdf", exe()),  # an .exe renamed .pdf
        ("Отчёт.docx", b"PK\x03\x04 not really a zip"),
        ("Скрипт.pdf", b"#!/bin/sh\nrm -rf /\n"),
        ("page.pdf", b"<html><script>alert(1)</script></html>"),
        ("Установщик.doc", ole2("MsiSummaryInformation")),
        ("архив.pdf", ooxml({"payload/evil.bin": b"\x00"})),
    ],
)
def test_content_that_is_not_an_allowed_type_is_refused_whatever_its_name(name, data):
    with pytest.raises(TransitionRefused) as refused:
        check_upload(upload(name, data))
    assert "по содержимому это не документ допустимого формата" in refused.value.message
    assert "PDF" in refused.value.message


def test_office_files_with_macros_are_refused():
    macro = ooxml({"word/document.xml": b"<w:document/>", "word/vbaProject.bin": b"\x00"})
    with pytest.raises(TransitionRefused, match="макрос"):
        check_upload(upload("Отчёт.docx", macro))


def test_an_oversize_file_is_refused_even_when_it_claims_to_be_small(settings):
    settings.PROTOKOL_BUDGETS = {**settings.PROTOKOL_BUDGETS, "attachment_bytes": 1024 * 1024}
    big = pdf() + b"0" * (1024 * 1024)
    with pytest.raises(TransitionRefused, match=r"больше допустимого размера \(1 МБ\)"):
        check_upload(upload("Большой.pdf", big))
    lying = upload("Большой.pdf", big)
    lying.size = 10  # the declared size is the client's word
    with pytest.raises(TransitionRefused, match="больше допустимого размера"):
        check_upload(lying)


def test_an_empty_file_is_refused():
    with pytest.raises(TransitionRefused, match="пуст"):
        check_upload(upload("Пусто.pdf", b""))


@pytest.mark.parametrize(
    ("name", "extension", "expected"),
    [
        ("../../etc/passwd.pdf", "pdf", "passwd.pdf"),
        ("..\\..\\Windows\\system32\\отчёт.pdf", "pdf", "отчёт.pdf"),
        ("C:\\Users\\Иванова\\Desktop\\Приказ № 5.docx", "docx", "Приказ № 5.docx"),
        ("отчёт\x00.exe.pdf", "pdf", "отчёт.exe.pdf"),
        ('a<b>c:"d|e?f*.pdf', "pdf", "a_b_c__d_e_f_.pdf"),
        ("...", "pdf", "файл.pdf"),
        ("", "png", "файл.png"),
        ("фото.PNG.jpeg", "png", "фото.PNG.png"),
        ("Отчёт\r\nSet-Cookie: x.pdf", "pdf", "ОтчётSet-Cookie_ x.pdf"),
        ("я" * 300 + ".pdf", "pdf", "я" * 116 + ".pdf"),
    ],
)
def test_names_are_sanitised(name, extension, expected):
    assert sanitize_filename(name, extension) == expected


def test_a_report_keeps_its_files_with_checksums_under_random_names(
    assignment_in, operator_a, settings
):
    assignment = assignment_in(Assignment.State.IN_PROGRESS)
    data = pdf()
    report = reporting.submit_report(
        assignment,
        operator_a,
        text="Приказ приложен",
        files=[upload("../../Приказ.pdf", data), upload("Фото.png", png())],
    )
    files = list(report.files.order_by("filename"))
    assert [(f.filename, f.content_type, f.size) for f in files] == [
        ("Приказ.pdf", "application/pdf", len(data)),
        ("Фото.png", "image/png", len(png())),
    ]
    assert files[0].sha256 == hashlib.sha256(data).hexdigest()
    stored = files[0].file.name
    assert stored.startswith("reports/") and "Приказ" not in stored and ".." not in stored
    with files[0].file.open("rb") as handle:
        assert handle.read() == data


def test_one_refused_file_refuses_the_whole_report(assignment_in, operator_a):
    assignment = assignment_in(Assignment.State.IN_PROGRESS)
    with pytest.raises(TransitionRefused, match=r"«setup\.pdf» не принят"):
        reporting.submit_report(
            assignment,
            operator_a,
            text="Отчёт",
            files=[upload("Приказ.pdf", pdf()), upload("setup.pdf", exe())],
        )
    assert not Report.objects.exists()
    assert not ReportFile.objects.exists()
    assignment.refresh_from_db()
    assert assignment.state == Assignment.State.IN_PROGRESS


def test_nothing_is_left_in_storage_after_a_refused_report(assignment_in, operator_a, settings):
    assignment = assignment_in(Assignment.State.IN_PROGRESS)
    with pytest.raises(TransitionRefused):
        reporting.submit_report(
            assignment,
            operator_a,
            text="Отчёт",
            files=[upload("Приказ.pdf", pdf()), upload("Фото.png", png()), upload("x.pdf", exe())],
        )
    stored = [path for path in settings.MEDIA_ROOT.rglob("*") if path.is_file()]
    assert stored == []


def test_an_accepted_file_leaves_the_incoming_folder_for_its_final_name(
    assignment_in, operator_a, settings
):
    assignment = assignment_in(Assignment.State.IN_PROGRESS)
    report = reporting.submit_report(
        assignment, operator_a, text="Приказ", files=[upload("Приказ.pdf", pdf())]
    )
    name = report.files.get().file.name
    assert name.startswith("reports/") and name.endswith(".pdf") and "incoming" not in name
    stored = [path for path in settings.MEDIA_ROOT.rglob("*") if path.is_file()]
    assert [path.relative_to(settings.MEDIA_ROOT).as_posix() for path in stored] == [name]


def test_a_file_streams_to_storage_a_chunk_at_a_time_never_whole_in_memory(
    assignment_in, operator_a
):
    assignment = assignment_in(Assignment.State.IN_PROGRESS)
    data = pdf_of(12 * MB)
    spy = SpyUpload("Скан приказа.pdf", data)
    tracemalloc.start()
    try:
        report = reporting.submit_report(assignment, operator_a, text="Скан", files=[spy])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # Every read asks for one chunk; none asks for the rest of the file.
    assert spy.reads and all(size is not None and 0 < size <= CHUNK for size in spy.reads)
    assert peak < 2 * MB, f"peak {peak / MB:.1f} MB for a 12 MB file"
    stored = report.files.get()
    assert stored.size == len(data)
    assert stored.sha256 == hashlib.sha256(data).hexdigest()
    with stored.file.open("rb") as handle:
        assert handle.read() == data


def test_a_large_upload_django_kept_on_disk_is_received_whole(assignment_in, operator_a):
    assignment = assignment_in(Assignment.State.IN_PROGRESS)
    data = pdf_of(3 * MB + 7)
    on_disk = TemporaryUploadedFile("Скан.pdf", "application/pdf", len(data), None)
    on_disk.write(data)
    report = reporting.submit_report(assignment, operator_a, text="Скан", files=[on_disk])
    assert report.files.get().sha256 == hashlib.sha256(data).hexdigest()


def _stored_pdf_inside_zip() -> bytes:
    # An Office document whose first entry is stored uncompressed: its PDF header lands in
    # the first kilobyte, where a PDF viewer looks for one.
    return ooxml({"a.pdf": pdf(), "word/document.xml": b"<w:document/>"})


@pytest.mark.parametrize(
    ("name", "make", "also"),
    [
        ("Отчёт.pdf", lambda: pdf() + zip_archive(), "архивом ZIP"),
        ("Фото.jpg", lambda: jpeg() + zip_archive(), "архивом ZIP"),
        ("Фото.png", lambda: png() + zip_archive(), "архивом ZIP"),
        ("Старый.doc", lambda: ole2("WordDocument") + zip_archive(), "архивом ZIP"),
        ("Приказ.docx", _stored_pdf_inside_zip, "PDF"),
        ("Фото.jpg", lambda: jpeg()[:20] + b"%PDF-1.4\n" + jpeg()[20:], "PDF"),
        (
            "Отчёт.pdf",
            lambda: pdf().replace(b"%\xe2\xe3\xcf\xd3", b"%<html><script>alert(1)</script>"),
            "HTML",
        ),
        ("Фото.png", lambda: png() + b"<!DOCTYPE html><body onload=alert(1)>", "HTML"),
    ],
)
def test_a_file_that_is_two_formats_at_once_is_refused(name, make, also):
    with pytest.raises(TransitionRefused, match="одновременно является") as refused:
        check_upload(upload(name, make()))
    assert also in refused.value.message


def test_a_pdf_that_merely_mentions_zip_signatures_in_its_data_is_accepted():
    # The end record of a ZIP claiming one entry, with no directory before it: no archive.
    record = b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, 1, 1, 46, 0, 0)
    data = pdf(b"", b"<</Length 22>>stream\n" + record + b"\nendstream")
    assert check_upload(upload("Отчёт.pdf", data)).extension == "pdf"


def test_an_office_file_with_a_directory_too_large_to_read_is_refused(settings):
    settings.PROTOKOL_BUDGETS = {**settings.PROTOKOL_BUDGETS, "attachment_zip_entries": 50}
    parts = {f"word/media/image{n}.png": b"" for n in range(60)}
    crowded = ooxml({"word/document.xml": b"<w:document/>", **parts})
    with pytest.raises(TransitionRefused, match=r"в нём 62 части, допустимо не больше 50"):
        check_upload(upload("Приказ.docx", crowded))
    assert check_upload(upload("Приказ.docx", docx())).extension == "docx"


def test_the_files_of_a_report_refused_for_another_reason_are_deleted(
    assignment_in, operator_a, settings
):
    assignment = assignment_in(Assignment.State.IN_PROGRESS)
    with pytest.raises(TransitionRefused, match="изменено другим пользователем"):
        reporting.submit_report(
            assignment,
            operator_a,
            text="Отчёт",
            files=[upload("Приказ.pdf", pdf())],
            version=assignment.version + 1,  # a colleague acted meanwhile
        )
    assert [path for path in settings.MEDIA_ROOT.rglob("*") if path.is_file()] == []
