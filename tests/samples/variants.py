"""Layout variants of the sample protocol: the same document as other people type, scan and save it.

Each variant changes only the layout of ``sample_protocol.txt`` — line wraps with hyphenation,
Arabic section numbers, deadline wordings, line ends, spaces, encodings, item numbers glued to the
text — so its parse must give the sample's own result: the same 19 instructions with the same
kinds, actions, report flags, deadline dates, addressees and texts. Only the ids change where the
numbering does (``Variant.instruction_id``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from protokol.extraction.numerals import roman_value
from protokol.extraction.russian import MONTHS_GENITIVE
from tests.samples.render import SAMPLE_PROTOCOL

WRAP_WIDTH = 70
# Words shorter than this are moved to the next line whole, longer ones are hyphenated.
_HYPHENATE_FROM = 8
_MIN_PART = 3
_VOWELS = frozenset("аеёиоуыэюяАЕЁИОУЫЭЮЯ")

_ROMAN_HEADING = re.compile(r"^(?P<bold>\**)(?P<roman>[IVX]+)\. ", re.MULTILINE)
_ITEM = re.compile(r"^(?P<bold>\**)(?P<number>\d{1,2})\. ", re.MULTILINE)
_DEADLINE_LINE = re.compile(
    r"^\*\*Срок(?: исполнения)? [—–] (?:до )?(?P<day>\d{1,2}) (?P<month>[а-я]+) "
    r"(?P<year>\d{4}) ?г\.\*\*$",
    re.MULTILINE,
)
_SPACE_AFTER = re.compile(r"(?<=\d) (?=[а-я])|(?<=№) |(?<=[А-ЯЁ]\.) (?=[А-ЯЁ][а-яё])| (?=г\.)")


def sample_text() -> str:
    return SAMPLE_PROTOCOL.read_text(encoding="utf-8")


def _same_id(instruction_id: str) -> str:
    return instruction_id


def arabic_id(instruction_id: str) -> str:
    """«III.1» → «3.1»: the id of an item of the sample in its Arabic-numbered variant."""
    section, _, rest = instruction_id.partition(".")
    value = roman_value(section)
    assert value is not None, instruction_id
    return f"{value}.{rest}"


@dataclass(frozen=True)
class Variant:
    """A rendition of the sample: text for ``parse_text`` or bytes for ``parse_bytes``."""

    name: str
    text: str | None = None
    data: bytes | None = None
    instruction_id: Callable[[str], str] = field(default=_same_id)


# --- transformations ----------------------------------------------------------------------------


def wrap(text: str, width: int = WRAP_WIDTH) -> str:
    """Hard line wraps at ``width`` columns, long words hyphenated at the line end, as PDF and
    e-mail copies of a document come: «обеспе-» / «чить», «Белгород-» / «ской области»."""
    return "\n".join(_wrap_line(line.rstrip(), width) for line in text.split("\n"))


def _wrap_line(line: str, width: int) -> str:
    lines: list[str] = []
    current = ""
    for word in line.split(" "):
        candidate = f"{current} {word}" if current else word
        if len(candidate) <= width or not current:
            current = candidate
            continue
        head, tail = _hyphenated(word, width - len(current) - 1)
        if head:
            lines.append(f"{current} {head}-")
            current = tail
        else:
            lines.append(current)
            current = word
    lines.append(current)
    return "\n".join(lines)


def _hyphenated(word: str, room: int) -> tuple[str, str]:
    """The longest head of ``word`` (after a vowel, both parts at least three letters) that
    fits ``room`` columns with its hyphen; ("", word) when there is none."""
    letters = word.rstrip(".,;:»)")
    if len(letters) < _HYPHENATE_FROM or not letters.isalpha():
        return "", word
    for cut in range(min(room - 1, len(letters) - _MIN_PART), _MIN_PART - 1, -1):
        if letters[cut - 1] in _VOWELS and letters[cut] not in _VOWELS:
            return word[:cut], word[cut:]
    return "", word


PAGE_LINES = 45


def page_numbers(text: str, every: int = PAGE_LINES) -> str:
    """A page number line «- 2 -» after every ``every`` lines, as a PDF's text comes: it may
    fall inside a sentence or between the halves of a hyphenated word."""
    lines = text.split("\n")
    paged: list[str] = []
    for index, line in enumerate(lines, start=1):
        paged.append(line)
        if index % every == 0:
            paged.append(f"- {index // every + 1} -")
    return "\n".join(paged)


_LEAD_IN = (
    "Исполнительным органам субъектов Российской Федерации, осуществляющим государственное "
    "управление в сфере образования:"
)
RESPONSIBLE = "Ответственные: органы исполнительной власти субъектов Российской Федерации"


def responsible_lines(text: str) -> str:
    """The lead-in «Исполнительным органам …:» of a block replaced by an «Ответственные: …»
    line under each of its items (before the item's deadline line), as a list of instructions
    rendered from a table names the executors."""
    out: list[str] = []
    in_block = pending = False
    for line in text.split("\n"):
        ends_item = bool(
            _ITEM.match(line) or _ROMAN_HEADING.match(line) or _DEADLINE_LINE.match(line)
        )
        if pending and ends_item:
            out += [RESPONSIBLE, ""]
            pending = False
        if _ROMAN_HEADING.match(line):
            in_block = False
        if line == _LEAD_IN:
            in_block = True
            continue
        if in_block and _ITEM.match(line):
            pending = True
        out.append(line)
    return "\n".join(out)


def arabic_sections(text: str, *, dotted_items: bool = False) -> str:
    """Section headings «III.» → «3.»; with ``dotted_items`` the items «1.» of section 3
    become «3.1.», as protocols numbered throughout in Arabic write them."""
    parts: list[str] = []
    section = 0
    for line in text.split("\n"):
        heading = _ROMAN_HEADING.match(line)
        if heading is not None:
            section = roman_value(heading.group("roman")) or 0
            line = f"{heading.group('bold')}{section}. {line[heading.end() :]}"
        elif dotted_items and (item := _ITEM.match(line)) is not None:
            line = f"{item.group('bold')}{section}.{item.group('number')}. {line[item.end() :]}"
        parts.append(line)
    return "\n".join(parts)


def deadline_wording(text: str, wording: str) -> str:
    """Every «**Срок — до 28 декабря 2024 г.**» line in another wording the parser reads:
    «(срок – {numeric})», «Срок исполнения: до {numeric}», «В срок до {words} года.»"""

    def reworded(m: re.Match[str]) -> str:
        day, year = int(m.group("day")), m.group("year")
        month = MONTHS_GENITIVE.index(m.group("month")) + 1
        return wording.format(
            numeric=f"{day:02d}.{month:02d}.{year}", words=f"{day} {m.group('month')} {year}"
        )

    return _DEADLINE_LINE.sub(reworded, text)


def glued_numbers(text: str, closing: str = ".") -> str:
    """«1. Исполнительным …» → «1.Исполнительным …» (or «1)Исполнительным …»)."""
    return _ITEM.sub(lambda m: f"{m.group('bold')}{m.group('number')}{closing}", text)


def no_break_spaces(text: str) -> str:
    """No-break spaces where Word puts them: «28 декабря», «№ 05», «Е.С. Меньшикова», «г.»"""
    return _SPACE_AFTER.sub("\u00a0", text)


def crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


# --- the variants -------------------------------------------------------------------------------

DEADLINE_WORDINGS = {
    "bracketed": "(срок – {numeric})",
    "execution_term": "Срок исполнения: до {numeric}",
    "in_words": "В срок до {words} года.",
}


def variants() -> list[Variant]:
    text = sample_text()
    return [
        Variant("wrapped_and_hyphenated", wrap(text)),
        Variant("wrapped_with_page_numbers", page_numbers(wrap(text))),
        Variant("arabic_sections", arabic_sections(text), instruction_id=arabic_id),
        Variant(
            "arabic_sections_dotted_items",
            arabic_sections(text, dotted_items=True),
            instruction_id=arabic_id,
        ),
        *(
            Variant(f"deadline_{name}", deadline_wording(text, wording))
            for name, wording in DEADLINE_WORDINGS.items()
        ),
        Variant("crlf_line_ends", crlf(text)),
        Variant("no_break_spaces", no_break_spaces(text)),
        Variant("cp1251_bytes", data=text.encode("cp1251")),
        Variant("utf8_bom_bytes", data=b"\xef\xbb\xbf" + crlf(text).encode("utf-8")),
        Variant("glued_item_numbers", glued_numbers(text)),
        Variant("responsible_lines", responsible_lines(text)),
        Variant("glued_parenthesised_numbers", glued_numbers(text, ")")),
        Variant(
            "everything_at_once",
            data=crlf(
                page_numbers(
                    wrap(
                        no_break_spaces(
                            glued_numbers(
                                deadline_wording(
                                    arabic_sections(text, dotted_items=True),
                                    DEADLINE_WORDINGS["bracketed"],
                                )
                            )
                        )
                    )
                )
            ).encode("cp1251"),
            instruction_id=arabic_id,
        ),
    ]
