"""Lists of instructions and orders: «ПЕРЕЧЕНЬ ПОРУЧЕНИЙ», «РАСПОРЯЖЕНИЕ», «ПОСТАНОВЛЕНИЕ».

The header (issuer, approval stamp, number, date, place, title) is followed by the
operative part — numbered items, often after «постановляет:» — which is read as one section,
or as Roman-numbered parts when the document has them.
"""

from __future__ import annotations

import datetime as dt
import re

from protokol.extraction.model import Document
from protokol.extraction.normalize import iter_lines, iter_paragraphs
from protokol.extraction.requisites import (
    DATE_PATTERN,
    find_date,
    find_number,
    find_place,
    find_signature,
    find_title,
    is_heading_line,
    is_requisite_paragraph,
    letterhead_to_name,
    parse_date,
)
from protokol.extraction.segmentation import DocumentDraft, Segment, body_sections

# «1. Утвердить», also glued to its text as typed: «1.Утвердить», «2.1.В связи …».
_ITEM = re.compile(
    r"^[ \t]*\d{1,3}(?:\.\d{1,3})*[ \t]*[а-я]?[.)](?:[ \t]+\S|(?=[А-ЯЁ]))", re.MULTILINE
)
_OPERATIVE_INTRO = re.compile(
    r"(?:постановляет|постановляю|приказываю|обязываю|решил[аи]?)[ \t]*:[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
_APPROVED = re.compile(r"\bутв(?:\.|ерждаю\b|ержден[аоы]?\b)", re.IGNORECASE)
_APPROVAL_STAMP = re.compile(r"^\s*УТВЕРЖД(?:АЮ|ЕН[АО]?)\b")
_PARENTHETICAL_APPROVAL = re.compile(r"(?<!\s)\s*\(\s*утв\.[^()]*\)\s*$", re.IGNORECASE)
# How far after «утв.» the approval date may be (it follows the approver's name).
_APPROVAL_REACH = 200


def parse_order(text: str, segment: Segment) -> DocumentDraft:
    """A list of instructions or an order in ``segment`` (without instructions yet)."""
    start, end = segment.start, segment.end
    keyword_line = segment.keyword_line
    after_keyword = keyword_line.start if keyword_line else start
    body_start = _body_start(text, keyword_line.end if keyword_line else start, end)
    signature = find_signature(text, body_start, end)
    body_end = signature[1] if signature else end
    # A catalogue title «Об утверждении …» may stand above the letterhead instead.
    title = _title(text, after_keyword, body_start) or _title(text, start, after_keyword)
    number, date = _requisites(text, start, body_start, end)
    place = find_place(text, after_keyword, body_start)
    sections, bodies = body_sections(text, title, body_start, body_end)
    document = Document(
        kind=segment.kind,
        span=(start, end),
        number=number,
        date=date,
        title=title,
        issuer=_issuer(text, start, after_keyword),
        place=place.value if place else None,
        signatory=signature[0] if signature else None,
        sections=sections,
    )
    return DocumentDraft(document, bodies)


def _body_start(text: str, start: int, end: int) -> int:
    """At «постановляет:», else at the lead-in of the first numbered item, else after the
    header paragraphs.

    The operative word and a lead-in line ending with a colon («… предприятиям всех форм
    собственности:») stay in the body: the items inherit their addressee and directive from
    them. The preamble before «постановляю:» stays in the header: it cites acts, never
    instructs.
    """
    intro = _OPERATIVE_INTRO.search(text, start, end)
    if intro is not None:
        return intro.start()
    item = _ITEM.search(text, start, end)
    if item is not None:
        # ``_ITEM`` matches at a line start: the lead-in is the line right above it.
        previous = max(text.rfind("\n", start, max(item.start() - 1, start)) + 1, start)
        if previous < item.start() and text[previous : item.start()].rstrip().endswith(":"):
            return previous
        return item.start()
    for para in iter_paragraphs(text, start, end):
        if not is_requisite_paragraph(para.text) and not para.text[:1].islower():
            return para.start
    return start


def _title(text: str, start: int, end: int) -> str | None:
    """«по итогам совещания …» continuing the keyword, or a «О …» title of an order."""
    paragraphs = list(iter_paragraphs(text, start, end))
    if paragraphs:
        first = paragraphs[0].text.split(maxsplit=2)
        # «ПЕРЕЧЕНЬ ПОРУЧЕНИЙ по итогам …» on one line, or the keyword alone on its line.
        rest = " ".join(first[2:]) if first[:2] == ["ПЕРЕЧЕНЬ", "ПОРУЧЕНИЙ"] else ""
        second = paragraphs[1].text if len(paragraphs) > 1 else ""
        if not rest and second[:1].islower() and not is_requisite_paragraph(second):
            rest = second
        if rest:
            return _PARENTHETICAL_APPROVAL.sub("", rest).strip() or None
    found = find_title(text, start, end)
    return found.value if found else None


def _requisites(
    text: str, start: int, body_start: int, end: int
) -> tuple[str | None, dt.date | None]:
    """The order's own number and date.

    They are read from requisite lines only — a registration line («от 19 сентября 2013 года
    № 1690-р», «16 мая 2005 г.   N 81-р»), a heading naming the kind first («Распоряжение
    Правительства РФ от … N …»), an approval («утв. Президентом РФ … N Пр-…») or a bracketed
    resolution in the lead-in «(резолюция от … №ДМ-П9-26пр)» — never from running text, which
    cites other acts («Федерального закона от 21 декабря 1994 г. N 68-ФЗ»). Of several, the
    one nearest the text wins: a catalogue title above the letterhead may differ from the
    letterhead's own line in case or form. Without any, a decree's closing lines («Москва,
    Кремль / 13 февраля 2006 года / № 102») or a date line ending a published text are read.
    """
    lead_end = _lead_in_end(text, body_start, end)
    # A heading stays the header's even when the whole text was run into its line.
    heading_end = min(end, start + _HEADING_REACH)
    if is_heading_line(text[start:heading_end].strip()):
        lead_end = max(lead_end, heading_end)
    number: str | None = None
    date: dt.date | None = None
    for line_start, line_end in _requisite_lines(text, start, lead_end):
        found = find_number(text, line_start, line_end)
        when = find_date(text, line_start, line_end)
        if found is not None:
            number = found.value
            date = when[0] if when else date
        elif when is not None and number is None:
            date = when[0]
    approved = _APPROVED.search(text, start, lead_end)
    if approved is not None:
        found_date = find_date(text, approved.end(), min(end, approved.end() + _APPROVAL_REACH))
        if found_date is not None:
            date = found_date[0]
    if number is None or date is None:
        closing_number, closing_date = _closing_requisites(text, body_start, end)
        number = number or closing_number
        date = date or closing_date
    return number, date


# A resolution or an approval in brackets: «(резолюция от 2 апреля 2014 года №ДМ-П9-26пр)».
_BRACKETED_REQUISITES = re.compile(
    r"\((?:резолюци[яи]|утв\.|утвержден[аоы]?)[^()\n]{0,200}\)", re.IGNORECASE
)
# A decree's closing requisites, each on a line: «Москва, Кремль / 13 февраля 2006 года / № 102».
_CLOSING_LINES = 5
_CLOSING_REACH = 600
_NUMBER_LINE = re.compile(r"^\s*(?:№|N(?=\s?[0-9А-ЯЁ]))\s*\S+\s*$")
_DATE_LINE = re.compile(r"^\s*(?:от\s+)?(?P<date>[^\n]{6,40}?)\s*$")


def _lead_in_end(text: str, body_start: int, end: int) -> int:
    """The end of the line the body starts with, when it is a lead-in to the items."""
    line = next((ln for ln in iter_lines(text, body_start, end) if ln.text.strip()), None)
    if line is not None and line.text.rstrip().endswith(":") and not _ITEM.match(line.text):
        return line.end
    return body_start


def _requisite_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the requisite lines between ``start`` and ``end`` (see ``_requisites``)."""
    spans = []
    for line in iter_lines(text, start, end):
        stripped = line.text.strip()
        if not stripped:
            continue
        if len(stripped) <= _HEADING_REACH and is_requisite_paragraph(stripped):
            spans.append((line.start, line.end))
        elif is_heading_line(stripped[:_HEADING_REACH]):
            spans.append((line.start, min(line.end, line.start + _HEADING_REACH)))
        else:
            approved = _APPROVED.search(stripped)
            if approved is not None:
                offset = line.start + (len(line.text) - len(line.text.lstrip()))
                spans.append(
                    (
                        offset + approved.start(),
                        min(line.end, offset + approved.end() + _APPROVAL_REACH),
                    )
                )
            for bracket in _BRACKETED_REQUISITES.finditer(text, line.start, line.end):
                spans.append((bracket.start(), bracket.end()))
    return spans


# How much of a kind heading holds its requisites («Указ Президента РФ от … N …»).
_HEADING_REACH = 200


def _closing_requisites(text: str, start: int, end: int) -> tuple[str | None, dt.date | None]:
    """A number and a date on lines of their own among the last lines of the document."""
    # Only the tail is read: the closing lines are short, and a long body is not re-scanned.
    tail = max(start, end - _CLOSING_REACH)
    if tail > start:
        tail = max(text.find("\n", tail, end) + 1, tail)
    lines = [line for line in iter_lines(text, tail, end) if line.text.strip()]
    number = None
    date = None
    for line in lines[-_CLOSING_LINES:]:
        stripped = line.text.strip()
        if number is None and _NUMBER_LINE.match(stripped):
            found = find_number(text, line.start, line.end)
            number = found.value if found else None
        elif date is None and (m := _DATE_LINE.match(stripped)) is not None:
            when = parse_date(m.group("date"))
            if when is not None and DATE_PATTERN.fullmatch(m.group("date")):
                date = when
    return number, date


def _issuer(text: str, start: int, end: int) -> str | None:
    """The capitals above the keyword, or the approver under «УТВЕРЖДАЮ»."""
    capitals = []
    approver = None
    lines = [line.text.strip() for line in iter_lines(text, start, end) if line.text.strip()]
    for index, line in enumerate(lines):
        if _APPROVAL_STAMP.match(line):
            if index + 1 < len(lines):
                approver = lines[index + 1]
            continue
        if line.isupper() and not line.startswith("("):
            capitals.append(line)
    if capitals:
        return letterhead_to_name(capitals)
    return approver
