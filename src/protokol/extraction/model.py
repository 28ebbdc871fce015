"""Typed results of extraction (the ``protokol.parse/1`` contract, see ``output.py``).

All spans are ``(start, end)`` character offsets into ``ParseResult.text``, the
normalised text the reviewer sees beside the extracted fields.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

Span = tuple[int, int]

DocumentKind = Literal["letter", "protocol", "instructions", "other"]
InstructionKind = Literal["mandatory", "recommendation"]
Action = Literal["ensure", "report", "organize", "consider", "inform", "appoint", "other"]
RecurrenceKind = Literal["weekly", "monthly", "quarterly", "half_yearly", "yearly", "permanent"]


@dataclass(frozen=True)
class RegionRef:
    """A region named in an addressee phrase, resolved to the reference."""

    code: str
    name: str
    as_written: str
    span: Span


@dataclass(frozen=True)
class Addressees:
    """Who must execute an instruction."""

    all_regions: bool = False
    regions: tuple[RegionRef, ...] = ()
    # «всем субъектам, за исключением г. Москвы»: with ``all_regions`` the subjects left out.
    excluded: tuple[RegionRef, ...] = ()
    # «субъектам Приволжского федерального округа»: the districts named (short forms, «ПФО»);
    # their regions are listed in ``regions``.
    districts: tuple[str, ...] = ()
    # «на территории которых созданы ЦОПП»: regions are chosen by a person at review.
    condition: str | None = None
    # Addressees other than regional authorities («Минпросвещения России», municipalities).
    others: tuple[str, ...] = ()
    # «совместно с работодателями»
    co_executors: tuple[str, ...] = ()
    # The addressee phrase as written, empty when none was found.
    text: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.all_regions or self.regions or self.condition or self.others)


@dataclass(frozen=True)
class Recurrence:
    """A repeating deadline: «ежеквартально, до 5 числа месяца, следующего за отчётным»."""

    kind: RecurrenceKind
    description: str
    # Day of the month after each period by which the report is due; None for "permanent".
    day_of_month: int | None = None
    # "yearly" with a stated day («ежегодно, до 20 января»): the month of that day (1–12).
    month: int | None = None
    # "weekly": the weekday of the due day (0 = Monday … 4 = Friday).
    weekday: int | None = None


@dataclass(frozen=True)
class Deadline:
    """A deadline as written and as computed.

    ``date`` is the last permitted day as stated (or computed from a relative term);
    ``due_date`` is that day moved to the previous working day when it is not one.
    For a recurring deadline both are the first due date of the series (or None).
    """

    text: str
    span: Span
    date: dt.date | None = None
    due_date: dt.date | None = None
    time: dt.time | None = None
    recurrence: Recurrence | None = None
    # The deadline of the block the instruction belongs to, not of the item itself.
    inherited: bool = False
    # How the date was obtained: "explicit", "relative" (counted from the document date),
    # "urgent", "prompt", "recurring", "inline" (a date mentioned inside the text).
    basis: str = "explicit"
    # The wording names no year («до 15 декабря», «в IV квартале»): the year was taken
    # from the document date (or the reference date) and the reviewer is warned.
    year_assumed: bool = False


@dataclass(frozen=True)
class Instruction:
    """One поручение: one action for one set of addressees."""

    id: str
    section: str | None
    number: str | None
    text: str
    kind: InstructionKind
    action: Action
    report_required: bool
    addressees: Addressees
    deadline: Deadline | None
    span: Span


@dataclass(frozen=True)
class Person:
    """A person normalised to the nominative with initials: «Меньшикова Е.С.»."""

    name: str
    as_written: str
    position: str | None = None
    phone: str | None = None


@dataclass(frozen=True)
class AttendeeGroup:
    organization: str
    people: tuple[Person, ...]


@dataclass(frozen=True)
class Section:
    """An agenda item («III. О развитии системы ЦОПП») with its decisions."""

    number: str | None
    title: str
    speakers: tuple[Person, ...]
    report_noted: bool
    instructions: tuple[Instruction, ...]
    span: Span


@dataclass(frozen=True)
class Attachment:
    """The attachment mark «Приложение: на 5 л. в 1 экз.»."""

    text: str
    sheets: int | None = None
    copies: int | None = None


@dataclass(frozen=True)
class Document:
    """One document inside the file: a cover letter, a protocol, a list of instructions…

    Fields that do not apply to a kind stay empty.
    """

    kind: DocumentKind
    span: Span
    number: str | None = None
    date: dt.date | None = None
    title: str | None = None
    issuer: str | None = None
    place: str | None = None
    # Letters
    addressee: str | None = None
    signatory: Person | None = None
    executor: Person | None = None
    attachment: Attachment | None = None
    # Protocols
    chair: Person | None = None
    attendees: tuple[AttendeeGroup, ...] = ()
    sections: tuple[Section, ...] = ()

    @property
    def instructions(self) -> tuple[Instruction, ...]:
        return tuple(i for s in self.sections for i in s.instructions)


@dataclass(frozen=True)
class ExtractionWarning:
    """A doubt for the reviewer: stable ``code``, Russian ``message``, where it is."""

    code: str
    message: str
    span: Span | None = None


@dataclass(frozen=True)
class SourceInfo:
    filename: str | None
    format: str
    sha256: str
    size: int


@dataclass(frozen=True)
class ParseResult:
    source: SourceInfo
    text: str
    documents: tuple[Document, ...]
    warnings: tuple[ExtractionWarning, ...] = field(default=())

    @property
    def instructions(self) -> tuple[Instruction, ...]:
        return tuple(i for d in self.documents for i in d.instructions)
