"""Whatever arrives, the entry points return a ParseResult or raise ExtractionError.

An ``ExtractionError(code="internal")`` is the wrapper around a bug, so it fails these tests
too: they are meant to find bugs, not to prove the wrapper works.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Callable

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from protokol.extraction import ExtractionError, ParseResult, parse_bytes, parse_text
from tests.samples.render import SAMPLE_PROTOCOL

SAMPLE = SAMPLE_PROTOCOL.read_text(encoding="utf-8")
SAMPLE_LINES = SAMPLE.splitlines()
# FUZZ_EXAMPLES=2000 for a longer hunt; the default keeps the suite fast.
FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "120")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

# Characters the parsers react to, so random text reaches their branches.
ALPHABET = (
    st.sampled_from(
        list("ПРОТОКОЛIVXХ.№()«»:;,-–— \n\r\t\u00a0\u00ad*_\\0123456789абвгдеМИСрешилиЕ")
    )
    | st.characters()
)
FRAGMENTS = st.sampled_from(
    [
        "ПРОТОКОЛ\n",
        "МИНИСТЕРСТВО ПРОСВЕЩЕНИЯ\n",
        "Присутствовали:\n",
        "Председательствовал:\n",
        "I. О заключении договоров\n",
        "(Муратов)\n",
        "Приняли к сведению доклад Антоновой И.В.\n",
        "По итогам обсуждения решили:\n",
        "1. обеспечить\n",
        "**Срок — до 28 декабря 2024 г.**\n",
        "02.11.2024 № 05-4017\n",
        "Приложение: на 5 л.\n",
        "М.И. Софронова\n",
        "(495) 587-01-10, доб. 3378\n",
        "ПЕРЕЧЕНЬ ПОРУЧЕНИЙ\n",
        "РАСПОРЯЖЕНИЕ\n",
        "« 31 » февраля 2024 г.\n",
        "- 2 -\n",
        "\n",
    ]
)


def _check(call: Callable[[], ParseResult]) -> None:
    try:
        result = call()
    except ExtractionError as error:
        cause = "".join(traceback.format_exception(error.__cause__)) if error.__cause__ else ""
        assert error.code != "internal", cause
        assert str(error)
        return
    assert isinstance(result, ParseResult)
    for warning in result.warnings:
        if warning.span is not None:
            assert 0 <= warning.span[0] <= warning.span[1] <= len(result.text)
    for instruction in result.instructions:
        assert 0 <= instruction.span[0] <= instruction.span[1] <= len(result.text)


@FUZZ
@given(st.text(ALPHABET, max_size=400))
def test_random_text(text: str) -> None:
    _check(lambda: parse_text(text))


@FUZZ
@given(st.lists(FRAGMENTS | st.text(ALPHABET, max_size=30), max_size=40))
def test_random_documents_made_of_familiar_lines(parts: list[str]) -> None:
    _check(lambda: parse_text("".join(parts)))


@FUZZ
@given(
    st.binary(max_size=600),
    st.sampled_from(["", "a.txt", "a.docx", "a.odt", "a.pdf", "a.rtf", "a.html", "a.doc", None]),
)
def test_random_bytes_with_random_filenames(data: bytes, filename: str | None) -> None:
    _check(lambda: parse_bytes(data, filename=filename))


@FUZZ
@given(st.integers(min_value=0, max_value=len(SAMPLE)))
def test_truncated_prefixes_of_the_sample(length: int) -> None:
    _check(lambda: parse_text(SAMPLE[:length]))


@FUZZ
@given(st.data())
def test_the_sample_with_lines_deleted_or_shuffled(data: st.DataObject) -> None:
    lines = list(SAMPLE_LINES)
    indices = st.integers(min_value=0, max_value=len(lines) - 1)
    for index in sorted(set(data.draw(st.lists(indices, max_size=30))), reverse=True):
        del lines[index]
    if data.draw(st.booleans()):
        lines = data.draw(st.permutations(lines))
    _check(lambda: parse_text("\n".join(lines)))
