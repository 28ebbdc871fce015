"""OpenDocument text (LibreOffice, МойОфис, Р7-Офис) read from ``content.xml``."""

from __future__ import annotations

import re
from dataclasses import dataclass

# The stdlib Element is used as a type only: parsing goes through defusedxml.
from xml.etree.ElementTree import Element  # nosec B405

from protokol.extraction.config import ReadLimits
from protokol.extraction.readers.base import ReadNote, ReadText, join_paragraphs, unreadable
from protokol.extraction.readers.numbering import format_number
from protokol.extraction.readers.tables import (
    MAX_TABLE_DEPTH,
    Cell,
    guessed_columns_note,
    render_table,
)
from protokol.extraction.readers.xml import XmlArchive, attribute_int, open_zip, walk

OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
_DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"
_MIMETYPE = b"application/vnd.oasis.opendocument.text"

_PARAGRAPHS = frozenset({f"{TEXT}p", f"{TEXT}h"})
# Deleted text of tracked changes, notes, comments and cached list numbers (computed here).
_SKIPPED = frozenset(
    {f"{TEXT}tracked-changes", f"{TEXT}note", f"{OFFICE}annotation", f"{TEXT}number",
     f"{TEXT}sequence-decls", f"{TABLE}table-columns", f"{TABLE}table-column",
     f"{TABLE}covered-table-cell"}
)  # fmt: skip
_WHITESPACE = re.compile(r"[ \t\r\n]+")
# ODF lists have ten levels, so no label shows more numbers than that.
_LEVELS = 10
# «text:s text:c="2000000000"» would be a 2 GB string; runs inside a line end up as one
# space anyway (``clean_text``), and no indentation is wider than a line.
_MAX_SPACES = 100
# ODF num-format values → WordprocessingML styles understood by format_number.
_NUMBER_STYLES = {"1": "decimal", "a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman",
                  "I": "upperRoman", "а": "russianLower", "А": "russianUpper", "": "none"}  # fmt: skip


@dataclass(frozen=True)
class _Level:
    style: str  # a format_number style, or "bullet"
    prefix: str = ""
    suffix: str = "."
    start: int = 1
    shown_levels: int = 1
    bullet: str = "•"


# A list without a known style is numbered «1.», «1.1.», as the readers of protocols expect.
_UNKNOWN_LEVEL = _Level("decimal", shown_levels=_LEVELS)


def _list_styles(*roots: Element | None) -> dict[str, dict[int, _Level]]:
    styles: dict[str, dict[int, _Level]] = {}
    for root in roots:
        for list_style in root.iter(f"{TEXT}list-style") if root is not None else ():
            levels: dict[int, _Level] = {}
            for level in list_style:
                depth = attribute_int(level.get(f"{TEXT}level"), 1)
                if level.tag == f"{TEXT}list-level-style-number":
                    levels[depth] = _Level(
                        style=_NUMBER_STYLES.get(level.get(f"{STYLE}num-format", "1"), "decimal"),
                        prefix=level.get(f"{STYLE}num-prefix", ""),
                        suffix=level.get(f"{STYLE}num-suffix", ""),
                        start=attribute_int(level.get(f"{TEXT}start-value"), 1),
                        shown_levels=min(
                            attribute_int(level.get(f"{TEXT}display-levels"), 1), _LEVELS
                        ),
                    )
                elif level.tag == f"{TEXT}list-level-style-bullet":
                    levels[depth] = _Level("bullet", bullet=level.get(f"{TEXT}bullet-char", "•"))
            styles[list_style.get(f"{STYLE}name", "")] = levels
    return styles


@dataclass
class _OpenList:
    """A ``text:list`` being read: its style, level and the number of its current item."""

    style: str
    level: _Level
    depth: int
    number: int
    label: str = ""  # the current item's label, until its first paragraph takes it


