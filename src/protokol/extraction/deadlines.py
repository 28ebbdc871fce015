"""Deadlines of instructions: from wording to dates (DOMAIN.md §1–2).

All dates are Moscow calendar dates and nothing here reads the clock: relative terms
count from the document date, or from ``ExtractionConfig.reference_date`` when the
document has none, and stay undated when neither is known.
"""

from __future__ import annotations

import bisect
import calendar as month_calendar
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from protokol.extraction.config import ExtractionConfig
from protokol.extraction.errors import ExtractionError
from protokol.extraction.model import Deadline, ExtractionWarning, Recurrence, RecurrenceKind
from protokol.extraction.russian import MONTHS_GENITIVE, format_date_ru, plural_ru
from protokol.extraction.workdays import ProductionCalendar

_MONTH_NUMBER = {name: number for number, name in enumerate(MONTHS_GENITIVE, start=1)}
_MONTH = "|".join(MONTHS_GENITIVE)

# Years outside this window are typos («до 01.12.3024»), not deadlines.
_MIN_YEAR, _MAX_YEAR = 1900, 2100
# «постоянно»: report by 20 January of the next year (regional practice, DOMAIN.md §1).
_PERMANENT_REPORT_MONTH, _PERMANENT_REPORT_DAY = 1, 20
# «еженедельно» without a day: the end of the working week.
_DEFAULT_WEEKDAY = 4

# Genitive number words of «в течение десяти дней» and stems of «двухнедельный срок».
_NUMBER_WORDS = {
    "одного": 1,
    "одно": 1,
    "двух": 2,
    "трех": 3,
    "трёх": 3,
    "четырех": 4,
    "четырёх": 4,
    "пяти": 5,
    "шести": 6,
    "семи": 7,
    "восьми": 8,
    "девяти": 9,
    "десяти": 10,
    "пятнадцати": 15,
    "двадцати": 20,
    "тридцати": 30,
    "шестидесяти": 60,
    "девяноста": 90,
}
_NUMBER_WORD = "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))


class _Scan:
    """A pattern behind a cheap necessary condition.

    Most texts hold no such wording, and a search for a few literal stems is an order of
    magnitude faster than running the full pattern over every position.
    """

    __slots__ = ("_pattern", "_trigger")

    def __init__(self, trigger: str, pattern: str, flags: int = 0) -> None:
        # Case-insensitive matching of Cyrillic disables the literal-prefix search,
        # so the lower-case trigger runs over a lowered copy instead.
        self._trigger = re.compile(trigger)
        self._pattern = re.compile(pattern, flags)

    def finditer(self, text: str, lowered: str | None = None) -> Iterator[re.Match[str]]:
        """Matches in ``text``; ``lowered`` is ``text.lower()`` when the caller has it."""
        if self._trigger.search(text.lower() if lowered is None else lowered):
            yield from self._pattern.finditer(text)


_YEAR_SUFFIX = r"(?:\s*(?:года|году|г\.|г(?!\w)))?"
_WORD_DATE = (
    rf"(?P<day>\d{{1,2}})\s+(?P<month>{_MONTH})(?!\w)(?:\s+(?P<year>\d{{4}})(?!\d){_YEAR_SUFFIX})?"
)
_NUMERIC_DATE = (
    rf"(?P<nday>\d{{1,2}})\.(?P<nmonth>\d{{1,2}})\.(?P<nyear>\d{{4}}|\d{{2}})(?!\d){_YEAR_SUFFIX}"
)
_MOSCOW = r"(?:\s*\(?\s*(?:мск|по\s+московскому\s+времени)\s*\)?)?"
# «до 17-00 27.04.2010», «до 18:00 (мск) 5 апреля 2025 г.»
_LEADING_TIME = rf"(?:(?P<hour>\d{{1,2}})[:.\-](?P<minute>\d{{2}}){_MOSCOW}\s*,?\s+)?"
# «до 5 апреля 2025 г. 18:00»: only a colon, a dot or dash here would read as part of a number.
_TRAILING_TIME = rf"(?:\s*,?\s*(?:до\s+)?(?P<hour2>\d{{1,2}}):(?P<minute2>\d{{2}}){_MOSCOW})?"
# «Срок — », «Срок исполнения – », «Срок представления информации — », «Срок: »;
# «срок действия договора» is a term of a contract, not of the instruction.
_DEADLINE_LABEL = r"сроки?(?!\s+действия)(?:\s+[^\s—–:\-]+){0,5}?\s*(?:[—–:]|\s-)\s*"
_CUE = (
    rf"(?P<cue>(?:{_DEADLINE_LABEL})?"
    r"(?:(?:в\s+срок\s+)?(?:до|не\s+позднее|не\s+позже)\s+|к\s+)?)"
)
_DATE_RE = re.compile(
    rf"(?=[сСвВдДнНкК0-9])(?<![\w.\-/]){_CUE}{_LEADING_TIME}(?:{_WORD_DATE}|{_NUMERIC_DATE}){_TRAILING_TIME}",
    re.IGNORECASE,
)

