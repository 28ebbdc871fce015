"""Splitting a file's text into documents and telling their kinds apart.

A file often holds several documents: the sample is a cover letter followed by the protocol
it sends. A document starts at a title keyword («ПРОТОКОЛ», «ПЕРЕЧЕНЬ ПОРУЧЕНИЙ»,
«РАСПОРЯЖЕНИЕ» …) together with the letterhead right above it, or at a letterhead followed by
a registration line («02.11.2024 № 05-4017») — a letter. A letterhead followed by neither is a
page header repeated inside a document (debris, see ``normalize.is_debris_line``).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from protokol.extraction.model import Document, DocumentKind, ExtractionWarning, Section, Span
from protokol.extraction.normalize import (
    Line,
    is_debris_line,
    is_letterhead_line,
    iter_lines,
    iter_paragraphs,
)
from protokol.extraction.numerals import roman_value

# Title keywords in capitals at the start of a line; ordinary-case «протокол» in running text
# is a reference, not a title.
_KEYWORD = re.compile(
    r"^\s*(?P<keyword>ВЫПИСКА\s+ИЗ\s+ПРОТОКОЛА|ПРОТОКОЛ|ПЕРЕЧЕНЬ\s+ПОРУЧЕНИЙ|РАСПОРЯЖЕНИЕ"
    r"|ПОСТАНОВЛЕНИЕ|ПРИКАЗ|УКАЗ|ПИСЬМО|ПРАВИТЕЛЬСТВЕННАЯ\s+ТЕЛЕГРАММА)(?![А-ЯЁа-яё])"
)
# The same titles in ordinary case, as legal databases and news sites print them above the
# text: «Распоряжение Правительства РФ от 11 сентября 2014 г. N 1798-р», «Перечень поручений
# по итогам … (утв. Президентом РФ …)», «Решения по итогам селекторного совещания …»,
# «Поручения Президента по итогам …». In running text such words cite another act, so they
# count only at the head of the text (see ``split_documents``).
_HEAD_KEYWORD = re.compile(
    r"^\s*(?P<keyword>Перечень\s+поручений|Распоряжение|Постановление|Приказ|Указ"
    r"|Решени[ея](?=\s+по\s+итогам)|Поручени[ея](?=[^\n]{0,200}?\bпо\s+итогам)"
    r"|Правительственная\s+телеграмма|Письмо)(?![А-ЯЁа-яё])",
    re.IGNORECASE,
)
_HEAD_KEYWORD_CANONICAL = {"РЕШЕНИЕ": "РЕШЕНИЯ", "ПОРУЧЕНИЕ": "ПОРУЧЕНИЯ"}
_SPACED_CAPITALS = re.compile(r"^\s*(?:[А-ЯЁ] ){3,}[А-ЯЁ]\s*$")
# «У К А З ПРЕЗИДЕНТА …»: a spaced-out keyword that the title continues on its line.
_SPACED_PREFIX = re.compile(r"^\s*(?:[А-ЯЁ] ){3,}[А-ЯЁ](?![А-ЯЁа-яё])")
_CAPITALS_WORD = re.compile(r"^[А-ЯЁ]{2,}(?![а-яё])")
_APPROVAL = re.compile(r"^\s*УТВЕРЖД(?:АЮ|ЕН[АО]?)\b")
_UPPER_HEADER = re.compile(r"^[\sА-ЯЁ()«»\"'.,\-–—]+$")
# «02.11.2024 № 05-4017», «от 10.01.2025 № АБ-123/05», «от 12 февраля 2025 г. № 245-р».
_REGISTRATION = re.compile(
    r"^\s*(?:от\s+)?(?:\d{1,2}\.\d{1,2}\.\d{2,4}|\d{1,2}\s+[а-я]+\s+\d{4}\s*г?\.?)\s*№\s*\S"
)
_KEYWORD_REACH = 300
# How far (in lines) a letterhead may be from the registration line of its letter.
_LETTERHEAD_REACH = 30
_APPROVAL_REACH = 10

_KIND_BY_KEYWORD: dict[str, DocumentKind] = {
    "ПРОТОКОЛ": "protocol",
    "ВЫПИСКА ИЗ ПРОТОКОЛА": "protocol",
    "ПЕРЕЧЕНЬ ПОРУЧЕНИЙ": "instructions",
    "РАСПОРЯЖЕНИЕ": "instructions",
    "ПОСТАНОВЛЕНИЕ": "instructions",
    "ПРИКАЗ": "instructions",
    "УКАЗ": "instructions",
    "РЕШЕНИЯ": "instructions",
    "ПОРУЧЕНИЯ": "instructions",
    "ПИСЬМО": "letter",
    "ПРАВИТЕЛЬСТВЕННАЯ ТЕЛЕГРАММА": "letter",
}
_ORDER_KEYWORDS = frozenset({"РАСПОРЯЖЕНИЕ", "ПОСТАНОВЛЕНИЕ", "ПРИКАЗ", "УКАЗ"})
# An order is a list of instructions only when it has an operative part.
_OPERATIVE = re.compile(
    r"^[ \t]*\d{1,3}(?:\.\d{1,3})*[.)](?:\s|(?=[А-ЯЁа-яё]))|постановляет:|постановляю:|приказываю:|обязываю:"
    r"|п ?о ?с ?т ?а ?н ?о ?в ?л ?я ?ю ?:|[.:)]\s+1\.\s+[А-ЯЁ]"
    r"|^[ \t]*(?:Поручить|Рекомендовать|Обязать)\b",
    re.MULTILINE | re.IGNORECASE,
)
# «Президент поручил …», «дал ряд поручений», «дал указания», «было поручено», «дано поручение».
_NARRATIVE = re.compile(
    r"(?=[дДпП])(?:\bдал[аи]?\s+(?:ряд\s+)?(?:поручени|указани)|\bпоручил[аи]?\b"
    r"|\b(?:было\s+)?поручено\b|\bдано\s+(?:также\s+)?поручени)",
)
_COVER_LETTER = re.compile(
    r"(?=[ \tОоНнПп])(?:^[ \t]*О\s+(?:рассылке|направлении)\b|\bнаправля(?:ет|ем|ю)\b"
    r"|^[ \t]*Приложени[ея]\s*:)",
    re.MULTILINE | re.IGNORECASE,
)
# «Минпросвещения России просит … представить … до 20 января»: a request with a term.
_REQUEST = re.compile(
    r"(?=[пП])\b(?:просит|просим|прошу)\b[^.]{0,300}?"
    r"(?:\bпредстав|\bнаправ|\bсообщ|\bпроинформир|\bв\s+срок\b|\bдо\s+\d)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Segment:
    """One document's place in the text and what it is."""

    kind: DocumentKind
    start: int
    end: int
    # The line with the title keyword («ПРОТОКОЛ»), None for letters.
    keyword_line: Line | None = None
    keyword: str | None = None

    @property
    def span(self) -> Span:
        return (self.start, self.end)


