"""Corrections of a published protocol wait for its next version.

Regions read the live Protocol and Instruction rows (the assignment pages, the API, the
calendar feeds, the exports and dashboards), so once a protocol is published those rows
stay what the regions were sent. An edit of anything a version records
(``snapshot.PROTOCOL_FIELDS``, ``snapshot.INSTRUCTION_FIELDS``) goes into the row's
``pending`` instead. The review page shows and edits the pending values (``shown``,
``chosen_region_codes``, ``unpublished_changes``); publication writes them to the rows
(``apply``) in its own transaction, together with the version, the assignments and the
notices, so a failure anywhere leaves them pending; the reviewer may drop them
(``discard``).

Edited in place: a draft protocol, an instruction added after publication (a draft: no
region holds it yet), and what no version records (source spans, the default curator).
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

from django.db import models, transaction

from protokol.core.audit import record
from protokol.protocols.models import Instruction, Protocol
from protokol.protocols.snapshot import (
    INSTRUCTION_FIELDS,
    PROTOCOL_FIELDS,
    field_changes,
    instruction_snapshot,
    protocol_field_labels,
    requisites_snapshot,
)

# The key of the chosen regions' codes in ``Instruction.pending``.
REGIONS = "regions"

Row = TypeVar("Row", Protocol, Instruction)
Judgement = TypeVar("Judgement")


@dataclass(frozen=True)
class Edit:
    """What an edit changed, as the reviewer saw it: ``before`` → ``after`` by field;
    ``waiting`` names the fields held back for the next version."""

    before: dict[str, Any] = field(default_factory=dict)
    after: dict[str, Any] = field(default_factory=dict)
    waiting: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.after)


def waits(row: Protocol | Instruction, name: str) -> bool:
    """Whether an edit of ``name`` on ``row`` waits for the next version: the row has
    been published and a version records that field."""
    if isinstance(row, Protocol):
        return row.state == Protocol.State.PUBLISHED and name in PROTOCOL_FIELDS
    recorded = {"curator_id" if key == "curator" else key for key in INSTRUCTION_FIELDS}
    return row.state != Instruction.State.DRAFT and name in recorded - {"state"}


def shown(row: Row) -> Row:
    """A copy of ``row`` carrying its pending values, as the review page shows and edits
    it (its regions: ``chosen_region_codes``). Never saved."""
    result = copy.copy(row)
    for name, value in row.pending.items():
        if name != REGIONS:
            setattr(result, name, _decoded(row, name, value))
    return result


def chosen_region_codes(instruction: Instruction) -> list[str]:
    """The codes of the regions the instruction goes to in its next version. Needs
    ``regions`` prefetched (or queries them)."""
    if REGIONS in instruction.pending:
        return list(instruction.pending[REGIONS])
    return _sent_region_codes(instruction)


def edit(row: Row, values: dict[str, Any], region_codes: list[str] | None = None) -> Edit:
    """Set ``values`` (attribute → value) and, on an instruction, the chosen
    ``region_codes``: in ``pending`` what waits (``waits``), on the row the rest.

    ``row`` must be fresh and locked (``select_for_update``) in the caller's transaction:
    its ``pending`` is read, changed and written back. A value set back to what the
    regions have leaves ``pending``.
    """
    current = shown(row)
    before = {k: getattr(current, k) for k, v in values.items() if getattr(current, k) != v}
    after = {k: values[k] for k in before}
    if isinstance(row, Instruction) and region_codes is not None:
        chosen = chosen_region_codes(row)
        if sorted(region_codes) != chosen:
            before[REGIONS], after[REGIONS] = chosen, sorted(region_codes)
    if not after:
        return Edit()
    waiting = tuple(name for name in after if waits(row, name))
    pending = dict(row.pending)
    for name in waiting:
        sent = (
            _sent_region_codes(row)
            if isinstance(row, Instruction) and name == REGIONS
            else getattr(row, name)
        )
        if after[name] == sent:
            pending.pop(name, None)
        else:
            pending[name] = _encoded(after[name])
    row.pending = pending
    _write(row, {name: value for name, value in after.items() if name not in waiting})
    return Edit(before, after, waiting)


def apply(protocol: Protocol) -> None:
    """Write every pending correction of ``protocol`` to its rows.

    Publication calls it first, in its transaction, with ``protocol`` locked: what blocks
    publication, the version and its diff, the assignments and the notices all see the
    corrected rows, and if any of them fails the corrections stay pending. A constant
    number of queries, however many instructions were corrected.
    """
    rows = list(
        Instruction.objects.select_for_update().filter(protocol=protocol).exclude(pending={})
    )
    fields: set[str] = set()
    regions: dict[int, list[str]] = {}
    for row in rows:
        for name, value in row.pending.items():
            if name == REGIONS:
                regions[row.pk] = list(value)
            else:
                setattr(row, name, _decoded(row, name, value))
                fields.add(name)
        row.pending = {}
    if rows:
        Instruction.objects.bulk_update(rows, [*sorted(fields), "pending"])
    if regions:
        chosen = Instruction.regions.through
        chosen.objects.filter(instruction_id__in=regions).delete()
        chosen.objects.bulk_create(
            chosen(instruction_id=pk, region_id=code)
            for pk, codes in regions.items()
            for code in codes
        )
    if protocol.pending:
        values = {name: _decoded(protocol, name, v) for name, v in protocol.pending.items()}
        protocol.pending = {}
        _write(protocol, values)


def discard(protocol: Protocol, user: Any, instruction: Instruction | None = None) -> int:
    """Drop the pending corrections of ``protocol`` (of one ``instruction`` only, if
    given): the rows stay as the regions have them. Audited with what was dropped;
    returns how many rows had any."""
    with transaction.atomic():
        # The protocol first: publication locks it before its instructions.
        locked = Protocol.objects.select_for_update().get(pk=protocol.pk)
        corrected = Instruction.objects.select_for_update().filter(protocol=locked)
        if instruction is not None:
            corrected = corrected.filter(pk=instruction.pk)
        rows = list(corrected.exclude(pending={}))
        dropped = {row.code: row.pending for row in rows}
        Instruction.objects.filter(pk__in=[row.pk for row in rows]).update(pending={})
        if instruction is None and locked.pending:
            dropped["реквизиты"] = locked.pending
            Protocol.objects.filter(pk=locked.pk).update(pending={})
        if dropped:
            record(
                user,
                "protocol.corrections_discarded",
                instruction or locked,
                f"Отменены неопубликованные исправления: {', '.join(dropped)}",
                before=dropped,
            )
    return len(dropped)


def unpublished_changes(row: Protocol | Instruction) -> list[dict[str, Any]]:
    """What the pending corrections of ``row`` change against what the regions have, as
    a version's diff lists it. An instruction needs ``section`` selected and ``regions``
    prefetched."""
    if not row.pending:
        return []
    if isinstance(row, Protocol):
        return field_changes(
            protocol_field_labels(), requisites_snapshot(row), requisites_snapshot(shown(row))
        )
    return field_changes(
        INSTRUCTION_FIELDS,
        instruction_snapshot(row),
        instruction_snapshot(shown(row), chosen_region_codes(row)),
    )


def judged_as_corrected(protocol: Protocol, judge: Callable[[Protocol], Judgement]) -> Judgement:
    """``judge`` run on the protocol as its next version would be: the pending
    corrections applied in a transaction that is then rolled back."""
    with transaction.atomic():
        corrected = Protocol.objects.select_for_update().get(pk=protocol.pk)
        apply(corrected)
        judgement = judge(corrected)
        transaction.set_rollback(True)
    return judgement


def _sent_region_codes(instruction: Instruction) -> list[str]:
    return sorted(region.code for region in instruction.regions.all())


def _write(row: Protocol | Instruction, values: dict[str, Any]) -> None:
    """Set ``values`` on ``row`` and save it, with its ``pending``."""
    for name, value in values.items():
        if name != REGIONS:
            setattr(row, name, value)
    row.save()
    if isinstance(row, Instruction) and REGIONS in values:
        row.regions.set(values[REGIONS])


def _encoded(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _decoded(row: Protocol | Instruction, name: str, value: Any) -> Any:
    """A pending value back as the model field holds it (an ISO date → a date)."""
    model_field = cast(models.Field[Any, Any], type(row)._meta.get_field(name))
    return None if value is None else model_field.to_python(value)
