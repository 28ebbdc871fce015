"""The normalised text every span points into, its lines, and page-break debris.

Readers hand over text with Windows line ends, no-break spaces, soft hyphens and, for the
markdown-like sample, ``**bold**`` markers. All of that is removed once, here, so that the
reviewer sees the same characters the spans index.

Words hyphenated across a line break («обеспе-» / «чить», «Белгород-» / «ской области») are
joined here too, rather than by each parser: the word then stands whole in
``ParseResult.text``, every pattern and the dictionary see it, and a span over it is a plain
offset pair like any other. Only the hyphen (when it is a soft break) and the line break after
it go; a real hyphen of a compound stays («социально-» / «экономического» →
«социально-экономического»). See ``_join_hyphenated`` for the rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

from protokol.extraction.morphology import morph

# Characters that are spaces to a reader but not to a regex (\s misses none of them, but
# «\u00a0» inside a number like «5 л.» breaks literal matches) and invisible ones.
_TRANSLATION = str.maketrans(
    {
        "\u00a0": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\u2004": " ",
        "\u2005": " ",
        "\u2006": " ",
        "\u2007": " ",
        "\u2008": " ",
        "\u2009": " ",
        "\u200a": " ",
        "\u202f": " ",
        "\u205f": " ",
        "\u3000": " ",
        "\u00ad": None,
        "\u200b": None,
        "\u200c": None,
        "\u200d": None,
        "\u2060": None,
        "\ufeff": None,
        # Line separators Python's splitlines() honours but our offsets do not.
        "\r": "\n",
        "\v": "\n",
        "\f": "\n",
        "\x1c": "\n",
        "\x1d": "\n",
        "\x1e": "\n",
        "\x85": "\n",
        "\u2028": "\n",
        "\u2029": "\n",
    }
)
# Translating is slow on long texts; most have none of these characters.
_SPECIAL = re.compile("[" + "".join(chr(c) for c in _TRANSLATION) + "]")
# ``**`` / ``***`` bold markers; ``__`` only when it hugs a word, because a run of underscores
# is a blank to fill in (««___» ________ 2024 г.») and must survive.
_STARS = re.compile(r"\*{2,}")
_UNDERSCORES = re.compile(r"(?<![_\w])__(?=\S)(?!_)|(?<=[^\s_])__(?![_\w])")
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~\"'])")
_TRAILING_SPACE = re.compile(r"(?<![ \t])[ \t]+$", re.MULTILINE)


# A lone surrogate (from a broken decoder) cannot be encoded, stored or shown.
_SURROGATE = re.compile("[\ud800-\udfff]")
# A soft hyphen at a line end is a word break by definition.
_SOFT_HYPHEN_BREAK = re.compile("\u00ad[ \t]*(?:\r\n|\n|\r)[ \t]*")
# A hyphen glued to a letter at a line end, the next line starting with a letter:
# «обеспе-» / «чить», «Белгород-» / «ской», but also «Кабардино-» / «Балкарской». The
# lookbehind lets a match start only at a word's start, so each word is scanned once.
_LINE_END_HYPHEN = re.compile(
    r"(?<![А-Яа-яЁё])(?P<fragment>[А-Яа-яЁё]+)[-\u2010\u2011]\n[ \t]*(?P<continuation>[А-Яа-яЁё]+)"
)
# The same word broken by a page break: a page number or running footer (with a few blank
# lines around it, bounded so that a failed attempt costs a constant) between the two
# halves, «волонте-» / «- 8 -» / «рской».
_PAGE_HYPHEN = re.compile(
    r"(?<![А-Яа-яЁё])(?P<fragment>[А-Яа-яЁё]+)[-\u2010\u2011]"
    r"(?P<between>\n(?:[ \t]*\n){0,4}(?P<debris>[^\n]{1,80})\n(?:[ \t]*\n){0,4}[ \t]*)"
    r"(?P<continuation>[А-Яа-яЁё]+) ?"
)


def normalize_text(text: str) -> str:
    """Return the text parsing works on (and ``ParseResult.text``)."""
    if "\u00ad" in text:
        text = _SOFT_HYPHEN_BREAK.sub("", text)
    text = _SURROGATE.sub("\ufffd", text.replace("\r\n", "\n"))
    if _SPECIAL.search(text):
        text = text.translate(_TRANSLATION)
    if "**" in text:
        text = _STARS.sub("", text)
    if "__" in text:
        text = _UNDERSCORES.sub("", text)
    if "\\" in text:
        text = _ESCAPED.sub(r"\1", text)
    text = _TRAILING_SPACE.sub("", text)
    if "-\n" in text or "\u2010\n" in text or "\u2011\n" in text:
        text = _PAGE_HYPHEN.sub(_join_across_page, text)
        text = _LINE_END_HYPHEN.sub(_join_hyphenated, text)
    return text


def _join_across_page(match: re.Match[str]) -> str:
    """The word joined before the page debris, which stays on its own line in between."""
    if not is_debris_line(match.group("debris").strip()):
        return match.group()
    return _join_hyphenated(match) + match.group("between")


def _join_hyphenated(match: re.Match[str]) -> str:
    """A word hyphenated across a line break, joined on the first line.

    Joining here, before anything reads the text, keeps every span an offset into the one
    text the reviewer sees (``ParseResult.text``): the word simply stands whole on the line
    where it began and the line break after the hyphen is gone (the next line is shorter).
    The hyphen itself is dropped only for a soft break — the continuation in lowercase (or a
    word in capitals), and the joined form a word the dictionary knows, or the two halves no
    words of their own («Профессионали-» / «тет»). A real hyphen stays: «социально-» /
    «экономического», «Ханты-» / «Мансийский».
    """
    fragment, continuation = match.group("fragment"), match.group("continuation")
    capitals = fragment.isupper() and continuation.isupper()
    if (continuation[0].islower() or capitals) and _is_soft_break(fragment, continuation):
        return fragment + continuation
    return f"{fragment}-{continuation}"


# No Russian word is longer; a longer run of letters is no word to look up.
_LONGEST_WORD = 40


@lru_cache(maxsize=4096)
def _is_soft_break(fragment: str, continuation: str) -> bool:
    if len(fragment) + len(continuation) > _LONGEST_WORD:
        return True
    analyser = morph()
    if analyser.word_is_known((fragment + continuation).lower()):
        return True
    return not (
        analyser.word_is_known(fragment.lower()) and analyser.word_is_known(continuation.lower())
    )


class Line(NamedTuple):
    """One line of the normalised text: ``text == full_text[start:end]`` (no newline)."""

    start: int
    end: int
    text: str


def iter_lines(text: str, start: int = 0, end: int | None = None) -> Iterator[Line]:
    """Yield the lines of ``text[start:end]`` with offsets into ``text``.

    A range starting mid-line yields the rest of that line first; the last line is cut at
    ``end``. An empty range yields nothing.
    """
    stop = len(text) if end is None else min(end, len(text))
    pos = max(start, 0)
    while pos < stop:
        nl = text.find("\n", pos, stop)
        if nl < 0:
            yield _new_line(Line, (pos, stop, text[pos:stop]))
            return
        yield _new_line(Line, (pos, nl, text[pos:nl]))
        pos = nl + 1


# The parsers walk a document's lines about five times per parse; building each ``Line``
# with ``tuple.__new__`` skips the NamedTuple constructor's Python-level frame (a third of
# this loop's time).
_new_line = tuple.__new__


# «- 2 -», «— 12 —», «2», «Страница 2 из 5», «2 из 5», «Стр. 3».
_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-–—]\s*\d{1,4}\s*[-–—]|\d{1,4}|(?:стр(?:аница)?\.?\s*)?\d{1,4}\s+из\s+\d{1,4}"
    r"|стр(?:аница)?\.?\s*\d{1,4})\s*$",
    re.IGNORECASE,
)
# A running footer: a short title, a spaced hyphen and a page/department number,
# «О рассылке протокола - 05».
_RUNNING_FOOTER = re.compile(r"^\s*[А-ЯЁA-Z][^.;:!?]{2,80}?\s[-–]\s\d{1,4}\s*$")
# Lines of an institution's letterhead; inside a document body they are a page header.
_LETTERHEAD = re.compile(
    r"^\s*\(?(?:МИНИСТЕРСТВО|РОССИЙСКОЙ\s+ФЕДЕРАЦИИ\)?|ФЕДЕРАЛЬНОЕ\s+АГЕНТСТВО|ФЕДЕРАЛЬНАЯ\s+СЛУЖБА"
    r"|ПРАВИТЕЛЬСТВО|ПРЕЗИДЕНТ|ГУБЕРНАТОР|АДМИНИСТРАЦИЯ|ДЕПАРТАМЕНТ|КОМИТЕТ|УПРАВЛЕНИЕ"
    r"|МИН[А-ЯЁ]+\s+РОССИИ\)?)(?![А-ЯЁ])"
)
# Capitals only, and no colon: «ДЕПАРТАМЕНТУ ОБРАЗОВАНИЯ:» opens a block of instructions.
_UPPER_LINE = re.compile(r"^[\sА-ЯЁA-Z()«»\"'.,\-–—]{1,120}$")


def is_letterhead_line(line: str) -> bool:
    """«МИНИСТЕРСТВО ПРОСВЕЩЕНИЯ», «РОССИЙСКОЙ ФЕДЕРАЦИИ», «(МИНПРОСВЕЩЕНИЯ РОССИИ)»."""
    return bool(_LETTERHEAD.match(line)) and bool(_UPPER_LINE.match(line))


def is_debris_line(line: str) -> bool:
    """True for a line that never carries content inside a document body.

    Page numbers, running footers and letterhead lines repeated at the top of a page. At the
    top of a document the letterhead is content (segmentation reads it before parsers skip
    debris), so callers ask this only about body lines.
    """
    if not line or line.isspace():
        return False
    # A page number or a running footer ends in a digit or a dash: most lines are spared the
    # footer's scan of their first 80 characters.
    last = line.rstrip()[-1]
    if (last.isdigit() or last in "-–—") and (
        _PAGE_NUMBER.match(line) or _RUNNING_FOOTER.match(line)
    ):
        return True
    return is_letterhead_line(line)


class Paragraph(NamedTuple):
    """Consecutive non-blank lines; ``text`` joins them with single spaces."""

    start: int
    end: int
    text: str
    lines: tuple[Line, ...]


def iter_paragraphs(text: str, start: int = 0, end: int | None = None) -> Iterator[Paragraph]:
    """Yield blank-line separated paragraphs of ``text[start:end]``; debris lines end one."""
    block: list[Line] = []
    for line in iter_lines(text, start, end):
        stripped = line.text.strip()
        if stripped and not is_debris_line(stripped):
            block.append(line)
            continue
        if block:
            yield _paragraph(block)
            block = []
    if block:
        yield _paragraph(block)


def _paragraph(block: list[Line]) -> Paragraph:
    joined = " ".join(line.text.strip() for line in block)
    return Paragraph(block[0].start, block[-1].end, joined, tuple(block))
