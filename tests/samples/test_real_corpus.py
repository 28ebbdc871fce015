"""The real-document corpus is well formed, and `make score` measures what it says.

A gold file that matches nothing would silently lower (or, worse, never test) a figure in the
README; these tests keep every annotation tied to its document.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import sys
from pathlib import Path

import pytest

from protokol.extraction.regions import all_regions

CORPUS = Path(__file__).parent / "real"
GOLD_FILES = sorted(CORPUS.glob("*.json"))
FIELDS = {
    "number",
    "start",
    "kind",
    "deadline",
    "recurrence",
    "all_regions",
    "regions",
    "excluded",
    "condition",
    "report_required",
}
RECURRENCES = {None, "weekly", "monthly", "quarterly", "half_yearly", "yearly", "permanent"}
CODES = {region.code for region in all_regions()}


def _scorer():
    path = Path(__file__).resolve().parents[2] / "bench" / "score_extraction.py"
    spec = importlib.util.spec_from_file_location("score_extraction", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("score_extraction", module)
    spec.loader.exec_module(module)
    return module


score = _scorer()


def test_the_corpus_has_at_least_forty_documents():
    assert len(GOLD_FILES) >= 40


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=lambda p: p.stem)
def test_every_gold_annotation_is_tied_to_its_document(gold_path):
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    assert gold["source"], "every document keeps the address it was found at"
    document = next(
        gold_path.with_suffix(s)
        for s in score.DOCUMENT_SUFFIXES
        if gold_path.with_suffix(s).exists()
    )
    text = score.normalise(document.read_text(encoding="utf-8"))
    for item in gold["instructions"]:
        assert set(item) == FIELDS, item["start"]
        assert len(item["start"].split()) >= 5, item["start"]
        assert score.normalise(item["start"]) in text, item["start"]
        assert item["kind"] in ("mandatory", "recommendation")
        assert item["recurrence"] in RECURRENCES
        if item["deadline"] is not None:
            dt.date.fromisoformat(item["deadline"])
        assert set(item["regions"]) | set(item["excluded"]) <= CODES
        assert not (item["all_regions"] and item["regions"]), "all regions lists no regions"
        assert not item["excluded"] or item["all_regions"], "exclusions go with all regions"


def test_normalise_folds_case_dashes_quotes_and_hyphenation():
    assert score.normalise("1. Обеспе-\nчить «Работа — в России»") == (
        'обеспечить "работа - в россии"'
    )


def test_a_perfect_parse_scores_one_and_a_missed_instruction_lowers_recall(tmp_path):
    sample = Path(__file__).parent / "sample_protocol.txt"
    (tmp_path / "s.txt").write_text(sample.read_text(encoding="utf-8"), encoding="utf-8")
    item = {
        "number": "III.1",
        "start": "Исполнительным органам субъектов Российской Федерации, осуществляющим "
        "государственное управление в сфере образования, Белгородской области",
        "kind": "mandatory",
        "deadline": "2024-12-28",
        "recurrence": None,
        "all_regions": False,
        "regions": ["31"],
        "excluded": [],
        "condition": False,
        "report_required": False,
    }
    gold = {"source": "test", "document": {"kind": "protocol"}, "instructions": [item]}
    (tmp_path / "s.json").write_text(json.dumps(gold), encoding="utf-8")
    result = score.score_document(tmp_path / "s.json", tmp_path / "s.txt")
    counts = result.counts
    assert (counts.matched, counts.deadline_right, counts.all_regions_right) == (1, 1, 1)
    # The parse names 23 regions where this gold names one: 22 false positives.
    assert (counts.region_tp, counts.region_fp, counts.region_fn) == (1, 22, 0)

    missing = dict(item, start="этого поручения в протоколе нет вовсе и быть не может")
    gold["instructions"].append(missing)
    (tmp_path / "s.json").write_text(json.dumps(gold), encoding="utf-8")
    counts = score.score_document(tmp_path / "s.json", tmp_path / "s.txt").counts
    assert (counts.gold, counts.matched) == (2, 1)
    assert counts.instruction_f1 < 1.0


def test_a_recurring_deadline_with_an_open_first_date_is_judged_by_its_recurrence(tmp_path):
    text = (
        "ПРОТОКОЛ\n\nРешили:\n\n1. Органам исполнительной власти субъектов Российской Федерации "
        "ежеквартально, до 10 числа месяца, следующего за отчётным, представлять информацию.\n"
    )
    (tmp_path / "q.txt").write_text(text, encoding="utf-8")
    item = {
        "number": "1",
        "start": "Органам исполнительной власти субъектов Российской Федерации ежеквартально",
        "kind": "mandatory",
        "deadline": None,
        "recurrence": "quarterly",
        "all_regions": True,
        "regions": [],
        "excluded": [],
        "condition": False,
        "report_required": True,
    }
    gold = {"source": "test", "reference_date": "2024-10-23", "instructions": [item]}
    (tmp_path / "q.json").write_text(json.dumps(gold), encoding="utf-8")
    assert score.score_document(tmp_path / "q.json", tmp_path / "q.txt").counts.deadline_right == 1

    gold["instructions"][0] = dict(item, recurrence="monthly")
    (tmp_path / "q.json").write_text(json.dumps(gold), encoding="utf-8")
    assert score.score_document(tmp_path / "q.json", tmp_path / "q.txt").counts.deadline_right == 0