_DIGIT_RE = re.compile(r"\d")

_QUARTER = r"(?P<quarter>IV|I{1,3}|[1-4](?:-?(?:м|го|й))?|перв\w*|втор\w*|трет\w*|четв[её]рт\w*)"
_HALF = r"(?P<half>I{1,2}|[12](?:-?(?:м|го|е))?|перв\w*|втор\w*)"
# A month in the nominative, genitive or prepositional: «декабрь», «декабря», «в декабре».
_MONTH_FORMS = (
    r"январ[ьяе]|феврал[ьяе]|март[ае]?|апрел[ьяе]|ма[йяе]|июн[ьяе]|июл[ьяе]|август[ае]?"
    r"|сентябр[ьяе]|октябр[ьяе]|ноябр[ьяе]|декабр[ьяе]"
)
_MONTH_STEMS = ("янв", "фев", "мар", "апр", "ма", "июн", "июл", "авг", "сен", "окт", "ноя", "дек")


def _period_year(group: str) -> str:
    return rf"(?:\s+(?:(?P<{group}>\d{{4}})(?!\d){_YEAR_SUFFIX}|текущего\s+года(?!\w)))?"


# The period itself; what stands before it («в», «до конца», «Срок —») is read by
# ``_PERIOD_LEAD_RE`` on a short window, so this pattern never re-scans a long prefix.
_PERIOD_RE = re.compile(
    r"(?=[0-9IVivпПвВтТчЧяЯфФмМаАиИсСоОнНдДгГ])(?<![\w.\-])(?:"
    rf"(?:{_QUARTER}\s+квартал(?:ом|а|е|у)?|{_HALF}\s+(?:полугоди(?:ем|е|я|ю|и)|половин(?:ой|ы|е|а|у)))(?!\w)"
    + _period_year("period_year")
    + rf"|(?:(?:{_MONTH_FORMS})\s*[-–—]\s*)?(?P<month>{_MONTH_FORMS})(?!\w)"
    + _period_year("month_year")
    + r"|(?:\d{4}\s*[-–—]\s*)?(?P<year>\d{4})(?!\d)\s*"
    r"(?:(?P<year_word>год(?:ом|ах|ов|ы|а|у)?)(?!\w)|(?P<year_mark>гг?\.|г(?!\w)))"
    r"|(?P<this_year>(?:текущего\s+)?года)(?!\w)"
    r")",
    re.IGNORECASE,
)
# What every ``_PERIOD_RE`` match must contain, searched in the lowered text: a digit, a
# period word, a month or «года». IGNORECASE also equates «в», «д», «о», «с», «т», «ъ» with
# the rounded letters U+1C80–U+1C88, which ``str.lower`` leaves alone, so those count too.
_PERIOD_TRIGGER_RE = re.compile(
    r"\d|квартал|полугоди|половин|январ|феврал|март|апрел|ма[йяе]|июн|июл|август"
    r"|сентябр|октябр|ноябр|декабр|года|[\u1c80-\u1c88]"
)
_PERIOD_LEAD_RE = re.compile(
    rf"(?<!\w)(?P<label>{_DEADLINE_LABEL})?(?<!\w)(?:"
    r"(?P<end_of>(?:до|не\s+позднее|не\s+позже)\s+(?:конца|окончания)|к\s+(?:концу|окончанию))"
    r"|(?P<during>в\s+течение|не\s+позднее|не\s+позже)|(?P<in>во?)"
    r")\s+$"
    rf"|(?<!\w)(?P<label_only>{_DEADLINE_LABEL})$",
    re.IGNORECASE,
)
_PERIOD_LEAD_WINDOW = 80
# «заключённых в 2024 году», «проведённого в 2023 году»: the year dates a thing, not a term.
_PARTICIPLE_BEFORE_RE = re.compile(
    r"(?:[её]нн|анн|вш|[ыя]т)(?:ых|ого|ой|ая|ое|ые|ым|ому|ом|ую|ый|ий)\s+во?\s+$", re.IGNORECASE
)
# «В рамках проводимых в 2005 году Дней защиты …», «В целях проведения в 2025 году …»: up to
# the comma closing it, such an opening clause names the occasion, and a year in it dates the
# occasion, not the instruction.
_CIRCUMSTANCE_RE = re.compile(
    r"\s*(?:в\s+рамках|в\s+целях|в\s+связи\s+с|во\s+исполнение|в\s+соответствии\s+с|в\s+ходе"
    r"|на\s+основании|по\s+итогам|для\s+проведения|для\s+подготовки)(?!\w)[^,;:]*",
    re.IGNORECASE,
)
_CLAUSE_WINDOW = 300
_CLAUSE_ENDS = (".", ";", ":", "\n\n")
# A period standing alone — a table cell, a line, brackets — is a deadline without a cue.
_STANDALONE_BEFORE = " \t(*–—-:;,"
_STANDALONE_AFTER_RE = re.compile(r"[ \t]*(?:[).;,]|\n|$)")

