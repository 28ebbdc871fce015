"""Layout blocks → PDF (fpdf2) with the vendored Liberation Serif, metric-compatible with the
Times New Roman of the DOCX, so Cyrillic never depends on the fonts of the host and a PDF
breaks its lines where the DOCX does."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from importlib import resources
from typing import cast

from fpdf import FPDF
from fpdf.enums import Align as FpdfAlign
from fpdf.enums import TableBordersLayout, VAlign, XPos, YPos
from fpdf.fonts import FontFace

from .layout import (
    FIRST_LINE_INDENT_MM,
    FONT_SIZE_PT,
    LINE_PITCH,
    MARGIN_BOTTOM_MM,
    MARGIN_LEFT_MM,
    MARGIN_RIGHT_MM,
    MARGIN_TOP_MM,
    PAGE_NUMBER_FROM_TOP_MM,
    SIGNATURE_LEFT_WIDTH_MM,
    SMALL_FONT_SIZE_PT,
    TEXT_WIDTH_MM,
    Align,
    Block,
    Columns,
    Metadata,
    PageBottom,
    Paragraph,
    SideBySide,
    Table,
)

FONT_FAMILY = "LiberationSerif"
FONT_FILES = {"": "LiberationSerif-Regular.ttf", "B": "LiberationSerif-Bold.ttf"}
MM_PER_PT = 25.4 / 72
# Word's default cell padding (0.19 cm left and right), so table text sits where it does
# in the DOCX.
CELL_PADDING_MM = (0.0, 1.9, 0.0, 1.9)

_ALIGNMENT = {
    Align.LEFT: FpdfAlign.L,
    Align.CENTER: FpdfAlign.C,
    Align.RIGHT: FpdfAlign.R,
    Align.JUSTIFY: FpdfAlign.J,
}


class _Pdf(FPDF):
    def header(self) -> None:
        # Page numbers in the middle of the top margin, from the second page on (as in the DOCX).
        if self.page_no() > 1:
            self.set_font(FONT_FAMILY, "", SMALL_FONT_SIZE_PT)
            self.set_y(PAGE_NUMBER_FROM_TOP_MM)
            self.cell(0, self.font_size * LINE_PITCH, str(self.page_no()), align=FpdfAlign.C)
            self.set_y(MARGIN_TOP_MM)


def write_pdf(blocks: Iterable[Block], metadata: Metadata) -> bytes:
    fonts = resources.files("protokol.protocols.rendering") / "fonts"
    with contextlib.ExitStack() as stack:
        pdf = _Pdf(orientation="portrait", unit="mm", format="A4")
        for style, name in FONT_FILES.items():
            # as_file: a real path even when the package is zipped; kept until output().
            path = stack.enter_context(resources.as_file(fonts / name))
            pdf.add_font(FONT_FAMILY, style, path)
        pdf.set_margins(MARGIN_LEFT_MM, MARGIN_TOP_MM, MARGIN_RIGHT_MM)
        # fpdf2 pads cells by 1 mm; the DOCX text touches the margins (its tables' cells have
        # no padding either), so the text area is the same in both formats.
        pdf.c_margin = 0
        pdf.set_auto_page_break(auto=True, margin=MARGIN_BOTTOM_MM)
        pdf.set_title(metadata.title)
        pdf.set_author(metadata.author)
        pdf.set_subject(metadata.subject)
        pdf.set_creator("Protokol")
        pdf.set_lang("ru-RU")
        pdf.add_page()
        for block in blocks:
            if isinstance(block, Paragraph):
                _paragraph(pdf, block)
            elif isinstance(block, Columns):
                _columns(pdf, block)
            elif isinstance(block, SideBySide):
                _side_by_side(pdf, block)
            elif isinstance(block, Table):
                _table(pdf, block)
            elif isinstance(block, PageBottom):
                _page_bottom(pdf, block)
        return bytes(pdf.output())


def _use_font(pdf: FPDF, *, bold: bool = False, small: bool = False) -> float:
    """Select the font and return the line pitch in mm."""
    pdf.set_font(FONT_FAMILY, "B" if bold else "", SMALL_FONT_SIZE_PT if small else FONT_SIZE_PT)
    return pdf.font_size * LINE_PITCH


def _skip(pdf: FPDF, points: float) -> None:
    # No gap at the top of a page: it would only push the text down.
    if points and pdf.y > pdf.t_margin:
        pdf.ln(points * MM_PER_PT)


def _paragraph(pdf: FPDF, block: Paragraph, *, left_mm: float = 0.0, right_mm: float = 0.0) -> None:
    """One paragraph between the margins, or within a column that starts ``left_mm`` after
    the left margin and ends ``right_mm`` before the right one."""
    _skip(pdf, block.space_before)
    pitch = _use_font(pdf, bold=block.bold, small=block.small)
    left, right = left_mm + block.left_mm, right_mm + block.right_mm
    if block.keep_with_next:
        # A heading or «Верно» must not end a page: start a new one unless this paragraph
        # and the first lines of the next block fit.
        lines = _line_count(pdf, TEXT_WIDTH_MM - left - right, pitch, block.text)
        if pdf.will_page_break(pitch * (lines + 2)):
            pdf.add_page()
    # text_columns rather than multi_cell: only it supports a first-line indent.
    with pdf.text_columns(
        text_align=_ALIGNMENT[block.align],
        line_height=LINE_PITCH,
        l_margin=MARGIN_LEFT_MM + left,
        r_margin=MARGIN_RIGHT_MM + right,
    ) as column:
        indent = FIRST_LINE_INDENT_MM if block.first_line_indent else 0.0
        with column.paragraph(first_line_indent=indent) as paragraph:
            paragraph.write(block.text)
    pdf.set_x(pdf.l_margin)


def _columns(pdf: FPDF, block: Columns) -> None:
    """Both columns start on the same line; the block ends below the longer one."""
    _skip(pdf, block.space_before)
    top, page = pdf.y, pdf.page
    right_column_start = block.left_width_mm + block.gap_mm
    for paragraph in block.left:
        _paragraph(pdf, paragraph, right_mm=TEXT_WIDTH_MM - block.left_width_mm)
    bottom = pdf.y
    pdf.page, pdf.y = page, top
    for paragraph in block.right:
        _paragraph(pdf, paragraph, left_mm=right_column_start)
    pdf.set_xy(pdf.l_margin, max(bottom, pdf.y))


def _side_by_side(pdf: FPDF, block: SideBySide) -> None:
    _skip(pdf, block.space_before)
    pitch = _use_font(pdf)
    lines = _line_count(pdf, SIGNATURE_LEFT_WIDTH_MM, pitch, block.left)
    if pdf.will_page_break(pitch * lines):
        pdf.add_page()  # keep the position and the name together
    top = pdf.y
    pdf.multi_cell(SIGNATURE_LEFT_WIDTH_MM, pitch, block.left, align=FpdfAlign.L)
    pdf.set_xy(pdf.l_margin + SIGNATURE_LEFT_WIDTH_MM, top + pitch * (lines - 1))
    pdf.cell(TEXT_WIDTH_MM - SIGNATURE_LEFT_WIDTH_MM, pitch, block.right, align=FpdfAlign.R)
    pdf.set_xy(pdf.l_margin, top + pitch * lines)


def _table(pdf: FPDF, block: Table) -> None:
    _skip(pdf, block.space_before)
    pitch = _use_font(pdf)
    with pdf.table(
        width=TEXT_WIDTH_MM,
        col_widths=block.widths_mm,
        align=FpdfAlign.L,
        v_align=VAlign.T,
        text_align=FpdfAlign.L,
        borders_layout=TableBordersLayout.ALL,
        line_height=pitch,
        padding=CELL_PADDING_MM,
        headings_style=FontFace(emphasis="BOLD"),
        repeat_headings=1,
    ) as table:
        for texts in (block.header, *block.rows):
            row = table.row()
            for text in texts:
                row.cell(text)
    pdf.set_x(pdf.l_margin)


def _line_count(pdf: FPDF, width: float, pitch: float, text: str) -> int:
    wrapped = pdf.multi_cell(width, pitch, text, align=FpdfAlign.L, dry_run=True, output="LINES")
    return len(cast("list[str]", wrapped))


def _page_bottom(pdf: FPDF, block: PageBottom) -> None:
    pitch = _use_font(pdf, small=True)
    height = pitch * len(block.lines)
    # A hair above the limit, or fpdf2's own page-break check fires on rounding.
    bottom = pdf.h - pdf.b_margin - height - 0.01
    if pdf.y > bottom:
        pdf.add_page()
    pdf.set_y(bottom)
    for line in block.lines:
        pdf.cell(0, pitch, line, align=FpdfAlign.L, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
