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
    find_date,
    find_number,
    find_place,
    find_signature,
    find_title,
    is_requisite_paragraph,
    letterhead_to_name,
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
    title = _title(text, after_keyword, body_start)
    number = find_number(text, start, body_start)
    place = find_place(text, after_keyword, body_start)
    sections, bodies = body_sections(text, title, body_start, body_end)
    document = Document(
        kind=segment.kind,
        span=(start, end),
        number=number.value if number else None,
        date=_date(text, start, body_start),
        title=title,
        issuer=_issuer(text, start, after_keyword),
        place=place.value if place else None,
        signatory=signature[0] if signature else None,
        sections=sections,
    )
    return DocumentDraft(document, bodies)


def _body_start(text: str, start: int, end: int) -> int:
    """After «постановляет:», else the first numbered item, else after the header paragraphs."""
    intro = _OPERATIVE_INTRO.search(text, start, end)
    if intro is not None:
        return intro.end()
    item = _ITEM.search(text, start, end)
    if item is not None:
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


def _date(text: str, start: int, end: int) -> dt.date | None:
    """The approval date («утв. 15 марта 2024 г.»), else the date of a requisite line."""
    approved = _APPROVED.search(text, start, end)
    if approved is not None:
        found = find_date(text, approved.end(), min(end, approved.end() + _APPROVAL_REACH))
        if found is not None:
            return found[0]
    for para in iter_paragraphs(text, start, end):
        if is_requisite_paragraph(para.text):
            found = find_date(text, para.start, para.end)
            if found is not None:
                return found[0]
    found = find_date(text, start, end)
    return found[0] if found else None


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
