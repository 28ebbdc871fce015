"""Every layout variant of the sample (tests/samples/variants.py) parses to the sample's result."""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

import pytest

from protokol.extraction import ParseResult, parse_bytes, parse_text
from protokol.extraction.config import ExtractionConfig
from protokol.extraction.deadlines import find_deadlines
from protokol.extraction.model import Instruction
from protokol.extraction.normalize import is_debris_line
from tests.samples.variants import (
    DEADLINE_WORDINGS,
    WRAP_WIDTH,
    Variant,
    arabic_id,
    deadline_wording,
    sample_text,
    variants,
    wrap,
)

VARIANTS = {variant.name: variant for variant in variants()}


@cache
def sample() -> ParseResult:
    return parse_text(sample_text())


@cache
def parsed(name: str) -> ParseResult:
    variant = VARIANTS[name]
    if variant.data is not None:
        return parse_bytes(variant.data, filename="protocol.txt")
    assert variant.text is not None
    return parse_text(variant.text)


def _fields(instruction: Instruction) -> tuple[Any, ...]:
    addressees = instruction.addressees
    deadline = instruction.deadline
    return (
        instruction.kind,
        instruction.action,
        instruction.report_required,
        None if deadline is None else (deadline.date, deadline.due_date, deadline.inherited),
        addressees.all_regions,
        tuple(region.code for region in addressees.regions),
        addressees.condition,
        addressees.co_executors,
        instruction.text,
    )


def expected(variant: Variant) -> dict[str, tuple[Any, ...]]:
    """The sample's own result under the variant's ids."""
    return {variant.instruction_id(i.id): _fields(i) for i in sample().instructions}


@pytest.mark.parametrize("name", list(VARIANTS))
def test_a_layout_variant_gives_the_samples_instructions(name: str) -> None:
    result = parsed(name)
    assert {i.id: _fields(i) for i in result.instructions} == expected(VARIANTS[name])


@pytest.mark.parametrize("name", list(VARIANTS))
def test_a_layout_variant_keeps_the_sections_titles_and_speakers(name: str) -> None:
    def sections(result: ParseResult) -> list[tuple[str, tuple[str, ...], bool]]:
        protocol = result.documents[-1]
        return [
            (s.title, tuple(p.name for p in s.speakers), s.report_noted) for s in protocol.sections
        ]

    assert sections(parsed(name)) == sections(sample())


@pytest.mark.parametrize("name", list(VARIANTS))
def test_a_layout_variant_raises_the_samples_doubts_and_no_others(name: str) -> None:
    codes = sorted(w.code for w in parsed(name).warnings)
    assert codes == sorted(w.code for w in sample().warnings)


@pytest.mark.parametrize("name", list(VARIANTS))
def test_region_spans_of_a_variant_point_at_the_region_names_in_its_text(name: str) -> None:
    result = parsed(name)
    regions = [r for i in result.instructions for r in i.addressees.regions]
    assert len(regions) == 23 + 14

    def words(written: str) -> list[str]:
        # A page number between the words of a region name is no part of it.
        lines = [line for line in written.split("\n") if not is_debris_line(line)]
        return " ".join(lines).split()

    assert all(words(result.text[r.span[0] : r.span[1]]) == words(r.as_written) for r in regions)


def test_the_wrapped_variant_breaks_lines_and_hyphenates_region_names() -> None:
    wrapped = wrap(sample_text())
    lines = wrapped.split("\n")
    assert max(len(line) for line in lines if " " in line) <= WRAP_WIDTH + 1
    hyphenated = [line for line in lines if line.endswith("-") and line[-2].isalpha()]
    assert len(hyphenated) > 20
    heads = {line.split()[-1].rstrip("-") for line in hyphenated}
    region_words = ("Еврейской", "Костромской", "Республики")
    assert any(word.startswith(head) for word in region_words for head in heads)


def test_the_arabic_variant_numbers_sections_one_to_nine() -> None:
    protocol = parsed("arabic_sections").documents[-1]
    assert [s.number for s in protocol.sections] == [str(n) for n in range(1, 10)]
    assert arabic_id("VIII.2") == "8.2"


@pytest.mark.parametrize("wording", list(DEADLINE_WORDINGS.values()))
def test_each_deadline_wording_of_the_variants_is_read_by_the_deadline_parser(
    wording: str,
) -> None:
    line = deadline_wording("**Срок — до 28 декабря 2024 г.**", wording)
    assert line != "**Срок — до 28 декабря 2024 г.**"
    (deadline,) = find_deadlines(
        line, document_date=dt.date(2024, 10, 23), config=ExtractionConfig()
    )
    assert deadline.date == dt.date(2024, 12, 28)
