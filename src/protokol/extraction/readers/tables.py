"""Tables of instructions («№ | Поручение | Ответственный | Срок») rendered as numbered items.

A perechen' of instructions is often a table. Read row by row as «1 | Обеспечить … | Минтруд
России | до 1 марта 2025 г.», the responsible body and the deadline would run into the text of
the instruction. So the columns are identified from the header words (in any order, over one
or two header rows with merged cells, with or without a numbering row «1 | 2 | 3 | 4») and every
data row is written in the one shape the instruction reader understands::

    1. Обеспечить …
    Ответственный: Минтруд России
    Срок: до 1 марта 2025 г.

A row that spans the whole table («I. О развитии …») becomes a heading line of its own. A table
without a recognisable header is read this way only when its columns can be guessed with
confidence (a column of directives, and a column of numbers or dates); the reader is then warned.
An instruction card under an item's text («Ответственный | Медведев Д.А.», «Срок исполнения |
30 июня 2019 года») gives the same «Ответственный:» and «Срок:» lines.
Any other table (attendees, regions) keeps today's form: one line per row, cells joined by «|».

Everything here is linear in the size of the table: the grid is capped in width and each row is
visited once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Final, Literal

from protokol.extraction.directives import is_infinitive
from protokol.extraction.readers.base import ReadNote, join_cells

Purpose = Literal["number", "text", "responsible", "deadline", "other"]

# No real table is wider; a «colspan=1000000» must not build a million slots.
MAX_COLUMNS: Final = 64
# Tables nested deeper than this are read as the paragraphs of their cells. A nested table's
# text is rendered again by every table around it, so depth d costs d times the text: a few
# kilobytes of tables in tables would take seconds. Protocols nest two levels at most.
MAX_TABLE_DEPTH: Final = 4
_MAX_HEADER_ROWS: Final = 4
_SHORT_HEADER: Final = 80
# Header words, tried in this order on one header cell: «Срок исполнения поручения» is a
# deadline, «Ответственный за исполнение поручения» a responsible column.
_PURPOSE_WORDS: Final[tuple[tuple[Purpose, re.Pattern[str]], ...]] = (
    (
        "number",
        re.compile(
            r"^(?:№{1,2}|n|no|номер)\s*(?:п\s*/?\s*п|пп|пункта|поручения|по\s+порядку)?\.?$"
            r"|^п\s*/\s*п$"
        ),
    ),
    ("deadline", re.compile(r"\bсрок|\bдата\s+(?:исполнени|выполнени|представлени)")),
    ("responsible", re.compile(r"ответствен|исполнител|\bкому\s+поручено|\bадресат")),
    (
        "text",
        re.compile(
            r"поручени|мероприяти|\bсодержани|\bрешени|\bформулировк|\bзадач|\bпредложени"
            r"|\bпункт\w*\s+(?:протокола|решени)"
        ),
    ),
)
_LABELS: Final = {"responsible": "Ответственный", "deadline": "Срок"}

# A number cell: «1», «1.», «1.2.», «II», «а)». Anything else is not an item number.
_NUMBER: Final = re.compile(r"(?:п\.\s*)?(\d{1,3}(?:\.\d{1,3})*|[IVXLC]{1,6})\s*[.)]?")
_LETTER: Final = re.compile(r"([а-яёa-z])\s*[.)]?")
_NUMBERING_ROW_CELL: Final = re.compile(r"\d{1,2}\.?")
_HEADING: Final = re.compile(r"(?:[IVXLC]{1,6}\.?\s|Раздел\s|Глава\s)")
# A deadline-looking cell, for tables without a header.
_DATE_LIKE: Final = re.compile(
    r"\d{1,2}\.\d{1,2}\.\d{2,4}|\b(?:январ|феврал|март|апрел|ма[йя]|июн|июл|август|сентябр"
    r"|октябр|ноябр|декабр)|\bквартал|\bполугоди|\bежемесячн|\bеженедельн|\bежеквартальн"
    r"|\bежегодн|\bпостоянно|\bдо\s+\d|\b20\d\d\s*г",
    re.IGNORECASE,
)
_WORD: Final = re.compile(r"[А-Яа-яЁё]+")
_NARRATIVE: Final = re.compile(r"\b(?:поручено|поручается|рекомендовано|рекомендуется)\b")
# How many leading words of a cell may hold the directive verb («Минтруду России совместно
# с Минфином России обеспечить …»).
_VERB_WINDOW: Final = 12


@dataclass(frozen=True)
class Cell:
    """One cell as written: its paragraphs and how many grid columns and rows it covers."""

    paragraphs: tuple[str, ...]
    columns: int = 1
    rows: int = 1
    # DOCX «vMerge»: the cell continues the one above it, whose text it shows.
    merged_up: bool = False

    @cached_property
    def text(self) -> str:
        return " ".join(" ".join(p.split()) for p in self.paragraphs if p.strip())


@dataclass(frozen=True)
class RenderedTable:
    """The rows of a table as text, one entry per row (a heading or an item of several lines)."""

    rows: tuple[str, ...]
    instructions: bool
    # The columns were guessed: the table had no header that names them.
    guessed: bool = False

    @property
    def text(self) -> str:
        return ("\n\n" if self.instructions else "\n").join(self.rows)


@dataclass(frozen=True)
class _Slot:
    """A grid position: the cell covering it and that cell's identity (for merged cells)."""

    cell: Cell
    origin: int
    first: bool  # the leftmost position of the cell in this row


