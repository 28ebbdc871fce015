"""Coverage-guided fuzzing of the extraction entry point with atheris (libFuzzer).

Run: python tests/fuzz/fuzz_extraction.py -max_total_time=30   (make fuzz; CI runs it)
Any input must give a ParseResult or an ExtractionError; anything else is a crash,
which libFuzzer saves as crash-<hash> — add it to tests/extraction as a regression test.
"""

from __future__ import annotations

import contextlib
import sys

import atheris

with atheris.instrument_imports(include=["protokol.extraction"]):
    from protokol.extraction import ExtractionConfig, ExtractionError, parse_bytes

NAMES = ("p.txt", "p.docx", "p.pdf", "p.odt", "p.rtf", "p.html", "p.md", None)
CONFIG = ExtractionConfig()


def test_one_input(data: bytes) -> None:
    if not data:
        return
    name = NAMES[data[0] % len(NAMES)]
    with contextlib.suppress(ExtractionError):
        parse_bytes(data[1:], filename=name, config=CONFIG)


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