# «в течение 10 дней», «не позднее 10 рабочих дней с даты …», «в срок не позднее 30 дней».
_WITHIN_RE = _Scan(
    r"течение|позднее|позже|через|срок",
    r"(?<!\w)(?:в\s+течение|(?:в\s+срок\s+)?(?:не\s+позднее|не\s+позже|не\s+более|до)"
    r"|в\s+срок|через)\s+"
    rf"(?:(?P<count>\d{{1,3}})(?!\d)\s*|(?P<count_word>{_NUMBER_WORD})\s+)?"
    r"(?:(?P<day_kind>рабочих|календарных)\s+)?"
    r"(?P<unit>дн(?:ей|я)|день|недел[иья]|недель|месяц(?:а|ев)?|год(?:а)?|лет)(?!\w)",
    re.IGNORECASE,
)
# «в месячный срок», «в двухнедельный срок», «в 10-дневный срок»
_TERM_RE = _Scan(
    r"ный\s+срок",
    rf"(?<!\w)в\s+(?:(?P<count>\d{{1,3}})\s*-?\s*|(?P<count_word>{_NUMBER_WORD}))?"
    r"(?P<unit>дневный|недельный|месячный|годичный)\s+срок(?!\w)",
    re.IGNORECASE,
)
_URGENT_RE = _Scan(
    r"срочн|незамедлит",
    r"(?<!\w)(?:срочно|незамедлительно|в\s+срочном\s+порядке)(?!\w)",
    re.IGNORECASE,
)
_PROMPT_RE = _Scan(
    r"оперативн", r"(?<!\w)(?:оперативно|в\s+оперативном\s+порядке)(?!\w)", re.IGNORECASE
)

_RECURRENCE_WORDS: tuple[tuple[str, RecurrenceKind], ...] = (
    (r"ежемесячно|каждый\s+месяц|(?:один\s+)?раз\s+в\s+месяц", "monthly"),
    (r"ежеквартально|каждый\s+квартал|(?:один\s+)?раз\s+в\s+квартал", "quarterly"),
    (
        r"ежеполугодно|(?:один\s+)?раз\s+в\s+(?:полгода|полугодие)|каждое\s+полугодие"
        r"|два\s+раза\s+в\s+год",
        "half_yearly",
    ),
    (r"ежегодно|каждый\s+год|(?:один\s+)?раз\s+в\s+год", "yearly"),
    (r"еженедельно|каждую\s+неделю|(?:один\s+)?раз\s+в\s+неделю", "weekly"),
    (r"постоянно(?![\s\-]*действующ)|на\s+постоянной\s+основе", "permanent"),
)
_WEEKDAYS = ("понедельникам", "вторникам", "средам", "четвергам", "пятницам", "субботам")
_RECURRENCE_RE = _Scan(
    r"ежем|ежекв|ежепол|ежегод|еженед|постоянн|кажд|раза?\s+в",
    r"(?<!\w)(?:"
    + "|".join(f"(?P<{kind}>{words})" for words, kind in _RECURRENCE_WORDS)
    + r")(?!\w)(?:\s*,?\s*(?:"
    r"(?:до|не\s+позднее|не\s+позже|к)\s+(?:"
    r"(?P<day_of_month>\d{1,2})(?:-?го)?\s+числа"
    r"(?:\s+месяца,?\s+следующего\s+за\s+отч[её]тным"
    r"(?:\s+(?:периодом|месяцем|кварталом|полугодием|годом))?)?"
    rf"|(?P<year_day>\d{{1,2}})\s+(?P<year_month>{_MONTH})(?!\w)(?!\s+\d{{4}})"
    r")"
    rf"|по\s+(?P<weekday>{'|'.join(_WEEKDAYS)})"
    r"))?",
    re.IGNORECASE,
)
# What may stand between a date and a recurrence that continues it:
# «до 1 декабря 2024 г., далее — ежемесячно».
_CONTINUATION_RE = re.compile(
    r"[\s,;:.()—–\-]*(?:(?:а|и)\s+)?(?:далее|затем|в\s+дальнейшем|впоследствии)?[\s,;:()—–\-]*",
    re.IGNORECASE,
)
# A date right after these words is a reference, not a term: «протокол от 23 октября
# 2024 года», «№ 555 от 27.04.2024», «совещания, состоявшегося 23 октября».
_REFERENCE_BEFORE_RE = re.compile(
    r"(?:(?<!\w)(?:от|с|со|состоявш\w*|прошедш\w*|проведенн\w*|проведённ\w*|"
    r"утвержденн\w*|утверждённ\w*|рождения)|№\s*\S+)\s*$",
    re.IGNORECASE,
)
_REFERENCE_AFTER_RE = re.compile(r"\s*№")
_REFERENCE_WINDOW = 40
_LINE_RE = re.compile(r"[^\n]+")
_LINE_CONTENT_RE = re.compile(r"^[\s*]*(?P<content>.*?)[\s*]*$")
_DEADLINE_LINE_RE = re.compile(rf"\s*{_DEADLINE_LABEL}\S", re.IGNORECASE)

