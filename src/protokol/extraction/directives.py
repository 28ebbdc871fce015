"""Is a clause an instruction at all, and if so of which kind, action and reporting duty.

A directive clause has the shape «[opener] [addressee phrase] verb …»: «Рекомендовать органам
местного самоуправления обеспечить …», «Исполнительным органам … обеспечить …», «Органам …
поручено подготовить …», «Департамент … просит … представить …». ``analyze_clause`` finds the
parts; the tables below turn the predicate (from the verb on) into ``action`` and
``report_required``. All decisions live here so that a reviewer can read them in one place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from protokol.extraction.model import Action, InstructionKind
from protokol.extraction.morphology import morph

# Verbs that open a directive and name its kind; the addressee follows them
# («Рекомендовать органам …») or precedes them («Органам … рекомендовать:»).
_OPENERS: Final[dict[str, InstructionKind]] = {
    "поручить": "mandatory",
    "обязать": "mandatory",
    "предложить": "mandatory",
    "рекомендовать": "recommendation",
}
# Narrative forms: the addressee precedes them («Минпросвещения России поручено …»).
_NARRATIVE: Final[dict[str, InstructionKind]] = {
    "поручено": "mandatory",
    "поручается": "mandatory",
    "предложено": "mandatory",
    "предлагается": "mandatory",
    "рекомендовано": "recommendation",
    "рекомендуется": "recommendation",
}
# A letter's request: the requester precedes it and is not the executor
# («Департамент … просит органы … представить …»).
_REQUESTS: Final[frozenset[str]] = frozenset({"просит", "просим", "прошу"})

# Infinitives that protocols use for directives; anything else must be an infinitive to
# pymorphy3 (the list spares the analyser for the common cases and fixes its rare doubts).
_DIRECTIVE_VERBS: Final[frozenset[str]] = frozenset(
    [
        "обеспечить",
        "обеспечивать",
        "направить",
        "направлять",
        "представить",
        "представлять",
        "организовать",
        "организовывать",
        "рассмотреть",
        "рассматривать",
        "провести",
        "проводить",
        "принять",
        "принимать",
        "осуществить",
        "осуществлять",
        "проинформировать",
        "информировать",
        "актуализировать",
        "назначить",
        "разработать",
        "подготовить",
        "продолжить",
        "завершить",
        "присоединиться",
        "внести",
        "довести",
        "доложить",
        "сообщить",
        "создать",
        "разместить",
        "оказать",
        "предусмотреть",
        "усилить",
        "активизировать",
        "определить",
        "согласовать",
        "включить",
        "реализовать",
        "проработать",
        "использовать",
        "утвердить",
        "одобрить",
        "учитывать",
        "учесть",
        "взять",
    ]
)
_INFINITIVE_ENDINGS: Final = ("ть", "ти", "чь", "ться", "тись", "чься")

# Clauses of orders and protocols that are decisions, not instructions to anyone.
_NOT_DIRECTIVE: Final = re.compile(
    r"^\s*(?:утвердить|одобрить|согласиться\s+с|признать\s+утративш|отменить\b"
    r"|(?:приняли|принять)\s+к\s+сведению|контроль\s+(?:за\s+)?(?:исполнени|выполнени)"
    r"|настоящ\w+\s+\w+\s+вступа\w*\s+в\s+силу)",
    re.IGNORECASE,
)
# «Информацию … принять к сведению» — noted, whatever precedes it.
_TAKEN_NOTE: Final = re.compile(r"(?=[пП])\bпринять\s+к\s+сведению\b", re.IGNORECASE)
_SELF_CONTROL: Final = re.compile(r"(?=[оО])оставляю\s+за\s+собой", re.IGNORECASE)

_WORD: Final = re.compile(r"[А-Яа-яЁёA-Za-z]+(?:-[А-Яа-яЁёA-Za-z]+)*")
# Quoted names («Работа в России») and parenthesised remarks never hold the directive verb.
_SHIELDED: Final = re.compile(r"«[^«»]*»|\"[^\"]*\"|\([^()]*\)")


@lru_cache(maxsize=8192)
def is_infinitive(word: str) -> bool:
    low = word.lower()
    if low in _DIRECTIVE_VERBS:
        return True
    if not low.endswith(_INFINITIVE_ENDINGS):
        return False
    return bool(morph().parse(low)[0].tag.POS == "INFN")


def is_decision(text: str) -> bool:
    """«Утвердить …», «Контроль … оставляю за собой» and the like: decided, nobody to execute."""
    return bool(
        _NOT_DIRECTIVE.match(text) or _SELF_CONTROL.search(text) or _TAKEN_NOTE.search(text)
    )


@dataclass(frozen=True)
class Clause:
    """The parts of a directive clause, as offsets into the analysed text.

    ``addressee`` is the span of the addressee phrase (empty when the clause starts with the
    verb); ``verb_start`` is where the predicate begins, ``None`` for a header that names
    addressees but no action («Исполнительным органам …:», «Поручить:»).
    """

    kind: InstructionKind | None
    addressee: tuple[int, int]
    verb_start: int | None
    # The clause opened with «Поручить», «Рекомендовать» … or used «поручено», «просит» …
    has_opener: bool
    # The addressee follows «просит» and is in the accusative («просит органы …»).
    requested: bool = False


def analyze_clause(text: str) -> Clause | None:
    """Split a clause into addressee phrase and predicate; ``None`` when it is no directive.

    Not directives: «Утвердить …», «Одобрить …», «Принять к сведению …», «Информацию …
    принять к сведению», «Контроль за исполнением … возложить …», «… оставляю за собой»,
    «Настоящее распоряжение вступает в силу …», «Признать утратившим силу …», «Согласиться с …»,
    and any clause without an opener, a narrative form or a directive infinitive.
    """
    if is_decision(text):
        return None
    shielded = _SHIELDED.sub(lambda m: " " * len(m.group()), text)
    kind: InstructionKind | None = None
    has_opener = requested = False
    addr_start = 0
    addr_end: int | None = None
    for match in _WORD.finditer(shielded):
        word = match.group().lower()
        if word in _OPENERS and not has_opener:
            # Only here: slicing from ``addr_start`` at every word was quadratic in the clause.
            before_is_empty = not shielded[addr_start : match.start()].strip(" ,.;:—–-\n")
            kind, has_opener = _OPENERS[word], True
            if before_is_empty:
                addr_start = match.end()
            else:
                addr_end = match.start()
            continue
        if word in _NARRATIVE and not has_opener:
            kind, has_opener = _NARRATIVE[word], True
            addr_end = match.start()
            continue
        if word in _REQUESTS and not has_opener:
            has_opener = requested = True
            addr_start = match.end()
            continue
        if is_infinitive(word):
            end = match.start() if addr_end is None else addr_end
            return Clause(kind, (addr_start, end), match.start(), has_opener, requested)
    if not has_opener and not text.rstrip().endswith(":"):
        return None
    end = len(text.rstrip().rstrip(":")) if addr_end is None else addr_end
    return Clause(kind, (addr_start, max(addr_start, end)), None, has_opener, requested)


# Precedence table of actions: the first pattern that matches at the start of the predicate
# wins. Specific phrases come before the bare verbs they begin with («обеспечить назначение»
# is an appointment, «направить информацию» a report, not ensure/other).
_ACTION_TABLE: Final[tuple[tuple[str, Action], ...]] = (
    (r"обеспечи\w*\s+назначени", "appoint"),
    (r"назнач", "appoint"),
    (
        r"(?:обеспечи\w*\s+)?(?:направ|представ)\w*\s+(?:\S+\s+){0,4}?"
        r"(?:информаци|сведени|отч[её]т|предложени|доклад|данн)",
        "report",
    ),
    (r"(?:представить|представлять|доложить|сообщить)\b", "report"),
    (
        r"(?:про)?информировать\s+(?:\S+\s+){0,2}?"
        r"(?:Минпросвещени|Министерств|Департамент|Правительств)",
        "report",
    ),
    (r"рассм[ао]тр", "consider"),
    (r"(?:про)?информир|довести\s+до\s+сведени", "inform"),
    (r"организ|провести|проводить", "organize"),
    (r"обеспеч", "ensure"),
)
_ACTIONS: Final = tuple((re.compile(p, re.IGNORECASE), a) for p, a in _ACTION_TABLE)

# A predicate that asks the addressee to report back to the issuer. Informing students is
# not reporting; informing the ministry or the department is.
_REPORT: Final = re.compile(
    r"\b(?:направ(?:ить|лять)|представ(?:ить|лять)|обеспечить\s+(?:направление|представление))"
    r"\s+(?:\S+\s+){0,4}?(?:информаци|сведени|отч[её]т|предложени|доклад|данн|копи|переч|план)"
    r"|\b(?:представить|представлять|доложить|сообщить)\b"
    r"|\b(?:про)?информировать\s+(?:\S+\s+){0,2}?"
    r"(?:Минпросвещени|Министерств|Департамент|Правительств|Минтруд|Рособрнадзор)",
    re.IGNORECASE,
)


def classify_action(predicate: str) -> Action:
    """The action of a predicate that starts with the directive verb."""
    for pattern, action in _ACTIONS:
        if pattern.match(predicate):
            return action
    return "other"


def requires_report(predicate: str) -> bool:
    """Whether the predicate asks for information, a report or proposals to be sent back."""
    return _REPORT.search(predicate) is not None
