"""Sample inputs taken from tests/samples/sample_protocol.txt, and readers of the rendered files."""

from __future__ import annotations

import datetime as dt
import functools
import io
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.shared import Length
from docx.table import Table
from docx.text.paragraph import Paragraph
from fontTools.ttLib import TTFont
from pypdf import PdfReader

import protokol.protocols.rendering
from protokol.protocols.rendering.data import (
    CoverLetter,
    ExtractItem,
    Letterhead,
    ProtocolExtract,
)

DEPARTMENT = (
    "Департамент государственной политики в сфере среднего профессионального образования "
    "и профессионального обучения"
)
ADDRESSEE = (
    "Руководителям органов исполнительной власти субъектов Российской Федерации, "
    "осуществляющих государственное управление в сфере образования"
)
SECTION_III = "О развитии системы Центров опережающей профессиональной подготовки"
SECTION_VI = (
    "Об итогах Всероссийского конкурса среди педагогических работников системы среднего "
    "профессионального образования «Мастер года» и Дня среднего профессионального образования"
)
ITEM_III_1 = (
    "Исполнительным органам субъектов Российской Федерации, осуществляющим государственное "
    "управление в сфере образования, Белгородской области, Тверской области, Тульской области "
    "обеспечить назначение руководителей Центров опережающей профессиональной подготовки "
    "(далее — ЦОПП)."
)
ITEM_III_2 = (
    "Исполнительным органам субъектов Российской Федерации, осуществляющим государственное "
    "управление в сфере образования, на территории которых созданы ЦОПП, обеспечить выполнение "
    "показателей по охвату граждан деятельностью ЦОПП."
)
ITEM_VI_3 = (
    "направить информацию о планируемых датах проведения отборочного и регионального этапов "
    "Конкурса в 2025 году;"
)
ITEM_VI_4 = "актуализировать информацию о региональном операторе Конкурса."

LETTERHEAD = Letterhead(
    ministry="МИНИСТЕРСТВО ПРОСВЕЩЕНИЯ\nРОССИЙСКОЙ ФЕДЕРАЦИИ\n(МИНПРОСВЕЩЕНИЯ РОССИИ)",
    department=DEPARTMENT,
    address="Люсиновская ул., д. 51, Москва, 115093",
    phone="(495) 587-01-10, доб. 3350",
    email="d05@edu.gov.ru",
)


def cover_letter() -> CoverLetter:
    return CoverLetter(
        letterhead=LETTERHEAD,
        number="05-4017",
        date=dt.date(2024, 11, 2),
        addressee=ADDRESSEE,
        title="О рассылке протокола",
        body=(
            f"{DEPARTMENT} Минпросвещения России направляет для исполнения и учета в работе\n"
            "протокол совещания, состоявшегося 23 октября 2024 года с органами исполнительной "
            "власти субъектов Российской Федерации, осуществляющими государственное управление "
            "в сфере образования.\n\n"
            "Информацию об исполнении просим направить в установленные протоколом сроки."
        ),
        attachment="на 5 л. в 1 экз.",
        signatory_position="И.О. директора Департамента",
        signatory_name="М.И. Софронова",
        executor_name="Мелихова С.Е.",
        executor_phone="(495) 587-01-10, доб. 3378",
    )


def protocol_extract() -> ProtocolExtract:
    """The extract for Белгородская область: items III.1 and VI.3 only (not III.2, VI.4)."""
    return ProtocolExtract(
        letterhead=LETTERHEAD,
        protocol_title=(
            "совещания Департамента государственной политики в сфере среднего профессионального "
            "образования и профессионального обучения с руководителями органов исполнительной "
            "власти субъектов "
            "Российской Федерации, осуществляющих государственное управление в сфере "
            "образования от 23 октября 2024 года"
        ),
        protocol_number="Д05-98/05пр",
        protocol_date=dt.date(2024, 10, 23),
        place="Москва",
        region_name="Белгородская область",
        items=(
            ExtractItem("III", SECTION_III, "1", ITEM_III_1, "до 28 декабря 2024 г."),
            ExtractItem("VI", SECTION_VI, "3", ITEM_VI_3, "до 13 декабря 2024 г."),
        ),
        chair_position=(
            "Заместитель директора Департамента государственной политики в сфере среднего "
            "профессионального образования и профессионального обучения"
        ),
        chair_name="М.И. Софронова",
        certifier_position="Консультант отдела оценки качества",
        certifier_name="С.Е. Мелихова",
        certified_on=dt.date(2024, 11, 2),
    )


