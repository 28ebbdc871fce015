"""Instructions (поручения) of one section body: items, addressees, deadlines.

The body is read as a sequence of units — paragraphs, with sub-items written inline («…: а)
…; б) …») and trailing «Срок — …» sentences split off — and walked once with a small stack
of blocks:

* a *trigger* («По итогам обсуждения решили:», «постановляю:») starts the operative part;
  when a body has one, nothing before it is read;
* a *header* — a unit ending with «:» that names addressees, an opener or a verb
  («Исполнительным органам …:», «Рекомендовать органам местного самоуправления:», «1.
  Правительству Российской Федерации:», «Органам … направить информацию о …:») — opens a block
  whose items inherit its addressees, kind and report flag (an item naming its own addressee
  overrides them). An unnumbered header lasts until the next unnumbered header or an
  unnumbered directive with an addressee of its own (sample IX: the «Рекомендовать …» after
  the items); a numbered header lasts until the next item of its level;
* a *deadline line* belongs to the item before it; items of the same block before it without
  a deadline of their own take it as inherited; a deadline line before any item of a block
  applies to all of them; items after the last deadline line have none (sample VI.4).
  A dated mention inside the text («присоединиться 5 декабря 2024 года») is the deadline only
  when nothing else applies and the year is written (IX.4's «(5 декабря)» is a holiday, not
  a term).

Decision for headers with a verb (sample IX: «направить информацию о …:»): their items must
report, so ``report_required`` is inherited; the action stays the item's own.

Ids: «III.1» (section + number); a lettered sub-item under item 1 is «III.1.а», or «1а» in a
document without sections, and its ``number`` is «1а»; an unnumbered instruction, or one whose
id is taken, gets the next free ordinal.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Final, Literal

from protokol.extraction.addressees import (
    find_co_executor_regions,
    find_co_executors,
    imposed_on,
    resolve_addressees,
)
from protokol.extraction.config import ExtractionConfig
from protokol.extraction.deadlines import deadline_warnings, find_deadlines, is_deadline_line
from protokol.extraction.directives import (
    Clause,
    analyze_directive,
    classify_action,
    delegates,
    is_decision,
    is_own_decision,
    is_preamble,
    requires_report,
    starts_with_addressee,
)
from protokol.extraction.model import (
    Action,
    Addressees,
    Deadline,
    DocumentKind,
    ExtractionWarning,
    Instruction,
    InstructionKind,
    Span,
)
from protokol.extraction.normalize import is_debris_line, iter_lines


@dataclass(frozen=True)
class InstructionContext:
    text: str  # the whole normalised text (spans index into it)
    section: str | None  # section number, e.g. "III"; None for unsectioned documents
    document_kind: DocumentKind
    document_date: dt.date | None
    config: ExtractionConfig


_TRIGGER: Final = re.compile(
    r"^[^:\n]{0,160}?\b(?:решили|решено|постановили|постановляю|приказываю|обязываю"
    r"|р\sе\sш\sи\sл\sи|п\sо\sс\sт\sа\sн\sо\sв\sл\sя\sю|п\sр\sи\sк\sа\sз\sы\sв\sа\sю)\s*:\s*",
    re.IGNORECASE,
)
# Item numbers, also glued to the text as typed in a hurry: «1.Утвердить», «1.3.Рекомендовать»,
# «2)Обеспечить». «N)» is the style of sub-items under a «N.» item (its level is deeper).
_MARKERS: Final = re.compile(
    r"^(?:(?P<multi>\d{1,3}(?:\.\d{1,3})+)(?:\.?\)?\s+|[.)](?=[А-Яа-яЁё«]))"
    r"|(?P<number>\d{1,3})(?:\.\s+|\.(?=[А-Яа-яЁё«])|(?P<paren>\))\s*)"
    r"|(?P<letter>[а-яёa-z])\)\s*|(?P<roman>[IVXLC]{1,6})\.\s+|(?P<bullet>[-–—•·])\s+)"
)
# The responsible executors after an item, in the nominative: «Ответственные: органы
# исполнительной власти субъектов Российской Федерации», «Исполнитель: Минтруд России»,
# «Отв.: …» (and a table row rendered as «N. …» / «Ответственный: …» / «Срок: …»).
_RESPONSIBLE_WORDS: Final = (
    r"(?:Ответственн(?:ый|ая|ое|ые)(?:\s+исполнител(?:ь|и))?(?:\s+за\s+исполнение)?"
    r"|Исполнител(?:ь|и)|Отв\.)"
)
_RESPONSIBLE_LABEL: Final = rf"{_RESPONSIBLE_WORDS}\s*(?::|[—–]|-\s)"
_RESPONSIBLE: Final = re.compile(rf"^{_RESPONSIBLE_LABEL}\s*", re.IGNORECASE)
# A two-cell row of a table pasted as text: «Ответственный | Медведев Д.А. |», «Срок
# исполнения | 30 июня 2019 года |».
# Possessive cells: a failed row is given up at once, never re-split along a run of spaces.
_KEY_VALUE_ROW: Final = re.compile(r"^\|?(?P<label>[^|\n]{1,60}+)\|(?P<value>[^|\n]*+)\|?[ \t]*$")
# A label cell is short: only the start of a piece is looked at for its cell separator.
_ROW_REACH: Final = 64
_RESPONSIBLE_WORD: Final = re.compile(rf"^{_RESPONSIBLE_WORDS}$", re.IGNORECASE)
_DEADLINE_WORD: Final = re.compile(r"^Срок\w*(?:\s+исполнения)?$", re.IGNORECASE)
# Inside a paragraph: sub-items «…: а) …; б) …» and «…следующее: 1) …; 2) …», and a deadline
# or the responsible executors after the last item («…. Срок — до 1 июля 2025 г.»,
# «Ответственные: …»).
_INLINE_SPLIT: Final = re.compile(
    r"[:;]\s+(?=[а-яё]\)\s|\d{1,2}\)\s*[^\s\d)])"
    rf"|[.;]\s+(?=Срок\w*\b|{_RESPONSIBLE_LABEL})"
)
# «… законом. 2. Правительству …» inside a paragraph, and what may not precede it: a cited
# item, article or number («п. 2. Положения», «№ 3. …»).
_RUN_ITEM: Final = re.compile(r"(?<=[.:;)»\"])\s+(?P<n>\d{1,2})\.\s*(?=[А-ЯЁ«])")
_MARKER_REACH: Final = 16
_CITED_BEFORE: Final = re.compile(r"(?:\bп|\bпп|\bст|\bч|\bгл|\bразд|№)\.?$")
# A closing line of a block asks for a report on its items: «О результатах доложить …»,
# «Информацию о ходе исполнения представить …», «Доложить о выполнении …».
_CLOSING_REPORT: Final = re.compile(
    r"^(?:О|Об|Информаци\w*|Сведения|Отч[её]т\w*|Доклад\w*|Доложить|Проинформировать"
    r"|Представить|Сообщить)(?![А-Яа-яЁё])"
)
# A paragraph that is nothing but a deadline: «(срок – 28.12.2024)», «В срок до 1 марта
# 2025 г.», «Ежеквартально». Longer lines are sentences.
_DEADLINE_ONLY_MAX: Final = 80
_BRACKETED: Final = re.compile(r"^\((?P<inner>[^()]*)\)\.?$")
# What every deadline wording holds (a date, a period, a term, a repetition): a cheap test
# before the deadline parser reads a short line.
_DEADLINE_HINT: Final = re.compile(
    r"\d|квартал|полугоди|течение|срок|ежедн|ежене|ежеме|ежекв|ежепо|ежегод|постоянн|срочн"
    r"|незамедл|оперативн"
)
# «Доклад — до 1 марта 2025 г.» in lists of the President's instructions: a deadline for
# reporting, so the items it belongs to must report.
_REPORT_LINE: Final = re.compile(r"^(?:Доклад|Отч[её]т)\s*[—–:-]\s*(?:до|не\s+позднее|\d)")
# «Срок представления единого плана в Правительство … – до 26 декабря 2020 года»: what is
# presented by the term goes back to the issuer.
_REPORT_TERM: Final = re.compile(r"^Срок\w*\s+(?:представлени|предоставлени|направлени)")
# It names what is presented and where, then the term: a sentence, not a paragraph.
_REPORT_TERM_MAX: Final = 300
# «По пункту 2 перечня …», «Пункт 3 перечня поручений …»: a heading that cites an item of
# another list; its number is not the item's and nothing continues it.
_REFERENCE: Final = re.compile(r"^(?:По\s+)?(?:под)?пункт\w*\s+\S+\s+перечн", re.IGNORECASE)
# The addressee block of a letter, on lines of its own above the text: «Руководителям высших
# исполнительных органов государственной власти субъектов Российской Федерации», «Губернатору
# Курской области». A request in the text («просит представить …») is addressed to it.
_LETTER_ADDRESSEE: Final = re.compile(
    r"^\W{0,3}(?P<block>(?:Руководител(?:ям|ю)|Глав(?:ам|е)|Губернатор(?:ам|у)"
    r"|Высш(?:им|ему)\s+должностн(?:ым|ому)\s+лиц(?:ам|у)|Председател(?:ям|ю)|Начальник(?:ам|у)"
    r"|Министр(?:ам|у)|Директор(?:ам|у)|Ректор(?:ам|у))(?![А-Яа-яЁё]))"
)
# The last word of such a block: the text begins on the next line («… Российской Федерации» /
# «Министерство … просит …»); «… субъектов» / «Российской Федерации» is still the block.
_BLOCK_END: Final = re.compile(
    r"(?:Федерации|области|края|округа|Республики|республик|России|РФ|Москвы|Петербурга"
    r"|Севастополя|регионов|образований)$"
)
# A heading that cites the item of the act being executed: «По подпункту «а» пункта 2:».
_CITED_ITEM: Final = re.compile(r"^По\s+(?:под)?пункт[а-яё]*\s", re.IGNORECASE)
_TERMINAL: Final = ".;:!?"
_TEXT_TAIL: Final = " \n;,"
_YEAR: Final = re.compile(r"\d{4}")
# Letters sort after any depth of digits, so «а)» nests under «1.» and «1.1.».
_LETTER_LEVEL: Final = 9
# «1)» sits under «1.», «1.1.» and above «а)».
_PAREN_LEVEL: Final = 5


@dataclass(frozen=True)
class _Unit:
    """A paragraph or a part of one: an item, a deadline line or a trigger."""

    kind: Literal["item", "deadline", "trigger", "responsible"]
    start: int
    end: int
    # Item number as written («1», «1.2», «а», «IV»); None when unnumbered.
    number: str | None = None
    marker: Literal["number", "paren", "letter", "roman", "bullet"] | None = None


@dataclass
class _Draft:
    """An instruction while its block is still being read."""

    number: str | None
    # The id without the section: «1», «1.а» (sectioned) / «1а», «2.1» for the first
    # unnumbered item under header «2.»; None for an ordinal.
    label: str | None
    # The highest top-level number read before this item: an ordinal comes after it.
    floor: int
    span: Span
    kind: InstructionKind
    action: Action
    report: bool
    addressees: Addressees
    blocks: tuple[_Block, ...]
    deadline: Deadline | None = None
    inline: Deadline | None = None
    # «Утвердить …», «Провести …»: an instruction only if someone is named to do it.
    own_decision: bool = False


@dataclass
class _Block:
    """A header's scope (or the root scope of the body)."""

    level: int | None = None  # None: unnumbered header or root
    number: str | None = None  # the header's own number, parent of lettered sub-items
    label: str | None = None  # its id part, parent of unnumbered items («2.1», «2.2»)
    addressees: Addressees | None = None
    kind: InstructionKind | None = None
    report: bool = False
    predicate: str = ""  # «обеспечить:» before items that are noun phrases
    default: Deadline | None = None
    pending: list[_Draft] = field(default_factory=list)
    items: list[_Draft] = field(default_factory=list)
    has_items: bool = False
    numbered: bool = False  # some item of the block has a number
    unnumbered: int = 0
    # «1. По подпункту «а» пункта 2:» — the cited item is the duty; an addressee alone under
    # it («Минвостокразвития России (А.А.Козлову) Совместно с …» / «Срок …») is an instruction.
    cites: bool = False


