"""Справка об исполнении протокола: per instruction, what was done and who is late.

A document for leadership on the layout of every generated document (protocols/rendering:
ГОСТ Р 7.0.97 page, Times New Roman 14 pt, DOCX and PDF alike): the kind of document and
its title, the date it speaks of, a table of figures, a paragraph per instruction, the
signature of the person who made it and the executor mark.
"""

from __future__ import annotations

import datetime as dt

from protokol.accounts.models import User
from protokol.core.downloads import document_filename
from protokol.exports.summary import Summary, as_of, protocol_summary, protocol_title
from protokol.extraction.russian import end_sentence, format_date_ru, plural_ru
from protokol.protocols.models import Instruction, Protocol
from protokol.protocols.paperwork import letterhead, signed_form
from protokol.protocols.rendering.dates import format_date_numeric
from protokol.protocols.rendering.docx_writer import write_docx
from protokol.protocols.rendering.layout import (
    GAP_BEFORE_SIGNATURE,
    GAP_LINE,
    Align,
    Block,
    Metadata,
    PageBottom,
    Paragraph,
    SideBySide,
    Table,
)
from protokol.protocols.rendering.pdf_writer import write_pdf
from protokol.regions.models import Region

TABLE_HEADER = ("Поручение", "Субъектов", "Исполнено", "Просрочено", "%")
TABLE_WIDTHS_MM = (40.0, 35.0, 35.0, 40.0, 30.0)


def execution_report_docx(protocol: Protocol, user: User) -> bytes:
    """The справка об исполнении of one protocol within the user's scope, as .docx bytes."""
    return write_docx(*_document(protocol, user))


def execution_report_pdf(protocol: Protocol, user: User) -> bytes:
    """The same справка as .pdf bytes."""
    return write_pdf(*_document(protocol, user))


def execution_report_filename(protocol: Protocol, on: dt.date, extension: str) -> str:
    """«Справка об исполнении Д05-98-05пр на 04.12.2026.docx»."""
    number = protocol.number.strip()
    title = " ".join(part for part in ("Справка об исполнении", number) if part)
    return document_filename(f"{title} на {format_date_numeric(on)}", extension)


def execution_report_blocks(summary: Summary, user: User) -> list[Block]:
    protocol = summary.protocol
    blocks: list[Block] = [
        Paragraph("СПРАВКА", align=Align.CENTER, bold=True),
        Paragraph(
            f"об исполнении поручений ({protocol_title(protocol)})",
            align=Align.CENTER,
            bold=True,
        ),
    ]
    if protocol.title:
        blocks.append(Paragraph(protocol.title, align=Align.CENTER, space_before=GAP_LINE / 2))
    blocks += [
        Paragraph(end_sentence(as_of(summary.at, opening=True)), space_before=GAP_LINE),
        Table(TABLE_HEADER, _table_rows(summary), TABLE_WIDTHS_MM, space_before=GAP_LINE / 2),
    ]
    for instruction in summary.instructions:
        blocks += _instruction_blocks(summary, instruction)
    blocks.append(
        SideBySide(user.position, signed_form(user.short_name), space_before=GAP_BEFORE_SIGNATURE)
    )
    executor = tuple(line for line in (user.short_name, user.phone) if line)
    if executor:
        blocks.append(PageBottom(executor))
    return blocks


def _document(protocol: Protocol, user: User) -> tuple[list[Block], Metadata]:
    summary = protocol_summary(protocol, user)
    metadata = Metadata(
        title=f"Справка об исполнении поручений ({protocol_title(protocol)})",
        author=letterhead().department,
        subject=as_of(summary.at, opening=True),
    )
    return execution_report_blocks(summary, user), metadata


def _table_rows(summary: Summary) -> tuple[tuple[str, ...], ...]:
    rows = []
    for instruction in summary.instructions:
        c = summary.counts.get(instruction.pk)
        if c is None or not c.total:
            continue
        values = (instruction.code, c.total, c.accepted, c.overdue, c.percent)
        rows.append(tuple("" if value is None else str(value) for value in values))
    return tuple(rows)


def _instruction_blocks(summary: Summary, instruction: Instruction) -> list[Block]:
    c = summary.counts.get(instruction.pk)
    due = summary.due_date(instruction)
    deadline = f"Срок — до {format_date_ru(due)}" if due else "Срок не установлен"
    lines = [end_sentence(deadline)]
    if c is None or not c.total:
        lines.append("Исполнение субъектами РФ не предусмотрено.")
    else:
        lines += _execution_lines(summary, instruction, c.accepted, c.total, c.percent)
    return [
        Paragraph(
            f"{instruction.code}. {instruction.text}",
            align=Align.JUSTIFY,
            first_line_indent=True,
            space_before=GAP_LINE,
            keep_with_next=True,
        ),
        *(Paragraph(line, align=Align.JUSTIFY, first_line_indent=True) for line in lines),
    ]


def _execution_lines(
    summary: Summary, instruction: Instruction, accepted_count: int, total: int, percent: int | None
) -> list[str]:
    accepted = summary.regions_in(instruction, "accepted")
    not_applicable = summary.regions_in(instruction, "not_applicable")
    submitted = summary.regions_in(instruction, "submitted")
    overdue = summary.regions_in(instruction, "overdue")
    lines = [
        f"Исполнено: {accepted_count} из {total} ({percent or 0} %)."
        + (f" Отчёты приняты: {end_sentence(_names(accepted))}" if accepted else ""),
    ]
    if not_applicable:
        lines.append(end_sentence(f"Не относится: {_names(not_applicable)}"))
    if submitted:
        lines.append(
            end_sentence(
                f"Отчёты на рассмотрении ({_regions_phrase(len(submitted))}): {_names(submitted)}"
            )
        )
    if overdue:
        lines.append(
            end_sentence(
                f"Не исполнено в срок ({_regions_phrase(len(overdue))}): {_names(overdue)}"
            )
        )
    else:
        lines.append("Просроченных исполнений нет.")
    return lines


def _names(regions: list[Region]) -> str:
    return ", ".join(r.short_name or r.name for r in regions)


def _regions_phrase(count: int) -> str:
    return f"{count} {plural_ru(count, 'субъект', 'субъекта', 'субъектов')} РФ"
