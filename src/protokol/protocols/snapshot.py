"""Frozen JSON copies of a protocol, and the differences between two of them.

A snapshot records everything a region is sent: the protocol's requisites (the cover
letter and the extract are made from them) and each instruction as published. What it
records is also what a correction of a published protocol holds back until the next
version (``corrections.py``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any, cast

from django.db import models

from protokol.accounts.models import User
from protokol.extraction.model import Recurrence
from protokol.extraction.russian import format_date_ru
from protokol.protocols.models import Instruction, Protocol

# Protocol requisites a correction can change, each under its model field's name; the
# reviewer reads the field's own label in a diff.
PROTOCOL_FIELDS = (
    "number", "date", "title", "place", "chair",
    "letter_number", "letter_date", "letter_title", "letter_addressee", "letter_body",
    "letter_signatory", "letter_signatory_position", "letter_executor",
    "letter_executor_phone", "letter_attachment",
)  # fmt: skip

# Instruction fields a correction can change, with the names reviewers read in a diff.
INSTRUCTION_FIELDS = {
    "code": "обозначение",
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
    "deadline_text": "срок, как написано",
    "recurrence": "периодичность",
    "without_deadline": "без срока",
    "curator": "куратор",
    "report_template": "форма отчёта",
    "state": "состояние",
}


def recurrence_to_json(recurrence: Recurrence | None) -> dict[str, Any] | None:
    return dataclasses.asdict(recurrence) if recurrence is not None else None


def recurrence_from_json(data: dict[str, Any] | None) -> Recurrence | None:
    if not data:
        return None
    known = {f.name for f in dataclasses.fields(Recurrence)}
    return Recurrence(**{key: value for key, value in data.items() if key in known})


def instruction_snapshot(
    instruction: Instruction, region_codes: list[str] | None = None
) -> dict[str, Any]:
    """Needs ``regions`` prefetched, unless the chosen ``region_codes`` are given."""
    if region_codes is None:
        region_codes = [r.code for r in instruction.regions.all()]
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
        "regions": sorted(region_codes),
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
        "report_template": instruction.report_template or [],
        "state": instruction.state,
    }


def requisites_snapshot(protocol: Protocol) -> dict[str, Any]:
    values = {name: getattr(protocol, name) for name in PROTOCOL_FIELDS}
    return {
        name: value.isoformat() if isinstance(value, dt.date) else value
        for name, value in values.items()
    }


def protocol_snapshot(protocol: Protocol) -> dict[str, Any]:
    instructions = protocol.instructions.select_related("section").prefetch_related("regions")
    return {
        **requisites_snapshot(protocol),
        "instructions": {str(i.pk): instruction_snapshot(i) for i in instructions},
    }


def protocol_field_labels() -> dict[str, str]:
    fields = [cast("models.Field[Any, Any]", Protocol._meta.get_field(n)) for n in PROTOCOL_FIELDS]
    return {field.name: str(field.verbose_name) for field in fields}


def snapshot_changes(before: dict[str, Any], after: dict[str, Any]) -> list[dict[str, Any]]:
    """What a correction changed: one entry for the requisites (``"instruction": ""``),
    one per added, removed or changed instruction."""
    old, new = before.get("instructions", {}), after.get("instructions", {})
    changes: list[dict[str, Any]] = []
    requisites = field_changes(protocol_field_labels(), before, after)
    if requisites:
        changes.append({"instruction": "", "change": "requisites", "fields": requisites})
    for key in new.keys() - old.keys():
        changes.append({"instruction": new[key]["code"], "change": "added"})
    for key in old.keys() - new.keys():
        changes.append({"instruction": old[key]["code"], "change": "removed"})
    for key in old.keys() & new.keys():
        fields = field_changes(INSTRUCTION_FIELDS, old[key], new[key])
        if fields:
            changes.append({"instruction": new[key]["code"], "change": "changed", "fields": fields})
    return sorted(changes, key=lambda c: c["instruction"])


def field_changes(
    labels: dict[str, str], before: dict[str, Any], after: dict[str, Any]
) -> list[dict[str, Any]]:
    """The fields of ``labels`` whose value differs between two snapshots of one thing."""
    return [
        {
            "field": name,
            "label": label,
            "before": before.get(name),
            "after": after.get(name),
            "before_text": _display(name, before.get(name)),
            "after_text": _display(name, after.get(name)),
        }
        for name, label in labels.items()
        if before.get(name) != after.get(name)
    ]


def _display(field: str, value: Any) -> str:
    """A value as the reviewer reads it in the version history."""
    if value in (None, "", []):
        return "—"
    if field in {"deadline_date", "date", "letter_date"}:
        return format_date_ru(dt.date.fromisoformat(value))
    if field == "report_template":
        return ", ".join(f"«{item.get('label', '')}»" for item in value if isinstance(item, dict))
    if field == "recurrence":
        return str(value.get("description") or value.get("kind"))
    if field == "curator":  # a user id: a query, made only for a curator that changed
        curator = User.objects.filter(pk=value).first()
        return curator.short_name if curator else str(value)
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)
