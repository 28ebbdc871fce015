"""People's names: «Меньшиковой Е.С.» in a report line → «Меньшикова Е.С.».

Names are normalised to «Фамилия И.О.» in the nominative. Which nominative a written form
stands for is ambiguous: «Антонова» is a woman in the nominative or a man in the genitive,
and initials say nothing about gender. The heuristic, in order:

1. surnames that do not decline («Плохих», «Белых», «Литвиненко») are kept as written;
2. if a known person (the attendee list) has a surname the written form can be a case of,
   that person's spelling wins — «Антонова» in «доклад … Антонова И.В.» is «Антонов» when
   Антонов attended;
3. otherwise pymorphy3's surname (``Surn``) or possessive (``Poss``, how -ов/-ин surnames are
   built) analyses in the grammatical case the context implies (``gent`` after «доклад»;
   ``nomn`` in a signature or an attendee list) are put into the nominative, keeping their
   gender: a genitive «-ой» is a woman, a genitive «-а» a man;
4. words pymorphy3 does not know as a name fall back to suffix rules.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from protokol.extraction.model import Person
from protokol.extraction.morphology import morph

_SURNAME = r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?"
_INITIALS = r"[А-ЯЁ]\.\s?(?:[А-ЯЁ](?:\.|(?=[\s,;)]|$)))?"
# «Меньшиковой Е.С.» or «М.И. Софронова»; a trailing dot is optional before a comma.
NAME_PATTERN = re.compile(
    rf"(?<![А-ЯЁа-яё])(?:(?P<surname>{_SURNAME})\s+(?P<initials>{_INITIALS})"
    rf"|(?P<initials2>{_INITIALS})\s?(?P<surname2>{_SURNAME}))(?![а-яё])"
)
_INDECLINABLE = re.compile(r"(?:[ыи]х|(?<!г)о|[еиуэю])$")
# Genitive → nominative for surnames pymorphy3 does not recognise.
_GENITIVE_SUFFIXES = (
    ("ской", "ская"),
    ("цкой", "цкая"),
    ("ского", "ский"),
    ("цкого", "цкий"),
    ("овой", "ова"),
    ("евой", "ева"),
    ("ёвой", "ёва"),
    ("иной", "ина"),
    ("ыной", "ына"),
    ("ова", "ов"),
    ("ева", "ев"),
    ("ёва", "ёв"),
    ("ина", "ин"),
    ("ына", "ын"),
)


@dataclass(frozen=True)
class WrittenName:
    """A name found in text: its span and parts as written."""

    start: int
    end: int
    surname: str
    initials: str


def normalize_initials(initials: str) -> str:
    """«Е. С» → «Е.С.»."""
    letters = [c for c in initials if c.isalpha()]
    return "".join(f"{c.upper()}." for c in letters)


def find_names(text: str, start: int = 0, end: int | None = None) -> list[WrittenName]:
    """Every «Фамилия И.О.» / «И.О. Фамилия» in ``text[start:end]``, offsets into ``text``."""
    found = []
    stop = len(text) if end is None else end
    for m in NAME_PATTERN.finditer(text, start, stop):
        surname = m.group("surname") or m.group("surname2")
        initials = m.group("initials") or m.group("initials2")
        found.append(WrittenName(m.start(), m.end(), surname, normalize_initials(initials)))
    return found


def _fold(word: str) -> str:
    return word.lower().replace("ё", "е")


def _restore_spelling(nominative: str, written: str) -> str:
    if "ё" not in written.lower():
        nominative = nominative.replace("ё", "е")
    return "-".join(part[:1].upper() + part[1:] for part in nominative.split("-"))


@functools.lru_cache(maxsize=4096)
def nominative_candidates(surname: str, case: str | None = None) -> tuple[str, ...]:
    """Nominatives ``surname`` can be a form of, most likely first (spelling as written).

    ``case`` is the pymorphy3 case the context implies («gent» after «доклад»), or None
    when unknown, which also admits the written form itself.
    """
    if "-" in surname:
        # «Петрова-Водкина»: each half declines on its own.
        halves = [nominative_candidates(part, case) for part in surname.split("-")]
        return ("-".join(h[0] for h in halves),)
    if _INDECLINABLE.search(surname.lower()):
        return (surname,)
    candidates: list[str] = []
    if case in (None, "nomn"):
        candidates.append(surname)
    for parse in morph().parse(surname):
        tag = parse.tag
        if not ({"Surn", "Poss"} & tag.grammemes) or "plur" in tag.grammemes:
            continue
        if case is not None and tag.case != case:
            continue
        inflected = parse.inflect({"nomn"})
        if inflected is not None:
            candidates.append(_restore_spelling(inflected.word, surname))
    if case == "gent":
        lowered = surname.lower()
        for suffix, replacement in _GENITIVE_SUFFIXES:
            if lowered.endswith(suffix):
                stem = surname[: len(surname) - len(suffix)]
                candidates.append(stem + replacement)
                break
    if not candidates:
        candidates.append(surname)
    return tuple(dict.fromkeys(candidates))


def nominative_surname(surname: str, case: str | None = None, known: Iterable[str] = ()) -> str:
    """The nominative of a written surname, preferring a known person's spelling."""
    candidates = nominative_candidates(surname, case)
    folded = {_fold(k): k for k in known}
    for candidate in (surname, *candidates):
        match = folded.get(_fold(candidate))
        if match is not None:
            return match
    return candidates[0]