class _Document:
    def __init__(self, list_styles: dict[str, dict[int, _Level]]) -> None:
        self._list_styles = list_styles
        # Last number of each (list style, depth), for lists that continue an earlier one.
        self._last_numbers: dict[tuple[str, int], int] = {}
        self.notes: list[ReadNote] = []

    def blocks(self, body: Element) -> list[str]:
        """Paragraphs, list items and tables in order, walked without recursion.

        Each open table cell has its own text collector and its own lists: a list inside a
        cell starts at the first level, as the word processor shows it.
        """
        collectors: list[list[str]] = [[]]
        lists: list[list[_OpenList]] = [[]]
        tables: list[list[list[Cell]]] = []
        # Open tables below MAX_TABLE_DEPTH: their rows and cells are not tracked.
        flattened = 0

        def enter(element: Element) -> bool:
            nonlocal flattened
            tag = element.tag
            if tag in _PARAGRAPHS:
                label = ""
                if lists[-1] and lists[-1][-1].label:
                    label, lists[-1][-1].label = lists[-1][-1].label, ""
                collectors[-1].append(label + _paragraph(element))
                return False
            if tag == f"{TEXT}list":
                lists[-1].append(self._open_list(element, lists[-1]))
            elif tag == f"{TEXT}list-item" and lists[-1]:
                self._next_item(element, lists[-1])
            elif tag == f"{TEXT}list-header" and lists[-1]:
                lists[-1][-1].label = ""
            elif tag == f"{TABLE}table":
                if len(tables) < MAX_TABLE_DEPTH:
                    tables.append([])
                else:
                    flattened += 1
            elif flattened:
                pass  # the rows and cells of a flattened table only hold paragraphs
            elif tables and tag == f"{TABLE}table-row":
                tables[-1].append([])
            elif tables and tag == f"{TABLE}table-cell":
                collectors.append([])
                lists.append([])
            # Sections, indexes, header rows, row groups and other containers hold blocks.
            return tag not in _SKIPPED and not tag.startswith(_DRAW)

        def leave(element: Element) -> None:
            nonlocal flattened
            tag = element.tag
            if flattened and tag in (f"{TABLE}table", f"{TABLE}table-row", f"{TABLE}table-cell"):
                if tag == f"{TABLE}table":
                    flattened -= 1
            elif tag == f"{TEXT}list" and lists[-1]:
                closed = lists[-1].pop()
                self._last_numbers[(closed.style, closed.depth)] = closed.number
            elif tables and tag == f"{TABLE}table-cell" and len(collectors) > 1:
                lists.pop()
                if not tables[-1]:
                    tables[-1].append([])
                tables[-1][-1].append(_cell(element, collectors.pop()))
            elif tables and tag == f"{TABLE}table":
                rendered = render_table(tables.pop())
                if rendered.guessed:
                    self.notes.append(guessed_columns_note(rendered))
                collectors[-1].append(rendered.text)

        walk(body, enter, leave)
        return collectors[0]

    def _open_list(self, element: Element, open_lists: list[_OpenList]) -> _OpenList:
        parent = open_lists[-1] if open_lists else None
        style = element.get(f"{TEXT}style-name") or (parent.style if parent else "")
        depth = parent.depth + 1 if parent else 1
        level = self._list_styles.get(style, {}).get(depth, _UNKNOWN_LEVEL)
        number = level.start - 1
        if element.get(f"{TEXT}continue-numbering") == "true" or element.get(
            f"{TEXT}continue-list"
        ):
            number = self._last_numbers.get((style, depth), number)
        return _OpenList(style, level, depth, number)

    def _next_item(self, item: Element, open_lists: list[_OpenList]) -> None:
        current = open_lists[-1]
        current.number = attribute_int(item.get(f"{TEXT}start-value"), current.number + 1)
        current.label = self._label(current, open_lists)

    def _label(self, current: _OpenList, open_lists: list[_OpenList]) -> str:
        level = current.level
        if level.style == "bullet":
            return f"{level.bullet} "
        if level.style == "none":
            return ""
        levels = self._list_styles.get(current.style, {})
        # Only the levels shown are looked at, so a list nested 10,000 deep costs no more.
        shown = open_lists[max(0, len(open_lists) - level.shown_levels) :]
        parts = [
            format_number(
                opened.number, levels.get(len(open_lists) - len(shown) + index + 1,
                                          _UNKNOWN_LEVEL).style
            )
            for index, opened in enumerate(shown)
        ]  # fmt: skip
        return f"{level.prefix}{'.'.join(parts)}{level.suffix} "


def _cell(element: Element, paragraphs: list[str]) -> Cell:
    return Cell(
        tuple(paragraphs),
        columns=attribute_int(element.get(f"{TABLE}number-columns-spanned"), 1),
        rows=attribute_int(element.get(f"{TABLE}number-rows-spanned"), 1),
    )


def _paragraph(paragraph: Element) -> str:
    parts: list[str] = []

    # Whitespace in ODF text collapses like in HTML; real spaces are written as text:s.
    def enter(element: Element) -> bool:
        tag = element.tag
        if tag == f"{TEXT}s":
            count = attribute_int(element.get(f"{TEXT}c"), 1)
            parts.append(" " * max(1, min(count, _MAX_SPACES)))
        elif tag == f"{TEXT}tab":
            parts.append("\t")
        elif tag == f"{TEXT}line-break":
            parts.append("\n")
        elif tag not in _SKIPPED and not tag.startswith(_DRAW):
            if element.text:  # spans, links, fields
                parts.append(_WHITESPACE.sub(" ", element.text))
            return True
        return False

    def leave(element: Element) -> None:
        if element.tail:
            parts.append(_WHITESPACE.sub(" ", element.tail))

    if paragraph.text:
        parts.append(_WHITESPACE.sub(" ", paragraph.text))
    walk(paragraph, enter, leave)
    return "".join(parts).strip(" ")


class OdtReader:
    format = "odt"
    extensions: tuple[str, ...] = (".odt", ".ott")

    def sniffs(self, data: bytes) -> bool:
        archive = open_zip(data)
        if archive is None:
            return False
        try:
            info = archive.getinfo("mimetype")
            return info.file_size < 256 and archive.read(info).startswith(_MIMETYPE)
        except Exception:  # no such member, or a damaged one: then it is not ODT
            return False

    def read(self, data: bytes, limits: ReadLimits) -> ReadText:
        archive = open_zip(data)
        if archive is None:
            raise unreadable("ODT")
        parts = XmlArchive(archive, "ODT", limits, len(data))
        if not parts.has("content.xml"):
            raise unreadable("ODT")
        content = parts.parse("content.xml")
        styles = parts.parse("styles.xml") if parts.has("styles.xml") else None
        body = content.find(f"{OFFICE}body/{OFFICE}text")
        if body is None:
            raise unreadable("ODT")
        document = _Document(_list_styles(content, styles))
        text = join_paragraphs(document.blocks(body))
        return ReadText(text, tuple(document.notes))
