"""How the assignment pages present their rows: urgency groups and phrases of the
operator's home, the history of an assignment, the desk's groups of identical reports.

Plain objects and functions the views hand to the templates; no request, no response.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q

from protokol.accounts.models import User
from protokol.assignments.deadlines import URGENCY_LABELS, urgency, working_days_left
from protokol.assignments.models import Assignment, Comment, ExtensionRequest, Report
from protokol.core.models import Event
from protokol.extraction.russian import plural_ru
from protokol.extraction.workdays import ProductionCalendar
from protokol.protocols.models import Instruction

# --- operator's home ------------------------------------------------------------------


def days_phrase(level: str, days: int | None) -> str:
    """«осталось 3 рабочих дня», «просрочено на 2 рабочих дня», «срок — сегодня»."""
    if level == "done" or days is None:
        return ""
    if level == "overdue":
        late = abs(days)
        if late == 0:  # due on Friday, today is Saturday
            return "срок истёк"
        return (
            f"просрочено на {late} {plural_ru(late, 'рабочий день', 'рабочих дня', 'рабочих дней')}"
        )
    if level == "recommendation_past":  # its date has passed, but nothing is overdue
        return "срок прошёл"
    if days == 0:
        return "срок — сегодня"
    left = plural_ru(days, "остался", "осталось", "осталось")
    return f"{left} {days} {plural_ru(days, 'рабочий день', 'рабочих дня', 'рабочих дней')}"


@dataclass
class Row:
    assignment: Assignment
    urgency: str
    days_left: int | None

    @property
    def phrase(self) -> str:
        return days_phrase(self.urgency, self.days_left)


@dataclass
class Group:
    key: str
    title: str
    rows: list[Row] = field(default_factory=list)


def urgency_groups(
    assignments: list[Assignment], today: dt.date, calendar: ProductionCalendar
) -> list[Group]:
    """The home's groups, in their fixed order (empty ones included), rows as given."""
    groups = {key: Group(key, title) for key, title in URGENCY_LABELS.items()}
    for assignment in assignments:
        level = urgency(assignment, today, calendar)
        days = working_days_left(assignment, today, calendar) if level != "done" else None
        groups[level].rows.append(Row(assignment, level, days))
    return list(groups.values())


# --- assignment page ------------------------------------------------------------------


@dataclass(frozen=True)
class HistoryEntry:
    when: Any
    who: str
    summary: str
    text: str = ""


def history(
    user: User,
    assignment: Assignment,
    reports: list[Report],
    extensions: list[ExtensionRequest],
    comments: list[Comment],
) -> list[HistoryEntry]:
    """Audit events of the assignment and of its reports, requests and comments, in order."""

    def of(model: Any, ids: list[int]) -> Q:
        return Q(object_type=model._meta.label_lower, object_id__in=[str(i) for i in ids])

    wanted = (
        of(Assignment, [assignment.pk])
        | of(Report, [r.pk for r in reports])
        | of(ExtensionRequest, [e.pk for e in extensions])
    )
    events = Event.objects.visible_to(user).filter(wanted).select_related("actor")
    entries = [
        HistoryEntry(e.created_at, e.actor.short_name if e.actor else "система", e.summary)
        for e in events
    ]
    entries += [
        HistoryEntry(c.created_at, c.author.short_name, "Комментарий", c.text) for c in comments
    ]
    return sorted(entries, key=lambda entry: entry.when)


# --- curator's desk -------------------------------------------------------------------


@dataclass
class SameAnswers:
    """Reports of one instruction with identical answers and text: accepted in one go."""

    instruction: Instruction
    kind: str
    answers: dict[str, Any]
    text: str
    reports: list[Report] = field(default_factory=list)

    @property
    def answer_items(self) -> list[dict[str, object]]:
        return self.reports[0].answer_items if self.reports else []


def identical_groups(reports: list[Report]) -> list[SameAnswers]:
    groups: dict[tuple[Any, ...], SameAnswers] = {}
    for report in reports:
        instruction = report.assignment.instruction
        text = " ".join(report.text.split())
        key = (instruction.pk, report.kind, json.dumps(report.answers, sort_keys=True), text)
        if key not in groups:
            groups[key] = SameAnswers(instruction, report.kind, report.answers, text)
        groups[key].reports.append(report)
    return [group for group in groups.values() if len(group.reports) > 1]