def extract_instructions(
    ctx: InstructionContext, start: int, end: int
) -> tuple[list[Instruction], list[ExtractionWarning]]:
    """Every instruction of the body ``ctx.text[start:end]``, with the reviewer's warnings."""
    reader = _Reader(ctx, _mask_debris(ctx.text, start, end))
    deadline_line = _DeadlineLines(ctx)
    units = _with_clauses_joined(reader.text, list(_units(reader.text, start, end, deadline_line)))
    triggers = [u for u in units if u.kind == "trigger"]
    if triggers:
        units = units[units.index(triggers[0]) :]
    for unit, followed in zip(units, _responsible_follows(units), strict=True):
        reader.read(unit, responsible_follows=followed)
    return reader.finish()


def _with_clauses_joined(text: str, units: list[_Unit]) -> list[_Unit]:
    """A numbered lead-in followed by unmarked or bulleted clauses is one instruction: «2.
    Федеральным органам исполнительной власти:» / «принять меры по …;» / «представлять
    ежегодно …», «2.1. Росгидромету обеспечить:» / «- открытие …;» / «- своевременное …».

    The clauses carry no number or letter of their own (a dash is no number), so the numbered
    item is the smallest unit a reviewer (and a control register) can point at; its text runs
    from the lead-in to the last clause. Numbered and lettered sub-items («1) …», «а) …»,
    «1.1.») stay instructions of their own.
    """
    joined: list[_Unit] = []
    open_lead_in = False
    for unit in units:
        clause = unit.kind == "item" and (
            unit.marker == "bullet" or (unit.marker is None and text[unit.start].islower())
        )
        if open_lead_in and clause:
            joined[-1] = replace(joined[-1], end=unit.end)
            continue
        open_lead_in = (
            unit.kind == "item"
            and unit.marker in ("number", "paren", "roman", "letter")
            and text[unit.start : unit.end].rstrip().endswith(":")
        )
        joined.append(unit)
    return joined


