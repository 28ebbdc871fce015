import dataclasses
import io
import re

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from pypdf import PdfReader

from protokol.protocols.rendering import render_extract_docx, render_extract_pdf
from protokol.protocols.rendering.data import ExtractItem
from tests.protocols.rendering.documents import (
    DEPARTMENT,
    ITEM_III_1,
    ITEM_III_2,
    ITEM_VI_3,
    ITEM_VI_4,
    LETTERHEAD,
    SECTION_III,
    SECTION_VI,
    docx_blocks,
    docx_document,
    mm,
    pdf_text,
    protocol_extract,
)

ITEM_LINE = re.compile(r"^\d+\. ")


@pytest.fixture(scope="module")
def extract_docx() -> bytes:
    return render_extract_docx(protocol_extract())


@pytest.fixture(scope="module")
def extract_pdf() -> bytes:
    return render_extract_pdf(protocol_extract())


class TestDocx:
    def test_header_repeats_the_original_protocol(self, extract_docx):
        blocks = docx_blocks(extract_docx)
        assert blocks[:4] == [
            LETTERHEAD.ministry,
            "ВЫПИСКА ИЗ ПРОТОКОЛА",
            "23 октября 2024 г. | № Д05-98/05пр",
            "Москва",
        ]
        assert blocks[4] == protocol_extract().protocol_title
        assert blocks[5] == "Субъект Российской Федерации: Белгородская область"

    def test_only_the_given_items_with_their_original_numbers(self, extract_docx):
        blocks = docx_blocks(extract_docx)
        assert [b for b in blocks if ITEM_LINE.match(b)] == [
            f"1. {ITEM_III_1}",
            f"3. {ITEM_VI_3}",
        ]
        text = "\n".join(blocks)
        assert ITEM_III_2 not in text
        assert ITEM_VI_4 not in text

    def test_each_item_is_under_its_section_and_followed_by_its_deadline(self, extract_docx):
        blocks = docx_blocks(extract_docx)
        start = blocks.index(f"III. {SECTION_III}")
        assert blocks[start : start + 6] == [
            f"III. {SECTION_III}",
            f"1. {ITEM_III_1}",
            "Срок — до 28 декабря 2024 г.",
            f"VI. {SECTION_VI}",
            f"3. {ITEM_VI_3}",
            "Срок — до 13 декабря 2024 г.",
        ]

    def test_chair_then_certification(self, extract_docx):
        assert docx_blocks(extract_docx)[-4:] == [
            f"{protocol_extract().chair_position} | М.И. Софронова",
            "Верно",
            "Консультант отдела оценки качества | С.Е. Мелихова",
            "02.11.2024",
        ]

    def test_items_of_one_section_share_one_heading(self):
        items = (
            ExtractItem("III", SECTION_III, "1", ITEM_III_1, "до 28 декабря 2024 г."),
            ExtractItem("III", SECTION_III, "2", ITEM_III_2, "до 28 декабря 2024 г."),
        )
        extract = dataclasses.replace(protocol_extract(), items=items)
        blocks = docx_blocks(render_extract_docx(extract))
        assert blocks.count(f"III. {SECTION_III}") == 1
        assert [b for b in blocks if ITEM_LINE.match(b)] == [f"1. {ITEM_III_1}", f"2. {ITEM_III_2}"]

    def test_unnumbered_item_without_deadline_gets_no_number_and_no_deadline_line(self):
        text = "Рекомендовать органам исполнительной власти присоединиться к поздравлениям."
        items = (ExtractItem("IX", "О волонтерской деятельности", None, text, "без срока"),)
        extract = dataclasses.replace(protocol_extract(), items=items)
        blocks = docx_blocks(render_extract_docx(extract))
        assert "IX. О волонтерской деятельности" in blocks
        assert text in blocks
        assert not any(b.startswith("Срок") for b in blocks)

    def test_notes_follow_the_items(self):
        note = "Пункты, не относящиеся к субъекту Российской Федерации, в выписку не включены."
        extract = dataclasses.replace(protocol_extract(), notes=(note,))
        blocks = docx_blocks(render_extract_docx(extract))
        assert blocks.index(note) == blocks.index("Срок — до 13 декабря 2024 г.") + 1

    def test_formatting(self, extract_docx):
        document = docx_document(extract_docx)
        paragraphs = {p.text: p for p in document.paragraphs}
        item = paragraphs[f"1. {ITEM_III_1}"]
        assert item.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
        assert mm(item.paragraph_format.first_line_indent) == 12.5
        assert item.paragraph_format.keep_with_next
        assert paragraphs["Срок — до 28 декабря 2024 г."].runs[0].bold
        assert paragraphs["ВЫПИСКА ИЗ ПРОТОКОЛА"].alignment == WD_ALIGN_PARAGRAPH.CENTER

    def test_core_properties(self, extract_docx):
        properties = docx_document(extract_docx).core_properties
        assert properties.title == "Выписка из протокола № Д05-98/05пр"
        assert properties.author == DEPARTMENT

    def test_missing_protocol_date_and_number_leave_blanks(self):
        extract = dataclasses.replace(protocol_extract(), protocol_date=None, protocol_number="")
        blocks = docx_blocks(render_extract_docx(extract))
        assert "«___» __________ 20__ г. | № ________" in blocks


class TestPdf:
    def test_text_holds_header_items_and_certification(self, extract_pdf):
        text = pdf_text(extract_pdf)
        flat = " ".join(text.split())
        for expected in [
            "ВЫПИСКА ИЗ ПРОТОКОЛА",
            "23 октября 2024 г. № Д05-98/05пр",
            "Субъект Российской Федерации: Белгородская область",
            f"III. {SECTION_III}",
            f"1. {ITEM_III_1}",
            "Срок — до 28 декабря 2024 г.",
            f"3. {ITEM_VI_3}",
            "Срок — до 13 декабря 2024 г.",
            "Консультант отдела оценки качества С.Е. Мелихова",
        ]:
            assert " ".join(expected.split()) in flat, expected
        assert "Верно" in text.splitlines()
        assert text.splitlines()[-1] == "02.11.2024"
        assert ITEM_III_2 not in flat
        assert ITEM_VI_4 not in flat

    def test_headings_and_certification_never_end_a_page(self):
        # Growing notes push the tail of the extract across the page boundary line by line;
        # without keep-with-next, 5 notes left «Верно» alone at the foot of page 1.
        note = "Пункты, не относящиеся к субъекту Российской Федерации, в выписку не включены."
        headings = {"Верно", f"III. {SECTION_III}"}
        for count in range(12):
            extract = dataclasses.replace(protocol_extract(), notes=(note,) * count)
            reader = PdfReader(io.BytesIO(render_extract_pdf(extract)))
            for page in reader.pages:
                last_line = page.extract_text().rstrip().splitlines()[-1].strip()
                assert last_line not in headings, count
