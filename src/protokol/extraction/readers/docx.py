"""DOCX read from its XML, because libraries drop the automatic numbering of paragraphs.

Instructions in protocols are numbered lists («1.», «2.», «а)»), and the numbers exist only
in ``numbering.xml``; without them «2. Обеспечить …» would lose its «2.».
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field

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

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_VAL = f"{W}val"

# Deleted and moved-away revisions, properties, and the non-Word branch of alternate content.
_SKIPPED = frozenset(
    {f"{W}{name}" for name in ("del", "moveFrom", "pPr", "rPr", "tblPr", "tblGrid", "trPr",
                               "tcPr", "sectPr", "bookmarkStart", "bookmarkEnd", "proofErr")}
    | {_FALLBACK}
)  # fmt: skip
_RUN_TEXT = {f"{W}t": None, f"{W}tab": "\t", f"{W}ptab": "\t", f"{W}br": "\n",
             f"{W}cr": "\n", f"{W}noBreakHyphen": "-"}  # fmt: skip
_FALSE = frozenset({"0", "false", "off"})
_LEVEL_REFERENCE = re.compile(r"%([1-9])")
_LEVELS = 9


def _val(element: Element | None, tag: str, default: str | None = None) -> str | None:
    child = element.find(f"{W}{tag}") if element is not None else None
    return child.get(_VAL, default) if child is not None else default


def _flag(element: Element | None, tag: str) -> bool:
    child = element.find(f"{W}{tag}") if element is not None else None
    return child is not None and child.get(_VAL, "true") not in _FALSE


@dataclass(frozen=True)
class _Level:
    start: int
    style: str
    text: str
    restart_after: int | None  # 1-based level whose use restarts this one; 0 = never
    legal: bool
    suffix: str

    @classmethod
    def parse(cls, lvl: Element) -> _Level:
        restart = _val(lvl, "lvlRestart")
        return cls(
            start=attribute_int(_val(lvl, "start"), 1),
            style=_val(lvl, "numFmt") or "decimal",
            text=_val(lvl, "lvlText") or "",
            restart_after=attribute_int(restart, 0) if restart is not None else None,
            legal=_flag(lvl, "isLgl"),
            suffix="" if _val(lvl, "suff") == "nothing" else " ",
        )


@dataclass
class _List:
    abstract_id: str
    levels: dict[int, _Level]
    start_overrides: dict[int, int] = field(default_factory=dict)


def _levels(parent: Element) -> dict[int, _Level]:
    return {
        attribute_int(lvl.get(f"{W}ilvl"), 0): _Level.parse(lvl)
        for lvl in parent.findall(f"{W}lvl")
    }


class _Numbering:
    """Counters of every list, advanced paragraph by paragraph in document order.

    Counters belong to the abstract list, so list instances sharing it continue one
    another, as in Word; a ``startOverride`` restarts the level where its instance begins.
    """

    def __init__(self, numbering: Element | None) -> None:
        self._lists: dict[str, _List] = {}
        self._counters: dict[str, list[int | None]] = {}
        self._started: set[str] = set()
        if numbering is None:
            return
        abstracts = {
            abstract.get(f"{W}abstractNumId", ""): _levels(abstract)
            for abstract in numbering.findall(f"{W}abstractNum")
        }
        for num in numbering.findall(f"{W}num"):
            abstract_id = _val(num, "abstractNumId") or ""
            instance = _List(abstract_id, dict(abstracts.get(abstract_id, {})))
            for override in num.findall(f"{W}lvlOverride"):
                ilvl = attribute_int(override.get(f"{W}ilvl"), 0)
                instance.levels.update(_levels(override))
                start = _val(override, "startOverride")
                if start is not None:
                    instance.start_overrides[ilvl] = attribute_int(start, 1)
            self._lists[num.get(f"{W}numId", "")] = instance

    def label(self, num_id: str, ilvl: int) -> str:
        """The number of the next paragraph of list ``num_id`` at level ``ilvl``."""
        instance = self._lists.get(num_id)
        if instance is None or not 0 <= ilvl < _LEVELS or ilvl not in instance.levels:
            return ""
        counters = self._advance(num_id, instance, ilvl)
        level = instance.levels[ilvl]
        if level.style == "bullet":
            return _bullet(level.text) + level.suffix
        if level.style == "none" or not level.text:
            return ""

        def number(match: re.Match[str]) -> str:
            referenced = int(match.group(1)) - 1
            value = counters[referenced]
            shown = instance.levels.get(referenced)
            style = "decimal" if level.legal or shown is None else shown.style
            return format_number(value or self._start(instance, referenced), style)

        return _LEVEL_REFERENCE.sub(number, level.text) + level.suffix

    def _advance(self, num_id: str, instance: _List, ilvl: int) -> list[int | None]:
        counters = self._counters.setdefault(instance.abstract_id, [None] * _LEVELS)
        if num_id not in self._started:
            self._started.add(num_id)
            for overridden in instance.start_overrides:
                if 0 <= overridden < _LEVELS:
                    counters[overridden] = None
        current = counters[ilvl]
        counters[ilvl] = current + 1 if current is not None else self._start(instance, ilvl)
        for deeper in range(ilvl + 1, _LEVELS):
            deeper_level = instance.levels.get(deeper)
            restart_after = deeper_level.restart_after if deeper_level else None
            # A deeper level restarts whenever a level above it is used, unless told otherwise.
            if ilvl < (deeper if restart_after is None else restart_after):
                counters[deeper] = None
        return counters

    @staticmethod
    def _start(instance: _List, ilvl: int) -> int:
        if ilvl in instance.start_overrides:
            return instance.start_overrides[ilvl]
        level = instance.levels.get(ilvl)
        return level.start if level else 1


def _bullet(text: str) -> str:
    # Bullets are usually private-use glyphs of the Symbol or Wingdings fonts.
    return "•" if not text or any(0xE000 <= ord(char) <= 0xF8FF for char in text) else text


class _ParagraphStyles:
    """List membership a paragraph inherits from its style («Заголовок 1» with numbers)."""

    def __init__(self, load: Callable[[], Element | None]) -> None:
        # styles.xml is often the biggest part; documents without styled paragraphs skip it.
        self._load: Callable[[], Element | None] | None = load
        self._styles: dict[str, Element] = {}

    def _style(self, style_id: str) -> Element | None:
        if self._load is not None:
            styles, self._load = self._load(), None
            for style in styles.findall(f"{W}style") if styles is not None else ():
                self._styles[style.get(f"{W}styleId", "")] = style
        return self._styles.get(style_id)

    def numbering(self, style_id: str | None) -> tuple[str | None, str | None]:
        num_id = ilvl = None
        for _ in range(20):  # basedOn chains are short; a cycle must not hang the reader
            style = self._style(style_id) if style_id else None
            if style is None:
                break
            num_pr = style.find(f"{W}pPr/{W}numPr")
            num_id = num_id or _val(num_pr, "numId")
            ilvl = ilvl or _val(num_pr, "ilvl")
            style_id = _val(style, "basedOn")
        return num_id, ilvl


class _Document:
    def __init__(self, numbering: Element | None, styles: _ParagraphStyles) -> None:
        self._numbering = _Numbering(numbering)
        self._styles = styles
        self.notes: list[ReadNote] = []

    def blocks(self, body: Element) -> list[str]:
        """Paragraphs and tables of the body in order; tables in table cells included.

        The walk keeps its own stacks (one text collector per open cell, one row list per open
        table), so any depth of content controls, revisions or nested tables is read without
        recursion.
        """
        collectors: list[list[str]] = [[]]
        tables: list[_Rows] = []
        # Open tables below MAX_TABLE_DEPTH: their rows and cells are not tracked.
        flattened = 0

        def enter(element: Element) -> bool:
            nonlocal flattened
            tag = element.tag
            if tag == f"{W}p":
                collectors[-1].append(self._paragraph(element, in_cell=len(collectors) > 1))
                return False
            if tag == f"{W}tbl":
                if len(tables) < MAX_TABLE_DEPTH:
                    tables.append(_Rows())
                else:
                    flattened += 1
            elif flattened:
                pass  # the rows and cells of a flattened table only hold paragraphs
            elif tables and tag == f"{W}tr":
                tables[-1].start_row()
            elif tables and tag == f"{W}tc":
                collectors.append([])
            # Content controls, custom XML and inserted revisions wrap ordinary blocks.
            return tag not in _SKIPPED

        def leave(element: Element) -> None:
            nonlocal flattened
            if flattened:
                if element.tag == f"{W}tbl":
                    flattened -= 1
            elif tables and element.tag == f"{W}tc" and len(collectors) > 1:
                tables[-1].add_cell(element, collectors.pop())
            elif tables and element.tag == f"{W}tbl":
                rendered = render_table(tables.pop().rows)
                if rendered.guessed:
                    self.notes.append(guessed_columns_note(rendered))
                collectors[-1].append(rendered.text)

        walk(body, enter, leave)
        return collectors[0]

    def _paragraph(self, paragraph: Element, *, in_cell: bool = False) -> str:
        parts: list[str] = []

        def enter(element: Element) -> bool:
            if element.tag == f"{W}r":
                self._run(element, parts)
                return False
            # Hyperlinks, inserted revisions, smart tags, simple fields hold runs.
            return element.tag not in _SKIPPED

        walk(paragraph, enter)
        text = "".join(parts)
        label = self._label(paragraph.find(f"{W}pPr"))
        if not text.strip():
            # An empty numbered paragraph still takes its number; it shows nothing worth
            # reading, except in a table's «№» column, where the number is the content.
            return label.strip() if in_cell else ""
        return label + text

    def _label(self, properties: Element | None) -> str:
        num_pr = properties.find(f"{W}numPr") if properties is not None else None
        style_num_id, style_ilvl = self._styles.numbering(_val(properties, "pStyle"))
        num_id = _val(num_pr, "numId") or style_num_id
        if num_id is None or num_id == "0":
            return ""
        return self._numbering.label(num_id, attribute_int(_val(num_pr, "ilvl") or style_ilvl, 0))

    @staticmethod
    def _run(run: Element, parts: list[str]) -> None:
        if _flag(run.find(f"{W}rPr"), "vanish"):
            return
        for child in run:
            if child.tag in _RUN_TEXT:
                parts.append(_RUN_TEXT[child.tag] or child.text or "")


class _Rows:
    """The cells of one table, row by row, with their horizontal and vertical merges."""

    def __init__(self) -> None:
        self.rows: list[list[Cell]] = []

    def start_row(self) -> None:
        self.rows.append([])

    def add_cell(self, cell: Element, paragraphs: list[str]) -> None:
        if not self.rows:
            self.start_row()
        properties = cell.find(f"{W}tcPr")
        merge = properties.find(f"{W}vMerge") if properties is not None else None
        self.rows[-1].append(
            Cell(
                tuple(paragraphs),
                columns=attribute_int(_val(properties, "gridSpan"), 1),
                # «<w:vMerge/>» continues the cell above; «w:val="restart"» begins a merge.
                merged_up=merge is not None and merge.get(_VAL, "continue") == "continue",
            )
        )


def _related(archive: XmlArchive, part: str) -> dict[str, str]:
    """Parts related to ``part``, by the last word of the relationship type."""
    folder, name = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", f"{name}.rels")
    if not archive.has(rels):
        return {}
    related = {}
    for relation in archive.parse(rels).iter(_REL):
        target = relation.get("Target", "")
        if relation.get("TargetMode") == "External" or not target:
            continue
        path = target[1:] if target.startswith("/") else posixpath.join(folder, target)
        related[relation.get("Type", "").rsplit("/", 1)[-1]] = posixpath.normpath(path)
    return related


class DocxReader:
    format = "docx"
    extensions: tuple[str, ...] = (".docx", ".docm", ".dotx")

    def sniffs(self, data: bytes) -> bool:
        archive = open_zip(data)
        if archive is None:
            return False
        names = archive.namelist()
        return "[Content_Types].xml" in names and any(name.startswith("word/") for name in names)

    def read(self, data: bytes, limits: ReadLimits) -> ReadText:
        archive = open_zip(data)
        if archive is None:
            raise unreadable("DOCX")
        parts = XmlArchive(archive, "DOCX", limits, len(data))
        main = _related(parts, "").get("officeDocument", "word/document.xml")
        if not parts.has(main):
            raise unreadable("DOCX")
        document = parts.parse(main)
        related = _related(parts, main)

        def part(kind: str) -> Element | None:
            path = related.get(kind, "")
            return parts.parse(path) if parts.has(path) else None

        body = document.find(f"{W}body")
        if body is None:
            raise unreadable("DOCX")
        document_reader = _Document(part("numbering"), _ParagraphStyles(lambda: part("styles")))
        text = join_paragraphs(document_reader.blocks(body))
        return ReadText(text, tuple(document_reader.notes))