def render_table(rows: Sequence[Sequence[Cell]]) -> RenderedTable:
    """The table's rows as text, as an instruction table when its columns can be told."""
    grid = _grid(rows)
    plain = tuple(line for line in (join_cells([c.text for c in row]) for row in rows) if line)
    width = max((len(row) for row in grid), default=0)
    if width < 2:
        return RenderedTable(plain, instructions=False)
    card = _card(grid, width)
    if card is not None:
        return RenderedTable(card, instructions=True)
    found = _columns_from_header(grid, width)
    guessed = False
    if found is None:
        found = _guessed_columns(grid, width)
        guessed = True
    if found is None:
        return RenderedTable(plain, instructions=False)
    purposes, first_data = found
    lines = [
        rendered
        for index, row in enumerate(grid)
        if (rendered := _render_row(row, purposes, width, leading=index < first_data))
    ]
    return RenderedTable(tuple(lines), instructions=True, guessed=guessed)


# --- the grid -------------------------------------------------------------------------------


def _grid(rows: Sequence[Sequence[Cell]]) -> list[list[_Slot]]:
    """Rows of slots, with merged cells repeated over every position they cover."""
    grid: list[list[_Slot]] = []
    # Column → (slot, rows still covered) of a cell spanning rows downwards (HTML, ODT).
    spanning: dict[int, tuple[_Slot, int]] = {}
    origin = 0
    for row in rows:
        slots: list[_Slot] = []
        above = grid[-1] if grid else []
        for cell in row:
            _fill_spanned(slots, spanning)
            if len(slots) >= MAX_COLUMNS:
                break
            origin += 1
            columns = max(1, min(cell.columns, MAX_COLUMNS - len(slots)))
            start = len(slots)
            for offset in range(columns):
                column = start + offset
                if cell.merged_up and column < len(above):
                    slots.append(_Slot(above[column].cell, above[column].origin, offset == 0))
                else:
                    slots.append(_Slot(cell, origin, offset == 0))
                if cell.rows > 1:
                    spanning[column] = (slots[-1], cell.rows - 1)
        _fill_spanned(slots, spanning, to_end=True)
        grid.append(slots)
    return grid


def _fill_spanned(
    slots: list[_Slot], spanning: dict[int, tuple[_Slot, int]], *, to_end: bool = False
) -> None:
    """Put the cells spanning down from above into the positions they cover in this row."""
    while True:
        column = len(slots)
        covering = spanning.get(column)
        if covering is None:
            if not to_end or not spanning or column >= max(spanning):
                return
            if column >= MAX_COLUMNS:
                return
            slots.append(_Slot(Cell(()), -column - 1, True))  # a hole in a ragged row
            continue
        slot, left = covering
        slots.append(_Slot(slot.cell, slot.origin, True))
        if left > 1:
            spanning[column] = (slot, left - 1)
        else:
            del spanning[column]


# --- cards ----------------------------------------------------------------------------------

_CARD_LABEL: Final = 40


