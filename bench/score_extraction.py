"""Extraction scored against the gold annotations of real documents (run: make score).

Every ``<stem>.json`` in the corpus folders (default ``tests/samples/real``) is a gold file (schema
and conventions: ``tests/samples/real/README.md``); the document beside it, ``<stem>.<ext>``, is
parsed with ``protokol.extraction.parse_file`` and compared:

- instructions are matched one to one: a parsed instruction matches a gold one when the gold
  ``start`` (normalised) appears at the beginning of its text (within its first 300 characters,
  so that a lead-in joined to the item still matches; failing that, the first 60 characters of
  ``start``); precision, recall and F1 follow;
- over the matched pairs: deadline accuracy (date and recurrence both right; for a recurring
  deadline whose first date the gold leaves open, the recurrence alone), region F1 (pairs of
  instruction × region code × role, the role being «named» or «excluded»), all-regions accuracy,
  kind accuracy and report accuracy;
- the document's requisites (kind, number, date) and the number of warnings raised.

The score is the mean of instruction F1, deadline accuracy, region F1 and all-regions accuracy,
all computed over the whole corpus (micro-averaged). ``--verbose`` lists every mismatch; ``--json``
prints the figures as JSON. The exit code is 0 whatever the figures: this is a measurement.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from protokol.extraction import ExtractionConfig, ExtractionError, parse_file
from protokol.extraction.model import Instruction, ParseResult

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT / "tests" / "samples" / "real"
DOCUMENT_SUFFIXES = (".txt", ".docx", ".odt", ".rtf", ".html", ".htm", ".pdf", ".doc")
MATCH_REACH = 300
START_CHARS = 60

_NUMBER_PREFIX = re.compile(r"^\s*(?:[IVXLC]+|\d{1,3})(?:\.\d{1,3})*\s*[.)]\s*")
_HYPHEN_BREAK = re.compile(r"(\w)[\-\u00ad]\s+(\w)")
_DASHES = re.compile(r"[\u2010-\u2015\u2212]")
_QUOTES = re.compile(r"[«»„“”\"']")
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Text compared loosely: case, ё, dashes, quotes, hyphenation and white space folded."""
    text = text.replace("\u00ad", "").replace("ё", "е").replace("Ё", "Е")
    text = _HYPHEN_BREAK.sub(r"\1\2", text)
    text = _DASHES.sub("-", text)
    text = _QUOTES.sub('"', text)
    text = _SPACES.sub(" ", text).strip().lower()
    return _NUMBER_PREFIX.sub("", text)


