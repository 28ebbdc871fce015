"""The pre-publication summary: what publishing this protocol now would send, and to whom.

Counted with the same planning publication uses (``assignments.issuing``), so the figures
the reviewer confirms are the figures that go out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from protokol.assignments.deadlines import due_dates
from protokol.assignments.issuing import planned_assignments
from protokol.assignments.models import Assignment
from protokol.protocols import corrections
from protokol.protocols.models import Instruction, Protocol
from protokol.protocols.review import Blocker, publication_blockers
from protokol.publication.publishing import issue_date
from protokol.regions.models import Region
from protokol.workcalendar.calendar import production_calendar


@dataclass
class InstructionPreview:
    instruction: Instruction
    regions: list[Region]
    # The due date of each period (one, unless the deadline recurs); None for «без срока».
    due_dates: list[dt.date | None]
    # Assignments this publication creates for it (fewer than regions × periods when a
    # correction finds some already issued).
    new_assignments: int
    # Who will decide its reports: its own curator, else the protocol's default one, else
    # (None) the administrator who publishes.
    curator: Any

    @property
    def first_due(self) -> dt.date | None:
        return self.due_dates[0] if self.due_dates else None

    @property
    def more_due(self) -> int:
        return max(len(self.due_dates) - 1, 0)


@dataclass
class Preview:
    protocol: Protocol
    rows: list[InstructionPreview]
    new_assignments: int
    regions: int
    blockers: list[Blocker]
    kinds: dict[str, list[Blocker]] = field(default_factory=dict)

    @property
    def planned(self) -> dict[str, int]:
        """What the publication run shows while it works."""
        return {"assignments": self.new_assignments, "regions": self.regions}


def publication_preview(protocol: Protocol) -> Preview:
    """The summary of publishing ``protocol`` now. A published protocol is summarised as
    its next version would be: with the corrections waiting in its rows applied (in a
    transaction rolled back), so the counts and the blocking list are those of what is
    about to go out, not of what the regions already have."""
    if protocol.is_draft:
        return _preview(protocol)
    return corrections.judged_as_corrected(protocol, _preview)


def _preview(protocol: Protocol) -> Preview:
    """A bounded number of queries whatever the protocol's size (instructions, their
    regions, the regions, the calendar, assignments already issued, warnings)."""
    instructions = list(
        protocol.instructions.exclude(state=Instruction.State.WITHDRAWN)
        .select_related("curator")
        .prefetch_related("regions")
    )
    regions = {region.code: region for region in Region.objects.order_by("name")}
    issued: set[tuple[int, str, int]] = set()
    if not protocol.is_draft:
        issued = set(
            Assignment.objects.filter(instruction__protocol=protocol).values_list(
                "instruction_id", "region_id", "period"
            )
        )
    issued_on, calendar = issue_date(protocol), production_calendar()
    by_instruction: dict[int, list[Any]] = {i.pk: [] for i in instructions}
    for planned in planned_assignments(
        instructions, issued_on=issued_on, calendar=calendar, all_codes=sorted(regions)
    ):
        by_instruction[planned.instruction.pk].append(planned)
    rows, reached = [], set()
    default_curator = protocol.default_curator
    for instruction in instructions:
        planned_here = by_instruction[instruction.pk]
        codes = sorted({p.region_code for p in planned_here}, key=lambda c: regions[c].name)
        reached.update(codes)
        rows.append(
            InstructionPreview(
                instruction=instruction,
                regions=[regions[code] for code in codes],
                due_dates=due_dates(instruction, issued_on=issued_on, calendar=calendar),
                new_assignments=sum(p.key not in issued for p in planned_here),
                curator=instruction.curator or default_curator,
            )
        )
    blockers = publication_blockers(protocol)
    kinds: dict[str, list[Blocker]] = {}
    for blocker in blockers:
        if blocker.acceptable:
            kinds.setdefault(blocker.code, []).append(blocker)
    return Preview(
        protocol=protocol,
        rows=rows,
        new_assignments=sum(row.new_assignments for row in rows),
        regions=len(reached),
        blockers=blockers,
        kinds={code: items for code, items in kinds.items() if len(items) > 1},
    )