def _card(grid: list[list[_Slot]], width: int) -> tuple[str, ...] | None:
    """The rows of an instruction card («Ответственный | Медведев Д.А.», «Срок исполнения |
    30 июня 2019 года»): labels in the first column, values in the second, written as the
    canonical lines; None for any other table (a card always states its deadline)."""
    if width != 2:
        return None
    rows: list[tuple[Purpose | None, Cell]] = []
    for row in grid:
        if len(row) < 2 or row[0].origin == row[1].origin:
            return None
        label = row[0].cell.text
        if len(label) > _CARD_LABEL or _item_number(label):
            return None
        rows.append((_purpose_of(label), row[1].cell))
    if not any(purpose == "deadline" for purpose, _ in rows):
        return None
    lines = []
    for purpose, cell in rows:
        value = _responsible(cell) if purpose == "responsible" else cell.text
        if value and (purpose == "responsible" or purpose == "deadline"):
            lines.append(f"{_LABELS[purpose]}: {value}")
        elif value and purpose == "text":
            lines.append(value)
    return tuple(lines)


# --- columns --------------------------------------------------------------------------------


def _purpose_of(header: str) -> Purpose | None:
    folded = " ".join(header.lower().replace("ё", "е").split())
    if not folded:
        return None
    for purpose, pattern in _PURPOSE_WORDS:
        if pattern.search(folded):
            return purpose
    return "other"


def _is_header_row(row: list[_Slot], *, first: bool) -> bool:
    """Short cells naming columns (two kinds in the first header row), no item, no directive."""
    texts = [slot.cell.text for slot in row if slot.first]
    if any(len(text) > _SHORT_HEADER or _item_number(text) for text in texts):
        return False
    kinds = {_purpose_of(text) for text in texts} - {None, "other"}
    if len(kinds) < (2 if first else 1):
        return False
    return not any(_is_directive(text) for text in texts)


def _is_numbering_row(row: list[_Slot]) -> bool:
    texts = [slot.cell.text for slot in row if slot.cell.text]
    return len(texts) >= 2 and all(_NUMBERING_ROW_CELL.fullmatch(text) for text in texts)


def _columns_from_header(grid: list[list[_Slot]], width: int) -> tuple[list[Purpose], int] | None:
    """Roles of the columns named by the header rows, and the index of the first data row."""
    start = 0
    # Rows spanning the whole table above the header are its caption.
    while start < min(len(grid), _MAX_HEADER_ROWS) and _spans_all(grid[start], width):
        start += 1
    end = start
    while end < min(len(grid), start + _MAX_HEADER_ROWS) and _is_header_row(
        grid[end], first=end == start
    ):
        end += 1
    if end == start:
        return None
    purposes: list[Purpose] = []
    for column in range(width):
        # The lowest header row is the most specific: «Исполнение» over «Ответственный | Срок».
        cells = (grid[index][column].cell.text for index in range(end - 1, start - 1, -1)
                 if column < len(grid[index]))  # fmt: skip
        purpose: Purpose = next((r for r in map(_purpose_of, cells) if r is not None), "other")
        purposes.append(purpose)
    purposes = _first_of_each(purposes)
    if "text" not in purposes or len(set(purposes) - {"other"}) < 2:
        return None
    if end < len(grid) and _is_numbering_row(grid[end]):
        end += 1
    return purposes, end


def _first_of_each(purposes: list[Purpose]) -> list[Purpose]:
    """One number, text and deadline column (the first); every responsible column counts."""
    seen: set[Purpose] = set()
    result: list[Purpose] = []
    for purpose in purposes:
        if purpose in seen and purpose not in ("responsible", "other"):
            purpose = "other"
        seen.add(purpose)
        result.append(purpose)
    return result