def _responsible_follows(units: list[_Unit]) -> list[bool]:
    """For each unit, whether an «Ответственный: …» line follows it (perhaps after its
    deadline line); one pass from the end."""
    follows = [False] * len(units)
    following = False
    for index in range(len(units) - 1, -1, -1):
        follows[index] = following
        if units[index].kind != "deadline":
            following = units[index].kind == "responsible"
    return follows


class _Reader:
    def __init__(self, ctx: InstructionContext, text: str) -> None:
        self.ctx = ctx
        self.text = text
        self.stack: list[_Block] = [_Block()]
        self.opener_kind: InstructionKind | None = None
        # Inside «решили:» / «постановляю:» or after «Поручить:»: every directive counts.
        self.operative = False
        self.drafts: list[_Draft] = []
        self.max_top = 0
        self.warnings: list[ExtractionWarning] = []
        # (trigger span, number of drafts when it was read)
        self.triggers: list[tuple[Span, int]] = []
        # The item an «Ответственный: …» line that follows belongs to.
        self.last: tuple[_Draft, _Block] | None = None
        # A letter's addressee block above its text, with its warnings.
        self.letter_addressees: tuple[Addressees, list[ExtractionWarning]] | None = None

    # --- walking ------------------------------------------------------------------------------

    def read(self, unit: _Unit, *, responsible_follows: bool = False) -> None:
        if unit.kind == "trigger":
            self.stack = [_Block()]
            self.opener_kind = None
            self.operative = True
            self.last = None
            self.triggers.append(((unit.start, unit.end), len(self.drafts)))
        elif unit.kind == "deadline":
            self._read_deadline(unit)
        elif unit.kind == "responsible":
            self._read_responsible(unit)
        else:
            self._read_item(unit, responsible_follows)

    def _read_deadline(self, unit: _Unit, *, reporting: bool | None = None) -> None:
        found = self._deadlines(unit.start, unit.end)
        if not found:
            return
        deadline, block = _combined(found), self.stack[-1]
        if reporting is None:
            line = self.text[unit.start : unit.end]
            reporting = _REPORT_LINE.match(line) is not None or _REPORT_TERM.match(line) is not None
        if block.pending:
            *before, last = block.pending
            if last.deadline is None:
                last.deadline = deadline
            for draft in before:
                if draft.deadline is None:
                    draft.deadline = replace(deadline, inherited=True)
            for draft in block.pending:
                draft.report = draft.report or reporting
            block.pending = []
        elif not block.has_items:
            block.default = replace(deadline, inherited=True)

    def _read_responsible(self, unit: _Unit) -> None:
        """«Ответственные: …» names the executors of the item before it (or of the header it
        follows, before its items), in the nominative.

        It is the addressee of an item that has none of its own or from its header («N.
        Обеспечить …» / «Ответственный: …», a table row). An item that names its addressee
        keeps it: lists of instructions then name the officials heading the addressees
        («Правительству Российской Федерации …» / «Ответственные: Мишустин М.В.»).
        """
        block = self.stack[-1]
        item = self.last[0] if self.last is not None and self.last[1] is block else None
        if item is not None:
            target = item.addressees
        elif len(self.stack) > 1 and not block.has_items:
            target = block.addressees or Addressees()
        else:
            return
        if not target.is_empty:
            return
        found, warnings = resolve_addressees(self.text, unit.start, unit.end)
        if found.is_empty:
            return
        self.warnings.extend(warnings)
        found = replace(
            found, co_executors=tuple(dict.fromkeys((*target.co_executors, *found.co_executors)))
        )
        if item is not None:
            item.addressees = found
        else:
            block.addressees = found

    def _read_item(self, unit: _Unit, responsible_follows: bool = False) -> None:
        text = self.text[unit.start : unit.end]
        dotted = self._full_number(unit)[1]
        if unit.marker in ("number", "paren") and dotted and dotted[0].isdigit():
            self.max_top = max(self.max_top, int(dotted.split(".")[0]))
        if is_decision(text):
            return
        clause = analyze_directive(text)
        block = _LETTER_ADDRESSEE.match(text) if unit.marker is None else None
        if clause is None and block is not None and not self.drafts:
            self.letter_addressees = resolve_addressees(
                self.text, unit.start + block.start("block"), unit.end
            )
            return
        level = _level(unit)
        if level is not None:
            self._close_siblings(level)
        if text.rstrip().endswith(":"):
            if clause is not None:
                self._open_header(unit, clause, level)
            elif is_preamble(text):  # «В целях …:», «… постановляет:» opens the operative part
                self.operative = True
            elif _CITED_ITEM.match(text):
                if level is None:
                    del self.stack[1:]
                number, dotted = self._full_number(unit)
                label = dotted if self.ctx.section else number
                self.stack.append(_Block(level=level, number=number, label=label, cites=True))
            return
        header = self.stack[-1]
        if clause is None and header.cites and starts_with_addressee(text):
            clause = Clause(None, (0, len(text)), None, has_opener=False)
        # An item without a verb takes its header's («обеспечить:» / «а) разработку …»), but
        # only as a list item: numbered, lettered, bulleted or a lowercase clause. A capitalised
        # line under «Выделить … средства:» or «на территориях:» lists recipients or places.
        if clause is None and (
            not header.predicate or (unit.marker is None and not text[:1].islower())
        ):
            return
        own = Addressees()
        warnings: list[ExtractionWarning] = []
        if clause is not None:
            own, warnings = resolve_addressees(
                self.text,
                unit.start + clause.addressee[0],
                unit.start + clause.addressee[1],
                accusative=clause.requested,
            )
        imposed = imposed_on(self.text, unit.start, unit.end) if own.is_empty else None
        if imposed is not None:
            own, warnings = resolve_addressees(self.text, *imposed, accusative=True)
        if own.is_empty and clause is not None and clause.requested and self.letter_addressees:
            own, warnings = self.letter_addressees  # «просит представить …» asks the addressees
        if unit.number is None and clause is not None and self._closes_block(text, clause, own):
            self._close_with_report(unit)
            return
        anchored = not own.is_empty or (clause is not None and clause.has_opener)
        anchored = anchored or responsible_follows or delegates(text)
        if not (anchored or self.operative or len(self.stack) > 1):
            # Outside an operative part an infinitive alone («…отметили, что необходимо
            # обеспечить…») is narrative, not an instruction.
            return
        if level is None and anchored:
            # An unnumbered directive with its own addressee or opener ends a header's block.
            del self.stack[1:]
        self.warnings.extend(warnings)
        self._add_draft(unit, text, clause, own)

    def _closes_block(self, text: str, clause: Clause, own: Addressees) -> bool:
        """«О результатах доложить …» after numbered items, or after the one unnumbered item
        of a decision («По подпункту «з» …:» / «Минэкономразвития России … утвердить …» /
        «Срок …» / «О результатах доложить …»): a report duty of the block."""
        block = self.stack[-1]
        return (
            clause.verb_start is not None
            and not clause.has_opener
            and own.is_empty
            and _CLOSING_REPORT.match(text) is not None
            and (block.numbered or len(block.items) == 1)
            and requires_report(text[clause.verb_start :])
        )

    def _close_with_report(self, unit: _Unit) -> None:
        for draft in self.stack[-1].items:
            draft.report = True
        self._read_deadline(unit, reporting=True)

    def _open_header(self, unit: _Unit, clause: Clause, level: int | None) -> None:
        own, warnings = resolve_addressees(
            self.text,
            unit.start + clause.addressee[0],
            unit.start + clause.addressee[1],
            accusative=clause.requested,
        )
        if clause.verb_start is None and own.is_empty:
            if clause.has_opener:  # «Поручить:», «Рекомендовать:»
                self.opener_kind = clause.kind
                self.operative = True
                del self.stack[1:]
            return  # a topic heading («I. В сфере профессионального образования:»)
        self.warnings.extend(warnings)
        if level is None:
            del self.stack[1:]
        predicate = ""
        if clause.verb_start is not None:
            predicate = self.text[unit.start + clause.verb_start : unit.end].rstrip(" :")
        number, dotted = self._full_number(unit)
        # A deadline in the lead-in («Органам … в срок до 1 марта 2025 г. обеспечить:») is
        # the deadline of every item of the block.
        found = [d for d in self._deadlines(unit.start, unit.end) if d.basis != "inline"]
        self.stack.append(
            _Block(
                level=level,
                number=number,
                label=dotted if self.ctx.section else number,
                addressees=None if own.is_empty else own,
                kind=clause.kind,
                report=bool(predicate) and requires_report(predicate),
                predicate=predicate,
                default=replace(_combined(found), inherited=True) if found else None,
            )
        )
        self.last = None

    def _close_siblings(self, level: int) -> None:
        # Unnumbered headers (level None) hold numbered items of any level: not closed here.
        while len(self.stack) > 1:
            top = self.stack[-1].level
            if top is None or top < level:
                return
            self.stack.pop()

    def _add_draft(self, unit: _Unit, text: str, clause: Clause | None, own: Addressees) -> None:
        blocks = tuple(reversed(self.stack))
        header = blocks[0]
        joint_regions = Addressees()
        if clause is not None and clause.verb_start is not None:
            predicate = text[clause.verb_start :]
            joint_regions = find_co_executor_regions(
                self.text, unit.start + clause.verb_start, unit.end
            )
        else:
            predicate = f"{header.predicate} {text}"
        addressees = _with_regions(self._addressees(own, blocks, predicate), joint_regions)
        kind_told = (
            (clause.kind if clause else None)
            or next((b.kind for b in blocks if b.kind), None)
            or self.opener_kind
        )
        kind = kind_told or "mandatory"
        report = requires_report(predicate) or any(b.report for b in blocks)
        span = _trimmed(self.text, unit.start, unit.end)
        number, dotted = self._full_number(unit)
        label = dotted if self.ctx.section else number
        if number is None and header.label is not None:
            header.unnumbered += 1
            label = f"{header.label}.{header.unnumbered}"
        draft = _Draft(
            number=number,
            label=label,
            floor=self.max_top,
            span=span,
            kind=kind,
            action=classify_action(predicate),
            report=report,
            addressees=addressees,
            blocks=blocks,
            # Under «Поручить:» / «Рекомендовать:» someone is told to do it, named or not.
            own_decision=kind_told is None and is_own_decision(text, clause, predicate),
        )
        found = self._deadlines(*span)
        if any(d.basis != "inline" for d in found):
            draft.deadline = _combined(found)
        else:
            draft.inline = next((d for d in found if _YEAR.search(d.text)), None)
        header.pending.append(draft)
        header.items.append(draft)
        header.has_items = True
        header.numbered = header.numbered or number is not None
        self.drafts.append(draft)
        self.last = (draft, header)

    def _addressees(
        self, own: Addressees, blocks: tuple[_Block, ...], predicate: str
    ) -> Addressees:
        inherited = next((b.addressees for b in blocks if b.addressees), None)
        base = own if (not own.is_empty or inherited is None) else inherited
        co_executors = (*own.co_executors, *find_co_executors(predicate))
        if base is not own:
            co_executors = (*base.co_executors, *co_executors)
        return replace(base, co_executors=tuple(dict.fromkeys(co_executors)))

    def _full_number(self, unit: _Unit) -> tuple[str | None, str | None]:
        """(number as stored, dotted form for a sectioned id)."""
        if unit.number is None:
            return None, None
        if unit.marker in ("letter", "paren"):
            parent = next((b.number for b in reversed(self.stack) if b.number), None)
            if parent is not None:
                if unit.marker == "paren":
                    return f"{parent}.{unit.number}", self._in_section(f"{parent}.{unit.number}")
                return f"{parent}{unit.number}", f"{self._in_section(parent)}.{unit.number}"
        return unit.number, self._in_section(unit.number)

    def _in_section(self, number: str) -> str:
        """«1.2» of section «1» is item «2» of it: Arabic sections number items «1.1», «1.2»."""
        prefix = f"{self.ctx.section}."
        if self.ctx.section and number.startswith(prefix) and len(number) > len(prefix):
            return number[len(prefix) :]
        return number

    def _deadlines(self, start: int, end: int) -> list[Deadline]:
        return find_deadlines(
            self.text[start:end],
            offset=start,
            document_date=self.ctx.document_date,
            config=self.ctx.config,
        )

    # --- results ------------------------------------------------------------------------------

    def finish(self) -> tuple[list[Instruction], list[ExtractionWarning]]:
        ids = _Ids(self.ctx.section)
        instructions = []
        warnings = list(self.warnings)
        for draft in self.drafts:
            if draft.own_decision and draft.addressees.is_empty:
                continue  # the body's own decision, binding nobody
            deadline = draft.deadline or next(
                (b.default for b in draft.blocks if b.default), draft.inline
            )
            instruction = Instruction(
                id=ids.assign(draft.label, draft.floor),
                section=self.ctx.section,
                number=draft.number,
                text=" ".join(self.text[draft.span[0] : draft.span[1]].split()),
                kind=draft.kind,
                action=draft.action,
                report_required=draft.report,
                addressees=draft.addressees,
                deadline=deadline,
                span=draft.span,
            )
            instructions.append(instruction)
            if instruction.kind == "mandatory" and instruction.addressees.is_empty:
                warnings.append(
                    ExtractionWarning(
                        "no_addressee",
                        f"В поручении {instruction.id} не найден исполнитель; укажите адресатов.",
                        instruction.span,
                    )
                )
            if deadline is not None:
                warnings.extend(
                    deadline_warnings(
                        deadline, document_date=self.ctx.document_date, config=self.ctx.config
                    )
                )
        for index, (span, before) in enumerate(self.triggers):
            after = self.triggers[index + 1][1] if index + 1 < len(self.triggers) else None
            if len(self.drafts[before:after]) == 0:
                warnings.append(
                    ExtractionWarning(
                        "decision_without_instructions",
                        "После слов «решили:» не найдено ни одного поручения; "
                        "проверьте текст раздела.",
                        span,
                    )
                )
        return instructions, list(dict.fromkeys(warnings))