_PERIOD_MONTHS: dict[RecurrenceKind, int] = {
    "monthly": 1,
    "quarterly": 3,
    "half_yearly": 6,
    "yearly": 12,
}


@dataclass(frozen=True)
class _Found:
    """A deadline expression found in the text; ``deadline`` spans are not yet offset."""

    deadline: Deadline
    inline: bool = False

    @property
    def start(self) -> int:
        return self.deadline.span[0]

    @property
    def end(self) -> int:
        return self.deadline.span[1]


def find_deadlines(
    text: str, *, offset: int = 0, document_date: dt.date | None, config: ExtractionConfig
) -> list[Deadline]:
    """Every deadline expression in ``text``, in order of appearance.

    ``offset`` is the position of ``text`` inside the whole document, added to every span.
    A date merely mentioned in the text («присоединиться 5 декабря 2024 года») is returned
    with basis "inline", and only when the text states no deadline in any other way.
    """
    base = document_date or config.reference_date
    lowered = text.lower()  # one copy for every scanner's trigger
    # Every date holds a digit; most of the short texts asked about hold none.
    has_digit = _DIGIT_RE.search(text) is not None
    dates = list(_explicit_dates(text, base, document_date, config)) if has_digit else []
    found = _without_overlaps(
        [
            *dates,
            *_period_ends(
                text, lowered, base, document_date, config, [d.deadline.span for d in dates]
            ),
            *_relative_terms(text, lowered, base, config),
            *_recurrences(text, lowered, base, config),
        ]
    )
    if any(not f.inline for f in found):
        found = [f for f in found if not f.inline]
    deadlines = _with_line_wording(text, _merge_continuations(text, found, config))
    return [replace(d, span=(d.span[0] + offset, d.span[1] + offset)) for d in deadlines]


def is_deadline_line(line: str) -> bool:
    """Whether ``line`` is a stand-alone deadline paragraph: «**Срок — до 2 декабря 2024г.**»."""
    plain = line.replace("**", "").strip()
    return "\n" not in plain and _DEADLINE_LINE_RE.match(plain) is not None


def deadline_warnings(
    deadline: Deadline, *, document_date: dt.date | None, config: ExtractionConfig
) -> list[ExtractionWarning]:
    """Doubts about a deadline for the reviewer (Russian messages, stable codes)."""
    if deadline.date is None:
        return []
    stated = deadline.date
    warnings: list[ExtractionWarning] = []
    if deadline.year_assumed:
        source = "по дате документа" if document_date is not None else "по текущей дате"
        warnings.append(
            ExtractionWarning(
                "deadline_year_assumed",
                f"В сроке «{deadline.text}» не указан год: принят {stated.year} г. "
                f"{source} (срок — {format_date_ru(stated)}). Проверьте год.",
                deadline.span,
            )
        )
    if document_date is not None and stated < document_date:
        warnings.append(
            ExtractionWarning(
                "deadline_before_document",
                f"Срок {format_date_ru(stated)} раньше даты документа "
                f"({format_date_ru(document_date)}).",
                deadline.span,
            )
        )
    if document_date is not None and (stated - document_date).days > config.max_plausible_days:
        days = config.max_plausible_days
        warnings.append(
            ExtractionWarning(
                "deadline_implausible",
                f"Срок {format_date_ru(stated)} позже даты документа "
                f"({format_date_ru(document_date)}) более чем на {days} "
                f"{plural_ru(days, 'день', 'дня', 'дней')}; проверьте год.",
                deadline.span,
            )
        )
    # Only a date somebody wrote down is worth a remark; computed dates move silently.
    if deadline.basis in ("explicit", "inline"):
        due = _previous_working_day(config.calendar, stated)
        if due != stated:
            warnings.append(
                ExtractionWarning(
                    "deadline_non_working_day",
                    f"Срок {format_date_ru(stated)} приходится на нерабочий день; "
                    f"к исполнению — {format_date_ru(due)}",  # the date already ends with «г.»
                    deadline.span,
                )
            )
    return warnings