def docx_document(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def mm(length: Length) -> float:
    """A DOCX length in millimetres, to 0.1 mm (Word stores twips, so Mm(30) comes back as 30.004)."""
    return round(length.mm, 1)


def docx_blocks(data: bytes) -> list[str]:
    """Texts of the body in reading order: paragraphs; a table row of one-line cells as the
    cells joined by « | » («должность | И.О. Фамилия»), a row of columns of paragraphs (the
    letter's head) as the paragraphs of its left cell, then of its right one."""
    texts = []
    for block in docx_document(data).iter_inner_content():
        if isinstance(block, Paragraph):
            texts.append(block.text)
        elif isinstance(block, Table):
            for row in block.rows:
                if any(len(cell.paragraphs) > 1 for cell in row.cells):
                    texts += [p.text for cell in row.cells for p in cell.paragraphs]
                else:
                    texts.append(" | ".join(cell.text for cell in row.cells))
    return [text for text in texts if text.strip()]


def docx_text(data: bytes) -> str:
    return "\n".join(docx_blocks(data))


def pdf_text(data: bytes) -> str:
    """Extracted text with runs of spaces collapsed (justified lines are stretched)."""
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return "\n".join(" ".join(line.split()) for line in text.splitlines())


def pdf_pages(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


# --- measuring a rendered PDF -------------------------------------------------------------

PT_PER_MM = 72 / 25.4
FONTS = Path(protokol.protocols.rendering.__file__).parent / "fonts"


@dataclass(frozen=True)
class PdfLine:
    """One line of text as drawn: page (0-based), font, size in pt, and where its baseline
    starts, in pt from the bottom left corner of the page."""

    page: int
    text: str
    font: str
    size: float
    x: float
    y: float

    @property
    def width(self) -> float:
        """Set without the stretch of justification (so at most the width drawn)."""
        advances = _metrics(self.font).advances
        return sum(advances[char] for char in self.text) * self.size

    @property
    def top(self) -> float:
        return self.y + _metrics(self.font).ascent * self.size

    @property
    def bottom(self) -> float:
        return self.y - _metrics(self.font).descent * self.size

    @property
    def right(self) -> float:
        return self.x + self.width


@dataclass(frozen=True)
class _FontMetrics:
    ascent: float
    descent: float
    advances: dict[str, float]  # character → advance width in ems


@functools.cache
def _metrics(font: str) -> _FontMetrics:
    """Metrics of the vendored face a PDF font names (without its subset prefix «ABCDEF+»)."""
    files = {
        "LiberationSerif": "LiberationSerif-Regular.ttf",
        "LiberationSerifBold": "LiberationSerif-Bold.ttf",
    }
    assert font in files, f"{font} is not the vendored Liberation Serif"
    name = files[font]
    face = TTFont(FONTS / name)
    units = face["head"].unitsPerEm
    widths = face["hmtx"].metrics
    advances = {chr(code): widths[glyph][0] / units for code, glyph in face.getBestCmap().items()}
    return _FontMetrics(face["hhea"].ascent / units, -face["hhea"].descent / units, advances)


def pdf_lines(data: bytes) -> list[PdfLine]:
    """Every line of text of every page, in drawing order."""
    lines: list[PdfLine] = []
    for number, page in enumerate(PdfReader(io.BytesIO(data)).pages):

        def visit(text, cm, tm, font, size, number=number):
            text = " ".join(text.split())  # justification shows as runs of spaces
            if not text:
                return
            name = str(font["/BaseFont"]).split("+")[-1]
            lines.append(PdfLine(number, text, name, size, tm[4] + cm[4], tm[5] + cm[5]))

        page.extract_text(visitor_text=visit)
    return lines


def pdf_page_size(data: bytes) -> list[tuple[float, float]]:
    return [
        (float(page.mediabox.width), float(page.mediabox.height))
        for page in PdfReader(io.BytesIO(data)).pages
    ]


def pdf_fonts(data: bytes) -> set[tuple[str, bool]]:
    """(base font name, embedded?) of every font the pages use."""
    fonts = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = (
                font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            )
            descriptor = descendant["/FontDescriptor"].get_object()
            fonts.add((str(font["/BaseFont"]).split("+")[-1], "/FontFile2" in descriptor))
    return fonts


def normalized(text: str) -> str:
    return " ".join(text.split())


def in_order(text: str, fragments: list[str]) -> list[str]:
    """The fragments found in ``text`` one after another (whitespace-insensitive): equal to
    ``fragments`` when each stands after the one before."""
    haystack, found, position = normalized(text), [], 0
    for fragment in fragments:
        index = haystack.find(normalized(fragment), position)
        if index < 0:
            break
        found.append(fragment)
        position = index + len(normalized(fragment))
    return found
