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
from typing import Final, Literal

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
# Reported speech: the speaker precedes the verb and the addressee follows it («Президент
# поручил Правительству Российской Федерации …», «Председатель поручает Минтруду России …»).
_REPORTED: Final[dict[str, InstructionKind]] = {
    "поручил": "mandatory",
    "поручила": "mandatory",
    "поручили": "mandatory",
    "поручает": "mandatory",
    "поручаю": "mandatory",
    "поручаем": "mandatory",
    "рекомендовал": "recommendation",
    "рекомендовала": "recommendation",
    "рекомендовали": "recommendation",
}
# «Минтруду России дано поручение …», «Дано поручение Минтруду России …».
# «Минтруду России дано поручение …» / «Дано поручение Минтруду России …», and reported
# speech: «Председатель Правительства дал указание Минтруду России …».
_GIVEN: Final[dict[str, Literal["after", "either"]]] = {
    "дано": "either",
    "даны": "either",
    "дается": "either",
    "даётся": "either",
    "дал": "after",
    "дала": "after",
    "дали": "after",
    "дает": "after",
    "даёт": "after",
}
_ORDER_NOUN: Final = re.compile(
    r"\s+(?:также\s+|было\s+|еще\s+|ещё\s+)?(?:поручени|указани)[а-яё]*", re.IGNORECASE
)
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
_REQUESTS: Final[frozenset[str]] = frozenset({"просит", "просим", "прошу", "просить"})

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

# Clauses of orders and protocols that are decisions, not instructions to anyone, whatever
# precedes them: noting, agreeing, repealing, control and entry into force.
_NOT_DIRECTIVE: Final = re.compile(
    r"\s*(?:согласиться\s+с|признать\s+утративш|отменить\b"
    r"|(?:приняли|принять)\s+(?:к\s+сведению|предложени|за\s+основу)"
    r"|(?:контроль|возложить\s+контроль)\s+(?:за\s+|над\s+)?(?:исполнени|выполнени|ходом)"
    r"|[^.;:]{0,80}?\bвступа(?:ет|ют)\s+в\s+(?:законную\s+)?силу)",
    re.IGNORECASE,
)
_GLUED_NUMBER: Final = re.compile(r"\s*\d{1,3}(?:\.\d{1,3})*[.)]\s*")
# «Информацию … принять к сведению» — noted, whatever precedes it.
_TAKEN_NOTE: Final = re.compile(r"\bпринять\s+к\s+сведению\b", re.IGNORECASE)
_SELF_CONTROL: Final = re.compile(r"оставляю\s+за\s+собой", re.IGNORECASE)
# «… обеспечить проверку исполнения настоящего распоряжения», «осуществлять контроль за
# выполнением настоящего указа»: the document's own control clause, whoever is named.
_OWN_CONTROL: Final = re.compile(
    r"(?<![А-Яа-яЁё])(?:контрол[а-яё]*|проверк[а-яё]*)\s+(?:за\s+|над\s+)?(?:ходом\s+)?"
    r"(?:исполнени|выполнени)[а-яё]*\s+настоящ[а-яё]+\s+(?:распоряжени|указ|постановлени"
    r"|приказ|решени|протокол)",
    re.IGNORECASE,
)
# The body's own decisions: «Утвердить план …», «Образовать рабочую группу …», «Провести
# совещание …». With an addressee (own or of the block) they are instructions («Органам …:
# 1) утвердить региональный план …»); without one they bind nobody.
_OWN_DECISION: Final = re.compile(
    r"(?:утвердить|одобрить|образовать|создать|провести|поддержать|отметить|считать"
    r"|опубликовать|согласовать|объявить|учредить|установить|определить|назначить|присвоить"
    r"|наградить|выделить|внести\s+(?:\S+\s+){0,6}?изменени"
    r"|принять\s+(?:решени|предложени|за\s+основу))(?![А-Яа-яЁё])",
    re.IGNORECASE,
)
# «Утвердить Министра … председателем оргкомитета и поручить ему утвердить его состав»,
# «Возложить на Минкультуры России осуществление контроля за реализацией плана»: the clause
# hands a duty to someone it names, an instruction (the document's own control clause is a
# decision, told apart before).
_DELEGATED: Final = re.compile(
    r"(?<![А-Яа-яЁё])(?:(?:поручить|обязать|предложить|рекомендовать)\s+(?:ему|ей|им|его|её|ее|их)"
    r"|возложить\s+на)(?![А-Яа-яЁё])",
    re.IGNORECASE,
)

