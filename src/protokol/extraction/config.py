"""Configuration injected into the parser: the library never reads settings or the clock."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from protokol.extraction.workdays import ProductionCalendar

_MB = 1024 * 1024


@dataclass(frozen=True)
class ReadLimits:
    """How much one file may make a reader do; an installation passes its own budgets.

    The defaults are the library's own (``protokol parse`` on a local file); the web
    application passes ``settings.PROTOKOL_BUDGETS``.
    """

    # What the XML parts of an office archive inflate to, all together (and the size of a
    # text, HTML or RTF file): no protocol comes near it; a bigger one is a bomb or a mistake.
    unpacked_bytes: int = 50 * _MB
    # Nor does an office document inflate to more than this many times its own size (text
    # XML compresses about ten times). Beyond it, a few kilobytes could make the parser
    # build and walk megabytes of empty paragraphs.
    unpacked_ratio: int = 100
    # Characters of text a document may have once read.
    text_chars: int = 50 * _MB

    def unpacked_budget(self, archive_size: int) -> int:
        """The bytes an archive of ``archive_size`` bytes may inflate to."""
        return min(self.unpacked_bytes, self.unpacked_ratio * archive_size)


@dataclass(frozen=True)
class ExtractionConfig:
    """Everything the parser needs to know about the world outside the document.

    ``reference_date`` stands in for "today": relative deadlines are counted from the
    document date, and from this date only when the document has none.
    """

    reference_date: dt.date | None = None
    calendar: ProductionCalendar = field(default_factory=ProductionCalendar)
    # «срочно» / «оперативно» terms (DOMAIN.md §1), in calendar days.
    urgent_days: int = 3
    prompt_days: int = 10
    # Day of the month after a period by which «ежемесячно»/«ежеквартально» is due.
    periodic_report_day: int = 10
    # A deadline further than this from the document date is flagged as implausible.
    max_plausible_days: int = 3 * 366
    limits: ReadLimits = field(default_factory=ReadLimits)
