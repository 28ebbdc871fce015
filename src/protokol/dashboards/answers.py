"""Structured answers of all regions to one instruction's report template, in one table.

The latest report of each region counts (a returned report is still the region's latest
word; the state column says whether the curator accepted it). Numbers are summed, yes/no
answers counted; regions without an answer are listed so the curator can chase them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet

from protokol.assignments.models import Assignment, Report
from protokol.protocols.report_template import NO, YES, fields_of, read_number, read_yes_no, shown


@dataclass
class AnswerRow:
    region: object
    assignment_id: int
    state: str
    values: list[str]
    missing: bool

    @property
    def state_label(self) -> str:
        return Assignment.State(self.state).label


@dataclass
class Rollup:
    fields: list[dict]
    rows: list[AnswerRow] = field(default_factory=list)
    totals: list[str] = field(default_factory=list)

    @property
    def missing(self) -> list[AnswerRow]:
        return [row for row in self.rows if row.missing]


def latest_answers(assignments: QuerySet[Assignment]) -> dict[int, Report]:
    """The latest report per assignment, in one query."""
    latest: dict[int, Report] = {}
    for report in (
        Report.objects.filter(assignment__in=assignments)
        .only("assignment_id", "number", "answers", "kind", "submitted_at", "decision")
        .order_by("assignment_id", "number")
    ):
        latest[report.assignment_id] = report
    return latest


def rollup(instruction, assignments: QuerySet[Assignment]) -> Rollup:
    """Three queries: assignments with regions, their reports — constant in regions."""
    fields = fields_of(instruction.report_template)
    result = Rollup(fields)
    scope = (
        assignments.filter(instruction=instruction)
        .exclude(state=Assignment.State.CANCELLED)
        .select_related("region")
        .order_by("region_id", "-period")
    )
    chosen: dict[str, Assignment] = {}
    for assignment in scope:
        chosen.setdefault(assignment.region_id, assignment)  # the latest period
    reports = latest_answers(scope)
    sums: list[Decimal] = [Decimal(0)] * len(fields)
    yes_no: list[list[int]] = [[0, 0] for _ in fields]
    filled: list[int] = [0] * len(fields)
    for assignment in chosen.values():
        report = reports.get(assignment.pk)
        answers = report.answers if report and isinstance(report.answers, dict) else {}
        values = []
        for i, f in enumerate(fields):
            value = answers.get(f["key"])
            values.append(shown(value, f.get("type")))
            if value in (None, "", []):
                continue
            filled[i] += 1
            if f.get("type") == "number" and (number := read_number(value)) is not None:
                sums[i] += number
            elif f.get("type") == "yes_no" and (answer := read_yes_no(value)) is not None:
                yes_no[i][0 if answer else 1] += 1
        missing = assignment.state != Assignment.State.NOT_APPLICABLE and not any(values)
        result.rows.append(
            AnswerRow(assignment.region, assignment.pk, assignment.state, values, missing)
        )
    for i, f in enumerate(fields):
        kind = f.get("type")
        if kind == "number":
            total = sums[i].normalize()
            result.totals.append(f"{total:f}" if total == total.to_integral() else str(total))
        elif kind == "yes_no":
            result.totals.append(f"{YES}: {yes_no[i][0]}, {NO}: {yes_no[i][1]}")
        else:
            result.totals.append(f"ответов: {filled[i]}")
    return result