def keyword_of(line: str) -> str | None:
    """The document title keyword a line starts with: «ПРОТОКОЛ», «ПЕРЕЧЕНЬ ПОРУЧЕНИЙ» …"""
    # Only the start of a line can be a title; a text whose lines were run together (copied
    # from a web page) is one long line that still starts with its keyword.
    line = line[:_KEYWORD_REACH]
    if _SPACED_CAPITALS.match(line):
        line = line.replace(" ", "")
    elif (spaced := _SPACED_PREFIX.match(line)) is not None:
        line = spaced.group().replace(" ", "") + line[spaced.end() :]
    m = _KEYWORD.match(line)
    if m is None:
        return None
    rest = line[m.end() :].lstrip(" *:")
    # «ПОСТАНОВЛЕНИЕ Правительства … от …» in running text cites another act; «РАСПОРЯЖЕНИЕ
    # ПРАВИТЕЛЬСТВА РФ …» in capitals is the title of a text whose lines were run together.
    if rest and not (
        rest[0].islower() or rest[0] in '№«"(' or rest[0].isdigit() or _CAPITALS_WORD.match(rest)
    ):
        return None
    return " ".join(m.group("keyword").split())


def head_keyword_of(line: str) -> str | None:
    """The title keyword of a line at the head of a text, in any case: «Распоряжение …»."""
    m = _HEAD_KEYWORD.match(line[:_KEYWORD_REACH])
    if m is None:
        return None
    keyword = " ".join(m.group("keyword").upper().split())
    return _HEAD_KEYWORD_CANONICAL.get(keyword, keyword)