def recurrence_due_dates(
    recurrence: Recurrence, *, start: dt.date, end: dt.date, calendar: ProductionCalendar
) -> list[dt.date]:
    """Due dates of a recurring deadline within ``[start, end]``, moved to working days.

    Periods begin with the one that contains ``start``: an instruction signed on
    23 October with «ежемесячно» is first reported for October, by 10 November.
    """
    due_dates: list[dt.date] = []
    for stated in _series(recurrence, start):
        due = _previous_working_day(calendar, stated)
        if due > end:
            break
        # Two stated dates in one holiday run («по пятницам» over the New Year) fall due together.
        if due >= start and (not due_dates or due_dates[-1] != due):
            due_dates.append(due)
    return due_dates


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, or that month's last day when it has no such day."""
    years, month_index = divmod(day.month - 1 + months, 12)
    return _clamped_date(day.year + years, month_index + 1, day.day)


def default_term(start: dt.date) -> dt.date:
    """No deadline stated: one calendar month — the same day of the next month, or its last day."""
    return add_months(start, 1)


# --- scanners -------------------------------------------------------------------------


def _explicit_dates(
    text: str, base: dt.date | None, document_date: dt.date | None, config: ExtractionConfig
) -> Iterator[_Found]:
    for match in _DATE_RE.finditer(text):
        inline = not match.group("cue")
        if inline and _is_reference(text, match):
            continue
        try:
            day = _stated_date(match, base)
        except ValueError:  # «до 31 ноября 2024 г.»: a typo, not a deadline
            continue
        if inline and day is not None and document_date is not None and day < document_date:
            continue
        yield _Found(
            _deadline(
                match.group(0),
                match.span(),
                day,
                config,
                basis="inline" if inline else "explicit",
                time=_stated_time(match),
                year_assumed=bool(match.group("day")) and match.group("year") is None,
            ),
            inline=inline,
        )


def _period_ends(
    text: str,
    lowered: str,
    base: dt.date | None,
    document_date: dt.date | None,
    config: ExtractionConfig,
    date_spans: list[tuple[int, int]],
) -> Iterator[_Found]:
    """Quarters, half-years, months and years read as their last day.

    «до конца III квартала 2025 г.», «в течение декабря 2024 года», «Срок — 2025 год»,
    and a period standing alone («IV квартал 2024 г.» in a table cell or in brackets).
    A bare year needs a cue: «внести в 1998 году» is only a mention (inline, used when
    nothing else is stated) and none at all after a participle («договоров, заключённых
    в 2024 году»); «2025 год» counts after «Срок —», «в течение», «до конца» or alone.
    """
    # The year of a date («1 декабря 2024 г.») is no period of its own; dates come in order.
    if not _PERIOD_TRIGGER_RE.search(lowered):
        return
    date_starts = [start for start, _ in date_spans]
    for match in _PERIOD_RE.finditer(text):
        inside = bisect.bisect_right(date_starts, match.start())
        if inside and date_spans[inside - 1][1] > match.start():
            continue
        window_start = max(0, match.start() - _PERIOD_LEAD_WINDOW)
        lead = _PERIOD_LEAD_RE.search(text, window_start, match.start())
        labelled = lead is not None and bool(lead.group("label") or lead.group("label_only"))
        lead_kind: str | None
        if lead is not None and lead.group("label_only"):
            lead_kind = "label"
        elif lead is not None:
            lead_kind = next(k for k in ("end_of", "during", "in") if lead.group(k))
        else:
            alone = _is_nominative(match) and _stands_alone(text, match)
            lead_kind = "standalone" if alone else None
        if not _period_is_deadline(match, lead_kind, labelled):
            continue
        start = match.start() if lead is None else lead.start()
        day, assumed = _period_end(match, base)
        inline = lead_kind == "in" and match.group("year") is not None
        if inline and (
            _PARTICIPLE_BEFORE_RE.search(text, window_start, match.start())
            or _in_circumstance_clause(text, match.start())
        ):
            continue
        if lead_kind == "in" and day is not None and document_date and day < document_date:
            continue  # «в мае 2023 года состоялось …»: history, not a term
        yield _Found(
            _deadline(
                text[start : match.end()],
                (start, match.end()),
                day,
                config,
                basis="inline" if inline else "explicit",
                year_assumed=assumed,
            ),
            inline=inline,
        )


def _in_circumstance_clause(text: str, position: int) -> bool:
    """Whether ``position`` lies inside an opening clause «В рамках …» of its sentence."""
    window_start = max(0, position - _CLAUSE_WINDOW)
    # Hard line wraps run through a clause; only punctuation and blank lines end one.
    clause_start = window_start
    for mark in _CLAUSE_ENDS:
        found = text.rfind(mark, window_start, position)
        if found >= 0:
            clause_start = max(clause_start, found + len(mark))
    return _CIRCUMSTANCE_RE.fullmatch(text, clause_start, position) is not None


def _period_is_deadline(match: re.Match[str], lead: str | None, labelled: bool) -> bool:
    if lead is None:
        return False
    if match.group("this_year"):
        return lead == "end_of"  # «до конца года»; «в течение года» is a relative term
    if match.group("year_mark"):
        return labelled or lead in ("end_of", "during")  # «2024 г.» alone ends many dates
    return True


