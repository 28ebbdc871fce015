"""OpenDocument text (LibreOffice, МойОфис, Р7-Офис) read from ``content.xml``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# The stdlib Element is used as a type only: parsing goes through defusedxml.
from xml.etree.ElementTree import Element  # nosec B405

from protokol.extraction.readers.base import join_cells, join_paragraphs, unreadable
from protokol.extraction.readers.numbering import format_number
from protokol.extraction.readers.xml import XmlArchive, open_zip

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
_UNKNOWN_LEVEL = _Level("decimal", shown_levels=10)


def _list_styles(*roots: Element | None) -> dict[str, dict[int, _Level]]:
    styles: dict[str, dict[int, _Level]] = {}
    for root in roots:
        for list_style in root.iter(f"{TEXT}list-style") if root is not None else ():
            levels: dict[int, _Level] = {}
            for level in list_style:
                depth = _int(level.get(f"{TEXT}level"), 1)
                if level.tag == f"{TEXT}list-level-style-number":
                    levels[depth] = _Level(
                        style=_NUMBER_STYLES.get(level.get(f"{STYLE}num-format", "1"), "decimal"),
                        prefix=level.get(f"{STYLE}num-prefix", ""),
                        suffix=level.get(f"{STYLE}num-suffix", ""),
                        start=_int(level.get(f"{TEXT}start-value"), 1),
                        shown_levels=_int(level.get(f"{TEXT}display-levels"), 1),
                    )
                elif level.tag == f"{TEXT}list-level-style-bullet":
                    levels[depth] = _Level("bullet", bullet=level.get(f"{TEXT}bullet-char", "•"))
            styles[list_style.get(f"{STYLE}name", "")] = levels
    return styles


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


class _Document:
    def __init__(self, list_styles: dict[str, dict[int, _Level]]) -> None:
        self._list_styles = list_styles
        # Last number of each (list style, depth), for lists that continue an earlier one.
        self._last_numbers: dict[tuple[str, int], int] = {}

    def blocks(self, container: Element) -> Iterator[str]:
        for child in container:
            if child.tag in _PARAGRAPHS:
                yield _paragraph(child)
            elif child.tag == f"{TEXT}list":
                yield from self._list(child, "", ())
            elif child.tag == f"{TABLE}table":
                yield "\n".join(row for row in self._rows(child) if row)
            elif child.tag not in _SKIPPED and not child.tag.startswith(_DRAW):
                yield from self.blocks(child)  # sections, indexes, and other containers

    def _list(self, element: Element, style: str, numbers: tuple[int, ...]) -> Iterator[str]:
        style = element.get(f"{TEXT}style-name") or style
        depth = len(numbers) + 1
        level = self._list_styles.get(style, {}).get(depth, _UNKNOWN_LEVEL)
        number = level.start - 1
        if element.get(f"{TEXT}continue-numbering") == "true" or element.get(
            f"{TEXT}continue-list"
        ):
            number = self._last_numbers.get((style, depth), number)
        for item in element:
            label = ""
            if item.tag == f"{TEXT}list-item":
                number = _int(item.get(f"{TEXT}start-value"), number + 1)
                label = self._label(style, level, (*numbers, number))
            elif item.tag != f"{TEXT}list-header":
                continue
            for child in item:
                if child.tag in _PARAGRAPHS:
                    yield label + _paragraph(child)
                    label = ""
                elif child.tag == f"{TEXT}list":
                    yield from self._list(child, style, (*numbers, number))
        self._last_numbers[(style, depth)] = number

    def _label(self, style: str, level: _Level, numbers: tuple[int, ...]) -> str:
        if level.style == "bullet":
            return f"{level.bullet} "
        if level.style == "none":
            return ""
        levels = self._list_styles.get(style, {})
        shown = range(max(0, len(numbers) - level.shown_levels), len(numbers))
        parts = [
            format_number(numbers[index], levels.get(index + 1, _UNKNOWN_LEVEL).style)
            for index in shown
        ]
        return f"{level.prefix}{'.'.join(parts)}{level.suffix} "

    def _rows(self, element: Element) -> Iterator[str]:
        for child in element:
            if child.tag == f"{TABLE}table-row":
                cells = child.findall(f"{TABLE}table-cell")
                yield join_cells([" ".join(self.blocks(cell)) for cell in cells])
            elif child.tag not in _SKIPPED:
                yield from self._rows(child)  # header rows, row groups


def _paragraph(paragraph: Element) -> str:
    parts: list[str] = []
    _inline(paragraph, parts)
    return "".join(parts).strip(" ")


def _inline(element: Element, parts: list[str]) -> None:
    # Whitespace in ODF text collapses like in HTML; real spaces are written as text:s.
    if element.text:
        parts.append(_WHITESPACE.sub(" ", element.text))
    for child in element:
        if child.tag == f"{TEXT}s":
            parts.append(" " * max(1, _int(child.get(f"{TEXT}c"), 1)))
        elif child.tag == f"{TEXT}tab":
            parts.append("\t")
        elif child.tag == f"{TEXT}line-break":
            parts.append("\n")
        elif child.tag not in _SKIPPED and not child.tag.startswith(_DRAW):
            _inline(child, parts)  # spans, links, fields
        if child.tail:
            parts.append(_WHITESPACE.sub(" ", child.tail))


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

    def read(self, data: bytes) -> str:
        archive = open_zip(data)
        if archive is None:
            raise unreadable("ODT")
        parts = XmlArchive(archive, "ODT")
        if not parts.has("content.xml"):
            raise unreadable("ODT")
        content = parts.parse("content.xml")
        styles = parts.parse("styles.xml") if parts.has("styles.xml") else None
        body = content.find(f"{OFFICE}body/{OFFICE}text")
        if body is None:
            raise unreadable("ODT")
        return join_paragraphs(list(_Document(_list_styles(content, styles)).blocks(body)))
