"""Hostile inputs for the parser: each must parse in time linear in its size.

Shared by ``tests/extraction/test_adversarial_inputs.py`` (they parse without error) and
``bench/bench_extraction.py`` (seconds per megabyte, target < 1 s).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

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
