"""Shared fixtures of the reader tests: the sample protocol and how to compare texts."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.samples.render import SAMPLE_PROTOCOL


def normalised_lines(text: str) -> list[str]:
    """Non-empty lines with whitespace collapsed and markdown bold markers dropped."""
    lines = (" ".join(line.replace("**", "").split()) for line in text.splitlines())
    return [line for line in lines if line]


@pytest.fixture(scope="session")
def sample_text() -> str:
    return SAMPLE_PROTOCOL.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def lines_of() -> Callable[[str], list[str]]:
    return normalised_lines
