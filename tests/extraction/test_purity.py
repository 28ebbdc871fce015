"""The extraction package is a pure library: importing and running it never loads Django."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "sample_protocol.txt"

PROGRAM = f"""
import sys
import protokol.extraction, protokol.extraction.pipeline
from protokol.extraction import parse_bytes
result = parse_bytes(open({str(SAMPLE)!r}, "rb").read(), filename="sample_protocol.txt")
assert len(result.documents) == 2, result.documents
loaded = [m for m in sys.modules if m == "django" or m.startswith("django.")]
assert not loaded, loaded
"""


def test_parsing_the_sample_does_not_import_django() -> None:
    completed = subprocess.run(
        [sys.executable, "-c", PROGRAM], capture_output=True, text=True, timeout=120, check=False
    )
    assert completed.returncode == 0, completed.stderr
