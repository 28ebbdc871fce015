"""Plain data the document renderers take: no models, so rendering is testable alone."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Letterhead:
    """The author block of an outgoing document (ГОСТ Р 7.0.97)."""

    ministry: str  # «МИНИСТЕРСТВО ПРОСВЕЩЕНИЯ\nРОССИЙСКОЙ ФЕДЕРАЦИИ\n(…)»: its line breaks are kept
    department: str  # «Департамент государственной политики в сфере …»
    address: str = ""  # «Люсиновская ул., д. 51, Москва, 115093»
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class CoverLetter:
    """«О рассылке протокола»: the letter that sends a protocol to the regions for execution."""

    letterhead: Letterhead
    number: str  # registration number, may be empty before registration
    date: dt.date | None
    addressee: str  # group addressee for mass mailings
    title: str  # «О рассылке протокола»
    body: str  # paragraphs separated by blank lines
    attachment: str  # «на 5 л. в 1 экз.»
    signatory_position: str
    signatory_name: str  # «М.И. Софронова» — initials first, as signed
    executor_name: str
    executor_phone: str


@dataclass(frozen=True)
class ExtractItem:
    """One instruction in a protocol extract, with its original numbering."""

    section_number: str | None
    section_title: str
    number: str | None
    text: str
    deadline: str  # «до 28 декабря 2024 г.» or «без срока»


@dataclass(frozen=True)
class ProtocolExtract:
    """Выписка из протокола for one region: only the items addressed to it (DOMAIN.md §3)."""

    letterhead: Letterhead
    protocol_title: str
    protocol_number: str
    protocol_date: dt.date | None
    place: str
    region_name: str
    items: tuple[ExtractItem, ...]
    chair_position: str
    chair_name: str
    certifier_position: str
    certifier_name: str
    certified_on: dt.date
    notes: tuple[str, ...] = field(default=())