class _Ids:
    """Document-unique ids: numbered items keep their number, the rest take free ordinals."""

    def __init__(self, section: str | None) -> None:
        self.section = section
        self.used: set[str] = set()
        self.last_ordinal = 0

    def assign(self, label: str | None, floor: int) -> str:
        self.last_ordinal = max(self.last_ordinal, floor)
        if label is not None:
            candidate = self._id(label)
            if candidate not in self.used:
                self.used.add(candidate)
                return candidate
        while True:
            self.last_ordinal += 1
            candidate = self._id(str(self.last_ordinal))
            if candidate not in self.used:
                self.used.add(candidate)
                return candidate

    def _id(self, number: str) -> str:
        return f"{self.section}.{number}" if self.section else number


# --- units ------------------------------------------------------------------------------------


def _mask_debris(text: str, start: int, end: int) -> str:
    """The text with page debris inside the body blanked, so a sentence broken by a page
    footer reads as one and every offset stays valid."""
    debris = [line for line in iter_lines(text, start, end) if is_debris_line(line.text)]
    if not debris:
        return text
    parts: list[str] = []
    last = 0
    for line in debris:
        parts += [text[last : line.start], " " * (line.end - line.start)]
        last = line.end
    parts.append(text[last:])
    return "".join(parts)


def _paragraphs(text: str, start: int, end: int, deadline_line: _DeadlineLines) -> Iterator[Span]:
    """Spans of paragraphs; a line that continues an unfinished sentence (a wrap or a page
    break: «…в рамках проведения» / «информационной кампании…») joins the previous one."""
    current: Span | None = None
    for line in iter_lines(text, start, end):
        content = line.text.strip()
        if not content:
            continue
        line_start = line.start + line.text.index(content[0])
        line_end = line_start + len(content)
        if current is not None and _continues(_edges(text, *current), content, deadline_line):
            current = (current[0], line_end)
            continue
        if current is not None:
            yield current
        current = (line_start, line_end)
    if current is not None:
        yield current


