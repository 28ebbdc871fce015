from __future__ import annotations

import collections
import hashlib
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from protokol.extraction import (
    ExtractionError,
    ParseResult,
    parse_bytes,
    parse_file,
    parse_text,
    pipeline,
)
from protokol.extraction.model import Instruction
from tests.samples.render import render_docx, render_odt, render_pdf

SECTION_COUNTS = {"I": 1, "III": 2, "V": 3, "VI": 4, "VII": 2, "VIII": 2, "IX": 5}


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def test_the_sample_is_a_letter_and_a_protocol_of_nine_sections(
    sample_result: ParseResult,
) -> None:
    assert [d.kind for d in sample_result.documents] == ["letter", "protocol"]
    assert [s.number for s in sample_result.documents[1].sections] == [
        "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX",
    ]  # fmt: skip


def test_the_sample_has_nineteen_instructions_by_section(sample_result: ParseResult) -> None:
    assert len(sample_result.instructions) == 19
    counts = collections.Counter(i.section for i in sample_result.instructions)
    assert dict(counts) == SECTION_COUNTS


def test_section_nine_ends_with_a_recommendation(sample_result: ParseResult) -> None:
    ninth = sample_result.documents[1].sections[8].instructions
    assert [i.kind for i in ninth] == ["mandatory"] * 4 + ["recommendation"]


def test_instruction_ids_are_unique(sample_result: ParseResult) -> None:
    ids = [i.id for i in sample_result.instructions]
    assert len(ids) == len(set(ids))


def test_instruction_spans_point_at_their_text(sample_result: ParseResult) -> None:
    for instruction in sample_result.instructions:
        start, end = instruction.span
        assert _squeeze(sample_result.text[start:end]) == _squeeze(instruction.text)


def test_instructions_lie_inside_their_sections(sample_result: ParseResult) -> None:
    for section in sample_result.documents[1].sections:
        for instruction in section.instructions:
            assert section.span[0] <= instruction.span[0] < instruction.span[1] <= section.span[1]
            assert instruction.section == section.number


def test_the_result_text_is_the_normalised_text(
    sample_result: ParseResult, sample_normalized: str
) -> None:
    assert sample_result.text == sample_normalized


def test_source_info_hashes_the_text_given(sample_text: str, sample_result: ParseResult) -> None:
    data = sample_text.encode("utf-8")
    assert sample_result.source.sha256 == hashlib.sha256(data).hexdigest()
    assert sample_result.source.size == len(data)
    assert sample_result.source.filename == "sample_protocol.txt"
    assert sample_result.source.format == "txt"


def test_warnings_are_ordered_by_span(sample_result: ParseResult) -> None:
    spans = [w.span for w in sample_result.warnings if w.span is not None]
    assert spans == sorted(spans)
    assert "speaker_initials_differ" in {w.code for w in sample_result.warnings}


def _fingerprint(instruction: Instruction) -> tuple[object, ...]:
    deadline = instruction.deadline
    return (
        instruction.id,
        instruction.kind,
        instruction.action,
        instruction.report_required,
        instruction.addressees.all_regions,
        instruction.addressees.condition,
        tuple(region.code for region in instruction.addressees.regions),
        None if deadline is None else (deadline.date, deadline.due_date, deadline.recurrence),
        # Line wrapping differs between formats; the words must not.
        _squeeze(instruction.text),
    )


@pytest.mark.parametrize(
    ("render", "filename", "expected_format"),
    [(render_docx, "протокол.docx", "docx"), (render_odt, "протокол.odt", "odt"),
     (render_pdf, "протокол.pdf", "pdf")],
)  # fmt: skip
def test_the_sample_rendered_to_a_document_format_parses_to_the_same_instructions(
    sample_text: str,
    sample_result: ParseResult,
    render: Callable[[str], bytes],
    filename: str,
    expected_format: str,
) -> None:
    data = render(sample_text)
    result = parse_bytes(data, filename=filename)
    assert result.source.format == expected_format
    assert result.source.sha256 == hashlib.sha256(data).hexdigest()
    assert [d.kind for d in result.documents] == ["letter", "protocol"]
    assert [_fingerprint(i) for i in result.instructions] == [
        _fingerprint(i) for i in sample_result.instructions
    ]


def test_parse_file_reads_from_disk(tmp_path: Path, sample_text: str) -> None:
    path = tmp_path / "protocol.txt"
    path.write_text(sample_text, encoding="utf-8")
    result = parse_file(path)
    assert result.source.filename == "protocol.txt"
    assert len(result.instructions) == 19


def test_a_missing_file_is_reported_in_russian(tmp_path: Path) -> None:
    with pytest.raises(ExtractionError, match="не найден") as caught:
        parse_file(tmp_path / "нет.docx")
    assert caught.value.code == "file_not_found"


def test_a_directory_is_not_a_file(tmp_path: Path) -> None:
    with pytest.raises(ExtractionError, match="папка"):
        parse_file(tmp_path)


def test_a_file_without_read_access_is_reported_in_russian(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    # Tests may run as root, where chmod does not take read access away.
    monkeypatch.setattr("builtins.open", denied)
    with pytest.raises(ExtractionError, match="Нет доступа к файлу") as caught:
        parse_file(os.path.join(tmp_path, "protocol.docx"))
    assert caught.value.code == "file_access_denied"


def test_empty_text_has_no_documents_and_says_so() -> None:
    result = parse_text("  \n\n")
    assert result.documents == ()
    assert [w.code for w in result.warnings] == ["no_documents"]


def test_a_letter_alone_has_no_instructions_and_says_so(sample_text: str) -> None:
    letter = sample_text[: sample_text.index("О рассылке протокола - 05")]
    result = parse_text(letter)
    assert [d.kind for d in result.documents] == ["letter"]
    assert "no_instructions" in {w.code for w in result.warnings}


def test_the_sample_does_not_warn_about_missing_instructions(sample_result: ParseResult) -> None:
    assert {"no_documents", "no_instructions"}.isdisjoint(w.code for w in sample_result.warnings)


def test_an_internal_bug_becomes_an_extraction_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(text: str) -> list[object]:
        raise IndexError("boom")

    monkeypatch.setattr(pipeline, "split_documents", broken)
    with pytest.raises(ExtractionError) as caught:
        parse_text("ПРОТОКОЛ")
    assert caught.value.code == "internal"
    assert "внутренней ошибки" in str(caught.value)


def test_ids_repeated_in_a_second_document_are_made_unique(sample_protocol_text: str) -> None:
    result = parse_text(sample_protocol_text + "\n\n" + sample_protocol_text)
    ids = [i.id for i in result.instructions]
    assert len(ids) == 38
    assert len(set(ids)) == 38
    assert ids[0] == "I.1"
    assert ids[19] == "I.1-2"
