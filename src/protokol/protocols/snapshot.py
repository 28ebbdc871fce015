"""Frozen JSON copies of a protocol, and the differences between two of them."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from protokol.extraction.model import Recurrence
from protokol.extraction.russian import format_date_ru
from protokol.protocols.models import Instruction, Protocol

# Instruction fields a correction can change, with the names reviewers read in a diff.
INSTRUCTION_FIELDS = {
    "text": "текст",
    "kind": "вид",
    "action": "действие",
    "report_required": "требуется отчёт",
    "all_regions": "всем субъектам",
    "regions": "субъекты",
    "condition": "условие",
    "others": "иные адресаты",
    "co_executors": "соисполнители",
    "deadline_date": "срок",
    "recurrence": "периодичность",
    "without_deadline": "без срока",
    "curator": "куратор",
    "state": "состояние",
}


def recurrence_to_json(recurrence: Recurrence | None) -> dict[str, Any] | None:
    return dataclasses.asdict(recurrence) if recurrence is not None else None


def recurrence_from_json(data: dict[str, Any] | None) -> Recurrence | None:
    if not data:
        return None
    known = {f.name for f in dataclasses.fields(Recurrence)}
    return Recurrence(**{key: value for key, value in data.items() if key in known})


def instruction_snapshot(instruction: Instruction) -> dict[str, Any]:
    """Needs ``regions`` prefetched."""
    return {
        "code": instruction.code,
        "section": instruction.section.number if instruction.section else "",
        "section_title": instruction.section.title if instruction.section else "",
        "number": instruction.number,
        "text": instruction.text,
        "kind": instruction.kind,
        "action": instruction.action,
        "report_required": instruction.report_required,
        "all_regions": instruction.all_regions,
        "regions": sorted(r.code for r in instruction.regions.all()),
        "condition": instruction.condition,
        "others": instruction.others,
        "co_executors": instruction.co_executors,
        "deadline_date": instruction.deadline_date.isoformat()
        if instruction.deadline_date
        else None,
        "deadline_text": instruction.deadline_text,
        "recurrence": instruction.recurrence,
        "without_deadline": instruction.without_deadline,
        "curator": instruction.curator_id,
        "state": instruction.state,
    }


def protocol_snapshot(protocol: Protocol) -> dict[str, Any]:
    instructions = protocol.instructions.select_related("section").prefetch_related("regions")
    return {
        "number": protocol.number,
        "date": protocol.date.isoformat() if protocol.date else None,
        "title": protocol.title,
        "instructions": {str(i.pk): instruction_snapshot(i) for i in instructions},
    }


def snapshot_changes(before: dict[str, Any], after: dict[str, Any]) -> list[dict[str, Any]]:
    """What a correction changed: one entry per added, removed or changed instruction."""
    old, new = before.get("instructions", {}), after.get("instructions", {})
    changes: list[dict[str, Any]] = []
    for key in new.keys() - old.keys():
        changes.append({"instruction": new[key]["code"], "change": "added"})
    for key in old.keys() - new.keys():
        changes.append({"instruction": old[key]["code"], "change": "removed"})
    for key in old.keys() & new.keys():
        fields = [
            {
                "field": name,
                "label": label,
                "before": old[key].get(name),
                "after": new[key].get(name),
                "before_text": _display(name, old[key].get(name)),
                "after_text": _display(name, new[key].get(name)),
            }
            for name, label in INSTRUCTION_FIELDS.items()
            if old[key].get(name) != new[key].get(name)
        ]
        if fields:
            changes.append({"instruction": new[key]["code"], "change": "changed", "fields": fields})
    return sorted(changes, key=lambda c: c["instruction"])


def _display(field: str, value: Any) -> str:
    """A value as the reviewer reads it in the version history."""
    if value in (None, "", []):
        return "—"
    if field == "deadline_date":
        return format_date_ru(dt.date.fromisoformat(value))
    if field == "recurrence":
        return str(value.get("description") or value.get("kind"))
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)
