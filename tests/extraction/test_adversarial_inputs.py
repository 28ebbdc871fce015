"""Hostile inputs parse without error (their timing is measured by ``make bench``)."""

from __future__ import annotations

import pytest

from protokol.extraction import parse_text
from tests.extraction.adversarial import INPUTS

# A tenth of the benchmark size keeps the suite quick; quadratic behaviour would still show.
SCALE = 0.1


@pytest.mark.parametrize("name", list(INPUTS))
def test_a_hostile_input_parses_to_a_result(name: str) -> None:
    generate, size = INPUTS[name]
    text = generate(int(size * SCALE))
    result = parse_text(text)
    assert result.source.size == len(text.encode("utf-8", "surrogatepass"))
