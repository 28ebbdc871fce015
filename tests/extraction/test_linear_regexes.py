"""Every regular expression run over a document's whole text takes steps linear in its size.

Steps are counted by ``regex_steps``, a deterministic model of ``re``'s backtracking (time is
no measure on a shared machine), over runs of each character a hostile file repeats — spaces,
tabs, dots, underscores, hyphens, line breaks — of n and 2n characters: a linear pattern
takes about twice the steps on the longer run, a quadratic one four times.

The clean-up modules apply each of their patterns to the whole text, so all of them are
checked, including any added later; the readers' whole-text patterns are named.
"""

from __future__ import annotations

import re
from types import ModuleType

import pytest

from protokol.extraction import normalize
from protokol.extraction.readers import base, html, odt
from tests.extraction.regex_steps import finditer_spans, search_steps

WHOLE_TEXT_MODULES: tuple[ModuleType, ...] = (base, normalize)
NAMED = {
    "html._WHITESPACE": html._WHITESPACE,
    "html._SECTION_START": html._SECTION_START,
    "html._SECTION_END": html._SECTION_END,
    "html._CDATA_END": html._CDATA_END,
    "odt._WHITESPACE": odt._WHITESPACE,
}
PATTERNS = {
    **{
        f"{module.__name__.rsplit('.', 1)[-1]}.{name}": value
        for module in WHOLE_TEXT_MODULES
        for name, value in vars(module).items()
        if isinstance(value, re.Pattern) and isinstance(value.pattern, str)
    },
    **NAMED,
}
UNITS = (" ", "\t", "\u00a0", ".", "-", "_", "*", "\\", "\n", " \n", "\n ", "а-\n", "а", "1",
         "(", "«", "<![", "]", "] ")  # fmt: skip
ENDINGS = ("", "x", "\n")
RUN = 300
# Twice the run takes twice the steps (plus what the ending costs); quadratic is four times.
LINEAR = 2.5


def _growth(pattern: re.Pattern[str], unit: str, ending: str) -> float:
    short = search_steps(pattern, unit * (RUN // len(unit)) + ending)
    long = search_steps(pattern, unit * (2 * RUN // len(unit)) + ending)
    return long / short


def test_the_counter_sees_the_old_trailing_space_pattern_as_quadratic() -> None:
    # The clean-up pattern that made a 78 KB text with one run of spaces take 30 s.
    old = re.compile(r"[ ]+$", re.MULTILINE)

    assert _growth(old, " ", "x") > 3.5


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_the_counter_finds_the_matches_re_finds(name: str) -> None:
    pattern = PATTERNS[name]
    for unit in UNITS:
        text = f"Обеспечить{unit * 12}до 1 декабря{unit * 5}x\n  __а-\nб ** <![CDATA[ ]]>"
        assert finditer_spans(pattern, text) == [m.span() for m in pattern.finditer(text)]


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_a_whole_text_pattern_takes_linear_steps_on_runs_of_any_character(name: str) -> None:
    pattern = PATTERNS[name]
    superlinear = {
        (unit, ending): round(growth, 2)
        for unit in UNITS
        for ending in ENDINGS
        if (growth := _growth(pattern, unit, ending)) > LINEAR
    }

    assert superlinear == {}