def split_documents(text: str) -> list[Segment]:
    """The documents in ``text`` in order; empty when there is nothing but blanks and debris."""
    lines = list(iter_lines(text))
    starts: dict[int, tuple[Line | None, str | None]] = {}
    letters: set[int] = set()
    floor = 0
    # Until the first line of content, ordinary-case titles count too (``_HEAD_KEYWORD``).
    head = True
    for index, line in enumerate(lines):
        if not line.text or line.text.isspace():
            continue  # neither a keyword nor a letterhead; skipping keeps blank runs cheap
        keyword = keyword_of(line.text) or (head_keyword_of(line.text) if head else None)
        if keyword is not None:
            first = _walk_back(lines, index, floor)
            starts[first] = (_keyword_part(line), keyword)
            floor = index + 1
        elif _opens_letter(lines, index):
            starts.setdefault(index, (None, None))
            letters.add(index)
            floor = index + 1
        head = head and (keyword is not None or bool(_UPPER_HEADER.match(line.text.strip())))
    if 0 not in starts:
        starts[0] = (None, None)
    ordered = sorted(starts)
    segments: list[Segment] = []
    pending: int | None = None
    for position, first in enumerate(ordered):
        last = ordered[position + 1] if position + 1 < len(ordered) else len(lines)
        span = _trim(lines[first:last])
        if span is None:
            continue
        keyword_line, keyword = starts[first]
        if first not in letters and last < len(lines) and _is_title_only(text, lines[first:last]):
            # A catalogue title or a heading line above the letterhead: the next document's.
            pending = span[0] if pending is None else pending
            continue
        kind = _classify(text, span, keyword, letterhead=first in letters)
        if kind == "letter":
            keyword_line, keyword = None, None  # a letter's header is read by ``parse_letter``
        segments.append(
            Segment(kind, span[0] if pending is None else pending, span[1], keyword_line, keyword)
        )
        pending = None
    return segments


# A title above a document is a few short lines; anything longer is a document of its own.
_TITLE_LINES = 4


def _is_title_only(text: str, lines: list[Line]) -> bool:
    """A few short header lines without an operative part: no document by themselves.

    A short cover letter («Направляем протокол …») or request is a document all the same.
    """
    filled = [line for line in lines if line.text.strip()]
    return (
        len(filled) <= _TITLE_LINES
        and all(len(line.text) <= _KEYWORD_REACH for line in filled)
        and not any(
            pattern.search(line.text)
            for line in filled
            for pattern in (_OPERATIVE, _COVER_LETTER, _REQUEST)
        )
    )


def _keyword_part(line: Line) -> Line:
    """The keyword line, or only its keyword when the whole document was run into one line
    (then everything after the keyword is the document's text, not its title line)."""
    if len(line.text) <= _KEYWORD_REACH:
        return line
    m = (
        _SPACED_PREFIX.match(line.text)
        or _KEYWORD.match(line.text)
        or _HEAD_KEYWORD.match(line.text)
    )
    assert m is not None  # keyword_of or head_keyword_of found one
    return Line(line.start, line.start + m.end(), line.text[: m.end()])


def _walk_back(lines: list[Line], index: int, floor: int) -> int:
    """The first line of the header above a title keyword: letterhead, approval stamp."""
    first = index
    for back in range(index - 1, max(floor, index - _APPROVAL_REACH) - 1, -1):
        if _APPROVAL.match(lines[back].text):
            first = back
            break
    while first - 1 >= floor:
        previous = lines[first - 1].text.strip()
        if previous and not (_UPPER_HEADER.match(previous) and keyword_of(previous) is None):
            break
        first -= 1
    return first


def _opens_letter(lines: list[Line], index: int) -> bool:
    """A letterhead's first line followed by a registration line before any title keyword."""
    if index == 0 or not is_letterhead_line(lines[index].text):
        return False
    if is_letterhead_line(lines[index - 1].text):
        return False
    for line in lines[index + 1 : index + _LETTERHEAD_REACH]:
        if keyword_of(line.text) is not None:
            return False
        if _REGISTRATION.match(line.text):
            return True
    return False


def _trim(lines: list[Line]) -> Span | None:
    """From the first to the last non-blank line; None when only debris is there.

    Trailing debris (a page footer) stays with the document it closes.
    """
    if not any(line.text.strip() and not is_debris_line(line.text) for line in lines):
        return None
    filled = [line for line in lines if line.text.strip()]
    return (filled[0].start, filled[-1].end)


