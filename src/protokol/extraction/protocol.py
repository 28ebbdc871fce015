"""A protocol: header, chair, attendees grouped by organisation, agenda sections, speakers.

Layout (DOMAIN.md §3): letterhead; «ПРОТОКОЛ»; date, number, place and the title «совещания …»
in any order; «Председательствовал:»; «Присутствовали:» with organisation lines each followed
by its people; sections «I. …» whose speakers stand in brackets «(Муратов)» on the heading
line or right below it; «Приняли к сведению доклад …»; «решили: …»; the signature.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from protokol.extraction.directives import analyze_clause
from protokol.extraction.model import (
    AttendeeGroup,
    Document,
    ExtractionWarning,
    Person,
    Section,
    Span,
)
from protokol.extraction.normalize import (
    Line,
    Paragraph,
    is_debris_line,
    iter_lines,
    iter_paragraphs,
)
from protokol.extraction.persons import (
    NAME_PATTERN,
    WrittenName,
    find_names,
    is_surname,
    make_person,
    nominative_candidates,
    normalize_initials,
    normalize_name,
    position_to_nominative,
    same_surname,
    surname_of,
)
from protokol.extraction.requisites import (
    find_date,
    find_number,
    find_place,
    find_signature,
    is_requisite_paragraph,
    letterhead_to_name,
)
from protokol.extraction.segmentation import (
    DocumentDraft,
    Heading,
    Segment,
    body_sections,
    find_headings,
)

_CHAIR = re.compile(r"^\s*(?:Председательствовал[аи]?\s*:?|Председатель(?:ствующий)?\s*:)\s*")
_ATTENDEES = re.compile(
    r"^\s*(?:Присутствовал[аи]?|Участники|В\s+совещании\s+приняли\s+участие)\s*:?\s*",
    re.IGNORECASE,
)
_SPEAKER_LINE = re.compile(r"^\s*\((?P<names>[^()]+)\)\s*$")
_TRAILING_SPEAKER = re.compile(r"(?<!\s)\s*\((?P<names>[^()]+)\)\s*$")
_BRACKET_PART = re.compile(
    r"(?P<initials>[А-ЯЁ]\.\s?(?:[А-ЯЁ]\.)?\s?)?(?P<surname>[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?)"
    r"(?:\s+(?P<initials2>[А-ЯЁ]\.\s?(?:[А-ЯЁ]\.?)?))?"
)
_AGENDA_START = re.compile(
    r"^\s*(?:Повестка|ПОВЕСТКА|Слушали|СЛУШАЛИ|Решили|РЕШИЛИ|По\s+итогам|Приняли|Принять"
    r"|\d{1,3}\.\s)"
)
_BRACKET_CHUNK = re.compile(r"[^,;]+")
_BODY_START = re.compile(r"^\s*(?:Приняли|Принять|Слушали|СЛУШАЛИ|По\s+итогам|Решили|РЕШИЛИ)")
_REPORT_NOTED = re.compile(r"(?:приняли|принять|принята?)\s+к\s+сведению", re.IGNORECASE)
_REPORT = re.compile(r"доклад(?:а|ы|ов)?\s+", re.IGNORECASE)
# The report line follows the heading, perhaps after a note or two.
_REPORT_REACH = 3
_PARTICLE_DASH = re.compile(r"(?<!\s)\s*[–—-]\s*")

# An Arabic-numbered agenda section: «1. О ходе …», «2.Об итогах …».
_ARABIC_HEADING = re.compile(r"^\s*(?P<number>\d{1,2})\.(?:\s+|(?=[А-ЯЁ«]))[«\"]?[А-ЯЁ]")
_NUMBERED_LINE = re.compile(r"^\s*(?P<number>\d{1,3}(?:\.\d{1,3})*)[.)]")
# What follows a section heading and never an item: speakers, «СЛУШАЛИ:», the report noted,
# the decision.
_SECTION_CUE = re.compile(
    r"^\s*(?:\([^()]{2,200}\)\s*$|Доклад(?:чик|чики|ывает|ывал|ывала|ывали)\s*:"
    r"|(?:СЛУШАЛИ|Слушали|ВЫСТУПИЛИ|Выступили|С\sЛ\sУ\sШ\sА\sЛ\sИ)(?![а-яё])"
    r"|(?:Приняли|Принять|Принята?)\s+к\s+сведению\s+(?:доклад|информаци|сообщени)"
    r"|[^:\n]{0,60}?(?:РЕШИЛИ|[Рр]ешили|ПОСТАНОВИЛИ|[Пп]остановили|Р\sЕ\sШ\sИ\sЛ\sИ)\s*:)"
)
# How many non-blank lines (and lines at all) under a candidate heading are searched for a cue.
_CUE_REACH = 12
_CUE_LINES = 40
# «Докладчик: Иванов И.И.»: speakers named in the nominative right under the heading.
_REPORTER = re.compile(r"^\s*\(?Доклад(?:чик|чики|ывает|ывал|ывала|ывали)\s*[:—–-]\s*")
# «1. О ходе … (докладчик – Иванов И.И.)»: the speaker named in brackets at the title's end.
_TRAILING_REPORTER = re.compile(
    r"(?<!\s)\s*\((?:[Дд]окладчик(?:и)?|[Дд]окладывает)\s*[:—–-]?\s*(?P<names>[^()]+)\)\s*$"
)
# «СЛУШАЛИ: Иванова И.И. — о ходе …»: speakers in the accusative opening the body.
_HEARD = re.compile(r"^\s*(?:СЛУШАЛИ|Слушали|С\sЛ\sУ\sШ\sА\sЛ\sИ)\s*:?\s*")
_AGENDA_TITLE = re.compile(r"^\s*(?:ПОВЕСТКА|Повестка)(?![а-яё])")


def parse_protocol(text: str, segment: Segment) -> DocumentDraft:
    """The protocol in ``segment``: requisites, attendees and sections (without instructions)."""
    start, end = segment.start, segment.end
    keyword_line = segment.keyword_line
    header_from = keyword_line.end if keyword_line else start
    issuer = _issuer(text, start, keyword_line.start if keyword_line else start)

    signature = find_signature(text, header_from, end)
    sections_end = signature[1] if signature else end
    headings = find_headings(text, header_from, sections_end) or find_arabic_headings(
        text, header_from, sections_end
    )
    first_heading = headings[0].line.start if headings else sections_end
    chair_at = _find_line(text, _CHAIR, header_from, first_heading)
    attendees_at = _find_line(text, _ATTENDEES, header_from, first_heading)
    header_end = min(
        [line.start for line in (chair_at, attendees_at) if line is not None], default=first_heading
    )
    # Without Roman-numbered sections the decisions follow the attendees directly.
    agenda = first_heading
    if not headings:
        # Without attendees (or a chair) the decisions follow the title block.
        after = attendees_at or chair_at
        agenda_at = _find_line(
            text, _AGENDA_START, after.end if after else header_from, first_heading
        )
        agenda = agenda_at.start if agenda_at is not None else first_heading
        if after is None:
            header_end = min(header_end, agenda)

    title = _title(text, keyword_line, header_from, header_end)
    found_date = find_date(text, header_from, header_end)
    number = find_number(text, header_from, header_end)
    place = find_place(text, header_from, header_end)

    chair_end = attendees_at.start if attendees_at is not None else agenda
    chair = _chair(text, chair_at, chair_end) if chair_at is not None else None
    attendees: tuple[AttendeeGroup, ...] = ()
    if attendees_at is not None:
        # The agenda («Повестка дня: 1. О …») closes the list of attendees.
        agenda_title = _find_line(text, _AGENDA_TITLE, attendees_at.end, agenda)
        attendees = _attendees(text, attendees_at, agenda_title.start if agenda_title else agenda)
    known = [p.name for group in attendees for p in group.people]
    if chair is not None:
        known.append(chair.name)

    warnings: list[ExtractionWarning] = []
    if headings:
        sections: tuple[Section, ...] = ()
        bodies: tuple[Span, ...] = ()
        for index, heading in enumerate(headings):
            next_start = (
                headings[index + 1].line.start if index + 1 < len(headings) else sections_end
            )
            section, body, found = _section(text, heading, _rstrip(text, next_start), known)
            sections += (section,)
            bodies += (body,)
            warnings.extend(found)
    else:
        body_start = agenda if agenda < sections_end else header_end
        sections, bodies = body_sections(text, None, body_start, _rstrip(text, sections_end))

    document = Document(
        kind="protocol",
        span=(start, end),
        number=number.value if number else None,
        date=found_date[0] if found_date else None,
        title=title,
        issuer=issuer,
        place=place.value if place else None,
        signatory=signature[0] if signature else None,
        chair=chair,
        attendees=attendees,
        sections=tuple(sections),
    )
    return DocumentDraft(document, bodies, tuple(warnings))


def find_arabic_headings(text: str, start: int, end: int) -> list[Heading]:
    """Arabic-numbered agenda sections «1. О ходе …», told from the items of a protocol
    without sections by what follows them.

    A line «N. Title» is a section heading when, before the next numbered line, speakers
    («(Иванов)», «Докладчик: …»), «СЛУШАЛИ:», a report noted or the decision («РЕШИЛИ:»)
    follow it, or its speakers close the line, or the next numbered line is «N.1». Headings
    run in sequence (an item «2.» inside section 1 is not heading 2); a new run from «1.»
    replaces an earlier one — that was the agenda list above the sections.
    """
    lines = list(iter_lines(text, start, end))
    headings: list[Heading] = []
    expected: int | None = None
    for index, line in enumerate(lines):
        m = _ARABIC_HEADING.match(line.text)
        if m is None:
            continue
        value = int(m.group("number"))
        fits = (expected is None and 1 <= value <= _FIRST_ARABIC_MAX) or value == expected
        restarts = value == 1 and bool(headings)
        if not (fits or restarts) or not _opens_section(lines, index, value):
            continue
        if restarts:
            headings = []
        headings.append(Heading(m.group("number"), line))
        expected = value + 1
    return headings


_FIRST_ARABIC_MAX = 30


def _opens_section(lines: list[Line], index: int, value: int) -> bool:
    heading = lines[index].text.strip()
    if heading.endswith(":"):
        return False  # «1. Органам …:» leads in its items «1.1.», «1.2.»
    # «1. Минтрансу России обеспечить …» followed by «1.1.» is an item with sub-items.
    directive = analyze_clause(heading.split(".", 1)[1]) is not None
    trailing = _TRAILING_SPEAKER.search(lines[index].text)
    if trailing is not None and _looks_like_names(trailing.group("names"), ()):
        return True
    if _TRAILING_REPORTER.search(lines[index].text):
        return True
    seen = 0
    for line in lines[index + 1 : index + 1 + _CUE_LINES]:
        stripped = line.text.strip()
        if not stripped or is_debris_line(stripped):
            continue
        numbered = _NUMBERED_LINE.match(stripped)
        if numbered is not None:
            return numbered.group("number") == f"{value}.1" and not directive
        cue = _SECTION_CUE.match(stripped)
        if cue is not None:
            bracket = _SPEAKER_LINE.match(stripped)
            return (
                bracket is None
                or bool(_split_bracket(bracket.group("names")))
                or _REPORTER.match(stripped) is not None
            )
        seen += 1
        if seen >= _CUE_REACH:
            return False
    return False


def _find_line(text: str, pattern: re.Pattern[str], start: int, end: int) -> Line | None:
    for line in iter_lines(text, start, end):
        if pattern.match(line.text):
            return line
    return None


def _rstrip(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def _issuer(text: str, start: int, end: int) -> str | None:
    """The body named by the letterhead above the title, without its short form."""
    parts = []
    for line in iter_lines(text, start, end):
        stripped = line.text.strip()
        if not stripped or stripped.startswith("("):
            continue
        if not stripped.isupper():
            break
        parts.append(stripped)
    return letterhead_to_name(parts) if parts else None


def _title(text: str, keyword_line: Line | None, start: int, end: int) -> str | None:
    """«совещания Департамента … от 23 октября 2024 года»: the first non-requisite paragraph.

    The title may continue the keyword line («ПРОТОКОЛ совещания …»).
    """
    if keyword_line is not None:
        rest = keyword_line.text.strip().split(maxsplit=1)
        if len(rest) == 2 and rest[1][:1].islower():
            return rest[1]
    for para in iter_paragraphs(text, start, end):
        if not is_requisite_paragraph(para.text):
            return para.text
    return None


def _person_line(text: str, line_start: int, line_end: int) -> list[Person]:
    """People on an attendee or chair line: «Литвиненко С.Н.,», «Иванов И.И. – директор»."""
    names = find_names(text, line_start, line_end)
    people = []
    for index, name in enumerate(names):
        following = names[index + 1].start if index + 1 < len(names) else line_end
        position = _PARTICLE_DASH.sub("", text[name.end : following], count=1)
        position = position.strip(" ,;.")
        written = text[name.start : name.end]
        people.append(make_person(written, case="nomn", position=position or None))
    return people


def _chair(text: str, chair_line: Line, end: int) -> Person | None:
    for line in iter_lines(text, chair_line.start, end):
        people = _person_line(text, line.start, line.end)
        if people:
            return people[0]
    return None


def _starts_with_name(line: str) -> bool:
    return NAME_PATTERN.match(line.strip()) is not None


def _attendees(text: str, attendees_line: Line, end: int) -> tuple[AttendeeGroup, ...]:
    """Organisation lines, each followed by its people; an organisation without people is
    its own group («представители органов исполнительной власти субъектов …»)."""
    groups: list[AttendeeGroup] = []
    organization: list[str] = []
    people: list[Person] = []
    organization_closed = False
    first = _ATTENDEES.match(attendees_line.text)
    inline = attendees_line.text[first.end() :] if first else ""

    def flush() -> None:
        if organization or people:
            groups.append(AttendeeGroup(" ".join(organization), tuple(people)))

    lines: list[tuple[int, int, str]] = []
    if inline.strip():
        lines.append((attendees_line.end - len(inline), attendees_line.end, inline))
    lines.extend(
        (line.start, line.end, line.text) for line in iter_lines(text, attendees_line.end, end)
    )
    for line_start, line_end, line_text in lines:
        stripped = line_text.strip()
        if not stripped:
            organization_closed = bool(organization)
            continue
        if is_debris_line(stripped):
            continue
        if _starts_with_name(stripped):
            people.extend(_person_line(text, line_start, line_end))
            continue
        if people or organization_closed:
            flush()
            organization, people = [], []
        organization.append(stripped)
        organization_closed = False
    flush()
    return tuple(groups)


def _section(
    text: str, heading: Heading, end: int, known: Sequence[str]
) -> tuple[Section, tuple[int, int], list[ExtractionWarning]]:
    """One agenda section: title lines, speaker brackets, the body after them."""
    title_parts: list[str] = []
    speaker_parts: list[tuple[str, int]] = []
    named: list[WrittenName] = []
    body_start = heading.line.end
    title_open = True
    first = True
    for line in iter_lines(text, heading.line.start, end):
        stripped = line.text.strip()
        if first:
            stripped = stripped.split(".", 1)[1].strip()
            first = False
        elif not stripped:
            title_open = False
            continue
        elif is_debris_line(stripped):
            continue
        reporter = _REPORTER.match(line.text)
        if reporter is not None:
            named.extend(find_names(text, line.start + reporter.end(), line.end))
            body_start = line.end
            title_open = False
            continue
        speaker = _SPEAKER_LINE.match(line.text)
        if speaker is not None and _split_bracket(speaker.group("names")):
            speaker_parts.append((speaker.group("names"), line.start + speaker.start("names")))
            body_start = line.end
            title_open = False
            continue
        if not title_open or _BODY_START.match(stripped) or speaker_parts or named:
            break
        reporting = _TRAILING_REPORTER.search(stripped)
        if reporting is not None:
            offset = line.text.rfind("(", 0, len(line.text.rstrip()))
            named.extend(find_names(text, line.start + offset, line.end))
            stripped = stripped[: reporting.start()].rstrip()
            title_open = False
        if _NUMBERED_LINE.match(stripped):
            break  # an item right under the title line: the body has begun
        trailing = _TRAILING_SPEAKER.search(stripped)
        if trailing is not None and _looks_like_names(trailing.group("names"), known):
            offset = line.text.rfind("(" + trailing.group("names") + ")") + 1
            speaker_parts.append((trailing.group("names"), line.start + offset))
            stripped = stripped[: trailing.start()].rstrip()
            title_open = False
        if stripped:
            title_parts.append(stripped)
        body_start = line.end

    body_start = min(body_start + 1, end) if body_start < end else end
    report = _report_paragraph(text, body_start, end)
    speakers, warnings = _speakers(text, heading.number, speaker_parts, report, known)
    speakers += _named_speakers(text, named, "nomn", known, speakers)
    speakers += _named_speakers(text, _heard(text, body_start, end), "accs", known, speakers)
    section = Section(
        number=heading.number,
        title=" ".join(title_parts),
        speakers=tuple(speakers),
        report_noted=_REPORT_NOTED.search(text, body_start, end) is not None,
        instructions=(),
        span=(heading.line.start, end),
    )
    return section, (body_start, end), warnings


def _heard(text: str, start: int, end: int) -> list[WrittenName]:
    """Names in the «СЛУШАЛИ: Иванова И.И. — …» paragraph that opens a section body;
    «Слушали доклад … Петровой А.А.» is a report line, read with the report's genitive."""
    for para in itertools.islice(iter_paragraphs(text, start, end), _REPORT_REACH):
        heard = _HEARD.match(para.text)
        if heard is not None and _REPORT.search(para.text) is None:
            first = para.lines[0]
            return find_names(text, first.start + first.text.index(para.text[:1]), para.end)
    return []


