"""Requisites shared by document kinds: dates, numbers, place, titles, signatures, marks.

Each function reads a region of the normalised text and returns what it found with offsets,
so the kind-specific parsers (``letter.py``, ``protocol.py``, ``segmentation.py``) only decide
*where* to look.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass

from protokol.extraction.model import Attachment, Person
from protokol.extraction.normalize import Paragraph, iter_lines, iter_paragraphs
from protokol.extraction.persons import NAME_PATTERN, find_names, make_person

MONTHS = {
    "января": 1,
    "февраля": 2,
    "марта": 3,
    "апреля": 4,
    "мая": 5,
    "июня": 6,
    "июля": 7,
    "августа": 8,
    "сентября": 9,
    "октября": 10,
    "ноября": 11,
    "декабря": 12,
}
_MONTH_ALT = "|".join(MONTHS)
# «23 октября 2024 г.», «« 23 » октября 2024 г.», «"2" декабря 2024г.», «02.11.2024».
DATE_PATTERN = re.compile(
    rf"(?:[«\"“„]\s*)?(?P<day>\d{{1,2}})(?:\s*[»\"”])?\s+(?P<month>{_MONTH_ALT})\s+"
    rf"(?P<year>\d{{4}})(?:\s*(?:года|г\.|г(?![а-яё])))?"
    r"|(?<![\d.])(?P<nday>\d{1,2})\.(?P<nmonth>\d{1,2})\.(?P<nyear>\d{4}|\d{2})(?![\d.]\d)"
    r"(?:\s*(?:года|г\.|г(?![а-яё])))?",
    re.IGNORECASE,
)
# A registration number after «№»: «№ Д05-98/05пр», «№ 245-р», «№ АБ-123/05»; legal databases
# print a Latin «N» for «№» («N 1403-р», «N Пр-2421»); a letter-code prefix may stand apart
# from the digits («№ НР 15-2/10/2-6793»).
NUMBER_PATTERN = re.compile(
    r"(?:№|(?<![\w.])N(?=\s?[0-9А-ЯЁ]))\s*"
    r"(?P<number>(?:[А-ЯЁA-Z]{1,4}\s(?=\d))?[0-9A-Za-zА-ЯЁа-яё](?:[\w/.\-–]*[0-9A-Za-zА-ЯЁа-яё])?)"
)
# Presidential instruction lists are numbered «Пр-2345» without «№».
PR_NUMBER_PATTERN = re.compile(r"(?<![\w-])(?P<number>Пр-\d+(?:[/-]\w+)?)")
# «8 (495) 123-45-67», «(495) 123-45-67», «+7 495 123 45 67». The first character is matched
# before any alternative, so the search skips to «+», «8» or «(» instead of trying every position.
PHONE_PATTERN = re.compile(
    r"[+8(](?:"
    r"(?:(?<=\+)7\s*\(|(?<=8)\s*\(|(?<=\())\d{3,5}\)\s*\d{1,3}[-\s]?\d{2}[-\s]?\d{2}"
    r"|(?:(?<=\+)7|(?<=8))[\s-]?\d{3}[\s-]?\d{3}[\s-]?\d{2}[\s-]?\d{2}"
    r")(?:,?\s*доб\.?\s*\d+)?"
)
_ATTACHMENT = re.compile(
    r"^[ \t]*Приложени[ея](?:[ \t]*:|[ \t]+(?=на\s))[ \t]*(?P<text>.*?)[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
_SHEETS = re.compile(r"(?<!\d)(\d+)\s*л(?:\.|ист)", re.IGNORECASE)
_COPIES = re.compile(r"(?<!\d)(\d+)\s*экз", re.IGNORECASE)
_PLACE = re.compile(r"^\s*(?:г\.\s*)?(?P<place>[А-ЯЁ][а-яёА-ЯЁ]+(?:[- ][А-ЯЁ][а-яёА-ЯЁ]+)?)\s*$")
_TITLE = re.compile(r"^\s*(?:О|Об|Обо)\s+\S")
_POSITION_START = re.compile(
    r"^\s*(?:И\.\s?о\.|Врио|Временно|Первый|Заместитель|Статс|Директор|Министр|Председатель"
    r"|Руководитель|Начальник|Президент|Губернатор|Глава|Ректор|Проректор|Исполнительный"
    r"|Генеральный|Советник|Консультант|Помощник|Референт|Секретарь)",
    re.IGNORECASE,
)
_EXECUTOR_MARK = re.compile(r"^\s*(?:Исп(?:\.|олнитель)?:?\s*)", re.IGNORECASE)


@dataclass(frozen=True)
class Found:
    """A value found in the text with its span."""

    value: str
    start: int
    end: int


_CENTURY_PIVOT = 69
# «200–р» typed with an en dash is the number «200-р».
_NUMBER_DASHES = str.maketrans({"–": "-", "—": "-", "\u2011": "-", "\u2212": "-"})


def number_value(written: str) -> str:
    """A registration number as printed, its dashes made hyphens."""
    return written.translate(_NUMBER_DASHES)


def parse_date_match(m: re.Match[str]) -> dt.date | None:
    try:
        if m.group("day"):
            month = MONTHS[m.group("month").lower()]
            return dt.date(int(m.group("year")), month, int(m.group("day")))
        year = int(m.group("nyear"))
        if year < 100:
            # «28.05.99»: two digits name the nearest century, as POSIX strptime reads them.
            year += 2000 if year < _CENTURY_PIVOT else 1900
        return dt.date(year, int(m.group("nmonth")), int(m.group("nday")))
    except ValueError:
        return None


def parse_date(text: str) -> dt.date | None:
    """The first valid date written in ``text``: «« 23 » октября 2024 г.», «02.11.2024»."""
    for m in DATE_PATTERN.finditer(text):
        date = parse_date_match(m)
        if date is not None:
            return date
    return None


def find_date(text: str, start: int, end: int) -> tuple[dt.date, int, int] | None:
    for m in DATE_PATTERN.finditer(text, start, end):
        date = parse_date_match(m)
        if date is not None:
            return date, m.start(), m.end()
    return None


def find_number(text: str, start: int, end: int) -> Found | None:
    """The first «№ …» number in the range, or a presidential «Пр-…» number."""
    m = NUMBER_PATTERN.search(text, start, end) or PR_NUMBER_PATTERN.search(text, start, end)
    if m is None:
        return None
    return Found(number_value(m.group("number")), m.start("number"), m.end("number"))


_REGISTRATION_MAX = 80
# A heading that states the kind and the requisites on one line, as legal databases print
# it: «Распоряжение Правительства РФ от 11 сентября 2014 г. N 1798-р».
_HEADING_MAX = 200
_INCOMING_REFERENCE = re.compile(r"на\s+(?:№|N\s?\d)", re.IGNORECASE)
KIND_WORD = (
    r"(?:распоряжение|постановление|приказ|указ|решение|протокол|перечень\s+поручений"
    r"|правительственная\s+телеграмма|телеграмма|письмо)(?!\w)"
)
# A registration line starts with its requisites («02.11.2024 № 05-4017», «от …», «№ …»,
# «Исх. № …») or with the kind of the document; a line that only cites a document inside
# the text («в Указе Президента России от 26 октября 2020 года №645») is no registration.
_REGISTRATION_START = re.compile(
    r"(?:исх\.?\s*)?(?:от\s+)?(?:[«\"“„]\s*)?\d|(?:исх\.?\s*)?(?:№|N\s?[0-9А-ЯЁ])"
    rf"|(?P<heading>{KIND_WORD})",
    re.IGNORECASE,
)


def is_heading_line(line: str) -> bool:
    """«Распоряжение … от … N …», «ПРИКАЗ № 12-п»: a line naming the document kind first."""
    m = _REGISTRATION_START.match(line.strip())
    return m is not None and m.group("heading") is not None


def find_registration(text: str, start: int, end: int) -> tuple[dt.date | None, Found] | None:
    """A registration line: «02.11.2024 № 05-4017», «от 12 февраля 2025 г. № 245-р».

    A line beginning «На №» refers to the incoming letter and is skipped; so is a line that
    does not start with requisites or the document kind (text citing another document), and
    a long line — except a kind heading, whose requisites are read from its first
    ``_HEADING_MAX`` characters.
    """
    for line in iter_lines(text, start, end):
        stripped = line.text.strip()
        opening = _REGISTRATION_START.match(stripped)
        if opening is None or _INCOMING_REFERENCE.match(stripped):
            continue
        limit = _HEADING_MAX if opening.group("heading") else _REGISTRATION_MAX
        if len(stripped) > limit and not opening.group("heading"):
            continue
        stop = min(line.end, line.start + limit + (len(line.text) - len(line.text.lstrip())))
        number = NUMBER_PATTERN.search(text, line.start, stop)
        if number is None:
            continue
        found = find_date(text, line.start, stop)
        date = found[0] if found else None
        return date, Found(
            number_value(number.group("number")), number.start("number"), number.end("number")
        )
    return None


def find_place(text: str, start: int, end: int) -> Found | None:
    """A line holding only a city: «Москва», «г. Москва», «МОСКВА»."""
    for line in iter_lines(text, start, end):
        m = _PLACE.match(line.text)
        if m is None:
            continue
        place = m.group("place")
        if place.isupper():
            place = "-".join(p.capitalize() for p in place.split("-"))
        if place.lower() in _NOT_PLACES:
            continue
        return Found(place, line.start + m.start("place"), line.start + m.end("place"))
    return None


_NOT_PLACES = frozenset(
    {
        "протокол",
        "распоряжение",
        "постановление",
        "приказ",
        "департамент",
        "присутствовали",
        "председательствовал",
        "утверждаю",
        "решили",
        "москвы",
        "перечень поручений",
        "выписка",
    }
)


_REQUISITE_WORDS = frozenset({"от", "№", "г"})


def is_requisite_paragraph(paragraph: str) -> bool:
    """Date, number and place lines: nothing but these once they are removed."""
    residue = DATE_PATTERN.sub(" ", paragraph)
    residue = NUMBER_PATTERN.sub(" ", residue)
    residue = PR_NUMBER_PATTERN.sub(" ", residue)
    residue = residue.strip(' «»"-–—,.()')
    if not residue:
        return True
    words = [w for w in residue.replace("г.", " ").split() if w not in _REQUISITE_WORDS]
    return len(words) <= 2 and all(w[:1].isupper() for w in words)


def find_title(text: str, start: int, end: int) -> Found | None:
    """The title to the text: «О …»/«Об …» among the first paragraphs of the range, joined."""
    for para in itertools.islice(iter_paragraphs(text, start, end), _TITLE_REACH):
        if _TITLE.match(para.text) and len(para.text) < _TITLE_MAX:
            return Found(para.text, para.start, para.end)
    return None


# The title follows the registration line and the addressee; the text comes after it.
_TITLE_REACH = 4
_TITLE_MAX = 400


def find_attachment(text: str, start: int, end: int) -> tuple[Attachment, int, int] | None:
    """The attachment mark «Приложение: на 5 л. в 1 экз.» and the span of its line."""
    m = _ATTACHMENT.search(text, start, end)
    if m is None or not m.group("text"):
        return None
    mark = m.group("text")
    sheets = _SHEETS.search(mark)
    copies = _COPIES.search(mark)
    attachment = Attachment(
        text=mark,
        sheets=int(sheets.group(1)) if sheets else None,
        copies=int(copies.group(1)) if copies else None,
    )
    return attachment, m.start(), m.end()


_EXECUTOR_REACH = 6


def find_executor(text: str, start: int, end: int) -> tuple[Person, int] | None:
    """The executor mark at the bottom: a name with a phone on the same or the next line.

    Returns the person and the offset where the mark starts.
    """
    lines = [line for line in iter_lines(text, start, end) if line.text.strip()]
    # The mark is at the very bottom, under the signature (maybe above a footer).
    for index in range(len(lines) - 1, max(len(lines) - _EXECUTOR_REACH, 0) - 1, -1):
        line = lines[index]
        phone = PHONE_PATTERN.search(line.text)
        if phone is None:
            continue
        names = find_names(text, line.start, line.end)
        if not names and index > 0:
            previous = lines[index - 1]
            names = find_names(text, previous.start, previous.end)
            if names and not _is_name_line(previous.text):
                names = []
        if not names:
            continue
        name = names[0]
        written = text[name.start : name.end]
        person = make_person(written, case="nomn", phone=phone.group(0).strip())
        mark_start = min(name.start, line.start)
        return person, mark_start
    return None


def _is_name_line(line: str) -> bool:
    """A line holding only a name, perhaps with an executor mark: «Исп. Мелихова С.Е.»."""
    rest = _EXECUTOR_MARK.sub("", line).strip().rstrip(",;")
    m = NAME_PATTERN.fullmatch(rest)
    return m is not None


def find_signature(text: str, start: int, end: int) -> tuple[Person, int] | None:
    """The signature closing the range: a position, then «И.О. Фамилия».

    Only the last paragraphs are considered (an executor mark with a phone may follow the
    signature); the position is the paragraph before the name or the text before the name on
    the same line. Returns the person and the offset where the signature block starts.
    """
    paragraphs, index = _closing_paragraphs(text, start, end)
    if index < 0:
        return None
    para = paragraphs[index]
    if _is_name_line(para.text):
        position_para = _position_before(paragraphs, index)
        position = position_para.text if position_para else None
        person = make_person(para.text.rstrip(",;"), case="nomn", position=position)
        return person, (position_para or para).start
    trailing = _TRAILING_NAME.search(para.text)
    if trailing and _POSITION_START.match(para.text):
        position = para.text[: trailing.start()].strip()
        return make_person(trailing.group(0), case="nomn", position=position), para.start
    return None


_TAIL_WINDOW = 2048


def _closing_paragraphs(text: str, start: int, end: int) -> tuple[list[Paragraph], int]:
    """The range's last paragraphs and the index of the last one holding no phone (-1: none).

    Paragraph breaks depend on each line alone, so paragraphs read from a line start inside
    the range equal the whole range's, except the first, which may be the cut tail of a
    longer one. The window grows until it holds the paragraph before the closing one.
    """
    window = _TAIL_WINDOW
    while True:
        cut = max(start, end - window)
        if cut > start:
            cut = text.rfind("\n", start, cut) + 1 or start
        paragraphs = list(iter_paragraphs(text, cut, end))
        index = len(paragraphs) - 1
        while index >= 0 and PHONE_PATTERN.search(paragraphs[index].text):
            index -= 1
        if cut == start or index >= 2:
            return paragraphs, index
        window *= 2


# «И.О. директора Департамента      М.И. Софронова» on one line (a table cell each).
_TRAILING_NAME = re.compile(r"[А-ЯЁ]\.\s?[А-ЯЁ]\.\s?[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?\s*$")


def _position_before(paragraphs: list[Paragraph], index: int) -> Paragraph | None:
    if index == 0:
        return None
    candidate = paragraphs[index - 1]
    if _POSITION_START.match(candidate.text) and len(candidate.text) < 300:
        return candidate
    return None


def letterhead_to_name(lines: list[str]) -> str:
    """«МИНИСТЕРСТВО ПРОСВЕЩЕНИЯ / РОССИЙСКОЙ ФЕДЕРАЦИИ» → «Министерство просвещения Российской Федерации»."""
    joined = " ".join(part.strip() for part in lines if part.strip())
    return sentence_case(joined)


_PROPER = frozenset({"российской", "федерации", "россии"})
# «БЕЛГОРОДСКОЙ ОБЛАСТИ» → «Белгородской области», «РЕСПУБЛИКИ ТЫВА» → «Республики Тыва».
_BEFORE_TERRITORY = frozenset(
    {"области", "края", "округа", "района", "область", "край", "округ", "район"}
)
_TERRITORY = frozenset({"республика", "республики"})


def sentence_case(upper: str) -> str:
    """An all-caps institution name in ordinary case, keeping proper names capitalised."""
    if not upper.isupper():
        return upper
    words = upper.lower().split()
    result = []
    for index, word in enumerate(words):
        bare = word.strip('()«»"')
        following = words[index + 1].strip('()«»",') if index + 1 < len(words) else ""
        previous = words[index - 1].strip('()«»"') if index else ""
        if (
            index == 0
            or word.startswith("(")
            or bare in _PROPER
            or bare in _TERRITORY
            or following in _BEFORE_TERRITORY
            or previous in _TERRITORY
        ):
            head = len(word) - len(word.lstrip('(«"'))
            word = word[:head] + word[head : head + 1].upper() + word[head + 1 :]
        result.append(word)
    return " ".join(result)
