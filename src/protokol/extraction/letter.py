"""Letters: a cover letter sending a protocol, or a ministry letter asking for something.

Layout (ГОСТ Р 7.0.97, DOMAIN.md §3): letterhead (ministry in capitals, the department, its
address), the registration line «02.11.2024 № 05-4017», the addressee, the title «О …», the
text, «Приложение: на 5 л. в 1 экз.», the signature (position, «И.О. Фамилия») and the
executor with a phone at the bottom.
"""

from __future__ import annotations

import re

from protokol.extraction.model import Document
from protokol.extraction.normalize import iter_lines, iter_paragraphs
from protokol.extraction.requisites import (
    PHONE_PATTERN,
    find_attachment,
    find_executor,
    find_registration,
    find_signature,
    find_title,
    is_heading_line,
    letterhead_to_name,
)
from protokol.extraction.segmentation import DocumentDraft, Segment, body_sections

_ADDRESS = re.compile(r"\d{6}|e-?mail|@|\bтел\.|\bфакс\b|\bул\.|\bд\.\s*\d", re.IGNORECASE)
_REFERENCE = re.compile(r"^\s*На\s+№", re.IGNORECASE)
_SALUTATION = re.compile(r"^\s*Уважаем(?:ый|ая|ые)\b[^!]*!\s*$")


def parse_letter(text: str, segment: Segment) -> DocumentDraft:
    """A letter in ``segment``; its body is one section (or its Roman-numbered parts)."""
    start, end = segment.start, segment.end
    registration = find_registration(text, start, end)
    after_registration = _line_end(text, registration[1].end) if registration else start
    title = find_title(text, after_registration, end)
    addressee = (
        _addressee(text, after_registration, title.start if title else end)
        if registration
        else None
    )

    executor = find_executor(text, start, end)
    closing = executor[1] if executor else end
    signature = find_signature(text, after_registration, closing)
    attachment = find_attachment(text, after_registration, closing)
    body_start = title.end if title else after_registration
    body_end = min(
        [found[1] for found in (signature, attachment) if found is not None], default=closing
    )
    body_start = _after_salutation(text, body_start, body_end)

    sections, bodies = body_sections(text, title.value if title else None, body_start, body_end)
    document = Document(
        kind=segment.kind,
        span=(start, end),
        number=registration[1].value if registration else None,
        date=registration[0] if registration else None,
        title=title.value if title else None,
        issuer=_issuer(
            text, start, _line_start(text, registration[1].start) if registration else None, end
        ),
        addressee=addressee,
        signatory=signature[0] if signature else None,
        executor=executor[0] if executor else None,
        attachment=attachment[0] if attachment else None,
        sections=sections,
    )
    return DocumentDraft(document, bodies)


def _line_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


def _line_end(text: str, offset: int) -> int:
    newline = text.find("\n", offset)
    return len(text) if newline < 0 else newline


def _after_salutation(text: str, start: int, end: int) -> int:
    for para in iter_paragraphs(text, start, end):
        if _SALUTATION.match(para.text):
            return para.end
        break
    return start


def _addressee(text: str, start: int, end: int) -> str | None:
    """The first paragraph between the registration line and the title, lines joined.

    Only a header-sized paragraph: without a title the range runs into the body, and a
    paragraph of the text is never the addressee.
    """
    for para in iter_paragraphs(text, start, end):
        if _REFERENCE.match(para.text) or PHONE_PATTERN.search(para.text):
            continue
        return para.text if _is_header_block(para.text, _ADDRESSEE_MAX) else None
    return None


# An addressee block lists a few authorities; an issuer line names one institution.
_ADDRESSEE_MAX = 400
_ISSUER_MAX = 250
_ITEM_START = re.compile(r"^\s*(?:\d{1,3}(?:\.\d{1,3})*[.)]|[а-я]\))")
_SENTENCE_END = re.compile(r"[.!?]\s+[А-ЯЁ]")


def _is_header_block(paragraph: str, limit: int) -> bool:
    """Short, not a numbered item, a title, a kind heading or running sentences."""
    return (
        len(paragraph) <= limit
        and _ITEM_START.match(paragraph) is None
        and _TITLE_START.match(paragraph) is None
        and not is_heading_line(paragraph)
        and _SENTENCE_END.search(paragraph) is None
    )


_TITLE_START = re.compile(r"^\s*(?:О|Об|Обо)\s")


def _issuer(text: str, start: int, registration: int | None, end: int) -> str | None:
    """«Департамент … обучения Минпросвещения России»: the department and its ministry.

    The ministry lines are capitals (and debris to ``iter_paragraphs``); the department is
    the first ordinary paragraph that is not the address, above the registration line. A
    document without a registration line has no letterhead paragraph to read: only its
    capitals lines, if any, name the issuer.
    """
    ministry: list[str] = []
    short_name = None
    for line in iter_lines(text, start, registration if registration is not None else end):
        stripped = line.text.strip()
        if len(stripped) > _ISSUER_MAX or is_heading_line(stripped):
            break
        if stripped.startswith("(") and stripped.isupper():
            short_name = letterhead_to_name([stripped.strip("()")])
        elif stripped.isupper():
            ministry.append(stripped)
        elif stripped:
            break
    ministry_name = letterhead_to_name(ministry) if ministry else None
    if registration is None:
        return ministry_name
    unit = next(
        (
            para.text
            for para in iter_paragraphs(text, start, registration)
            if not para.text.isupper()
            and not _ADDRESS.search(para.text)
            and _is_header_block(para.text, _ISSUER_MAX)
        ),
        None,
    )
    if unit is None:
        return ministry_name
    if short_name:
        return f"{unit} {short_name}"
    return f"{unit}, {ministry_name}" if ministry_name else unit
