"""HTML, e.g. a protocol saved from Word or copied from a web page."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from protokol.extraction.config import ReadLimits
from protokol.extraction.errors import ExtractionError
from protokol.extraction.readers.base import ReadNote, ReadText, check_size, unreadable
from protokol.extraction.readers.tables import (
    MAX_COLUMNS,
    MAX_TABLE_DEPTH,
    Cell,
    guessed_columns_note,
    render_table,
)
from protokol.extraction.readers.text import decode_text

_BLOCKS = frozenset(
    ("address", "article", "aside", "blockquote", "center", "dd", "div", "dl", "dt", "figcaption",
     "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
     "nav", "ol", "p", "pre", "section", "table", "tbody", "thead", "tfoot", "ul")
)  # fmt: skip
# Not <head>: its closing tag is optional, and what it holds is hidden here anyway.
_HIDDEN = frozenset({"script", "style", "title", "template", "noscript", "svg"})
_WHITESPACE = re.compile(r"[ \t\r\n\f]+")
_DECLARED_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([a-z0-9_-]+)", re.IGNORECASE)
_START = re.compile(
    r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--(?:(?!-->).)*-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
    re.IGNORECASE | re.DOTALL,
)
_SNIFF_BYTES = 1024
# Marked sections as html.parser reads them (``_markupbase``): their name and their close.
_SECTION_START = re.compile(r"<!\[(?P<name>[a-zA-Z][-_.a-zA-Z0-9]*)?")
_CDATA_SECTIONS = frozenset({"temp", "cdata", "ignore", "include", "rcdata"})
_CDATA_END = re.compile(r"\]\s*\]\s*>")
_SECTION_END = re.compile(r"\]\s*>")
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


@dataclass
class _OpenTable:
    rows: list[list[Cell]] = field(default_factory=list)
    # The open cell: its paragraphs so far and its (colspan, rowspan); None between cells.
    paragraphs: list[str] | None = None
    spans: tuple[int, int] = (1, 1)


def _span(attrs: list[tuple[str, str | None]], name: str) -> int:
    value = (dict(attrs).get(name) or "1").strip()
    # ASCII digits only: «²» is ``isdigit`` but no ``int``; a long run is no real span.
    if not (value.isascii() and value.isdigit() and len(value) <= 4):
        return 1
    return min(int(value), MAX_COLUMNS) if int(value) > 0 else 1


class _TextCollector(HTMLParser):
    """Collects text by blocks; table rows become lines and ordered list items get numbers.

    Tables are kept on a stack (a table in a cell is read into that cell) and rendered when
    they close, so that instruction tables get their canonical form (see ``tables``).
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.notes: list[ReadNote] = []
        self._line: list[str] = []
        self._hidden = 0
        self._preformatted = 0
        self._tables: list[_OpenTable] = []
        # Open tables below MAX_TABLE_DEPTH: their rows and cells are not tracked.
        self._flattened = 0
        self._list_numbers: list[int | None] = []  # None for <ul>

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self._hidden += 1
        elif tag == "br":
            self._line.append("\n")
        elif tag == "table":
            self._end_block()
            if len(self._tables) < MAX_TABLE_DEPTH:
                self._tables.append(_OpenTable())
            else:
                self._flattened += 1
        elif self._flattened and tag in ("tr", "td", "th"):
            self._end_block()  # a cell of a table nested too deep: a paragraph of its own
        elif tag == "tr":
            self._end_row()
            table = self._table()
            table.rows.append([])
        elif tag in ("td", "th"):
            self._end_cell()
            table = self._table()
            table.paragraphs = []
            table.spans = (_span(attrs, "colspan"), _span(attrs, "rowspan"))
            self._line = []  # markup whitespace between cells
        elif tag in _BLOCKS:
            self._end_block()
            if tag == "pre":
                self._preformatted += 1
            elif tag in ("ol", "ul"):
                start = dict(attrs).get("start") or "1"
                plain = start.isascii() and start.isdigit() and len(start) <= 9
                self._list_numbers.append(int(start) - 1 if plain else 0)
                if tag == "ul":
                    self._list_numbers[-1] = None
            elif tag == "li" and self._list_numbers and self._list_numbers[-1] is not None:
                self._list_numbers[-1] += 1
                self._line.append(f"{self._list_numbers[-1]}. ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _HIDDEN:  # <script/> would otherwise hide the rest of the page
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif self._flattened and tag in ("table", "tr", "td", "th"):
            self._end_block()
            if tag == "table":
                self._flattened -= 1
        elif tag in ("td", "th"):
            self._end_cell()
        elif tag == "tr":
            self._end_row()
        elif tag == "table":
            self._end_table()
        elif tag in _BLOCKS:
            self._end_block()
            if tag == "pre":
                self._preformatted = max(0, self._preformatted - 1)
            elif tag in ("ol", "ul") and self._list_numbers:
                self._list_numbers.pop()

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self._line.append(data if self._preformatted else _WHITESPACE.sub(" ", data))

    def close(self) -> None:
        super().close()
        while self._tables:
            self._end_table()
        self._end_block()

    def _table(self) -> _OpenTable:
        """The innermost open table; a row or cell without <table> opens one."""
        if not self._tables:
            self._end_block()
            self._tables.append(_OpenTable())
        return self._tables[-1]

    def _end_cell(self) -> None:
        # Closing tags of cells may be omitted, so a new cell or row closes the open one.
        table = self._tables[-1] if self._tables else None
        if table is None or table.paragraphs is None:
            return
        self._end_block()
        if not table.rows:
            table.rows.append([])
        columns, rows = table.spans
        table.rows[-1].append(Cell(tuple(table.paragraphs), columns=columns, rows=rows))
        table.paragraphs = None

    def _end_row(self) -> None:
        self._end_cell()

    def _end_table(self) -> None:
        if not self._tables:
            return
        self._end_cell()
        rendered = render_table(self._tables.pop().rows)
        if rendered.guessed:
            self.notes.append(guessed_columns_note(rendered))
        self._line = []
        outer = self._tables[-1] if self._tables else None
        if outer is not None and outer.paragraphs is not None:
            outer.paragraphs.append(rendered.text)  # a table inside a cell stays in the cell
        else:
            self.blocks.extend(rendered.rows)

    def _end_block(self) -> None:
        text = "".join(self._line)
        self._line = []
        if not self._preformatted:
            text = "\n".join(line.strip(" ") for line in text.split("\n"))
        if not text.strip():
            return
        table = self._tables[-1] if self._tables else None
        if table is not None:
            # Blocks inside a table cell are the cell's paragraphs; text between cells is
            # markup whitespace or stray words, dropped as browsers put them elsewhere.
            if table.paragraphs is not None:
                table.paragraphs.append(text)
            return
        self.blocks.append(text)


def _without_unfinished_markup(text: str) -> str:
    """The text with the ``<`` of markup that cannot be finished written as ``&lt;``.

    That is every ``<`` after the last ``>``, and a marked section («<![CDATA[», Word's
    «<![if !supportLists]>») with no closing bracket after it. Nothing changes in what is
    read (html.parser shows such markup as text too), but html.parser as Python 3.11 has it
    rescans the rest of the text from each of them: «<a <a <a …» took seconds for 30 KB
    (CPython gh-135462).
    """
    end = text.rfind(">") + 1
    text = text[:end] + text[end:].replace("<", "&lt;")
    if "<![" not in text:
        return text
    closes = {pattern: _last_start(pattern, text) for pattern in (_SECTION_END, _CDATA_END)}

    def finished(match: re.Match[str]) -> str:
        name = (match.group("name") or "").lower()
        close = closes[_CDATA_END if name in _CDATA_SECTIONS else _SECTION_END]
        # html.parser looks for the close from just after «<![».
        return match.group() if close >= match.start() + 3 else "&lt;" + match.group()[1:]

    return _SECTION_START.sub(finished, text)


def _last_start(pattern: re.Pattern[str], text: str) -> int:
    last = -1
    for match in pattern.finditer(text):
        last = match.start()
    return last


def _decode(data: bytes) -> str:
    declared = _DECLARED_CHARSET.search(data[: _SNIFF_BYTES * 4])
    if declared and not data.startswith(_BOMS):
        try:
            return data.decode(declared.group(1).decode("ascii"), errors="replace")
        except (LookupError, UnicodeError, ValueError):
            pass  # a misspelt or non-text encoding name: guess as for plain text
    return decode_text(data)


class HtmlReader:
    format = "html"
    extensions: tuple[str, ...] = (".html", ".htm", ".xhtml")

    def sniffs(self, data: bytes) -> bool:
        head = data[:_SNIFF_BYTES]
        try:
            return _START.match(decode_text(head[: len(head) // 2 * 2])) is not None
        except Exception:  # binary bytes are simply not HTML
            return False

    def read(self, data: bytes, limits: ReadLimits) -> ReadText:
        check_size(len(data), limits)
        collector = _TextCollector()
        try:
            collector.feed(_without_unfinished_markup(_decode(data)))
            collector.close()
        except ExtractionError:
            raise
        except Exception as error:  # html.parser is lenient, but not guaranteed to be
            raise unreadable("HTML") from error
        return ReadText("\n\n".join(collector.blocks), tuple(collector.notes))
