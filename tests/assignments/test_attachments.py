"""Report files: the type comes from the bytes, the size is bounded, names are made safe."""

from __future__ import annotations

import hashlib
import io
import struct
import zipfile
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from protokol.assignments import reporting
from protokol.assignments.attachments import (
    ALLOWED_TYPES,
    check_upload,
    sanitize_filename,
    sniff,
)
from protokol.assignments.errors import TransitionRefused
from protokol.assignments.models import Assignment, Report, ReportFile


def pdf() -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )


def docx() -> bytes:
    from docx import Document

    document = Document()
    document.add_paragraph("Приказ о назначении руководителя ЦОПП")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def ooxml(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", b'<?xml version="1.0"?><Types/>')
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def xlsx() -> bytes:
    return ooxml({"xl/workbook.xml": b"<workbook/>", "xl/worksheets/sheet1.xml": b"<worksheet/>"})


def odt() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return out.getvalue()


def png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\x00"))
        + chunk(b"IEND", b"")
    )


def jpeg() -> bytes:
    return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 64


def ole2(stream_name: str) -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + stream_name.encode("utf-16-le") * 2


def exe() -> bytes:
    return b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 50 + b"PE\x00\x00"


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/pdf")


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
    assert sniff(macro) == "macro"
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
