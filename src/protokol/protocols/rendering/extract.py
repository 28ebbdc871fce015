"""Выписка из протокола for one region: the header of the original protocol, only the items
addressed to the region under their original section and item numbers, the chair's signature
and the certification «Верно» (DOMAIN.md §3)."""

from __future__ import annotations

from itertools import groupby

from .data import ExtractItem, ProtocolExtract
from .dates import format_date_numeric, format_date_words
from .docx_writer import write_docx
from .layout import (
    GAP_BEFORE_SIGNATURE,
    GAP_LINE,
    Align,
    Block,
    Metadata,
    Paragraph,
    SideBySide,
)
from .pdf_writer import write_pdf

DOCUMENT_TYPE = "ВЫПИСКА ИЗ ПРОТОКОЛА"
CERTIFIED = "Верно"
BLANK_DATE = "«___» __________ 20__ г."
BLANK_NUMBER = "________"
# Deadlines that the original protocol does not print as a «Срок — …» line.
_NO_DEADLINE = {"", "без срока"}


def render_extract_docx(extract: ProtocolExtract) -> bytes:
    return write_docx(extract_blocks(extract), _metadata(extract))


def render_extract_pdf(extract: ProtocolExtract) -> bytes:
    return write_pdf(extract_blocks(extract), _metadata(extract))


def extract_blocks(extract: ProtocolExtract) -> list[Block]:
    date = format_date_words(extract.protocol_date) if extract.protocol_date else BLANK_DATE
    blocks: list[Block] = [
        Paragraph(extract.letterhead.ministry, align=Align.CENTER, bold=True),
        Paragraph(DOCUMENT_TYPE, align=Align.CENTER, bold=True, space_before=GAP_LINE),
        SideBySide(date, f"№ {extract.protocol_number.strip() or BLANK_NUMBER}", GAP_LINE),
    ]
    if extract.place:
        blocks.append(Paragraph(extract.place, align=Align.CENTER, space_before=GAP_LINE))
    blocks += [
        Paragraph(extract.protocol_title, align=Align.CENTER, bold=True, space_before=GAP_LINE),
        Paragraph(f"Субъект Российской Федерации: {extract.region_name}", space_before=GAP_LINE),
    ]
    for (number, title), items in groupby(
        extract.items, key=lambda item: (item.section_number, item.section_title)
    ):
        if title:
            blocks.append(
                Paragraph(
                    numbered(number, title, roman=True),
                    bold=True,
                    space_before=GAP_LINE,
                    keep_with_next=True,
                )
            )
        for item in items:
            blocks += _item_blocks(item)
    blocks += [
        Paragraph(note, align=Align.JUSTIFY, small=True, space_before=GAP_LINE / 2)
        for note in extract.notes
    ]
    blocks += [
        SideBySide(extract.chair_position, extract.chair_name, GAP_BEFORE_SIGNATURE),
        Paragraph(CERTIFIED, space_before=GAP_LINE * 2, keep_with_next=True),
        SideBySide(extract.certifier_position, extract.certifier_name, GAP_LINE),
        Paragraph(format_date_numeric(extract.certified_on), space_before=GAP_LINE),
    ]
    return blocks


def numbered(number: str | None, text: str, *, roman: bool = False) -> str:
    """«1. …», «III. …», «а) …» — the numbering as the original protocol prints it."""
    if not number:
        return text
    bare = number.strip().rstrip(".)")
    is_letter = not roman and len(bare) == 1 and bare.isalpha()
    return f"{bare}{')' if is_letter else '.'} {text}"


def _item_blocks(item: ExtractItem) -> list[Block]:
    deadline = item.deadline.strip()
    has_deadline = deadline.lower() not in _NO_DEADLINE
    blocks: list[Block] = [
        Paragraph(
            numbered(item.number, item.text),
            align=Align.JUSTIFY,
            first_line_indent=True,
            space_before=GAP_LINE / 2,
            keep_with_next=has_deadline,
        )
    ]
    if has_deadline:
        blocks.append(Paragraph(f"Срок — {deadline}", bold=True, first_line_indent=True))
    return blocks


def _metadata(extract: ProtocolExtract) -> Metadata:
    number = extract.protocol_number.strip() or BLANK_NUMBER
    return Metadata(
        title=f"Выписка из протокола № {number}",
        author=extract.letterhead.department,
        subject=extract.region_name,
    )
