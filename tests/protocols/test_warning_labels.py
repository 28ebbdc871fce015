"""Every warning code extraction can raise has a Russian name for the reviewer."""

from __future__ import annotations

import re
from pathlib import Path

from protokol.protocols.warning_labels import WARNING_LABELS, warning_label

EXTRACTION = Path(__file__).resolve().parents[2] / "src" / "protokol" / "extraction"
# A warning is built with its code as the first argument, a string literal.
RAISED_CODE = re.compile(r"(?:ExtractionWarning|Note)\(\s*\"([a-z_]+)\"|\bcode=\"([a-z_]+)\"")


def _codes_raised_by_extraction() -> set[str]:
    codes: set[str] = set()
    for source in EXTRACTION.rglob("*.py"):
        for match in RAISED_CODE.finditer(source.read_text(encoding="utf-8")):
            codes.add(match.group(1) or match.group(2))
    return codes


def test_every_code_extraction_raises_has_a_russian_label() -> None:
    codes = _codes_raised_by_extraction()
    assert {"regions_excluded", "table_columns_guessed", "no_addressee"} <= codes
    assert codes - WARNING_LABELS.keys() == set()


def test_labels_are_russian_and_an_unknown_code_is_never_shown_raw() -> None:
    assert all(re.search("[а-яё]", label) for label in WARNING_LABELS.values())
    assert warning_label("a_code_added_later") == "Замечание"
