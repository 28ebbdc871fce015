"""Справка об исполнении протокола: per instruction, what was done and who is late.

A document for leadership, laid out by ГОСТ Р 7.0.97 habits: Times New Roman 14 pt,
margins 20/10/20/20 mm, dates in words («23 октября 2024 г.»).
"""

from __future__ import annotations

from io import BytesIO

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from protokol.exports.summary import Summary, as_of, protocol_summary, protocol_title
from protokol.extraction.russian import format_date_ru, plural_ru


def _names(regions) -> str:
    return ", ".join(r.short_name or r.name for r in regions)


def _regions_phrase(count: int) -> str:
    return f"{count} {plural_ru(count, 'субъект', 'субъекта', 'субъектов')} РФ"


def _instruction(document, summary: Summary, instruction) -> None:
    c = summary.counts.get(instruction.pk)
    heading = document.add_paragraph()
    heading.add_run(f"{instruction.code}. ").bold = True
    heading.add_run(instruction.text)
    due = summary.due_date(instruction)
    deadline = f"Срок — до {format_date_ru(due)}." if due else "Срок не установлен."
    document.add_paragraph(deadline)
    if c is None or not c.total:
        document.add_paragraph("Исполнение субъектами РФ не предусмотрено.")
        return
    accepted = summary.regions_in(instruction, "accepted")
    not_applicable = summary.regions_in(instruction, "not_applicable")
    submitted = summary.regions_in(instruction, "submitted")
    overdue = summary.regions_in(instruction, "overdue")
    lines = [
        f"Исполнено: {c.accepted} из {c.total} ({c.percent or 0} %)."
        + (f" Отчёты приняты: {_names(accepted)}." if accepted else ""),
    ]
    if not_applicable:
        lines.append(f"Не относится: {_names(not_applicable)}.")
    if submitted:
        lines.append(
            f"Отчёты на рассмотрении ({_regions_phrase(len(submitted))}): {_names(submitted)}."
        )
    if overdue:
        lines.append(f"Не исполнено в срок ({_regions_phrase(len(overdue))}): {_names(overdue)}.")
    else:
        lines.append("Просроченных исполнений нет.")
    for line in lines:
        document.add_paragraph(line)


def execution_report_docx(protocol, user) -> bytes:
    """The справка об исполнении of one protocol within the user's scope, as .docx bytes."""
    summary = protocol_summary(protocol, user)
    document = Document()
    section = document.sections[0]
    section.left_margin, section.right_margin = Mm(20), Mm(10)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    style = document.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(14)
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run("СПРАВКА\n").bold = True
    title.add_run(f"об исполнении поручений ({protocol_title(protocol)})")
    if protocol.title:
        document.add_paragraph(protocol.title).alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph(f"{as_of(summary.at, opening=True)}.")
    table = document.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells,
        ("Поручение", "Субъектов", "Исполнено", "Просрочено", "%"),
        strict=True,
    ):
        cell.text = text
    for instruction in summary.instructions:
        c = summary.counts.get(instruction.pk)
        if c is None or not c.total:
            continue
        row = table.add_row().cells
        values = (instruction.code, c.total, c.accepted, c.overdue, c.percent)
        for cell, value in zip(row, values, strict=True):
            cell.text = "" if value is None else str(value)
    for instruction in summary.instructions:
        _instruction(document, summary, instruction)
    out = BytesIO()
    document.save(out)
    return out.getvalue()
