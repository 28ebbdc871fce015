"""CSV of a protocol's execution for Russian Excel: UTF-8 with BOM and «;» as separator.

Excel in a Russian locale opens a double-clicked CSV with the system list separator «;»
and reads it as UTF-8 only when the file starts with a byte-order mark.
"""

from __future__ import annotations

import csv as _csv
from io import StringIO

from protokol.dashboards.progress import CELL_STATES
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
    out = StringIO()
    out.write("\ufeff")
    writer = _csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADERS)
    date = protocol.date.strftime("%d.%m.%Y") if protocol.date else ""
    for instruction in summary.instructions:
        for region in summary.regions:
            cell = summary.cell(instruction, region)
            if cell is None:
                continue
            writer.writerow(
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
    return out.getvalue()
