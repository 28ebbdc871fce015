from __future__ import annotations

import io

import pypdf
import pytest
from fpdf import FPDF

from protokol.extraction.errors import ExtractionError
from protokol.extraction.readers import read_document
from tests.samples.render import render_pdf

PROTOCOL = (
    "ПРОТОКОЛ\nсовещания Департамента государственной политики\n"
    "1. Исполнительным органам субъектов Российской Федерации обеспечить назначение "
    "руководителей ЦОПП.\n**Срок — до 28 декабря 2024 г.**"
)


def encrypted(data: bytes, user_password: str) -> bytes:
    writer = pypdf.PdfWriter(clone_from=io.BytesIO(data))
    writer.encrypt(user_password=user_password, owner_password="владелец", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def sample_pdf(sample_text):
    return render_pdf(sample_text)


def test_it_reads_the_rendered_sample_with_every_word_in_order(sample_pdf, sample_text, lines_of):
    result = read_document(sample_pdf, "protocol.pdf")

    assert result.format == "pdf"
    assert " ".join(lines_of(result.text)).split() == " ".join(lines_of(sample_text)).split()


def test_it_splits_long_paragraphs_into_consecutive_lines_and_keeps_short_ones(
    sample_pdf, sample_text, lines_of
):
    read = lines_of(read_document(sample_pdf).text)
    original = lines_of(sample_text)

    # PDF keeps no paragraphs: a wrapped paragraph comes back as a few consecutive lines.
    for line in original:
        assert line in read or any(
            " ".join(read[start : start + count]) == line
            for start in range(len(read))
            for count in range(2, 7)
        ), line
    assert "Срок — до 28 декабря 2024 г." in read
    assert len(read) < len(original) * 1.3


def test_a_pdf_with_a_user_password_is_refused_as_encrypted():
    with pytest.raises(ExtractionError) as error:
        read_document(encrypted(render_pdf(PROTOCOL), "секрет"), "protocol.pdf")

    assert error.value.code == "encrypted_pdf"
    assert "паролем" in str(error.value)


def test_a_pdf_encrypted_with_an_empty_user_password_is_read():
    result = read_document(encrypted(render_pdf(PROTOCOL), ""), "protocol.pdf")

    assert "Срок — до 28 декабря 2024 г." in result.text


def test_a_scan_without_a_text_layer_is_refused_with_advice():
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 150, style="F")

    with pytest.raises(ExtractionError) as error:
        read_document(bytes(pdf.output()), "scan.pdf")

    assert error.value.code == "no_text_layer"
    assert "DOCX" in str(error.value)


def test_a_broken_pdf_is_unreadable():
    data = render_pdf(PROTOCOL)

    with pytest.raises(ExtractionError) as error:
        read_document(data[:300], "protocol.pdf")

    assert error.value.code == "unreadable"


def test_junk_before_the_pdf_header_does_not_hide_the_format():
    result = read_document(b"\r\n\x00junk\n" + render_pdf(PROTOCOL), "protocol")

    assert result.format == "pdf"
    assert "ПРОТОКОЛ" in result.text