def _named_speakers(
    text: str,
    names: list[WrittenName],
    case: str,
    known: Sequence[str],
    found: Sequence[Person],
) -> list[Person]:
    """Speakers named outside brackets, in the nominative with the attendee list's spelling;
    those already found (from a bracket or the report line) are not repeated."""
    speakers: list[Person] = []
    taken = {person.name for person in found}
    for name in names:
        if any(same_surname(name.surname, surname_of(p.name)) for p in found):
            continue
        as_written = text[name.start : name.end]
        attendee = next((k for k in known if same_surname(name.surname, surname_of(k), case)), None)
        person = Person(attendee or normalize_name(as_written, case=case, known=known), as_written)
        if person.name not in taken:
            taken.add(person.name)
            speakers.append(person)
    return speakers


def _looks_like_names(bracketed: str, known: Sequence[str]) -> bool:
    """Whether «(Муратов)» at the end of a title line lists speakers, not «(далее — ЦОПП)»."""
    parts = _split_bracket(bracketed)
    if not parts:
        return False
    known_surnames = [surname_of(k) for k in known]
    for surname, _, _ in parts:
        if not any(same_surname(surname, k) for k in known_surnames) and not is_surname(surname):
            return False
    return True


def _split_bracket(bracketed: str) -> list[tuple[str, str | None, tuple[int, int]]]:
    """«Муратов, Калугина» → surnames with optional initials and offsets within the bracket."""
    parts = []
    for chunk in _BRACKET_CHUNK.finditer(bracketed):
        piece = chunk.group(0)
        m = _BRACKET_PART.fullmatch(piece.strip())
        if m is None:
            return []
        initials = m.group("initials") or m.group("initials2")
        lead = len(piece) - len(piece.lstrip())
        span = (chunk.start() + lead, chunk.start() + lead + len(piece.strip()))
        parts.append((m.group("surname"), initials, span))
    return parts


