import dataclasses
import io
import zipfile

import pytest
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from pypdf import PdfReader

from protokol.protocols.rendering import render_cover_letter_docx, render_cover_letter_pdf
from tests.protocols.rendering.documents import (
    ADDRESSEE,
    DEPARTMENT,
    LETTERHEAD,
    cover_letter,
    docx_blocks,
    docx_document,
    docx_text,
    mm,
    pdf_text,
)

REQUISITES_IN_ORDER = [
    LETTERHEAD.ministry,
    DEPARTMENT,
    "Люсиновская ул., д. 51, Москва, 115093",
    "Тел. (495) 587-01-10, доб. 3350",
    "E-mail: d05@edu.gov.ru",
    "02.11.2024 № 05-4017",
    ADDRESSEE,
    "О рассылке протокола",
]


@pytest.fixture(scope="module")
def letter_docx() -> bytes:
    return render_cover_letter_docx(cover_letter())


@pytest.fixture(scope="module")
def letter_pdf() -> bytes:
    return render_cover_letter_pdf(cover_letter())


def _paragraph(data: bytes, text: str):
    return next(p for p in docx_document(data).paragraphs if p.text == text)


class TestDocx:
    def test_body_paragraphs_are_split_on_blank_lines_only(self, letter_docx):
        blocks = docx_blocks(letter_docx)
        body = blocks[len(REQUISITES_IN_ORDER) : -3]
        assert len(body) == 2
        assert body[0].startswith(f"{DEPARTMENT} Минпросвещения России направляет")
        assert "в работе протокол совещания" in body[0]  # the single line break became a space
        assert (
            body[1] == "Информацию об исполнении просим направить в установленные протоколом сроки."
        )

    def test_body_is_justified_with_a_first_line_indent(self, letter_docx):
        paragraph = _paragraph(
            letter_docx,
            "Информацию об исполнении просим направить в установленные протоколом сроки.",
        )
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
        assert mm(paragraph.paragraph_format.first_line_indent) == 12.5

    def test_signatory_name_stands_at_the_right_margin(self, letter_docx):
        table = docx_document(letter_docx).tables[-1]
        position, name = table.rows[0].cells
        assert position.text == "И.О. директора Департамента"
        assert name.text == "М.И. Софронова"
        assert name.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
        assert name.vertical_alignment == WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
        assert "w:tblBorders" not in table._tbl.xml

    def test_core_properties_name_the_letter_and_the_department(self, letter_docx):
        properties = docx_document(letter_docx).core_properties
        assert properties.title == "О рассылке протокола"
        assert properties.author == DEPARTMENT
        assert properties.language == "ru-RU"
        # Not the preview picture of python-docx's template document.
        assert "docProps/thumbnail.jpeg" not in zipfile.ZipFile(io.BytesIO(letter_docx)).namelist()

    def test_unregistered_letter_leaves_blanks_for_date_and_number(self):
        letter = dataclasses.replace(cover_letter(), number="", date=None)
        blocks = docx_blocks(render_cover_letter_docx(letter))
        assert "__________ № ________" in blocks
        assert "05-4017" not in "\n".join(blocks)

    def test_full_attachment_mark_is_not_doubled(self):
        letter = dataclasses.replace(cover_letter(), attachment="Приложение: на 5 л. в 1 экз.")
        assert "Приложение: на 5 л. в 1 экз." in docx_blocks(render_cover_letter_docx(letter))

    def test_letter_without_attachment_has_no_attachment_mark(self):
        letter = dataclasses.replace(cover_letter(), attachment="")
        assert "Приложение" not in docx_text(render_cover_letter_docx(letter))


class TestPdf:
    def test_signatory_name_is_on_the_position_line(self, letter_pdf):
        assert "И.О. директора Департамента М.И. Софронова" in pdf_text(letter_pdf).splitlines()

    def test_metadata_name_the_letter_and_the_department(self, letter_pdf):
        metadata = PdfReader(io.BytesIO(letter_pdf)).metadata
        assert metadata.title == "О рассылке протокола"
        assert metadata.author == DEPARTMENT
