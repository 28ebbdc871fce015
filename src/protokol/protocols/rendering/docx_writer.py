"""Layout blocks → DOCX (python-docx): Times New Roman 14 pt on A4 with ГОСТ margins."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table, _Cell

from .layout import (
    FIRST_LINE_INDENT_MM,
    GAP_BEFORE_SIGNATURE,
    MARGIN_BOTTOM_MM,
    MARGIN_LEFT_MM,
    MARGIN_RIGHT_MM,
    MARGIN_TOP_MM,
    PAGE_HEIGHT_MM,
    PAGE_WIDTH_MM,
    SIGNATURE_LEFT_WIDTH_MM,
    TEXT_WIDTH_MM,
    Align,
    Block,
    Metadata,
    PageBottom,
    Paragraph,
    SideBySide,
)

FONT_NAME = "Times New Roman"
FONT_SIZE = Pt(14)
# The executor mark and notes: a smaller size, as ГОСТ Р 7.0.97 allows.
SMALL_FONT_SIZE = Pt(12)
LANGUAGE = "ru-RU"

_ALIGNMENT = {
    Align.LEFT: WD_ALIGN_PARAGRAPH.LEFT,
    Align.CENTER: WD_ALIGN_PARAGRAPH.CENTER,
    Align.RIGHT: WD_ALIGN_PARAGRAPH.RIGHT,
    Align.JUSTIFY: WD_ALIGN_PARAGRAPH.JUSTIFY,
}


def write_docx(blocks: Iterable[Block], metadata: Metadata) -> bytes:
    document = Document()
    _set_up_page(document)
    _set_up_normal_style(document)
    _set_core_properties(document, metadata)
    _drop_template_thumbnail(document)
    for block in blocks:
        if isinstance(block, Paragraph):
            _add_paragraph(document, block)
        elif isinstance(block, SideBySide):
            _add_side_by_side(document, block)
        elif isinstance(block, PageBottom):
            # Word has no "bottom of the last page" anchor short of frames; a gap after the
            # signature is what clerks type by hand too.
            for index, line in enumerate(block.lines):
                gap = GAP_BEFORE_SIGNATURE if index == 0 else 0.0
                _add_paragraph(document, Paragraph(line, small=True, space_before=gap))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _set_up_page(document: DocxDocument) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    section.left_margin, section.right_margin = Mm(MARGIN_LEFT_MM), Mm(MARGIN_RIGHT_MM)
    section.top_margin, section.bottom_margin = Mm(MARGIN_TOP_MM), Mm(MARGIN_BOTTOM_MM)
    section.header_distance = Mm(10)
    # Page numbers at the top centre, from the second page on.
    section.different_first_page_header_footer = True
    number = section.header.paragraphs[0]
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    number._p.append(field)


def _set_up_normal_style(document: DocxDocument) -> None:
    style = document.styles["Normal"]
    style.font.name = FONT_NAME
    style.font.size = FONT_SIZE
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    # Without these, Word may fall back to the theme font for some character classes.
    fonts.set(qn("w:eastAsia"), FONT_NAME)
    fonts.set(qn("w:cs"), FONT_NAME)
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), LANGUAGE)
    style.element.get_or_add_rPr().append(language)
    style.paragraph_format.space_before = Pt(0)
    style.paragraph_format.space_after = Pt(0)
    style.paragraph_format.line_spacing = 1.0


def _set_core_properties(document: DocxDocument, metadata: Metadata) -> None:
    properties = document.core_properties
    properties.title = metadata.title
    properties.subject = metadata.subject
    properties.author = metadata.author
    properties.last_modified_by = metadata.author
    properties.language = LANGUAGE
    properties.comments = ""
    properties.keywords = ""
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    properties.created = properties.modified = now
    properties.revision = 1


def _drop_template_thumbnail(document: DocxDocument) -> None:
    """python-docx's template carries a preview picture of some other document; file managers
    would show it for ours."""
    relationships = document.part.package.rels
    for r_id, relationship in list(relationships.items()):
        if relationship.reltype == RELATIONSHIP_TYPE.THUMBNAIL:
            relationships.pop(r_id)


def _add_paragraph(container: DocxDocument | _Cell, block: Paragraph) -> None:
    paragraph = container.add_paragraph()
    paragraph.alignment = _ALIGNMENT[block.align]
    layout = paragraph.paragraph_format
    if block.first_line_indent:
        layout.first_line_indent = Mm(FIRST_LINE_INDENT_MM)
    if block.left_mm:
        layout.left_indent = Mm(block.left_mm)
    if block.right_mm:
        layout.right_indent = Mm(block.right_mm)
    if block.space_before:
        layout.space_before = Pt(block.space_before)
    if block.keep_with_next:
        layout.keep_with_next = True
    run = paragraph.add_run(block.text)  # "\n" becomes a line break
    run.bold = block.bold or None
    if block.small:
        run.font.size = SMALL_FONT_SIZE


def _add_side_by_side(document: DocxDocument, block: SideBySide) -> None:
    """A borderless one-row table: the right cell is bottom-aligned, so the name stands on
    the line of the position's last line."""
    if block.space_before:
        # A table has no "space before"; an empty paragraph of that height does the job.
        spacer = document.add_paragraph()
        spacer.paragraph_format.line_spacing = Pt(block.space_before)
    table = document.add_table(rows=1, cols=2)
    table.autofit = False
    _remove_cell_margins(table)
    left, right = table.rows[0].cells
    widths = (Mm(SIGNATURE_LEFT_WIDTH_MM), Mm(TEXT_WIDTH_MM - SIGNATURE_LEFT_WIDTH_MM))
    # Word reads the grid of a fixed-layout table, LibreOffice the cell widths: set both.
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for cell, width, text, align in (
        (left, widths[0], block.left, Align.LEFT),
        (right, widths[1], block.right, Align.RIGHT),
    ):
        cell.width = width
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
        # A new cell holds one empty paragraph: fill it rather than add a second one.
        cell._element.remove(cell.paragraphs[0]._p)
        _add_paragraph(cell, Paragraph(text, align=align))


def _remove_cell_margins(table: Table) -> None:
    """Zero left/right cell padding so the texts touch the page margins like body text."""
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), "0")
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    properties = table._tbl.tblPr
    look = properties.find(qn("w:tblLook"))
    if look is not None:
        look.addprevious(margins)  # schema order: tblCellMar comes before tblLook
    else:
        properties.append(margins)