# Co-executors on a line of their own, after the addressee (a table row pasted as text).
_JOINT_LINE: Final = re.compile(r"^(?:Совместно\s+со?|При\s+участии|С\s+участием)(?![А-Яа-яЁё])")
# A deadline or responsible label whose value the layout put on the next line.
_BARE_LABEL: Final = re.compile(
    rf"^(?:Срок\w*(?:\s+[а-яё]+){{0,3}}|{_RESPONSIBLE_WORDS})\s*(?::|[—–-])$",
    re.IGNORECASE,
)
# How much of a paragraph's start and end ``_continues`` looks at (never the whole
# paragraph: a paragraph of 100,000 wrapped lines must not be re-read for each line).
_HEAD: Final = 120
_TAIL: Final = 16


def _edges(text: str, start: int, end: int) -> str:
    """The paragraph's start and end, enough to tell a reference heading and the last word."""
    if end - start <= _HEAD + _TAIL:
        return text[start:end]
    return f"{text[start : start + _HEAD]}\n{text[end - _TAIL : end]}"


def _continues(previous: str, line: str, deadline_line: _DeadlineLines) -> bool:
    if _MARKERS.match(line) and not _is_wrapped_dash(previous, line):
        return False
    if not line[0].islower() and _LETTER_ADDRESSEE.match(previous) and _BLOCK_END.search(previous):
        return False
    if _BARE_LABEL.match(previous):
        return True  # «Срок исполнения:» / «до 1 марта 2025 г.»: the value on the next line
    if deadline_line(line):
        return False
    abbreviated = _ends_with_abbreviation(previous, line)
    if previous[-1] in _TERMINAL and not abbreviated:
        return False
    if _TRIGGER.match(line) or _RESPONSIBLE.match(line) or _REFERENCE.match(previous):
        return False
    # A wrapped line that starts in lowercase, with a number that is no item marker
    # («…«Профессионалы»» / «2024 года.») or with an opening quote or bracket.
    if abbreviated or line[0].islower() or line[0].isdigit() or line[0] in '«("':
        return True
    # A capitalised line continues only a sentence cut after a lowercase word, a comma or a
    # dash («…субъектов» / «Российской Федерации обеспечить …», «(далее —» / «ЦОПП).»);
    # never a heading in capitals, which no dash precedes.
    # Nor a «Срок: постоянно» / «Ответственный: Минтруд России» line (rows of a table);
    # such lines are short, and the bound keeps this check constant-time per line.
    if len(previous) < 2000 and (is_deadline_line(previous) or _RESPONSIBLE.match(previous)):
        return False
    if previous[-1] in "-–—":
        return True
    if _JOINT_LINE.match(line):
        return True  # «Минвостокразвития России (А.А.Козлову)» / «Совместно с …»: co-executors
    return (previous[-1].islower() or previous[-1] == ",") and not line.isupper()