def normalize_name(written: str, *, case: str | None = None, known: Iterable[str] = ()) -> str:
    """«Меньшиковой Е.С.» (case="gent") → «Меньшикова Е.С.»; «М.И. Софронова» → «Софронова М.И.».

    Text without a recognisable name is returned stripped, unchanged.
    """
    names = find_names(written)
    if not names:
        return written.strip()
    name = names[0]
    return f"{nominative_surname(name.surname, case, known)} {name.initials}"


def make_person(
    written: str,
    *,
    case: str | None = None,
    known: Iterable[str] = (),
    position: str | None = None,
    phone: str | None = None,
) -> Person:
    return Person(
        name=normalize_name(written, case=case, known=known),
        as_written=written.strip(),
        position=position,
        phone=phone,
    )


def is_surname(word: str) -> bool:
    """Whether pymorphy3 knows ``word`` as a surname in some form."""
    return any("Surn" in parse.tag.grammemes for parse in morph().parse(word))


def surname_of(name: str) -> str:
    """The surname of a normalised «Фамилия И.О.»."""
    return name.split(" ", 1)[0]


def same_surname(written: str, known: str, case: str | None = None) -> bool:
    """Whether the written surname can be a form of the known one: «Антонова» ~ «Антонов»."""
    target = _fold(known)
    return _fold(written) == target or any(
        _fold(c) == target for c in nominative_candidates(written, case)
    )


_WORD = re.compile(r"[А-ЯЁа-яё]+(?:-[А-ЯЁа-яё]+)?")


def position_to_nominative(position: str) -> str:
    """«начальника отдела оценки качества …» → «начальник отдела оценки качества …».

    A position after «доклад» is in the genitive; only its head — the words up to and
    including the first noun — changes case, the dependent genitive chain stays as written.
    """
    result = []
    pos = 0
    for m in _WORD.finditer(position):
        head = _head_word_nominative(m.group(0))
        if head is None:
            break
        nominative, is_noun = head
        result.append(position[pos : m.start()])
        result.append(nominative)
        pos = m.end()
        if is_noun:
            break
    result.append(position[pos:])
    return "".join(result).strip()


@functools.lru_cache(maxsize=4096)
def _head_word_nominative(word: str) -> tuple[str, bool] | None:
    """A genitive singular noun or adjective in the nominative, and whether it is a noun."""
    for parse in morph().parse(word):
        tag = parse.tag
        if tag.case != "gent" or tag.POS not in ("NOUN", "ADJF") or "plur" in tag.grammemes:
            continue
        inflected = parse.inflect({"nomn"})
        if inflected is None:
            return None
        return _restore_spelling(inflected.word, word).lower(), tag.POS == "NOUN"
    return None
