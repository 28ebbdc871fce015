"""Hostile inputs parse without error, hostile files are read or clearly refused (their
timing is measured by ``make bench``; their linearity by step and cost counters in
``test_linear_regexes.py`` and the reader tests)."""

from __future__ import annotations

import pytest

from protokol.extraction import ExtractionError, parse_bytes, parse_text
from tests.extraction.adversarial import FILES, INPUTS, SAMPLE

# A tenth of the benchmark size keeps the suite quick; quadratic behaviour would still show.
SCALE = 0.1


@pytest.mark.parametrize("name", list(INPUTS))
def test_a_hostile_input_parses_to_a_result(name: str) -> None:
    generate, size = INPUTS[name]
    text = generate(int(size * SCALE))
    result = parse_text(text)
    assert result.source.size == len(text.encode("utf-8", "surrogatepass"))


@pytest.mark.parametrize("name", list(FILES))
def test_a_hostile_file_is_read_and_parsed_or_refused_as_too_large(name: str) -> None:
    generate, filename, size = FILES[name]
    data = generate(int(size * SCALE))
    try:
        result = parse_bytes(data, filename=filename)
    except ExtractionError as error:
        assert error.code == "too_large", error.message
    else:
        assert result.source.size == len(data)


def _instructions(data: bytes) -> list[tuple[str, str, str | None]]:
    result = parse_bytes(data, filename="protocol.txt")
    return [
        (i.id, i.text, i.deadline.date.isoformat() if i.deadline and i.deadline.date else None)
        for i in result.instructions
    ]


@pytest.mark.parametrize("run", ["spaces", "tabs", "no-break spaces"])
def test_a_78_kb_text_with_one_run_of_spaces_reads_as_the_sample_does(run: str) -> None:
    generate = FILES[f"78 KB text with one run of {run}"][0]
    hostile = generate(78_000)
    assert len(hostile) >= 77_000

    assert _instructions(hostile) == _instructions(SAMPLE.read_bytes())