def _units(text: str, start: int, end: int, deadline_line: _DeadlineLines) -> Iterator[_Unit]:
    for para_start, para_end in _paragraphs(text, start, end, deadline_line):
        paragraph = text[para_start:para_end]
        trigger = _TRIGGER.match(paragraph)
        if trigger:
            yield _Unit("trigger", para_start, para_start + len(trigger.group().rstrip()))
            para_start += trigger.end()
            if para_start >= para_end:
                continue
        if deadline_line(text[para_start:para_end]):
            yield _Unit("deadline", para_start, para_end)
            continue
        pieces = [para_start]
        pieces += [m.end() for m in _INLINE_SPLIT.finditer(text, para_start, para_end)]
        pieces = sorted({*pieces, *_numbered_run(text, para_start, para_end)})
        for piece_start, piece_end in zip(pieces, [*pieces[1:], para_end], strict=True):
            yield _unit(text, piece_start, piece_end, deadline_line)


def _numbered_run(text: str, start: int, end: int) -> list[int]:
    """Where items «2.», «3.» … begin inside a paragraph: a text whose lines were run
    together («… (НТЦС) 1. Принять предложение … 2. Определить …»). Only the next number of
    the sequence after a sentence end counts, never «пункта 2. Положения»."""
    first = _MARKERS.match(text[start : start + _MARKER_REACH])
    expected = 1
    if first is not None and first.group("number") and not first.group("paren"):
        expected = int(first.group("number")) + 1
    starts: list[int] = []
    for m in _RUN_ITEM.finditer(text, start, end):
        if int(m.group("n")) != expected or _CITED_BEFORE.search(
            text, max(start, m.start() - 8), m.start()
        ):
            continue
        starts.append(m.start("n"))
        expected += 1
    return starts