def _classify(text: str, span: Span, keyword: str | None, *, letterhead: bool) -> DocumentKind:
    """The kind by the title keyword; a text without one by its contents.

    A text with neither a title nor a letterhead — an order or a list of instructions copied
    without its header, a news item retelling instructions — is a list of instructions when
    it has an operative part or tells who was instructed.
    """
    start, end = span
    if keyword is not None:
        kind = _KIND_BY_KEYWORD[keyword]
        if keyword in _ORDER_KEYWORDS and not _OPERATIVE.search(text, start, end):
            return "other"
        return kind
    if _REQUEST.search(text, start, end):
        return "other"
    if _COVER_LETTER.search(text, start, end) or _opens_with_addressee(text, start, end):
        return "letter"
    if not letterhead and (
        _OPERATIVE.search(text, start, end) or _NARRATIVE.search(text, start, end)
    ):
        return "instructions"
    return "other"


# «Руководителям высших исполнительных органов …», «Главе администрации …»: the addressee
# block a letter opens with, in the dative, on a short paragraph of its own.
_ADDRESSEE_BLOCK = re.compile(
    r"[>\s]*(?:Руководител(?:ям|ю)|Глав(?:ам|е)|Губернатор(?:ам|у)|Высшим\s+должностным"
    r"|Министр(?:ам|у)|Председател(?:ям|ю)|Директор(?:ам|у)|Начальник(?:ам|у)|Мэр(?:ам|у))(?!\w)"
)
_ADDRESSEE_BLOCK_MAX = 400
_SENTENCE_END = re.compile(r"[.!?]\s+[А-ЯЁ]")
# The addressee comes first, after at most a heading or a registration line.
_ADDRESSEE_REACH = 3


def _opens_with_addressee(text: str, start: int, end: int) -> bool:
    """Whether one of the first paragraphs is a short addressee block in the dative."""
    for para in itertools.islice(iter_paragraphs(text, start, end), _ADDRESSEE_REACH):
        if len(para.text) <= _ADDRESSEE_BLOCK_MAX and _ADDRESSEE_BLOCK.match(para.text):
            return _SENTENCE_END.search(para.text) is None
    return False


@dataclass(frozen=True)
class DocumentDraft:
    """A parsed document whose sections do not yet carry instructions.

    ``bodies`` holds, per section, the span ``extract_instructions`` reads: the section text
    after its heading and speaker lines.
    """

    document: Document
    bodies: tuple[Span, ...]
    warnings: tuple[ExtractionWarning, ...] = ()


@dataclass(frozen=True)
class Heading:
    """A Roman-numbered part heading: «III. О развитии системы ЦОПП»."""

    number: str
    line: Line


_ROMAN_HEADING = re.compile(r"^\s*(?P<number>[IVXLCDMХ]{1,12})\s*\.\s+\S")
# The first part of an extract (выписка) may be any item, but not a stray «C.» or «L.».
_FIRST_HEADING_MAX = 30


def find_headings(text: str, start: int, end: int) -> list[Heading]:
    """Roman-numbered headings in order; a numeral out of sequence is not a heading."""
    headings: list[Heading] = []
    expected: int | None = None
    for line in iter_lines(text, start, end):
        m = _ROMAN_HEADING.match(line.text)
        if m is None:
            continue
        # Cyrillic «Х» typed for Latin «X» is common in Word documents.
        numeral = m.group("number").replace("Х", "X")
        value = roman_value(numeral)
        if value is None:
            continue
        if (expected is None and value <= _FIRST_HEADING_MAX) or value == expected:
            headings.append(Heading(numeral, line))
            expected = value + 1
    return headings


def body_sections(
    text: str, title: str | None, start: int, end: int
) -> tuple[tuple[Section, ...], tuple[Span, ...]]:
    """One unnumbered section for the whole body, or one per Roman-numbered part.

    Shared by letters and orders, whose parts carry no speakers.
    """
    headings = find_headings(text, start, end)
    if not headings:
        return (Section(None, title or "", (), False, (), (start, end)),), ((start, end),)
    sections = []
    bodies = []
    for index, heading in enumerate(headings):
        section_end = headings[index + 1].line.start if index + 1 < len(headings) else end
        title = heading.line.text.strip().split(".", 1)[1].strip()
        sections.append(
            Section(heading.number, title, (), False, (), (heading.line.start, section_end))
        )
        bodies.append((min(heading.line.end + 1, section_end), section_end))
    return tuple(sections), tuple(bodies)
