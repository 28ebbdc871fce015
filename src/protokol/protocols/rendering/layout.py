"""A document as a flat list of layout blocks, shared by the DOCX and PDF writers.

Each document module (cover letter, extract) states once *what* goes on the page and in which
order; ``docx_writer`` and ``pdf_writer`` decide *how* to draw it, so the two formats of one
document cannot drift apart.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

# Page geometry (ГОСТ Р 7.0.97, DOMAIN.md §3): A4; margins at least 20 mm on the left,
# 10 mm on the right and 20 mm at the top and bottom. 30 mm on the left leaves room for binding.
PAGE_WIDTH_MM = 210.0
PAGE_HEIGHT_MM = 297.0
MARGIN_LEFT_MM = 30.0
MARGIN_RIGHT_MM = 15.0
MARGIN_TOP_MM = 20.0
MARGIN_BOTTOM_MM = 20.0
TEXT_WIDTH_MM = PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM

# The paragraph indent of running text: 1.25 cm.
FIRST_LINE_INDENT_MM = 12.5
# The author block keeps to the left part of the letter, the addressee to the right part.
AUTHOR_BLOCK_WIDTH_MM = 85.0
ADDRESSEE_INDENT_MM = 90.0
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
    """One paragraph; ``left_mm``/``right_mm`` indent it from the page margins."""

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
class SideBySide:
    """Two texts on one line: the left one wraps in its column, the right one stands at the
    right margin level with the left one's last line («И.О. директора Департамента …
    М.И. Софронова»)."""

    left: str
    right: str
    space_before: float = 0.0


@dataclass(frozen=True)
class PageBottom:
    """Small lines at the bottom left of the last page: the executor mark."""

    lines: tuple[str, ...]


Block = Paragraph | SideBySide | PageBottom


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