def _unit(text: str, start: int, end: int, deadline_line: _DeadlineLines) -> _Unit:
    piece = text[start:end].rstrip()
    end = start + len(piece)
    if deadline_line(piece):
        return _Unit("deadline", start, end)
    responsible = _RESPONSIBLE.match(piece)
    if responsible is not None:
        return _Unit("responsible", start + responsible.end(), end)
    row = _KEY_VALUE_ROW.match(piece) if "|" in piece[:_ROW_REACH] else None
    if row is not None:
        label = row.group("label").strip()
        if _RESPONSIBLE_WORD.match(label):
            return _Unit("responsible", start + row.start("value"), start + row.end("value"))
        if _DEADLINE_WORD.match(label):
            return _Unit("deadline", start + row.start("value"), start + row.end("value"))
    marker = _MARKERS.match(piece)
    if marker is None:
        return _Unit("item", start, end)
    if marker.group("bullet"):
        return _Unit("item", start + marker.end(), end, marker="bullet")
    style: Literal["number", "paren", "letter", "roman"] = "number"
    if marker.group("letter"):
        style = "letter"
    elif marker.group("roman"):
        style = "roman"
    elif marker.group("paren"):
        style = "paren"
    number = marker.group("multi") or marker.group("number") or marker.group(style)
    return _Unit("item", start + marker.end(), end, number=number, marker=style)