# A preamble of the operative part: its purpose or grounds, never its addressees.
_INTRO: Final = re.compile(
    r"(?<![А-Яа-яЁё])(?:в\s+целях|с\s+целью|в\s+соответствии\s+с|во\s+исполнение"
    r"|в\s+связи\s+с|на\s+основании|руководствуясь|в\s+рамках|для\s+обеспечения|учитывая"
    r"|принимая\s+во)(?![А-Яа-яЁё])",
    re.IGNORECASE,
)
# Addressees named by abbreviations pymorphy3 does not decline: «Минпросвещения России:».
_AGENCY: Final = re.compile(r"(?:Мин|Рос|Фед)[а-яё]+")
# «… постановляет:», «… решил:», «… приказывает:» closing a preamble.
_ENACTING: Final = re.compile(
    r"\b(?:постановля(?:ет|ю)|постановил[аи]?|решил[аи]?|приказыва(?:ет|ю)|распоряжа(?:ется|юсь)"
    r"|определил[аи]?|(?:[а-яё] ){4,}[а-яё])\s*:\s*$",  # also spaced: «п о с т а н о в л я ю :»
    re.IGNORECASE,
)
_WORD: Final = re.compile(r"[А-Яа-яЁёA-Za-z]+(?:-[А-Яа-яЁёA-Za-z]+)*")
# Quoted names («Работа в России») and parenthesised remarks never hold the directive verb.
_SHIELDED: Final = re.compile(r"«[^«»]*»|\"[^\"]*\"|“[^“”]*”|„[^„“”]*[“”]|\([^()]*\)")
# A clause quoted as a whole («Президент поручил: "Правительству … обеспечить …"») has its
# verb inside the quotes: then only the brackets are shielded.
_BRACKETED: Final = re.compile(r"\([^()]*\)")


@lru_cache(maxsize=8192)
def is_infinitive(word: str) -> bool:
    low = word.lower()
    if low in _DIRECTIVE_VERBS:
        return True
    if not low.endswith(_INFINITIVE_ENDINGS):
        return False
    return bool(morph().parse(low)[0].tag.POS == "INFN")


