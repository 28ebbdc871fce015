import dataclasses
import io
import zipfile

import pytest
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from pypdf import PdfReader

from protokol.protocols.rendering import render_cover_letter_docx, render_cover_letter_pdf
from tests.protocols.rendering.documents import (
    ADDRESSEE,
    DEPARTMENT,
    cover_letter,
    docx_blocks,
    docx_document,
    docx_text,
    mm,
    pdf_pages,
    pdf_text,
)

REQUISITES_IN_ORDER = [
    "МИНИСТЕРСТВО ПРОСВЕЩЕНИЯ РОССИЙСКОЙ ФЕДЕРАЦИИ (МИНПРОСВЕЩЕНИЯ РОССИИ)",
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
    def test_requisites_come_in_gost_order(self, letter_docx):
        blocks = docx_blocks(letter_docx)
        assert blocks[: len(REQUISITES_IN_ORDER)] == REQUISITES_IN_ORDER
        assert blocks[-4:] == [
            "Приложение: на 5 л. в 1 экз.",
            "И.О. директора Департамента | М.И. Софронова",
            "Мелихова С.Е.",
            "(495) 587-01-10, доб. 3378",
        ]

    def test_body_paragraphs_are_split_on_blank_lines_only(self, letter_docx):
        blocks = docx_blocks(letter_docx)
        body = blocks[len(REQUISITES_IN_ORDER) : -4]
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

    def test_author_block_stays_left_and_addressee_right(self, letter_docx):
        ministry = _paragraph(letter_docx, REQUISITES_IN_ORDER[0])
        addressee = _paragraph(letter_docx, ADDRESSEE)
        assert mm(ministry.paragraph_format.right_indent) >= 70
        assert ministry.runs[0].bold
        assert mm(addressee.paragraph_format.left_indent) >= 80

    def test_signatory_name_stands_at_the_right_margin(self, letter_docx):
        table = docx_document(letter_docx).tables[-1]
        position, name = table.rows[0].cells
        assert position.text == "И.О. директора Департамента"
        assert name.text == "М.И. Софронова"
        assert name.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
        assert name.vertical_alignment == WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
        assert "w:tblBorders" not in table._tbl.xml

    def test_page_is_a4_with_gost_margins(self, letter_docx):
        section = docx_document(letter_docx).sections[0]
        assert (mm(section.page_width), mm(section.page_height)) == (210, 297)
        assert mm(section.left_margin) == 30
        assert 10 <= mm(section.right_margin) <= 15
        assert mm(section.top_margin) == mm(section.bottom_margin) == 20
        # Page numbers from the second page on, at the top.
        assert section.different_first_page_header_footer
        assert 'w:instr="PAGE"' in section.header._element.xml
        assert not section.first_page_header.paragraphs[0].text

    def test_text_is_times_new_roman_14_and_the_executor_mark_smaller(self, letter_docx):
        document = docx_document(letter_docx)
        normal = document.styles["Normal"].font
        assert (normal.name, normal.size) == ("Times New Roman", Pt(14))
        for line in ("Мелихова С.Е.", "(495) 587-01-10, доб. 3378"):
            size = _paragraph(letter_docx, line).runs[0].font.size
            assert Pt(10) <= size <= Pt(12)

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
    def test_text_holds_the_requisites_in_cyrillic(self, letter_pdf):
        text = pdf_text(letter_pdf)
        flat = " ".join(text.split())
        for requisite in [*REQUISITES_IN_ORDER, "Приложение: на 5 л. в 1 экз."]:
            assert " ".join(requisite.split()) in flat, requisite
        assert "Мелихова С.Е.\n(495) 587-01-10, доб. 3378" in text

    def test_signatory_name_is_on_the_position_line(self, letter_pdf):
        assert "И.О. директора Департамента М.И. Софронова" in pdf_text(letter_pdf).splitlines()

    def test_executor_mark_ends_the_page(self, letter_pdf):
        assert pdf_text(letter_pdf).splitlines()[-2:] == [
            "Мелихова С.Е.",
            "(495) 587-01-10, доб. 3378",
        ]

    def test_a4_with_embedded_dejavu_and_metadata(self, letter_pdf):
        reader = PdfReader(io.BytesIO(letter_pdf))
        page = reader.pages[0]
        width_mm, height_mm = (float(v) * 25.4 / 72 for v in page.mediabox.upper_right)
        assert (round(width_mm), round(height_mm)) == (210, 297)
        fonts = {str(font["/BaseFont"]) for font in page["/Resources"]["/Font"].values()}
        assert all("DejaVuSans" in font for font in fonts)
        assert reader.metadata.title == "О рассылке протокола"
        assert reader.metadata.author == DEPARTMENT

    def test_long_letter_continues_on_numbered_pages(self):
        body = "\n\n".join([cover_letter().body] * 12)
        data = render_cover_letter_pdf(dataclasses.replace(cover_letter(), body=body))
        assert pdf_pages(data) >= 2
        second_page = PdfReader(io.BytesIO(data)).pages[1].extract_text()
        assert second_page.lstrip().startswith("2")
        assert "М.И. Софронова" in pdf_text(data)
