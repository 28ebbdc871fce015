"""The cover letter «О рассылке протокола» (ГОСТ Р 7.0.97 requisites, top to bottom)."""

from __future__ import annotations

from .data import CoverLetter, Letterhead
from .dates import format_date_numeric
from .docx_writer import write_docx
from .layout import (
    GAP_BEFORE_SIGNATURE,
    GAP_LINE,
    HEAD_GAP_MM,
    HEAD_LEFT_WIDTH_MM,
    TEXT_WIDTH_MM,
    Align,
    Block,
    Columns,
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
    """The requisites top to bottom: the letterhead with the date and number on the left and
    the addressee on the right, the title, the text, the attachment mark, the signature and
    the executor mark at the foot of the last page."""
    blocks: list[Block] = [
        Columns(
            left=(
                *author_block(letter.letterhead),
                Paragraph(registration_line(letter), align=Align.CENTER, space_before=GAP_LINE),
            ),
            right=(Paragraph(letter.addressee),),
            left_width_mm=HEAD_LEFT_WIDTH_MM,
            gap_mm=HEAD_GAP_MM,
        ),
        # The title keeps to the width of the letterhead, under it.
        Paragraph(
            letter.title,
            right_mm=TEXT_WIDTH_MM - HEAD_LEFT_WIDTH_MM,
            space_before=GAP_LINE * 2,
            keep_with_next=True,
        ),
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
    e-mail, centred in the letterhead column."""
    contacts = [
        letterhead.address,
        f"Тел. {letterhead.phone}" if letterhead.phone else "",
        f"E-mail: {letterhead.email}" if letterhead.email else "",
    ]
    blocks = [
        Paragraph(letterhead.ministry, align=Align.CENTER, bold=True),
        Paragraph(letterhead.department, align=Align.CENTER, bold=True, space_before=6.0),
    ]
    blocks += [
        Paragraph(line, align=Align.CENTER, small=True, space_before=6.0 if index == 0 else 0.0)
        for index, line in enumerate(line for line in contacts if line)
    ]
    return blocks


def _metadata(letter: CoverLetter) -> Metadata:
    return Metadata(
        title=letter.title,
        author=letter.letterhead.department,
        subject=registration_line(letter),
    )
