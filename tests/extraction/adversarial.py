"""Hostile inputs for the parser: each must parse in time linear in its size.

Texts (``INPUTS``) go to ``parse_text``; files (``FILES``) are uploaded bytes and go through
the readers first, as an import does. Shared by ``tests/extraction/test_adversarial_inputs.py``
(they parse or are refused with a clear error) and ``bench/bench_extraction.py`` (seconds per
megabyte, target < 1 s).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

from tests.extraction.readers.test_docx import abstract, level, make_docx, num, para
from tests.extraction.readers.test_odt import make_odt

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "tests" / "samples" / "sample_protocol.txt"
REGIONS = ROOT / "src" / "protokol" / "extraction" / "data" / "regions.json"


def _repeat(unit: str, size: int) -> str:
    return unit * max(1, size // len(unit.encode()))


def space_runs(size: int) -> str:
    """Runs of 100,000 spaces between words."""
    return _repeat("Обеспечить" + " " * 100_000 + "\n", size)


def one_line(size: int) -> str:
    """A single line of instruction wording, no line break at all."""
    sentence = (
        "Рекомендовать органам исполнительной власти субъектов Российской Федерации "
        "обеспечить проведение мероприятий до 1 декабря 2024 г. "
    )
    return _repeat(sentence, size)


def nested_levels(size: int) -> str:
    """Items numbered ten thousand levels deep: «1.1.1.…1. Обеспечить»."""
    return _repeat("1." * 10_000 + " Обеспечить проведение\n", size)


def region_names(size: int) -> str:
    """5,000 region names (genitive) in one addressee sentence, repeated as numbered items."""
    regions = json.loads(REGIONS.read_text(encoding="utf-8"))["regions"]
    names = [region["forms"][1] for region in regions]
    listed = ", ".join(names[index % len(names)] for index in range(5_000))
    return _repeat(f"1. Органам исполнительной власти {listed} обеспечить проведение.\n", size)


def deadline_labels(size: int) -> str:
    """«Срок – » repeated with nothing after it."""
    return _repeat("Срок – ", size)


def sample_with_space_run(size: int) -> str:
    """The sample protocol with one long run of spaces inside an instruction (about 78 KB)."""
    sample = SAMPLE.read_text(encoding="utf-8")
    cut = sample.index("обеспечить", len(sample) // 2)
    padding = max(0, size - len(sample.encode()))
    return sample[:cut] + " " * padding + sample[cut:]


def blank_lines(size: int) -> str:
    return _repeat(" \n", size)


def digits(size: int) -> str:
    return _repeat("1", size)


def brackets(size: int) -> str:
    return _repeat("(", size)


# name → (generator, size in bytes used by the benchmark)
INPUTS: dict[str, tuple[Callable[[int], str], int]] = {
    "100,000-space runs": (space_runs, 1_000_000),
    "one 1 MB line": (one_line, 1_000_000),
    "10,000 nested list levels": (nested_levels, 1_000_000),
    "5,000 region names in a sentence": (region_names, 1_000_000),
    "«Срок – » repeated": (deadline_labels, 1_000_000),
    "78 KB sample with a run of spaces": (sample_with_space_run, 78_000),
    "blank lines": (blank_lines, 1_000_000),
    "one run of digits": (digits, 1_000_000),
    "opening brackets": (brackets, 1_000_000),
}


def adversarial_inputs(scale: float = 1.0) -> Iterator[tuple[str, str]]:
    """(name, text) for every hostile input, each ``scale`` times its benchmark size."""
    for name, (generate, size) in INPUTS.items():
        yield name, generate(int(size * scale))


# --- files: what an import reads before it parses ---------------------------------------


def _text_with_run(unit: str) -> Callable[[int], bytes]:
    """The sample as a .txt upload with one run of ``unit`` inside an instruction."""

    def generate(size: int) -> bytes:
        sample = SAMPLE.read_text(encoding="utf-8")
        cut = sample.index("обеспечить", len(sample) // 2)
        padding = max(0, size - len(sample.encode())) // len(unit.encode())
        return (sample[:cut] + unit * padding + sample[cut:]).encode()

    return generate


def docx_space_run(size: int) -> bytes:
    """A DOCX of under a kilobyte: one paragraph with a run of spaces inside."""
    return make_docx(para("Обеспечить" + " " * size + "проведение"))


def docx_numbered_from_two_billion(size: int) -> bytes:
    """A list in letters that starts at 2,000,000,000 (a 77-million-letter label each)."""
    numbering = abstract(1, level(0, "lowerLetter", "%1.", start=2_000_000_000)) + num(1, 1)
    item = para("Обеспечить проведение", num_id=1)
    return make_docx(item * max(1, size // len(item)), numbering)


def docx_nested_tables(size: int) -> bytes:
    """Tables in tables, a paragraph at every level."""
    opening = "<w:tbl><w:tr><w:tc>" + para("Обеспечить проведение")
    depth = max(1, size // len(opening))
    return make_docx(opening * depth + "</w:tc></w:tr></w:tbl>" * depth)


def docx_empty_paragraphs(size: int) -> bytes:
    """A few kilobytes that inflate to ``size`` bytes of empty paragraphs."""
    return make_docx("<w:p/>" * (size // 6) + para("Обеспечить проведение"))


def odt_space_count(size: int) -> bytes:
    """Paragraphs each asking for two billion spaces («text:s text:c»)."""
    paragraph = '<text:p><text:s text:c="2000000000"/>Обеспечить проведение</text:p>'
    return make_odt(paragraph * max(1, size // len(paragraph)))


def html_unfinished_tags(size: int) -> bytes:
    return _repeat("<a ", size).encode()


def html_unclosed_sections(size: int) -> bytes:
    return ("<html><body><p>Обеспечить</p>" + _repeat("<![CDATA[ >", size)).encode()


# name → (generator, file name, size in bytes of content used by the benchmark)
FILES: dict[str, tuple[Callable[[int], bytes], str, int]] = {
    "78 KB text with one run of spaces": (_text_with_run(" "), "protocol.txt", 78_000),
    "78 KB text with one run of tabs": (_text_with_run("\t"), "protocol.txt", 78_000),
    "78 KB text with one run of no-break spaces": (
        _text_with_run("\u00a0"),
        "protocol.txt",
        78_000,
    ),
    "78 KB text with one run of dots": (_text_with_run("."), "protocol.txt", 78_000),
    "78 KB text with one run of underscores": (_text_with_run("_"), "protocol.txt", 78_000),
    "DOCX: one run of 60,000 spaces": (docx_space_run, "protocol.docx", 60_000),
    "DOCX: a list numbered from 2,000,000,000": (docx_numbered_from_two_billion, "p.docx", 100_000),
    "DOCX: tables nested 4,000 deep": (docx_nested_tables, "protocol.docx", 300_000),
    "DOCX: 2 MB of empty paragraphs (zip bomb)": (docx_empty_paragraphs, "p.docx", 2_000_000),
    "ODT: two billion spaces a paragraph": (odt_space_count, "protocol.odt", 100_000),
    "HTML: «<a » repeated, never closed": (html_unfinished_tags, "protocol.html", 100_000),
    "HTML: «<![CDATA[ >» repeated": (html_unclosed_sections, "protocol.html", 100_000),
}


def hostile_files(scale: float = 1.0) -> Iterator[tuple[str, str, bytes, int]]:
    """(name, file name, bytes, content size) of every hostile file at ``scale`` times its size."""
    for name, (generate, filename, size) in FILES.items():
        scaled = int(size * scale)
        yield name, filename, generate(scaled), scaled
