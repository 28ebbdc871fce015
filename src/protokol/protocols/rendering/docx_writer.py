"""Layout blocks → DOCX (python-docx): Times New Roman 14 pt on A4 with ГОСТ margins."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import replace

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Length, Mm, Pt
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph

from .layout import (
    FIRST_LINE_INDENT_MM,
    FONT_SIZE_PT,
    MARGIN_BOTTOM_MM,
    MARGIN_LEFT_MM,
    MARGIN_RIGHT_MM,
    MARGIN_TOP_MM,
    PAGE_HEIGHT_MM,
    PAGE_NUMBER_FROM_TOP_MM,
    PAGE_WIDTH_MM,
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

# The face Word users have; LibreOffice shows it as Liberation Serif, same metrics.
FONT_NAME = "Times New Roman"
FONT_SIZE = Pt(FONT_SIZE_PT)
SMALL_FONT_SIZE = Pt(SMALL_FONT_SIZE_PT)
LANGUAGE = "ru-RU"

_ALIGNMENT = {
    Align.LEFT: WD_ALIGN_PARAGRAPH.LEFT,
    Align.CENTER: WD_ALIGN_PARAGRAPH.CENTER,
    Align.RIGHT: WD_ALIGN_PARAGRAPH.RIGHT,
    Align.JUSTIFY: WD_ALIGN_PARAGRAPH.JUSTIFY,
}


def write_docx(blocks: Iterable[Block], metadata: Metadata) -> bytes:
    document = Document()
    _set_up_normal_style(document)
    _set_up_page(document)
    _set_core_properties(document, metadata)
    _drop_template_thumbnail(document)
    for block in blocks:
        if isinstance(block, Paragraph):
            _add_paragraph(document, block)
        elif isinstance(block, Columns):
            _add_columns(document, block)
        elif isinstance(block, SideBySide):
            _add_side_by_side(document, block)
        elif isinstance(block, Table):
            _add_table(document, block)
        elif isinstance(block, PageBottom):
            _add_page_bottom(document, block)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _set_up_page(document: DocxDocument) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    section.left_margin, section.right_margin = Mm(MARGIN_LEFT_MM), Mm(MARGIN_RIGHT_MM)
    section.top_margin, section.bottom_margin = Mm(MARGIN_TOP_MM), Mm(MARGIN_BOTTOM_MM)
    section.header_distance = Mm(PAGE_NUMBER_FROM_TOP_MM)
    # Page numbers in the middle of the top margin, from the second page on: the first
    # page has a header of its own, left empty.
    section.different_first_page_header_footer = True
    number = section.header.paragraphs[0]
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    # The field's shown result carries the size, which Word keeps when it updates it.
    result = OxmlElement("w:r")
    result.append(_size_properties(SMALL_FONT_SIZE))
    text = OxmlElement("w:t")
    text.text = "2"
    result.append(text)
    field.append(result)
    number._p.append(field)


def _size_properties(size: Length) -> BaseOxmlElement:
    properties = OxmlElement("w:rPr")
    for tag in ("w:sz", "w:szCs"):
        element = OxmlElement(tag)
        element.set(qn("w:val"), str(round(size.pt * 2)))  # half-points
        properties.append(element)
    return properties


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


def _add_paragraph(container: DocxDocument | _Cell, block: Paragraph) -> DocxParagraph:
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
    return paragraph


def _add_spacer(document: DocxDocument, points: float) -> None:
    # A table has no "space before"; an empty paragraph of that height does the job.
    if points:
        spacer = document.add_paragraph()
        spacer.paragraph_format.line_spacing = Pt(points)


def _add_columns(document: DocxDocument, block: Columns) -> None:
    """A borderless one-row table, both cells top-aligned; the gap is the right cell's
    indent, so its text starts where the PDF's does."""
    _add_spacer(document, block.space_before)
    widths = (block.left_width_mm, TEXT_WIDTH_MM - block.left_width_mm)
    cells = _borderless_row(document, widths, WD_CELL_VERTICAL_ALIGNMENT.TOP)
    for cell, paragraphs, gap in zip(
        cells, (block.left, block.right), (0.0, block.gap_mm), strict=True
    ):
        for paragraph in paragraphs:
            _add_paragraph(cell, replace(paragraph, left_mm=paragraph.left_mm + gap))


def _add_side_by_side(document: DocxDocument, block: SideBySide) -> None:
    """A borderless one-row table: the right cell is bottom-aligned, so the name stands on
    the line of the position's last line."""
    _add_spacer(document, block.space_before)
    widths = (SIGNATURE_LEFT_WIDTH_MM, TEXT_WIDTH_MM - SIGNATURE_LEFT_WIDTH_MM)
    left, right = _borderless_row(document, widths, WD_CELL_VERTICAL_ALIGNMENT.BOTTOM)
    _add_paragraph(left, Paragraph(block.left, align=Align.LEFT))
    _add_paragraph(right, Paragraph(block.right, align=Align.RIGHT))


def _borderless_row(
    document: DocxDocument, widths_mm: tuple[float, float], vertical: WD_CELL_VERTICAL_ALIGNMENT
) -> tuple[_Cell, _Cell]:
    table = document.add_table(rows=1, cols=2)
    table.autofit = False
    _remove_cell_margins(table)
    _set_widths(table, widths_mm)
    left, right = table.rows[0].cells
    for cell in (left, right):
        cell.vertical_alignment = vertical
        # A new cell holds one empty paragraph: fill it rather than add a second one.
        cell._element.remove(cell.paragraphs[0]._p)
    return left, right


def _set_widths(table: DocxTable, widths_mm: Iterable[float]) -> None:
    # Word reads the grid of a fixed-layout table, LibreOffice the cell widths: set both.
    for column, width_mm in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width_mm)
        for cell in column.cells:
            cell.width = Mm(width_mm)


def _add_table(document: DocxDocument, block: Table) -> None:
    _add_spacer(document, block.space_before)
    table = document.add_table(rows=1 + len(block.rows), cols=len(block.header))
    table.style = document.styles["Table Grid"]
    table.autofit = False
    _set_widths(table, block.widths_mm)
    # The header row repeats at the top of every page the table runs on.
    header_row = table.rows[0]
    header_row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for row, texts, bold in (
        (header_row, block.header, True),
        *((table.rows[i + 1], texts, False) for i, texts in enumerate(block.rows)),
    ):
        for cell, text in zip(row.cells, texts, strict=True):
            cell._element.remove(cell.paragraphs[0]._p)
            _add_paragraph(cell, Paragraph(text, bold=bold))


def _add_page_bottom(document: DocxDocument, block: PageBottom) -> None:
    """The executor mark in a frame anchored to the bottom of the text area: Word and
    LibreOffice put it at the foot of the page its paragraph falls on — the last one."""
    paragraph = _add_paragraph(document, Paragraph("\n".join(block.lines), small=True))
    frame = OxmlElement("w:framePr")
    frame.set(qn("w:w"), str(round(Mm(TEXT_WIDTH_MM).twips)))
    frame.set(qn("w:wrap"), "around")
    frame.set(qn("w:hAnchor"), "margin")
    frame.set(qn("w:vAnchor"), "margin")
    frame.set(qn("w:xAlign"), "left")
    frame.set(qn("w:yAlign"), "bottom")
    properties = paragraph._p.get_or_add_pPr()
    # Schema order: pStyle, keepNext, keepLines, pageBreakBefore, framePr, …
    anchor = properties.find(qn("w:pStyle"))
    if anchor is not None:
        anchor.addnext(frame)
    else:
        properties.insert(0, frame)


def _remove_cell_margins(table: DocxTable) -> None:
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
