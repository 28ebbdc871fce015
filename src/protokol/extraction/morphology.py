"""The one Russian morphological analyser of the package, and noun phrases put into the nominative."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

import pymorphy3

_WORD: Final = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_CYRILLIC: Final = re.compile(r"[а-яё]+(?:-[а-яё]+)*")
_INFLECTED_POS: Final = frozenset({"NOUN", "ADJF", "PRTF"})
# Cases in which pymorphy3's guesses for words it does not know are trusted. A genitive or
# accusative guess turns the indeclinable «Минпросвещения» into «Минпросвещение»; no
# indeclinable shortening ends like a dative or an instrumental.
_GUESSED_CASES: Final = frozenset({"datv", "ablt"})


@lru_cache(maxsize=1)
def morph() -> pymorphy3.MorphAnalyzer:
    """Loaded once per process: reading the packaged dictionaries takes ~0.3 s."""
    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=4096)
def to_nominative(phrase: str, case: str) -> str:
    """The phrase with its head noun and the adjectives before it put into the nominative.

    ``case`` is the case the phrase stands in (``datv`` after an addressee opener, ``ablt``
    after «совместно с», ``gent`` after «при участии», ``accs`` after «просит»):
    «высшим должностным лицам субъектов РФ» → «высшие должностные лица субъектов РФ»,
    «Минстрою России» → «Минстрой России», «работодателями» → «работодатели». Dependents after
    the head keep their case; a phrase whose first word is not in ``case`` — an indeclinable
    shortening («Минпросвещения России», «ФГБОУ ДПО …»), a quoted name — is returned as is.
    """
    if case == "nomn":
        return phrase
    agreeing: list[tuple[re.Match[str], pymorphy3.analyzer.Parse]] = []
    for match in _WORD.finditer(phrase):
        if phrase[agreeing[-1][0].end() if agreeing else 0 : match.start()].strip():
            return phrase  # punctuation or a quote before the head: not a plain noun phrase
        parse = _parse_in_case(match.group(), case)
        if parse is None:
            return phrase
        agreeing.append((match, parse))
        if parse.tag.POS != "NOUN":
            continue
        number = parse.tag.number or "sing"
        grammemes = {"nomn", number}
        if number == "sing" and parse.tag.gender:
            grammemes.add(parse.tag.gender)
        pieces, last = [], 0
        for word, word_parse in agreeing:
            wanted = {"nomn", number} if word_parse is parse else grammemes
            inflected = _inflect(word_parse, wanted)
            if inflected is None:
                return phrase
            pieces += [phrase[last : word.start()], _as_written(inflected, word.group())]
            last = word.end()
        return "".join(pieces) + phrase[last:]
    return phrase


def _parse_in_case(word: str, case: str) -> pymorphy3.analyzer.Parse | None:
    low = word.lower()
    if not _CYRILLIC.fullmatch(low):
        return None
    for parse in morph().parse(low):
        tag = parse.tag
        if tag.case != case or tag.POS not in _INFLECTED_POS or "Fixd" in tag or "Abbr" in tag:
            continue
        if parse.is_known or case in _GUESSED_CASES:
            return parse
    return None


def _inflect(parse: pymorphy3.analyzer.Parse, grammemes: set[str]) -> str | None:
    """The form of the word's lexeme with ``grammemes`` closest to the word as written.

    ``Parse.inflect`` may hop between synonymous forms of a lexeme («высшим» → «высочайшие»);
    the longest common prefix keeps the written stem.
    """
    written = parse.word
    forms = [str(form.word) for form in parse.lexeme if grammemes <= form.tag.grammemes]
    if not forms:
        return None
    return max(forms, key=lambda form: (_common_prefix(form, written), -len(form)))


def _common_prefix(one: str, other: str) -> int:
    length = 0
    for a, b in zip(one, other, strict=False):
        if a != b:
            break
        length += 1
    return length


def _as_written(form: str, written: str) -> str:
    if "ё" not in written.lower():
        form = form.replace("ё", "е")
    if written.isupper() and len(written) > 1:
        return form.upper()
    if written[:1].isupper():
        return form[:1].upper() + form[1:]
    return form
