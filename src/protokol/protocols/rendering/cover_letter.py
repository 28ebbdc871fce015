"""The cover letter «О рассылке протокола» (ГОСТ Р 7.0.97 requisites, top to bottom)."""

from __future__ import annotations

from .data import CoverLetter, Letterhead
from .dates import format_date_numeric
from .docx_writer import write_docx
from .layout import (
    ADDRESSEE_INDENT_MM,
    AUTHOR_BLOCK_WIDTH_MM,
    GAP_BEFORE_SIGNATURE,
    GAP_LINE,
    TEXT_WIDTH_MM,
    Align,
    Block,
    Metadata,
    PageBottom,
    Paragraph,
    SideBySide,
    split_paragraphs,
)
from .pdf_writer import write_pdf

# Left blank for the registry to fill in by hand when the letter is printed before registration.
BLANK_DATE = "__________"
BLANK_NUMBER = "________"


def render_cover_letter_docx(letter: CoverLetter) -> bytes:
    return write_docx(cover_letter_blocks(letter), _metadata(letter))


def render_cover_letter_pdf(letter: CoverLetter) -> bytes:
    return write_pdf(cover_letter_blocks(letter), _metadata(letter))


def registration_line(letter: CoverLetter) -> str:
    """«02.11.2024 № 05-4017», with blanks for what is not yet assigned."""
    date = format_date_numeric(letter.date) if letter.date else BLANK_DATE
    return f"{date} № {letter.number.strip() or BLANK_NUMBER}"


def attachment_mark(attachment: str) -> str:
    """«Приложение: на 5 л. в 1 экз.» from «на 5 л. в 1 экз.» (or from the full mark)."""
    text = attachment.strip()
    return text if text.lower().startswith("приложение") else f"Приложение: {text}"


def cover_letter_blocks(letter: CoverLetter) -> list[Block]:
    blocks: list[Block] = [
        *author_block(letter.letterhead),
        Paragraph(registration_line(letter), space_before=GAP_LINE),
        Paragraph(letter.addressee, left_mm=ADDRESSEE_INDENT_MM, space_before=GAP_LINE),
        Paragraph(letter.title, space_before=GAP_LINE, keep_with_next=True),
    ]
    for index, text in enumerate(split_paragraphs(letter.body)):
        blocks.append(
            Paragraph(
                text,
                align=Align.JUSTIFY,
                first_line_indent=True,
                space_before=GAP_LINE if index == 0 else 0.0,
            )
        )
    if letter.attachment.strip():
        blocks.append(Paragraph(attachment_mark(letter.attachment), space_before=GAP_LINE))
    blocks.append(
        SideBySide(
            letter.signatory_position, letter.signatory_name, space_before=GAP_BEFORE_SIGNATURE
        )
    )
    executor = tuple(line for line in (letter.executor_name, letter.executor_phone) if line)
    if executor:
        blocks.append(PageBottom(executor))
    return blocks


def author_block(letterhead: Letterhead) -> list[Paragraph]:
    """Ministry and department (bold, as on the ministry's letterhead), then address, phone and
    e-mail, centred in the left part of the page."""
    narrow = TEXT_WIDTH_MM - AUTHOR_BLOCK_WIDTH_MM
    contacts = [
        letterhead.address,
        f"Тел. {letterhead.phone}" if letterhead.phone else "",
        f"E-mail: {letterhead.email}" if letterhead.email else "",
    ]
    blocks = [
        Paragraph(letterhead.ministry, align=Align.CENTER, bold=True, right_mm=narrow),
        Paragraph(
            letterhead.department, align=Align.CENTER, bold=True, right_mm=narrow, space_before=6.0
        ),
    ]
    blocks += [
        Paragraph(line, align=Align.CENTER, small=True, right_mm=narrow)
        for line in contacts
        if line
    ]
    return blocks


def _metadata(letter: CoverLetter) -> Metadata:
    return Metadata(
        title=letter.title,
        author=letter.letterhead.department,
        subject=registration_line(letter),
    )