def _report_paragraph(text: str, start: int, end: int) -> Paragraph | None:
    """The report line («Приняли к сведению доклад …») among the first paragraphs."""
    for para in itertools.islice(iter_paragraphs(text, start, end), _REPORT_REACH):
        if _REPORT_NOTED.search(para.text) or _REPORT.search(para.text):
            return para
    return None


@dataclass(frozen=True)
class _Reported:
    """A name in the report line «доклад начальника отдела … Меньшиковой Е.С.»."""

    written: WrittenName
    position: str | None


def _reported_names(text: str, report: Paragraph | None) -> list[_Reported]:
    if report is None:
        return []
    names = find_names(text, report.start, report.end)
    found = []
    anchor = _REPORT.search(text, report.start, report.end)
    for index, name in enumerate(names):
        position = None
        if index == 0 and anchor is not None and anchor.end() < name.start:
            raw = " ".join(text[anchor.end() : name.start].split())
            position = position_to_nominative(raw) if raw else None
        found.append(_Reported(name, position))
    return found


def _speakers(
    text: str,
    section: str,
    bracket_parts: list[tuple[str, int]],
    report: Paragraph | None,
    known: Sequence[str],
) -> tuple[list[Person], list[ExtractionWarning]]:
    """Speakers in the nominative with the attendee list's initials, and doubts about them."""
    reported = _reported_names(text, report)
    known_by_surname = {surname_of(k): k for k in known}
    speakers: list[Person] = []
    warnings: list[ExtractionWarning] = []
    for bracketed, offset in bracket_parts:
        for surname, initials, (s, e) in _split_bracket(bracketed):
            span = (offset + s, offset + e)
            written = text[span[0] : span[1]]
            attendee = next(
                (full for k, full in known_by_surname.items() if same_surname(surname, k)), None
            )
            match = next(
                (r for r in reported if same_surname(r.written.surname, surname, "gent")), None
            )
            position = match.position if match else None
            if attendee is not None:
                speakers.append(Person(attendee, written, position))
                # «(Антонов)» is Антонов К.М. of the attendee list, yet the report line (or the
                # bracket itself) may give other initials: «доклад … Антонова И.В.».
                written_forms = [(written, initials, span)]
                if match is not None:
                    w = match.written
                    written_forms.append((text[w.start : w.end], w.initials, (w.start, w.end)))
                for as_written, other, where in written_forms:
                    if other and normalize_initials(other) != attendee.partition(" ")[2]:
                        warnings.append(
                            ExtractionWarning(
                                "speaker_initials_differ",
                                f"Раздел {section}: докладчик в тексте — «{as_written}», а в "
                                f"списке присутствовавших — «{attendee}». Проверьте инициалы.",
                                where,
                            )
                        )
                continue
            if match is not None:
                name = normalize_name(
                    text[match.written.start : match.written.end], case="gent", known=[surname]
                )
            elif initials:
                name = normalize_name(written)
            else:
                name = surname
            speakers.append(Person(name, written, position))
            if known:
                warnings.append(
                    ExtractionWarning(
                        "speaker_not_in_attendees",
                        f"Раздел {section}: докладчика «{written}» нет в списке присутствовавших.",
                        span,
                    )
                )
    if not bracket_parts:
        for r in reported:
            as_written = text[r.written.start : r.written.end]
            candidates = nominative_candidates(r.written.surname, "gent")
            attendee = next((full for k, full in known_by_surname.items() if k in candidates), None)
            name = attendee or normalize_name(as_written, case="gent")
            speakers.append(Person(name, as_written, r.position))
    return speakers, warnings