# Only the nominative stands alone: a wrapped line starting «2024 года.» continues a sentence.
_NOMINATIVE_RE = re.compile(
    r"(?:квартал|полугодие|январь|февраль|март|апрель|май|июнь|июль|август|сентябрь|октябрь"
    r"|ноябрь|декабрь|годы?)(?!\w)",
    re.IGNORECASE,
)


def _is_nominative(match: re.Match[str]) -> bool:
    return _NOMINATIVE_RE.search(match.group(0)) is not None and (
        match.group("year") is None or match.group("year_word") is not None
    )


def _stands_alone(text: str, match: re.Match[str]) -> bool:
    """Nothing but spaces and punctuation before the period on its line, and after it."""
    before = text[max(0, match.start() - _PERIOD_LEAD_WINDOW) : match.start()]
    if "\n" in before:
        before = before[before.rindex("\n") + 1 :]
    return not before.strip(_STANDALONE_BEFORE) and (
        _STANDALONE_AFTER_RE.match(text, match.end()) is not None
    )


def _relative_terms(
    text: str, lowered: str, base: dt.date | None, config: ExtractionConfig
) -> Iterator[_Found]:
    for match in (*_WITHIN_RE.finditer(text, lowered), *_TERM_RE.finditer(text, lowered)):
        count = _count(match)
        unit = match.group("unit").lower()
        working = (match.groupdict().get("day_kind") or "").lower() == "рабочих"
        day = None if base is None else _add_term(base, count, unit, working, config.calendar)
        yield _Found(_deadline(match.group(0), match.span(), day, config, basis="relative"))
    for pattern, days, basis in (
        (_URGENT_RE, config.urgent_days, "urgent"),
        (_PROMPT_RE, config.prompt_days, "prompt"),
    ):
        for match in pattern.finditer(text, lowered):
            day = None if base is None else base + dt.timedelta(days=days)
            yield _Found(_deadline(match.group(0), match.span(), day, config, basis=basis))


def _recurrences(
    text: str, lowered: str, base: dt.date | None, config: ExtractionConfig
) -> Iterator[_Found]:
    for match in _RECURRENCE_RE.finditer(text, lowered):
        recurrence = _recurrence(match, config)
        start = _first_period_start(text, match, base) or base
        first = None if start is None else _first_stated_date(recurrence, start, config.calendar)
        yield _Found(
            _deadline(
                match.group(0),
                match.span(),
                first,
                config,
                basis="recurring",
                recurrence=recurrence,
            )
        )


# «(начиная с отчёта за I квартал 2014 года)», «начиная с 2025 года»: the first period reported.
_STARTING_RE = re.compile(
    r"(?<!\w)начиная\s+с\s+(?:(?:отч[её]та|информации|доклада|представления)\s+за\s+)?",
    re.IGNORECASE,
)
# How far around a recurrence its first period may be named (within the same clause).
_STARTING_WINDOW = 200
_PERIOD_SPAN_MONTHS = {"quarter": 3, "half": 6, "month": 1}


def _first_period_start(text: str, match: re.Match[str], base: dt.date | None) -> dt.date | None:
    """The first day of the first period a recurring report covers, when the text names it."""
    window_start = max(0, match.start() - _STARTING_WINDOW)
    clause_start = (
        max(
            text.rfind(".", window_start, match.start()),
            text.rfind("\n", window_start, match.start()),
        )
        + 1
    )
    window_end = min(len(text), match.end() + _STARTING_WINDOW)
    stops = [
        p
        for p in (text.find(";", match.end(), window_end), text.find("\n", match.end(), window_end))
        if p >= 0
    ]
    clause_end = min(stops, default=window_end)
    starting = _STARTING_RE.search(text, max(clause_start, window_start), clause_end)
    if starting is None:
        return None
    period = _PERIOD_RE.match(text, starting.end())
    if period is None:
        return None
    end, _ = _period_end(period, base)
    if end is None:
        return None
    months = next((n for group, n in _PERIOD_SPAN_MONTHS.items() if period.group(group)), 12)
    return add_months(end.replace(day=1), 1 - months)


# --- assembling -----------------------------------------------------------------------


def _without_overlaps(found: list[_Found]) -> list[_Found]:
    """Keep the earliest, then longest, of overlapping expressions."""
    kept: list[_Found] = []
    for item in sorted(found, key=lambda f: (f.start, -f.end)):
        if not kept or item.start >= kept[-1].end:
            kept.append(item)
    return kept