class _DeadlineLines:
    """``_is_deadline_line`` for one body, remembered per line: the paragraph splitter asks it
    about each line, then the units ask again about the paragraph and its pieces, which are
    mostly that same line (about three questions per distinct line of a protocol)."""

    def __init__(self, ctx: InstructionContext) -> None:
        self.ctx = ctx
        self.known: dict[str, bool] = {}

    def __call__(self, line: str) -> bool:
        line = " ".join(line.split())
        known = self.known.get(line)
        if known is None:
            known = self.known[line] = _is_deadline_line(line, self.ctx)
        return known


def _is_deadline_line(line: str, ctx: InstructionContext) -> bool:
    """A «Срок — …» / «Доклад — …» paragraph, or one that is a deadline and nothing else:
    «(срок – 28.12.2024)», «(Срок: до 1 марта 2025 г.)», «В срок до 28 декабря 2024 года.»
    A wrapped one («Срок» / «представления плана … – до 26 декабря 2020 года.») is one line;
    ``line`` comes with its whitespace collapsed."""
    if is_deadline_line(line) or _REPORT_LINE.match(line) is not None:
        return True
    if _REPORT_TERM.match(line) and len(line) <= _REPORT_TERM_MAX:
        found = find_deadlines(line, document_date=ctx.document_date, config=ctx.config)
        return any(d.basis != "inline" for d in found)
    plain = line.replace("**", "").strip()
    if len(plain) > _DEADLINE_ONLY_MAX or not plain or plain[0].islower():
        return False
    if _DEADLINE_HINT.search(plain.lower()) is None or _MARKERS.match(plain):
        return False
    bracketed = _BRACKETED.match(plain)
    if bracketed is not None:
        plain = bracketed.group("inner").strip()
        if is_deadline_line(plain):
            return True
    found = find_deadlines(plain, document_date=ctx.document_date, config=ctx.config)
    return (
        len(found) == 1
        and found[0].basis != "inline"
        and found[0].span[0] == 0
        and not plain[found[0].span[1] :].strip(" .;,")
    )


# Short words written with a full stop that end a wrapped line mid-sentence: «ст.» / «5»,
# «тыс.» / «рублей», initials «Е.С.» before a lowercase line; and the city's «г.» / «Санкт-
# Петербурге», but not the year's «2024 г.», which ends sentences.
_ABBREVIATION: Final = re.compile(
    r"(?<![А-Яа-яЁё])(?:гг|п|пп|ст|ч|т|д|им|ул|обл|р|тыс|млн|млрд|руб|см|пр|утв|ред)\.$"
    r"|(?<![А-ЯЁA-Z]\.)(?<![А-ЯЁA-Z]\.\s)[А-ЯЁ]\.\s?[А-ЯЁ]\.$"
)
_CITY: Final = re.compile(r"(?<![\w\d])(?<!\d\s)г\.$")


def _ends_with_abbreviation(previous: str, line: str) -> bool:
    """A hard-wrapped line that ends with an abbreviation, not with a sentence."""
    tail = previous[-12:]
    if _CITY.search(tail):
        return True
    return (line[0].islower() or line[0].isdigit()) and _ABBREVIATION.search(tail) is not None


def _is_wrapped_dash(previous: str, line: str) -> bool:
    """«… организациями» / «– участниками проекта»: a dash that a wrap put first on a line
    continues the sentence; a bullet follows a finished clause or a colon."""
    return line[0] in "-–—" and (previous[-1].islower() or previous[-1] == ",")


def _level(unit: _Unit) -> int | None:
    if unit.number is None:
        return None
    if unit.marker == "roman":
        return 0
    if unit.marker == "letter":
        return _LETTER_LEVEL
    if unit.marker == "paren":
        return _PAREN_LEVEL
    return unit.number.count(".") + 1


def _with_regions(addressees: Addressees, joint: Addressees) -> Addressees:
    """The addressees with the regions (or all subjects) named among the co-executors after
    the verb; all subjects already include any region."""
    if addressees.all_regions or addressees.condition is not None:
        return addressees
    if joint.all_regions and not addressees.regions:
        return replace(addressees, all_regions=True)
    known = {region.code for region in addressees.regions}
    added = tuple(region for region in joint.regions if region.code not in known)
    if not added:
        return addressees
    return replace(addressees, regions=(*addressees.regions, *added))


def _combined(found: list[Deadline]) -> Deadline:
    """The first deadline, continued by a recurrence written further on: «в срок до 15.01.2025
    представить …, далее — ежеквартально, до 5 числа …» is one deadline with a series."""
    first = found[0]
    if first.recurrence is None:
        recurring = next((d for d in found[1:] if d.recurrence is not None), None)
        if recurring is not None:
            return replace(first, recurrence=recurring.recurrence)
    return first


def _trimmed(text: str, start: int, end: int) -> Span:
    piece = text[start:end].rstrip(_TEXT_TAIL)
    return start, start + len(piece)
