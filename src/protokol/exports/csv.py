"""CSV of a protocol's execution for Russian Excel (the dialect and the text rule: cells.py)."""

from __future__ import annotations

from collections.abc import Sequence

from protokol.dashboards.progress import CELL_STATES
from protokol.exports.cells import csv_for_excel
from protokol.exports.summary import protocol_summary

HEADERS = [
    "Протокол",
    "Дата протокола",
    "Поручение",
    "Текст поручения",
    "Код субъекта",
    "Субъект РФ",
    "Федеральный округ",
    "Состояние",
    "Срок",
    "Ответы по форме",
]


def protocol_csv(protocol, user) -> str:
    """One row per instruction and region within the user's scope; a str starting with BOM."""
    summary = protocol_summary(protocol, user)
    rows: list[Sequence[object]] = [HEADERS]
    date = protocol.date.strftime("%d.%m.%Y") if protocol.date else ""
    for instruction in summary.instructions:
        for region in summary.regions:
            cell = summary.cell(instruction, region)
            if cell is None:
                continue
            rows.append(
                [
                    protocol.number,
                    date,
                    instruction.code,
                    instruction.text,
                    region.code,
                    region.name,
                    region.district or "",
                    CELL_STATES[cell.state],
                    cell.due_date.strftime("%d.%m.%Y") if cell.due_date else "",
                    summary.answers_text(instruction, cell),
                ]
            )
    return csv_for_excel(rows)