def _merge_continuations(
    text: str, found: list[_Found], config: ExtractionConfig
) -> list[Deadline]:
    """Join a date and a recurrence that continues it into one deadline."""
    merged: list[Deadline] = []
    for item in found:
        current = item.deadline
        if merged and _continues(text, merged[-1], current):
            previous = merged.pop()
            dated, repeating = (
                (previous, current) if previous.recurrence is None else (current, previous)
            )
            current = _deadline(
                text[previous.span[0] : current.span[1]],
                (previous.span[0], current.span[1]),
                dated.date,
                config,
                basis=dated.basis,
                time=dated.time,
                recurrence=repeating.recurrence,
                year_assumed=dated.year_assumed,
            )
        merged.append(current)
    return merged


def _continues(text: str, first: Deadline, second: Deadline) -> bool:
    one_is_dated = (first.recurrence is None) != (second.recurrence is None)
    dated = first if first.recurrence is None else second
    return (
        one_is_dated
        and dated.basis == "explicit"
        and _CONTINUATION_RE.fullmatch(text, first.span[1], second.span[0]) is not None
    )


def _with_line_wording(text: str, deadlines: list[Deadline]) -> list[Deadline]:
    """A deadline alone on a «Срок — …» line is worded by the whole line, as the reviewer sees it."""
    result = list(deadlines)
    for line in _LINE_RE.finditer(text):
        if not is_deadline_line(line.group(0)):
            continue
        inside = [
            index
            for index, d in enumerate(result)
            if line.start() <= d.span[0] and d.span[1] <= line.end()
        ]
        if len(inside) != 1:
            continue
        content = _LINE_CONTENT_RE.match(line.group(0))
        assert content is not None  # the pattern matches any single line
        start, end = (line.start() + position for position in content.span("content"))
        result[inside[0]] = replace(
            result[inside[0]], text=text[start:end].replace("**", ""), span=(start, end)
        )
    return result


def _deadline(
    wording: str,
    span: tuple[int, int],
    day: dt.date | None,
    config: ExtractionConfig,
    *,
    basis: str,
    time: dt.time | None = None,
    recurrence: Recurrence | None = None,
    year_assumed: bool = False,
) -> Deadline:
    return Deadline(
        text=wording,
        span=span,
        date=day,
        due_date=None if day is None else _previous_working_day(config.calendar, day),
        time=time,
        recurrence=recurrence,
        basis=basis,
        year_assumed=year_assumed and day is not None,
    )


# --- reading the matches --------------------------------------------------------------


def _is_reference(text: str, match: re.Match[str]) -> bool:
    before = text[max(0, match.start() - _REFERENCE_WINDOW) : match.start()]
    return (
        _REFERENCE_BEFORE_RE.search(before) is not None
        or _REFERENCE_AFTER_RE.match(text, match.end()) is not None
    )


def _stated_date(match: re.Match[str], base: dt.date | None) -> dt.date | None:
    """The date of a match; raises ValueError for a date that does not exist."""
    if match.group("day"):
        day = int(match.group("day"))
        month = _MONTH_NUMBER[match.group("month").lower()]
        year_text = match.group("year")
        if year_text is None:
            return _next_occurrence(month, day, base)
        year = int(year_text)
    else:
        day, month = int(match.group("nday")), int(match.group("nmonth"))
        year_text = match.group("nyear")
        year = int(year_text) + (2000 if len(year_text) == 2 else 0)
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        raise ValueError(f"year {year} out of range")
    return dt.date(year, month, day)


def _next_occurrence(month: int, day: int, base: dt.date | None) -> dt.date | None:
    """«до 15 декабря»: in the year of the document, or the next one if that has passed."""
    if base is None:
        dt.date(2000, month, day)  # still reject «31 ноября»; 2000 is a leap year
        return None
    stated = _valid_date_or_none(base.year, month, day)
    if stated is None or stated < base:
        stated = dt.date(base.year + 1, month, day)
    return stated


def _stated_time(match: re.Match[str]) -> dt.time | None:
    hour = match.group("hour") or match.group("hour2")
    minute = match.group("minute") or match.group("minute2")
    if hour is None or minute is None:
        return None
    try:
        return dt.time(int(hour), int(minute))
    except ValueError:  # «до 24:00» and typos: keep the date, drop the hour
        return None


def _period_end(match: re.Match[str], base: dt.date | None) -> tuple[dt.date | None, bool]:
    """The last day of the period and whether its year was taken from ``base``."""
    if match.group("quarter"):
        last_month = 3 * _ordinal(match.group("quarter"))
    elif match.group("half"):
        last_month = 6 * _ordinal(match.group("half"))
    elif match.group("month"):
        lowered = match.group("month").lower()
        last_month = next(n for n, stem in enumerate(_MONTH_STEMS, 1) if lowered.startswith(stem))
    else:
        last_month = 12
    year_text = match.group("period_year") or match.group("month_year") or match.group("year")
    if year_text is not None:
        year = int(year_text)
        if not _MIN_YEAR <= year <= _MAX_YEAR:
            return None, False
        return _clamped_date(year, last_month, 31), False
    if base is None:
        return None, False
    end = _clamped_date(base.year, last_month, 31)
    if end < base:
        end = _clamped_date(base.year + 1, last_month, 31)
    # «до конца года», «текущего года»: the year is stated by the words themselves.
    stated = match.group("this_year") is not None or "текущего" in match.group(0).lower()
    return end, not stated