def _guessed_columns(grid: list[list[_Slot]], width: int) -> tuple[list[Purpose], int] | None:
    """Roles guessed from the cells of a table without a header, or None when unsure."""
    rows = [row for row in grid if not _spans_all(row, width)]
    if not rows:
        return None
    columns = [[row[c].cell.text for row in rows if c < len(row) and row[c].first]
               for c in range(width)]  # fmt: skip
    texts = [[text for text in column if text] for column in columns]

    def share(column: list[str], test: re.Pattern[str] | None = None) -> float:
        if not column:
            return 0.0
        hits = sum(1 for text in column if (test is None or test.search(text)))
        return hits / len(column)

    mean_length = [sum(map(len, column)) / len(column) if column else 0.0 for column in texts]
    directive = [
        sum(1 for text in column if _is_directive(text)) / len(column) if column else 0.0
        for column in texts
    ]
    candidates = [c for c in range(width) if directive[c] >= 0.5 and mean_length[c] >= 25]
    if not candidates:
        return None
    text_column = max(candidates, key=lambda c: mean_length[c])
    purposes: list[Purpose] = ["other"] * width
    purposes[text_column] = "text"
    number_column = next(
        (c for c in range(text_column)
         if texts[c] and sum(1 for t in texts[c] if _item_number(t)) >= 0.8 * len(texts[c])),
        None,
    )  # fmt: skip
    if number_column is not None:
        purposes[number_column] = "number"
    deadline_column = next(
        (c for c in range(width) if purposes[c] == "other" and share(texts[c], _DATE_LIKE) >= 0.5),
        None,
    )
    if deadline_column is not None:
        purposes[deadline_column] = "deadline"
    responsible_column = next(
        (c for c in range(text_column + 1, width)
         if purposes[c] == "other" and texts[c] and mean_length[c] < mean_length[text_column]),
        None,
    )  # fmt: skip
    if responsible_column is not None:
        purposes[responsible_column] = "responsible"
    if number_column is None and deadline_column is None:
        return None
    first = 0
    # An unrecognised header row («Пункт | Что сделать | Кто | Когда») is not an item.
    if number_column is not None and rows[0] is grid[0]:
        cell = grid[0][number_column].cell.text
        if cell and not _item_number(cell):
            first = 1
    return purposes, first


def _is_directive(text: str) -> bool:
    """A cell that reads as an instruction: an infinitive (or «поручено») among its first words."""
    if _NARRATIVE.search(text[:200]):
        return True
    for index, match in enumerate(_WORD.finditer(text)):
        if index >= _VERB_WINDOW:
            return False
        if is_infinitive(match.group()):
            return True
    return False


def _spans_all(row: list[_Slot], width: int) -> bool:
    origins = {slot.origin for slot in row if slot.cell.text}
    return len(origins) == 1 and (len(row) < width or len({slot.origin for slot in row}) == 1)


# --- rows -----------------------------------------------------------------------------------


def _item_number(cell: str) -> str | None:
    """«1.» → «1. », «1.2» → «1.2. », «а)» → «а) »; None for anything that is not a number."""
    number = _NUMBER.fullmatch(cell)
    if number:
        return f"{number.group(1)}. "
    letter = _LETTER.fullmatch(cell)
    return f"{letter.group(1)}) " if letter else None


def _render_row(row: list[_Slot], purposes: list[Purpose], width: int, *, leading: bool) -> str:
    """A data row in the canonical shape; header rows (``leading``) are left out."""
    if _spans_all(row, width):
        # A section («I. О развитии …») or the table's caption: a heading of its own.
        return next((slot.cell.text for slot in row if slot.cell.text), "")
    if leading:
        return ""
    values: dict[Purpose, list[str]] = {}
    for slot, purpose in zip(row, purposes, strict=False):
        if slot.first and purpose != "other":
            value = _responsible(slot.cell) if purpose == "responsible" else slot.cell.text
            if value:
                values.setdefault(purpose, []).append(value)
    number = (values.get("number") or [""])[0]
    text = (values.get("text") or [""])[0]
    prefix = _item_number(number) or ""
    if prefix and text.startswith(prefix.rstrip()):
        prefix = ""  # the text repeats its own number (Word numbering inside the text cell)
    others = [v for r, vs in values.items() if r not in ("number", "text", "other") for v in vs]
    if not others and prefix == "" and _HEADING.match(text):
        return text  # «II. Вопросы …» in the text column of an otherwise empty row
    lines = [f"{prefix}{text}"] if text else []
    for purpose in ("responsible", "deadline"):
        if purpose in values:
            lines.append(f"{_LABELS[purpose]}: {', '.join(values[purpose])}")
    return "\n".join(lines)


def _responsible(cell: Cell) -> str:
    """The paragraphs of a responsible cell as one list («Минтруд России, Минфин России»)."""
    names = (" ".join(p.split()).rstrip(",; ") for p in cell.paragraphs)
    return ", ".join(name for name in names if name)


def guessed_columns_note(table: RenderedTable) -> ReadNote:
    """The reviewer's warning for a table whose columns were guessed from its cells."""
    return ReadNote(
        "table_columns_guessed",
        "У таблицы нет заголовка с названиями столбцов («Поручение», «Ответственный», «Срок»): "
        "столбцы определены по содержимому. Проверьте текст поручений, исполнителей и сроки.",
        table.text,
    )
