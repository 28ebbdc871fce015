"""How a due date is worded for the region — pure wording, no query, no model of this app.

``Assignment.due`` (models.py) and every surface word the one effective date through
``Due``; ``deadlines.py`` (due dates of a series, urgency, the выписка's wording) builds on
this module, and models.py depends on it rather than on ``deadlines`` so the two never
import each other.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from protokol.extraction.russian import format_date_ru
from protokol.protocols.models import Instruction


def moved_note(asked: dt.date, due: dt.date, *, pending: bool = False) -> str:
    """«31 декабря 2024 г. — нерабочий день; срок — 28 декабря 2024 г.» when ``asked``
    fell on a non-working day and the due date moved back to ``due``; "" otherwise.
    ``pending``: what approving would give («при согласовании срок — …»)."""
    if asked == due:
        return ""
    outcome = "при согласовании срок" if pending else "срок"
    return f"{format_date_ru(asked)} — нерабочий день; {outcome} — {format_date_ru(due)}"


# --- what the region sees: one effective due date, and how it is worded ----------------

NO_DUE = "без срока"


@dataclass(frozen=True)
class Due:
    """The due date a region sees for one assignment, as every surface words it.

    ``date`` is ``Assignment.due_date`` — the effective date, after the production calendar
    and any granted extension; ``periodicity`` is «ежемесячно, до 10 числа» for a period
    of a recurring instruction, "" otherwise.
    """

    date: dt.date | None
    periodicity: str = ""

    @property
    def worded(self) -> str:
        """«до 22 ноября 2024 г.» or «без срока»."""
        return f"до {format_date_ru(self.date)}" if self.date else NO_DUE

    @property
    def label(self) -> str:
        """The due date in one line of text (API, letters, calendar): the worded date and,
        for a recurring instruction, its periodicity — «до 10 декабря 2024 г.
        (ежемесячно, до 10 числа)»."""
        return f"{self.worded} ({self.periodicity})" if self.periodicity else self.worded


def periodicity(instruction: Instruction) -> str:
    """«ежеквартально, до 15 числа месяца, следующего за отчётным» as the protocol words
    it; a periodicity chosen in review («ежемесячно») gets its day («, до 10 числа»)."""
    recurrence: dict[str, Any] = instruction.recurrence or {}
    if not recurrence:
        return ""
    wording = str(recurrence.get("description") or recurrence.get("kind") or "").strip(" .;,")
    day = recurrence.get("day_of_month")
    if day and not any(ch.isdigit() for ch in wording):
        wording = f"{wording}, до {day} числа"
    return wording


def effective_due(due_date: dt.date | None, instruction: Instruction) -> Due:
    """The one due date the region sees for an assignment due on ``due_date`` (its
    ``Assignment.due_date``) of ``instruction``; ``Assignment.due`` is how pages ask."""
    return Due(due_date, periodicity(instruction))


def deadline_source(instruction: Instruction) -> str:
    """The protocol's own wording, shown only as the source of the due date, never as a
    second one: «в протоколе: Срок — до 23 ноября 2024 г.»; "" when nothing is written."""
    wording = " ".join(instruction.deadline_text.split())
    return f"в протоколе: {wording}" if wording else ""