def _ordinal(word: str) -> int:
    """«IV», «4-м», «четвёртом» → 4."""
    lowered = word.lower()
    roman = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
    if lowered in roman:
        return roman[lowered]
    if lowered[0].isdigit():
        return int(lowered[0])
    stems = ("перв", "втор", "трет", "четв")
    return next(number for number, stem in enumerate(stems, start=1) if lowered.startswith(stem))


def _count(match: re.Match[str]) -> int:
    if match.group("count"):
        return int(match.group("count"))
    if match.group("count_word"):
        return _NUMBER_WORDS[match.group("count_word").lower()]
    return 1


def _add_term(
    base: dt.date, count: int, unit: str, working: bool, calendar: ProductionCalendar
) -> dt.date:
    if unit.startswith(("дн", "день")):
        if working:
            return calendar.add_working_days(base, count)
        return base + dt.timedelta(days=count)
    if unit.startswith("недел"):
        return base + dt.timedelta(weeks=count)
    if unit.startswith("месяц") or unit.startswith("месячн"):
        return add_months(base, count)
    return add_months(base, 12 * count)


def _recurrence(match: re.Match[str], config: ExtractionConfig) -> Recurrence:
    kind = next(k for _, k in _RECURRENCE_WORDS if match.group(k))
    description = match.group(0)
    if kind == "permanent":
        return Recurrence(kind, description)
    if kind == "weekly":
        weekday_word = match.group("weekday")
        weekday = _WEEKDAYS.index(weekday_word.lower()) if weekday_word else _DEFAULT_WEEKDAY
        return Recurrence(kind, description, weekday=weekday)
    if kind == "yearly" and match.group("year_day"):
        return Recurrence(
            kind,
            description,
            day_of_month=int(match.group("year_day")),
            month=_MONTH_NUMBER[match.group("year_month").lower()],
        )
    stated_day = match.group("day_of_month") or match.group("year_day")
    day = int(stated_day) if stated_day else config.periodic_report_day
    return Recurrence(kind, description, day_of_month=day)


# --- recurrence series ----------------------------------------------------------------


def _series(recurrence: Recurrence, start: dt.date) -> Iterator[dt.date]:
    """Stated (not yet moved) due dates, in order.

    For a period kind, the day in the month after each period, from the period containing
    ``start``; for a weekday or a yearly day, every occurrence from ``start`` on.
    """
    if recurrence.kind == "weekly":
        weekday = _DEFAULT_WEEKDAY if recurrence.weekday is None else recurrence.weekday
        day = start + dt.timedelta(days=(weekday - start.weekday()) % 7)
        while True:
            yield day
            day += dt.timedelta(weeks=1)
    if recurrence.kind == "yearly" and recurrence.month is not None:
        day_of_month = recurrence.day_of_month or 1
        year = start.year
        if _clamped_date(year, recurrence.month, day_of_month) < start:
            year += 1
        while True:
            yield _clamped_date(year, recurrence.month, day_of_month)
            year += 1
    if recurrence.kind == "permanent":
        # Reported once a year for the year past, from the year of ``start`` on.
        year = start.year + 1
        while True:
            yield dt.date(year, _PERMANENT_REPORT_MONTH, _PERMANENT_REPORT_DAY)
            year += 1
    day_of_month = recurrence.day_of_month or ExtractionConfig.periodic_report_day
    step = _PERIOD_MONTHS[recurrence.kind]
    period_start = dt.date(start.year, (start.month - 1) // step * step + 1, 1)
    while True:
        next_period = add_months(period_start, step)
        yield _clamped_date(next_period.year, next_period.month, day_of_month)
        period_start = next_period


def _first_stated_date(
    recurrence: Recurrence, base: dt.date, calendar: ProductionCalendar
) -> dt.date:
    return next(
        stated
        for stated in _series(recurrence, base)
        if _previous_working_day(calendar, stated) >= base
    )


# --- dates ----------------------------------------------------------------------------


def _clamped_date(year: int, month: int, day: int) -> dt.date:
    return dt.date(year, month, min(day, month_calendar.monthrange(year, month)[1]))


def _valid_date_or_none(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _previous_working_day(calendar: ProductionCalendar, day: dt.date) -> dt.date:
    try:
        return calendar.previous_working_day(day)
    except ValueError as error:
        raise ExtractionError(
            f"В производственном календаре нет рабочих дней перед {format_date_ru(day)}: "
            "проверьте настройки календаря.",
            code="calendar_invalid",
        ) from error
