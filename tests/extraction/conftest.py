"""Fixtures of the extraction tests: the sample file and its parse, computed once."""

from __future__ import annotations

import pytest

from protokol.extraction import ParseResult, parse_text
from protokol.extraction.model import Document
from protokol.extraction.normalize import normalize_text
from tests.samples.render import SAMPLE_PROTOCOL


@pytest.fixture(scope="session")
def sample_text() -> str:
    """The sample file as uploaded: a cover letter, then the protocol it sends."""
    return SAMPLE_PROTOCOL.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def sample_normalized(sample_text: str) -> str:
    return normalize_text(sample_text)


@pytest.fixture(scope="session")
def sample_result(sample_text: str) -> ParseResult:
    return parse_text(sample_text, filename="sample_protocol.txt")


@pytest.fixture(scope="session")
def sample_letter(sample_result: ParseResult) -> Document:
    return sample_result.documents[0]


@pytest.fixture(scope="session")
def sample_protocol(sample_result: ParseResult) -> Document:
    return sample_result.documents[1]


@pytest.fixture(scope="session")
def sample_protocol_text(sample_text: str) -> str:
    """Only the protocol part of the sample (from its letterhead on)."""
    marker = "**ПРОТОКОЛ**"
    letterhead = sample_text.rindex("**МИНИСТЕРСТВО", 0, sample_text.index(marker))
    return sample_text[letterhead:]