def is_decision(text: str) -> bool:
    """«Принять к сведению …», «Контроль … оставляю за собой» and the like: decided, nobody to
    execute, whoever is named."""
    # An item number glued to the text («6.Контроль за исполнением …») is not part of it.
    start = _GLUED_NUMBER.match(text)
    return bool(
        _NOT_DIRECTIVE.match(text, start.end() if start else 0)
        or _SELF_CONTROL.search(text)
        or _OWN_CONTROL.search(text)
        or _TAKEN_NOTE.search(text)
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

    Not directives: «Принять к сведению …», «Информацию … принять к сведению», «Принять
    предложение …», «Контроль за исполнением … возложить …», «… оставляю за собой»,
    «Настоящее распоряжение вступает в силу …», «Признать утратившим силу …», «Согласиться с …»,
    and any clause without an opener, a narrative form or a directive infinitive. The body's
    own decisions («Утвердить …») are clauses; ``is_own_decision`` tells them apart.
    """
    if is_decision(text):
        return None
    return analyze_directive(text)


def analyze_directive(text: str) -> Clause | None:
    """``analyze_clause`` of a text already known not to be a decision (``is_decision``):
    the instruction reader asks that first, and the question scans the whole text."""
    shielded = _SHIELDED.sub(_blank, text)
    clause = _scan(text, shielded)
    if (clause is None or clause.verb_start is None) and shielded != text:
        quoted = _scan(text, _BRACKETED.sub(_blank, text))
        if quoted is not None and quoted.verb_start is not None:
            return quoted
    return clause


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group())


def _scan(text: str, shielded: str) -> Clause | None:
    """``analyze_clause`` on ``shielded`` (``text`` with quotes or brackets blanked)."""
    kind: InstructionKind | None = None
    has_opener = requested = False
    addr_start = 0
    addr_end: int | None = None
    for match in _WORD.finditer(shielded):
        word = match.group().lower()
        if not has_opener:
            opener = _opener(word)
            after = match.end()
            if word in _GIVEN:
                noun = _ORDER_NOUN.match(shielded, match.end())
                # «разъяснение дано в письме …»: no instruction is given.
                opener = opener if noun is not None else None
                after = noun.end() if noun is not None else after
            if opener is not None:
                kind, position = opener
                has_opener = True
                # Only here: slicing for every word would make a long clause quadratic.
                before_is_empty = not shielded[addr_start : match.start()].strip(" ,.;:—–-\n")
                requested = word in _REQUESTS
                if position == "after" or (position == "either" and before_is_empty):
                    addr_start = after
                else:
                    addr_end = match.start()
                continue
        if is_infinitive(word):
            end = match.start() if addr_end is None else addr_end
            return Clause(kind, (addr_start, end), match.start(), has_opener, requested)
    if not has_opener and not text.rstrip().endswith(":"):
        return None
    if not has_opener and (is_preamble(shielded) or not starts_with_addressee(shielded)):
        # A preamble («В целях …:») or a topic heading («В сфере образования:») names
        # nobody who must act.
        return None
    end = len(text.rstrip().rstrip(":")) if addr_end is None else addr_end
    return Clause(kind, (addr_start, max(addr_start, end)), None, has_opener, requested)


def _opener(
    word: str,
) -> tuple[InstructionKind | None, Literal["after", "before", "either"]] | None:
    """The kind a word opens a directive with, and where its addressee stands."""
    if word in _OPENERS:  # «Рекомендовать органам …» / «Органам … рекомендовать:»
        return _OPENERS[word], "either"
    if word in _NARRATIVE:  # «Минтруду России поручено …»
        return _NARRATIVE[word], "before"
    if word in _REPORTED:  # «Президент поручил Правительству …»
        return _REPORTED[word], "after"
    if word in _GIVEN:
        return "mandatory", _GIVEN[word]
    if word in _REQUESTS:  # «Департамент просит органы …»
        return None, "after"
    return None


def is_preamble(text: str) -> bool:
    """«В целях … органов местного самоуправления …:», «Правительство области
    постановляет:»: the purpose or grounds before the operative part, not a header."""
    text = text.rstrip()
    if not text.endswith(":"):
        return False
    if _ENACTING.search(text[-40:]):
        return True
    # «В целях …:», or «О мерах по … В соответствии с …:» (a title run into the preamble).
    intro = _INTRO.search(text)
    if intro is None:
        return False
    return not text[: intro.start()].strip() or not starts_with_addressee(text)


def delegates(text: str) -> bool:
    """«… и поручить ему утвердить его состав»: the clause hands a duty to the one it names."""
    return _DELEGATED.search(text) is not None


def is_own_decision(text: str, clause: Clause | None, predicate: str) -> bool:
    """«Утвердить …», «Провести …», «В рамках акции провести …»: a decision of the body
    itself, unless the clause is addressed («Отделу … опубликовать …») or opened by
    «Поручить», «Рекомендовать» … (the caller adds what the clause inherits)."""
    if _OWN_DECISION.match(predicate.lstrip()) is None or delegates(predicate):
        return False
    if clause is None:
        return True
    phrase = _WORD.search(text, clause.addressee[0], max(clause.addressee[0], clause.addressee[1]))
    return not clause.has_opener and (phrase is None or not _names_someone(phrase.group()))


_FUNCTION_WORDS: Final = frozenset({"PREP", "CONJ", "PRCL", "ADVB", "INTJ"})


def starts_with_addressee(text: str) -> bool:
    """Whether the first word of ``text`` can name an addressee (a dative, an agency)."""
    word = _WORD.search(text)
    return word is not None and _names_someone(word.group())


@lru_cache(maxsize=8192)
def _names_someone(word: str) -> bool:
    """The first word of an addressee phrase: a dative («Отделу», «Исполнительным») or an
    abbreviation («МЧС России», «Минтруду» is a dative too)."""
    if (len(word) > 1 and word.isupper()) or _AGENCY.fullmatch(word):
        return True
    parses = morph().parse(word.lower())
    if parses[0].tag.POS in _FUNCTION_WORDS:  # «В рамках акции …», «Для …»
        return False
    return any(parse.tag.case == "datv" for parse in parses)


# What is sent back: «направить информацию», «представить предложения», «предоставить отчёт».
_REPORTED_OBJECT: Final = (
    r"(?:информаци|сведени|отч[её]т|предложени|доклад|данн|копи|переч|план|материал|заявк)"
)
# Whom a «проинформировать» may address without it being a report to the issuer.
_AUDIENCE: Final = (
    r"(?:обучающ|студент|школьник|граждан|населени|жител|родител|работодател|педагог|"
    r"преподавател|участник|выпускник|абитуриент|общественност|организаци|образовательн|"
    r"муниципальн|средств\w*\s+массов|СМИ\b|заинтересованн|молод)"
)
_INFORM_BACK: Final = rf"(?:про)?информировать\b(?!\s+(?:\S+\s+){{0,2}}?{_AUDIENCE})"

# Precedence table of actions: the first pattern that matches at the start of the predicate
# wins. Specific phrases come before the bare verbs they begin with («обеспечить назначение»
# is an appointment, «направить информацию» a report, not ensure/other).
_ACTION_TABLE: Final[tuple[tuple[str, Action], ...]] = (
    (r"обеспечи\w*\s+назначени", "appoint"),
    (r"назнач", "appoint"),
    (
        r"(?:обеспечи\w*\s+)?(?:направ|представ|предостав)\w*\s+(?:\S+\s+){0,4}?"
        + _REPORTED_OBJECT,
        "report",
    ),
    (r"(?:представить|представлять|доложить|докладывать|сообщить)\b", "report"),
    (_INFORM_BACK, "report"),
    (r"рассм[ао]тр", "consider"),
    (r"(?:про)?информир|довести\s+до\s+сведени", "inform"),
    (r"организ|провести|проводить", "organize"),
    (r"обеспеч", "ensure"),
)
_ACTIONS: Final = tuple((re.compile(p, re.IGNORECASE), a) for p, a in _ACTION_TABLE)

# A predicate that asks the addressee to report back to the issuer. Informing students is
# not reporting; informing the ministry, or informing with no audience named, is.
_REPORT: Final = re.compile(
    r"\b(?:направ(?:ить|лять)|представ(?:ить|лять)|предостав(?:ить|лять)|внести"
    r"|обеспечить\s+(?:направление|представление|предоставление))"
    rf"\s+(?:\S+\s+){{0,10}}?{_REPORTED_OBJECT}"
    r"|\b(?:представить|представлять|доложить|докладывать|сообщить)\b"
    # «… контроля за реализацией плана с представлением докладов в Правительство»
    rf"|\bс\s+(?:представлением|направлением|предоставлением)\s+(?:\S+\s+){{0,3}}?{_REPORTED_OBJECT}"
    rf"|\b{_INFORM_BACK}",
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