@dataclass
class Counts:
    """Numerators and denominators summed over documents (micro-averaging)."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0
    deadline_right: int = 0
    all_regions_right: int = 0
    kind_right: int = 0
    report_right: int = 0
    region_tp: int = 0
    region_fp: int = 0
    region_fn: int = 0
    warnings: int = 0
    requisites_right: int = 0
    requisites_total: int = 0

    def add(self, other: Counts) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def instruction_f1(self) -> float:
        return _f1(self.matched, self.predicted - self.matched, self.gold - self.matched)

    @property
    def region_f1(self) -> float:
        return _f1(self.region_tp, self.region_fp, self.region_fn)

    def accuracy(self, right: int) -> float:
        return right / self.matched if self.matched else (1.0 if not self.gold else 0.0)

    @property
    def score(self) -> float:
        parts = (
            self.instruction_f1,
            self.accuracy(self.deadline_right),
            self.region_f1,
            self.accuracy(self.all_regions_right),
        )
        return sum(parts) / len(parts)

    def figures(self) -> dict[str, float | int]:
        return {
            "score": round(self.score, 4),
            "instruction_f1": round(self.instruction_f1, 4),
            "deadline_accuracy": round(self.accuracy(self.deadline_right), 4),
            "region_f1": round(self.region_f1, 4),
            "all_regions_accuracy": round(self.accuracy(self.all_regions_right), 4),
            "kind_accuracy": round(self.accuracy(self.kind_right), 4),
            "report_accuracy": round(self.accuracy(self.report_right), 4),
            "requisites_accuracy": round(
                self.requisites_right / self.requisites_total if self.requisites_total else 1.0, 4
            ),
            "gold_instructions": self.gold,
            "parsed_instructions": self.predicted,
            "matched": self.matched,
            "warnings": self.warnings,
        }


def _f1(tp: int, fp: int, fn: int) -> float:
    if tp == fp == fn == 0:
        return 1.0
    return 2 * tp / (2 * tp + fp + fn)


@dataclass
class DocumentScore:
    stem: str
    source: str
    counts: Counts
    problems: list[str] = field(default_factory=list)
    error: str | None = None


def find_gold(folders: Iterable[Path]) -> list[tuple[Path, Path]]:
    """(gold file, document file) pairs, sorted by stem; a gold file without a document is an error."""
    pairs = []
    for folder in folders:
        for gold in sorted(folder.glob("*.json")):
            document = next(
                (
                    gold.with_suffix(suffix)
                    for suffix in DOCUMENT_SUFFIXES
                    if gold.with_suffix(suffix).exists()
                ),
                None,
            )
            if document is None:
                raise SystemExit(f"{gold}: нет документа рядом с файлом разметки")
            pairs.append((gold, document))
    return pairs


def score_document(gold_path: Path, document_path: Path) -> DocumentScore:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    counts = Counts(gold=len(gold.get("instructions", [])))
    scored = DocumentScore(gold_path.stem, gold.get("source", ""), counts)
    reference = gold.get("reference_date") or (gold.get("document") or {}).get("date")
    config = ExtractionConfig(
        reference_date=dt.date.fromisoformat(reference) if reference else None
    )
    try:
        result = parse_file(document_path, config=config)
    except ExtractionError as error:
        scored.error = str(error)
        return scored
    counts.warnings = len(result.warnings)
    _score_requisites(gold.get("document") or {}, result, scored)
    predicted = list(result.instructions)
    counts.predicted = len(predicted)
    taken: set[int] = set()
    for item in gold.get("instructions", []):
        index = _match(item, predicted, taken)
        if index is None:
            scored.problems.append(f"не найдено: {item.get('number') or ''} «{item['start']}»")
            continue
        taken.add(index)
        counts.matched += 1
        _compare(item, predicted[index], scored)
    for index, instruction in enumerate(predicted):
        if index not in taken:
            scored.problems.append(f"лишнее: {instruction.id} «{instruction.text[:70]}»")
    return scored


def _match(item: dict[str, Any], predicted: Sequence[Instruction], taken: set[int]) -> int | None:
    """The parsed instruction whose beginning holds the gold ``start`` — the whole of it, or,
    when no text holds it whole (the parser cut the item short), its first characters."""
    start = normalise(item["start"])
    for wanted in (start, start[:START_CHARS]):
        best: tuple[int, int] | None = None
        for index, instruction in enumerate(predicted):
            if index in taken:
                continue
            position = normalise(instruction.text)[: MATCH_REACH + len(wanted)].find(wanted)
            if position != -1 and (best is None or position < best[0]):
                best = (position, index)
        if best is not None:
            return best[1]
    return None


def _compare(item: dict[str, Any], instruction: Instruction, scored: DocumentScore) -> None:
    counts = scored.counts
    label = item.get("number") or instruction.id
    deadline = instruction.deadline
    parsed_date = deadline.date.isoformat() if deadline and deadline.date else None
    parsed_recurrence = deadline.recurrence.kind if deadline and deadline.recurrence else None
    expected = (item.get("deadline"), item.get("recurrence"))
    # A recurring deadline whose first date the text leaves open (gold null): the first due
    # date follows the department's reporting-day setting, so only the recurrence is judged.
    if expected[1] is not None and expected[0] is None:
        expected = (parsed_date, expected[1])
    if (parsed_date, parsed_recurrence) == expected:
        counts.deadline_right += 1
    else:
        scored.problems.append(
            f"{label}: срок {parsed_date}/{parsed_recurrence}, "
            f"в разметке {item.get('deadline')}/{item.get('recurrence')}"
        )
    addressees = instruction.addressees
    if addressees.all_regions == bool(item.get("all_regions")):
        counts.all_regions_right += 1
    else:
        scored.problems.append(
            f"{label}: все субъекты {addressees.all_regions}, в разметке {item.get('all_regions')}"
        )
    gold_pairs = {("named", code) for code in item.get("regions", [])} | {
        ("excluded", code) for code in item.get("excluded", [])
    }
    parsed_pairs = {("named", r.code) for r in addressees.regions if not addressees.all_regions}
    parsed_pairs |= {("excluded", r.code) for r in addressees.excluded}
    counts.region_tp += len(gold_pairs & parsed_pairs)
    counts.region_fp += len(parsed_pairs - gold_pairs)
    counts.region_fn += len(gold_pairs - parsed_pairs)
    if gold_pairs != parsed_pairs:
        scored.problems.append(
            f"{label}: регионы лишние {sorted(parsed_pairs - gold_pairs)}, "
            f"пропущены {sorted(gold_pairs - parsed_pairs)}"
        )
    if instruction.kind == item.get("kind", "mandatory"):
        counts.kind_right += 1
    else:
        scored.problems.append(f"{label}: вид {instruction.kind}, в разметке {item.get('kind')}")
    if instruction.report_required == bool(item.get("report_required")):
        counts.report_right += 1
    else:
        scored.problems.append(
            f"{label}: отчёт {instruction.report_required}, "
            f"в разметке {item.get('report_required')}"
        )


def _score_requisites(expected: dict[str, Any], result: ParseResult, scored: DocumentScore) -> None:
    if not expected or not result.documents:
        return
    kinds = {"order": ("instructions", "other")}.get(
        expected.get("kind", ""), (expected.get("kind"),)
    )
    document = next(
        (d for d in result.documents if d.kind in kinds),
        max(result.documents, key=lambda d: len(d.instructions)),
    )
    found = {
        "kind": document.kind if document.kind not in kinds else expected.get("kind"),
        "number": document.number,
        "date": document.date.isoformat() if document.date else None,
    }
    for name in ("kind", "number", "date"):
        if name not in expected:
            continue
        scored.counts.requisites_total += 1
        if (found[name] or None) == (expected[name] or None):
            scored.counts.requisites_right += 1
        else:
            scored.problems.append(
                f"реквизит {name}: {found[name]!r}, в разметке {expected[name]!r}"
            )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path, default=[DEFAULT_CORPUS])
    parser.add_argument("--verbose", "-v", action="store_true", help="list every mismatch")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    documents = [score_document(g, d) for g, d in find_gold(args.folders)]
    total = Counts()
    for document in documents:
        total.add(document.counts)
    if args.json:
        print(
            json.dumps(
                {
                    "overall": total.figures(),
                    "documents": {d.stem: d.counts.figures() for d in documents},
                },
                ensure_ascii=False,
                indent=1,
            )
        )
        return 0
    header = f"{'документ':34} {'эт.':>4} {'изв.':>4} {'F1':>5} {'срок':>5} {'рег.':>5} {'все':>5} {'вид':>5} {'отч.':>5} {'пред.':>5}"
    print(header)
    for document in documents:
        c = document.counts
        print(
            f"{document.stem[:34]:34} {c.gold:4} {c.predicted:4} {c.instruction_f1:5.2f} "
            f"{c.accuracy(c.deadline_right):5.2f} {c.region_f1:5.2f} "
            f"{c.accuracy(c.all_regions_right):5.2f} {c.accuracy(c.kind_right):5.2f} "
            f"{c.accuracy(c.report_right):5.2f} {c.warnings:5}"
        )
        if document.error:
            print(f"    ошибка разбора: {document.error}")
        if args.verbose:
            print(f"    источник: {document.source}")
            for problem in document.problems:
                print(f"    - {problem}")
    figures = total.figures()
    print()
    print(f"документов: {len(documents)}, поручений в разметке: {total.gold}")
    for name, value in figures.items():
        print(f"{name:24} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
