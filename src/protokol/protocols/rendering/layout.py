"""A document as a flat list of layout blocks, shared by the DOCX and PDF writers.

Each document module (cover letter, extract, справка) states once *what* goes on the page and
in which order; ``docx_writer`` and ``pdf_writer`` decide *how* to draw it, with the geometry
and type sizes below, so the two formats of one document cannot drift apart.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

# Page geometry (ГОСТ Р 7.0.97-2016): A4; margins 20 mm on the left, 10 mm on the
# right, 20 mm at the top and at the bottom.
PAGE_WIDTH_MM = 210.0
PAGE_HEIGHT_MM = 297.0
MARGIN_LEFT_MM = 20.0
MARGIN_RIGHT_MM = 10.0
MARGIN_TOP_MM = 20.0
MARGIN_BOTTOM_MM = 20.0
TEXT_WIDTH_MM = PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM
# The page number stands in the middle of the top margin.
PAGE_NUMBER_FROM_TOP_MM = 10.0

# Type: a face metric-compatible with Times New Roman — the DOCX names Times New Roman, the
# PDF embeds Liberation Serif, whose glyphs have the same widths, so lines break alike.
# 14 pt for the text; 12 pt for reference data, the executor mark and page numbers
# (ГОСТ Р 7.0.97 allows smaller sizes there).
FONT_SIZE_PT = 14.0
SMALL_FONT_SIZE_PT = 12.0
# Single line spacing of this face, as Word and LibreOffice compute it from the font's
# ascent + descent + line gap (1825 + 443 + 87 units of 2048).
LINE_PITCH = 1.15

# The paragraph indent of running text: 1.25 cm.
FIRST_LINE_INDENT_MM = 12.5
# The head of a letter (angular letterhead): the author block with the registration line in
# the left column, the addressee in the right one, level with the top of the page.
HEAD_LEFT_WIDTH_MM = 88.0
HEAD_GAP_MM = 7.0
# Signature: the position wraps within the left column; the name sits at the right margin.
SIGNATURE_LEFT_WIDTH_MM = 105.0

# Vertical gaps, in points (the unit of DOCX paragraph spacing).
GAP_LINE = 14.0
GAP_BEFORE_SIGNATURE = 36.0


class Align(enum.Enum):
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"
    JUSTIFY = "justify"


@dataclass(frozen=True)
class Paragraph:
    """One paragraph; ``left_mm``/``right_mm`` indent it from the page margins (or from the
    edges of its column)."""

    text: str
    align: Align = Align.LEFT
    bold: bool = False
    small: bool = False
    first_line_indent: bool = False
    left_mm: float = 0.0
    right_mm: float = 0.0
    space_before: float = 0.0
    keep_with_next: bool = False


@dataclass(frozen=True)
class Columns:
    """Two columns of paragraphs side by side, both starting on the same line: the left one
    ``left_width_mm`` wide, the right one after a gap of ``gap_mm`` to the right margin."""

    left: tuple[Paragraph, ...]
    right: tuple[Paragraph, ...]
    left_width_mm: float
    gap_mm: float
    space_before: float = 0.0


@dataclass(frozen=True)
class SideBySide:
    """Two texts on one line: the left one wraps in its column, the right one stands at the
    right margin level with the left one's last line («И.О. директора Департамента …
    М.И. Софронова»)."""

    left: str
    right: str
    space_before: float = 0.0


@dataclass(frozen=True)
class Table:
    """A ruled table with a header row repeated on every page; widths in mm add up to the
    text width."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths_mm: tuple[float, ...]
    space_before: float = 0.0


@dataclass(frozen=True)
class PageBottom:
    """Small lines at the bottom left of the last page: the executor mark."""

    lines: tuple[str, ...]


Block = Paragraph | Columns | SideBySide | Table | PageBottom


@dataclass(frozen=True)
class Metadata:
    """Document properties: DOCX core properties, PDF document information."""

    title: str
    author: str
    subject: str = ""


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs separated by blank lines; line breaks inside a paragraph become spaces."""
    paragraphs = []
    for chunk in text.replace("\r\n", "\n").split("\n\n"):
        joined = " ".join(line.strip() for line in chunk.splitlines() if line.strip())
        if joined:
            paragraphs.append(joined)
    return paragraphs
