from __future__ import annotations

import io
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from protokol.extraction.config import ReadLimits
from protokol.extraction.errors import ExtractionError
from protokol.extraction.readers import (
    HEAD_BYTES,
    ReadResult,
    guess_format,
    read_document,
    supported_formats,
)
from tests.samples.render import render_docx, render_html, render_odt, render_pdf, render_rtf

PROTOCOL = "ПРОТОКОЛ\n1. Обеспечить явку на стажировки.\n**Срок — до 2 декабря 2024 г.**"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)


def error_of(data: bytes, filename: str | None = None) -> ExtractionError:
    with pytest.raises(ExtractionError) as error:
        read_document(data, filename)
    return error.value


def test_it_lists_the_supported_formats():
    assert supported_formats() == ("pdf", "docx", "odt", "rtf", "html", "txt", "md")


@pytest.mark.parametrize(
    ("render", "misleading_name", "expected_format"),
    [
        (render_docx, "protocol.txt", "docx"),
        (render_odt, "protocol.docx", "odt"),
        (render_pdf, "protocol.docx", "pdf"),
        (render_rtf, "protocol.doc", "rtf"),
        (render_html, "protocol.txt", "html"),
        (render_docx, None, "docx"),
    ],
)
def test_the_content_decides_the_format_not_the_name(render, misleading_name, expected_format):
    result = read_document(render(PROTOCOL), misleading_name)

    assert result.format == expected_format
    assert "Срок — до 2 декабря 2024 г." in result.text


def test_the_extension_decides_when_the_content_says_nothing():
    assert read_document(PROTOCOL.encode(), "C:\\Протоколы\\protocol.MD").format == "md"
    assert read_document(PROTOCOL.encode(), "protocol.txt").format == "txt"


def test_plain_text_is_the_last_resort_for_unknown_names():
    result = read_document(PROTOCOL.encode("cp1251"), "protocol.final")

    assert result == ReadResult(text=PROTOCOL, format="txt")


@pytest.mark.parametrize(
    ("data", "filename", "named"),
    [
        (OLE, "protocol.doc", "DOC"),
        (OLE, "protocol.docx", "DOC"),
        (PNG, "scan.png", "PNG"),
        (b"MZ\x90\x00" + bytes(60), "setup.exe", "исполняемый"),
        (PROTOCOL.encode(), "protocol.xls", "XLS"),
    ],
)
def test_foreign_formats_are_named_in_a_clear_refusal(data, filename, named):
    error = error_of(data, filename)

    assert error.code == "unsupported_format"
    assert named in str(error)
    assert "Сохраните документ в DOCX, PDF, ODT, RTF или TXT" in str(error)


def test_a_zip_that_is_neither_docx_nor_odt_is_unsupported():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")

    assert error_of(buffer.getvalue(), "protocol.docx").code == "unsupported_format"


def test_random_bytes_are_unsupported():
    assert error_of(bytes(range(256)) * 8).code == "unsupported_format"


@pytest.mark.parametrize("filename", ["protocol.docx", "protocol.odt", "protocol.pdf"])
def test_garbage_named_as_a_document_is_unreadable(filename):
    assert error_of(b"not really a document at all", filename).code == "unreadable"


@pytest.mark.parametrize("data", [b"", b"   \r\n\t\n", "\ufeff".encode(), b"- - -"])
def test_a_file_without_text_is_empty(data):
    error = error_of(data, "protocol.txt")

    assert error.code == "empty"
    assert "нет текста" in str(error)


def test_every_message_is_one_russian_line():
    for data, filename in [(OLE, "a.doc"), (b"", None), (b"junk", "a.pdf"), (PNG, None)]:
        message = str(error_of(data, filename))
        assert "\n" not in message
        assert any("а" <= char <= "я" for char in message)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.one_of(
        st.binary(max_size=2048),
        st.sampled_from([b"PK\x03\x04", b"%PDF-1.7\n", b"{\\rtf1 ", b"<html>", OLE[:8]]).flatmap(
            lambda prefix: st.binary(max_size=512).map(lambda tail: prefix + tail)
        ),
    ),
    filename=st.one_of(
        st.none(),
        st.text(max_size=20),
        st.sampled_from(["a.docx", "a.pdf", "a.odt", "a.rtf", "a.html", "a.txt", "a.md", "a.doc"]),
    ),
)
def test_any_bytes_give_a_result_or_an_extraction_error_and_nothing_else(data, filename):
    try:
        result = read_document(data, filename)
    except ExtractionError as error:
        assert error.code in {
            "unsupported_format",
            "unreadable",
            "encrypted_pdf",
            "no_text_layer",
            "empty",
            "too_large",
            "unknown_encoding",
        }
    else:
        assert result.format in supported_formats()
        assert "\r" not in result.text


RENDERED = [
    render(PROTOCOL) for render in (render_docx, render_odt, render_pdf, render_rtf, render_html)
]


@settings(max_examples=150, deadline=None)
@given(
    document=st.sampled_from(RENDERED),
    damage=st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)), max_size=8),
    cut=st.floats(0.05, 1),
)
def test_damaged_real_documents_give_a_result_or_an_extraction_error(document, damage, cut):
    data = bytearray(document[: max(1, int(len(document) * cut))])
    for position, value in damage:
        data[int(position * len(data))] = value

    try:
        read_document(bytes(data), "protocol")
    except ExtractionError as error:
        assert str(error)


def test_a_truncated_office_archive_without_a_name_is_unreadable_not_unknown():
    data = render_docx(PROTOCOL)

    assert error_of(data[: len(data) // 2]).code == "unreadable"


@pytest.mark.parametrize(
    ("render", "name", "expected"),
    [
        (render_docx, "protocol.txt", "docx"),
        (render_odt, "protocol.docx", "odt"),
        (render_pdf, "protocol.docx", "pdf"),
        (render_rtf, "protocol.doc", "rtf"),
        (render_html, "protocol.txt", "html"),
        (lambda text: text.encode(), "protocol.md", "md"),
        (lambda text: text.encode("cp1251"), None, "txt"),
    ],
)
def test_the_first_bytes_and_the_name_tell_the_format_the_reader_finds(render, name, expected):
    data = render(PROTOCOL)

    assert guess_format(data[:HEAD_BYTES], name) == expected
    assert read_document(data, name).format == expected


@pytest.mark.parametrize(
    ("head", "filename", "named"),
    [
        (OLE, "protocol.docx", "DOC"),
        (PNG, "scan.txt", "PNG"),
        (b"PK\x03\x04" + bytes(60), "report.xlsx", "XLSX"),
        (PROTOCOL.encode(), "protocol.xls", "XLS"),
    ],
)
def test_a_foreign_format_is_refused_from_its_first_bytes(head, filename, named):
    with pytest.raises(ExtractionError) as error:
        guess_format(head, filename)

    assert error.value.code == "unsupported_format"
    assert named in str(error.value)


def test_a_damaged_archive_is_guessed_from_its_name_and_refused_when_read():
    damaged = b"PK\x03\x04 broken zip" + bytes(50)

    assert guess_format(damaged, "protocol.docx") == "docx"
    assert error_of(damaged, "protocol.docx").code == "unreadable"


def test_a_text_longer_than_the_budget_is_refused():
    limits = ReadLimits(text_chars=1_000)

    with pytest.raises(ExtractionError) as error:
        read_document(PROTOCOL.encode() * 100, "protocol.txt", limits=limits)

    assert error.value.code == "too_large"
    assert "длиннее 1\u00a0000 символов" in str(error.value)
