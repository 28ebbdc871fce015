"""Render a plain-text protocol (the format of sample_protocol.txt) into real document formats.

Used by tests to feed readers and the parser with files as people upload them. Conventions of
the input: each non-empty line is a paragraph; ``**bold**`` marks bold text; a line starting
with «N. » is an item of an automatically numbered list; consecutive lines starting with «|»
form a table (cells separated by «|»).
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from fpdf import FPDF

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
BOLD_FONT = FONT.with_name("DejaVuSans-Bold.ttf")
SAMPLE_PROTOCOL = Path(__file__).with_name("sample_protocol.txt")

_NUMBERED = re.compile(r"(\d+)\.\s+(.*)")
_TABLE_SEPARATOR = re.compile(r"\|[\s:|-]*")


@dataclass(frozen=True)
class _Paragraph:
    text: str
    number: int | None = None  # of an automatically numbered list item
    continues: bool = False  # the number follows the previous item, maybe after other text


@dataclass(frozen=True)
class _Table:
    rows: list[list[str]]


def _blocks(text: str) -> list[_Paragraph | _Table]:
    blocks: list[_Paragraph | _Table] = []
    last_number = 0
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("|"):
            if _TABLE_SEPARATOR.fullmatch(line):
                continue
            cells = [cell.strip() for cell in line.strip("|").split("|")]
            if blocks and isinstance(blocks[-1], _Table):
                blocks[-1].rows.append(cells)
            else:
                blocks.append(_Table([cells]))
            continue
        numbered = _NUMBERED.fullmatch(line)
        if numbered:
            number = int(numbered.group(1))
            blocks.append(_Paragraph(numbered.group(2), number, number == last_number + 1))
            last_number = number
        else:
            blocks.append(_Paragraph(line))
    return blocks


def _segments(text: str) -> list[tuple[str, bool]]:
    """``**bold**`` markup split into (text, is_bold) pieces."""
    return [(piece, index % 2 == 1) for index, piece in enumerate(text.split("**")) if piece]


# --- DOCX ---------------------------------------------------------------------------------

_ABSTRACT_NUM = (
    "<w:abstractNum {ns} w:abstractNumId='{id}'><w:multiLevelType w:val='hybridMultilevel'/>"
    "<w:lvl w:ilvl='0'><w:start w:val='1'/><w:numFmt w:val='decimal'/><w:lvlText w:val='%1.'/>"
    "<w:lvlJc w:val='left'/><w:pPr><w:ind w:left='0' w:firstLine='709'/></w:pPr></w:lvl>"
    "</w:abstractNum>"
)
_NUM = (
    "<w:num {ns} w:numId='{id}'><w:abstractNumId w:val='{abstract}'/>"
    "<w:lvlOverride w:ilvl='0'><w:startOverride w:val='{start}'/></w:lvlOverride></w:num>"
)


class _DocxLists:
    """One decimal abstract list; a new list instance wherever the numbering starts over."""

    def __init__(self, document: docx.document.Document) -> None:
        self._numbering = document.part.numbering_part.element
        ids = [int(n) for n in self._numbering.xpath("//w:abstractNum/@w:abstractNumId")]
        self._abstract_id = max(ids, default=0) + 1
        # Schema order: every abstractNum precedes every num.
        abstract = parse_xml(_ABSTRACT_NUM.format(ns=nsdecls("w"), id=self._abstract_id))
        first_num = self._numbering.find("{*}num")
        if first_num is None:
            self._numbering.append(abstract)
        else:
            first_num.addprevious(abstract)
        self._num_id = 0

    def num_id(self, paragraph: _Paragraph) -> int:
        if not self._num_id or not paragraph.continues:
            used = [int(n) for n in self._numbering.xpath("//w:num/@w:numId")]
            self._num_id = max(used, default=0) + 1
            self._numbering.append(
                parse_xml(
                    _NUM.format(
                        ns=nsdecls("w"),
                        id=self._num_id,
                        abstract=self._abstract_id,
                        start=paragraph.number,
                    )
                )
            )
        return self._num_id


def _add_runs(paragraph: docx.text.paragraph.Paragraph, text: str) -> None:
    for piece, bold in _segments(text):
        paragraph.add_run(piece).bold = bold


def render_docx(text: str) -> bytes:
    document = docx.Document()
    lists = _DocxLists(document)
    for block in _blocks(text):
        if isinstance(block, _Table):
            width = max(len(row) for row in block.rows)
            table = document.add_table(rows=len(block.rows), cols=width)
            for row, cells in zip(table.rows, block.rows, strict=True):
                for cell, cell_text in zip(row.cells, cells, strict=False):
                    _add_runs(cell.paragraphs[0], cell_text)
            continue
        paragraph = document.add_paragraph()
        _add_runs(paragraph, block.text)
        if block.number is not None:
            num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
            num_pr.get_or_add_ilvl().val = 0
            num_pr.get_or_add_numId().val = lists.num_id(block)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- ODT ----------------------------------------------------------------------------------

_ODT_NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'office:version="1.3"'
)
_ODT_STYLES = (
    '<office:automatic-styles><style:style style:name="T1" style:family="text">'
    '<style:text-properties fo:font-weight="bold"/></style:style>'
    '<text:list-style style:name="L1"><text:list-level-style-number text:level="1" '
    'style:num-suffix="." style:num-format="1"/></text:list-style></office:automatic-styles>'
)
_ODT_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
    'manifest:version="1.3">'
    '<manifest:file-entry manifest:full-path="/" '
    'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)


def _odt_inline(text: str) -> str:
    return "".join(
        f'<text:span text:style-name="T1">{html.escape(piece)}</text:span>'
        if bold
        else html.escape(piece)
        for piece, bold in _segments(text)
    )


def _odt_body(text: str) -> str:
    parts: list[str] = []
    in_list = False
    for block in _blocks(text):
        if in_list and (
            not isinstance(block, _Paragraph) or not block.continues or block.number is None
        ):
            parts.append("</text:list>")
            in_list = False
        if isinstance(block, _Table):
            width = max(len(row) for row in block.rows)
            parts.append(
                f'<table:table><table:table-column table:number-columns-repeated="{width}"/>'
            )
            for row in block.rows:
                cells = "".join(
                    f"<table:table-cell><text:p>{_odt_inline(cell)}</text:p></table:table-cell>"
                    for cell in row
                )
                parts.append(f"<table:table-row>{cells}</table:table-row>")
            parts.append("</table:table>")
        elif block.number is None:
            parts.append(f"<text:p>{_odt_inline(block.text)}</text:p>")
        else:
            if not in_list:
                continues = ' text:continue-numbering="true"' if block.continues else ""
                parts.append(f'<text:list text:style-name="L1"{continues}>')
                in_list = True
            start = "" if block.continues else f' text:start-value="{block.number}"'
            parts.append(
                f"<text:list-item{start}><text:p>{_odt_inline(block.text)}</text:p></text:list-item>"
            )
    if in_list:
        parts.append("</text:list>")
    return "".join(parts)


def render_odt(text: str) -> bytes:
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODT_NAMESPACES}>'
        f"{_ODT_STYLES}<office:body><office:text>{_odt_body(text)}</office:text></office:body>"
        "</office:document-content>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        # ODF requires the mimetype first and uncompressed, so it can be sniffed at offset 38.
        archive.writestr(
            zipfile.ZipInfo("mimetype"),
            "application/vnd.oasis.opendocument.text",
            zipfile.ZIP_STORED,
        )
        archive.writestr("META-INF/manifest.xml", _ODT_MANIFEST)
        archive.writestr("content.xml", content)
    return buffer.getvalue()


# --- PDF ----------------------------------------------------------------------------------


def render_pdf(text: str) -> bytes:
    """A4 landscape in a small font, so that few paragraphs need wrapping."""
    pdf = FPDF(orientation="L", format="A4")
    pdf.set_margins(10, 10, 10)
    pdf.add_font("DejaVu", "", str(FONT))
    pdf.add_font("DejaVu", "B", str(BOLD_FONT))
    pdf.set_font("DejaVu", size=7)
    pdf.add_page()
    for raw in text.splitlines():
        line = raw.strip()
        if line:
            pdf.multi_cell(0, 3.5, line, align="L", markdown=True, new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.ln(2)
    return bytes(pdf.output())


# --- RTF ----------------------------------------------------------------------------------

_RTF_HEADER = (
    r"{\rtf1\ansi\ansicpg1251\deff0{\fonttbl{\f0\froman\fcharset204 Times New Roman;}}"
    "\n" + r"\f0\fs24 "
)


def _rtf_escape(text: str) -> str:
    out = []
    for char in text:
        if char in "\\{}":
            out.append("\\" + char)
        elif 32 <= ord(char) < 128:
            out.append(char)
        else:
            try:
                out.append("".join(f"\\'{byte:02x}" for byte in char.encode("cp1251")))
            except UnicodeEncodeError:
                out.append(f"\\u{ord(char) if ord(char) < 32768 else ord(char) - 65536}?")
    return "".join(out)


def render_rtf(text: str) -> bytes:
    paragraphs = []
    for raw in text.splitlines():
        inline = "".join(
            f"{{\\b {_rtf_escape(piece)}}}" if bold else _rtf_escape(piece)
            for piece, bold in _segments(raw.strip())
        )
        paragraphs.append(f"\\pard {inline}\\par\n")
    return (_RTF_HEADER + "".join(paragraphs) + "}").encode("ascii")


# --- HTML ---------------------------------------------------------------------------------


def _html_inline(text: str) -> str:
    return "".join(
        f"<b>{html.escape(piece)}</b>" if bold else html.escape(piece)
        for piece, bold in _segments(text)
    )


def render_html(text: str) -> bytes:
    body: list[str] = []
    for block in _blocks(text):
        if isinstance(block, _Table):
            rows = "".join(
                "<tr>" + "".join(f"<td>{_html_inline(cell)}</td>" for cell in row) + "</tr>"
                for row in block.rows
            )
            body.append(f"<table>{rows}</table>")
        else:
            number = f"{block.number}. " if block.number is not None else ""
            body.append(f"<p>{html.escape(number)}{_html_inline(block.text)}</p>")
    page = (
        '<!DOCTYPE html>\n<html lang="ru"><head><meta charset="utf-8"><title>Протокол</title>'
        "<style>p { margin: 0 }</style></head>\n<body>\n" + "\n".join(body) + "\n</body></html>\n"
    )
    return page.encode("utf-8")
