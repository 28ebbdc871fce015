"""The figures every export of a protocol shares, read in five queries within the user's scope.

An operator exporting a protocol gets their own region's row only: the rows come from
``visible_to``, never from ``.all()``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from protokol.assignments.models import Assignment, Report
from protokol.core.clock import moscow_now
from protokol.dashboards import progress
from protokol.dashboards.answers import latest_answers
from protokol.extraction.russian import format_date_ru
from protokol.protocols.models import Instruction, Protocol
from protokol.protocols.report_template import fields_of, shown
from protokol.regions.models import Region


@dataclass
class Summary:
    protocol: Protocol
    on: dt.date
    instructions: list[Instruction]
    regions: list[Region]
    cells: dict[tuple[int, str], progress.Cell]
    counts: dict[int, progress.Counts]
    reports: dict[int, Report] = field(default_factory=dict)
    # Each instruction's due date over the regions in scope (``due_date``).
    dues: dict[int, dt.date | None] = field(default_factory=dict)
    # When the figures were read, Moscow time: the «по состоянию на …» of an export.
    at: dt.datetime = field(default_factory=moscow_now)

    def due_date(self, instruction: Instruction) -> dt.date | None:
        """The instruction's due date as the regions in scope are held to it — for an
        operator their own, after any extension (``progress.due_by_instruction``), never
        the date the protocol states."""
        return self.dues.get(instruction.pk)

    def cell(self, instruction: Instruction, region: Region) -> progress.Cell | None:
        return self.cells.get((instruction.pk, region.code))

    def regions_in(self, instruction: Instruction, *states: str) -> list[Region]:
        return [
            r
            for r in self.regions
            if (c := self.cell(instruction, r)) is not None and c.state in states
        ]

    def answers_text(self, instruction: Instruction, cell: progress.Cell | None) -> str:
        report = self.reports.get(cell.assignment_id) if cell else None
        if not report or not isinstance(report.answers, dict):
            return ""
        parts = []
        for f in fields_of(instruction.report_template):
            if text := shown(report.answers.get(f["key"]), f.get("type")):
                parts.append(f"{f.get('label') or f['key']}: {text}")
        return "; ".join(parts)


def protocol_summary(protocol: Protocol, user) -> Summary:
    at = moscow_now()
    on = at.date()
    instructions = list(
        Instruction.objects.visible_to(user)
        .filter(protocol=protocol)
        .exclude(state=Instruction.State.DRAFT)
        .order_by("position")
    )
    assignments = Assignment.objects.visible_to(user).filter(instruction__protocol=protocol)
    cells = progress.build_cells(assignments, on)
    present = {code for _, code in cells}
    regions = [r for r in Region.objects.visible_to(user).order_by("code") if r.code in present]
    return Summary(
        protocol=protocol,
        on=on,
        instructions=instructions,
        regions=regions,
        cells=cells,
        counts=progress.counts_by(assignments, "instruction_id", on),
        reports=latest_answers(assignments),
        dues=progress.due_by_instruction(cells),
        at=at,
    )


def as_of(at: dt.datetime, *, opening: bool = False) -> str:
    """«по состоянию на 6 декабря 2026 г., 14:30 (МСК)»: when an export's figures were read
    (Moscow time); ``opening``: as a sentence starts, «По состоянию …»."""
    words = "По состоянию" if opening else "по состоянию"
    return f"{words} на {format_date_ru(at.date())}, {at:%H:%M} (МСК)"


def protocol_title(protocol: Protocol) -> str:
    number = f"№ {protocol.number}" if protocol.number else ""
    date = f"от {format_date_ru(protocol.date)}" if protocol.date else ""
    return " ".join(part for part in ("Протокол", date, number) if part)
