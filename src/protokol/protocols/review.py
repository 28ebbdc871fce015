"""Review of an extracted protocol: every edit is saved at once and audited.

Edits apply to drafts and to published protocols alike; on a published protocol they
wait in the rows' ``pending`` (``corrections.py``) and reach the regions when the next
version is published (``publishing.publish``).
What blocks a publication is decided here too, once (``publication_blockers``): the review
page, the pre-publication summary, publishing itself and the command line all read it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Count, F
from django.utils import timezone

from protokol.core.audit import record
from protokol.core.clock import moscow_today
from protokol.extraction.deadlines import default_term
from protokol.extraction.russian import format_date_ru
from protokol.protocols.corrections import Edit, chosen_region_codes, edit, shown
from protokol.protocols.models import (
    Instruction,
    Protocol,
    ReviewWarning,
    Section,
    SourceDocument,
)
from protokol.protocols.report_template import template_problems
from protokol.protocols.warning_labels import warning_label


class ReviewError(Exception):
    """An edit that cannot be made; the message is for the reviewer."""


def _plain(values: dict[str, Any]) -> dict[str, Any]:
    """JSON-safe copy for the audit trail: dates as ISO strings, objects as their text."""

    def plain(value: Any) -> Any:
        if value is None or isinstance(value, bool | int | str | list | dict):
            return value
        return value.isoformat() if hasattr(value, "isoformat") else str(value)

    return {key: plain(value) for key, value in values.items()}


def _unpublished(edited: Edit) -> str:
    """The audit summary's note on an edit held back for the next version."""
    return " (не опубликовано)" if edited.waiting else ""


def update_protocol(protocol: Protocol, values: dict[str, Any], user: Any) -> bool:
    """Set requisites; returns whether anything changed."""
    with transaction.atomic():
        protocol = Protocol.objects.select_for_update().get(pk=protocol.pk)
        edited = edit(protocol, values)
        if not edited:
            return False
        record(user, "protocol.edited", protocol,
               f"Изменены реквизиты: {', '.join(edited.after)}{_unpublished(edited)}",
               before=_plain(edited.before), after=_plain(edited.after))  # fmt: skip
    return True


def update_instruction(
    instruction: Instruction, values: dict[str, Any], region_codes: list[str] | None, user: Any
) -> bool:
    """Set fields and (when given) the chosen regions; returns whether anything changed."""
    _check_editable(instruction)
    with transaction.atomic():
        instruction = Instruction.objects.select_for_update().get(pk=instruction.pk)
        edited = edit(instruction, values, region_codes)
        if not edited:
            return False
        record(
            user,
            "instruction.edited",
            instruction,
            f"Изменено поручение {instruction.code}: {', '.join(edited.after)}"
            f"{_unpublished(edited)}",
            before=_plain(edited.before),
            after=_plain(edited.after),
        )
    return True


def add_instruction(
    protocol: Protocol, section: Section | None, user: Any, after: Instruction | None = None
) -> Instruction:
    """A new empty instruction after ``after`` (or at the end of the section)."""
    with transaction.atomic():
        if after is not None:
            position = after.position + 1
        else:
            last = protocol.instructions.order_by("-position").first()
            position = last.position + 1 if last else 0
        protocol.instructions.filter(position__gte=position).update(position=F("position") + 1)
        code = _free_code(protocol, f"{section.number}.н" if section and section.number else "н")
        instruction = Instruction.objects.create(
            protocol=protocol,
            section=section or (after.section if after else None),
            position=position,
            code=code,
            text="",
            all_regions=True,
        )
        record(user, "instruction.added", instruction, f"Добавлено поручение {code}")
    return instruction


def split_instruction(instruction: Instruction, at: int, user: Any) -> Instruction:
    """Cut the text at character ``at``: the tail becomes a new instruction right after,
    with the same addressees and deadline.

    Of a published instruction the text as corrected is cut; the shorter text waits for
    the next version, and the new instruction is a draft until then.
    """
    _check_editable(instruction)
    with transaction.atomic():
        instruction = Instruction.objects.select_for_update().get(pk=instruction.pk)
        current = shown(instruction)
        head, tail = current.text[:at].strip(), current.text[at:].strip()
        if not head or not tail:
            raise ReviewError("Место разделения должно быть внутри текста поручения.")
        instruction.protocol.instructions.filter(position__gt=instruction.position).update(
            position=F("position") + 1
        )
        second = shown(instruction)
        second.pk = None
        second.pending = {}
        second.code = _free_code(instruction.protocol, f"{current.code}а")
        second.text = tail
        second.position = instruction.position + 1
        second.span_start = second.span_end = None
        second.state = Instruction.State.DRAFT
        second.save()
        second.regions.set(chosen_region_codes(instruction))  # type: ignore[arg-type]  # Region's pk is its code
        edited = edit(instruction, {"text": head})
        record(user, "instruction.split", instruction,
               f"Поручение {instruction.code} разделено; новое — {second.code}"
               f"{_unpublished(edited)}")  # fmt: skip
    return second


def merge_instructions(first: Instruction, second: Instruction, user: Any) -> Instruction:
    """Append ``second`` to ``first``: texts joined, addressees united, the earlier deadline kept."""
    _check_editable(first)
    _check_editable(second)
    if first.protocol_id != second.protocol_id or first.pk == second.pk:
        raise ReviewError("Объединять можно два разных поручения одного протокола.")
    if second.state != Instruction.State.DRAFT:
        raise ReviewError("Опубликованное поручение нельзя поглотить: отзовите его.")
    with transaction.atomic():
        first = Instruction.objects.select_for_update().get(pk=first.pk)
        current = shown(first)
        values: dict[str, Any] = {
            "text": f"{current.text} {second.text}".strip(),
            "all_regions": current.all_regions or second.all_regions,
            "others": list(dict.fromkeys([*current.others, *second.others])),
            "co_executors": list(dict.fromkeys([*current.co_executors, *second.co_executors])),
        }
        if second.deadline_date and (
            current.deadline_date is None or second.deadline_date < current.deadline_date
        ):
            values["deadline_date"] = second.deadline_date
            values["deadline_text"] = second.deadline_text
        if current.span_start is not None and second.span_end is not None:
            values["span_end"] = max(current.span_end or 0, second.span_end)
        regions = {*chosen_region_codes(first), *second.regions.values_list("code", flat=True)}
        edited = edit(first, values, sorted(regions))
        code = second.code
        second.delete()
        record(user, "instruction.merged", first,
               f"Поручение {code} объединено с {first.code}{_unpublished(edited)}")  # fmt: skip
    return shown(first)


def move_instruction(instruction: Instruction, offset: int, user: Any) -> None:
    """Swap with the previous (``offset`` -1) or next (+1) instruction."""
    siblings = instruction.protocol.instructions
    neighbour = (
        siblings.filter(position__lt=instruction.position).order_by("-position").first()
        if offset < 0
        else siblings.filter(position__gt=instruction.position).order_by("position").first()
    )
    if neighbour is None:
        return
    if Instruction.State.DRAFT not in {instruction.state, neighbour.state}:
        # Regions hold them in this order; only an instruction added since may move.
        raise ReviewError(
            "Опубликованные поручения не меняются местами: их порядок задан протоколом."
        )
    with transaction.atomic():
        instruction.position, neighbour.position = neighbour.position, instruction.position
        Instruction.objects.bulk_update([instruction, neighbour], ["position"])
        record(user, "instruction.moved", instruction, f"Поручение {instruction.code} перемещено")


def delete_instruction(instruction: Instruction, user: Any) -> None:
    if instruction.state != Instruction.State.DRAFT:
        raise ReviewError(
            "Опубликованное поручение не удаляется, а отзывается с уведомлением регионов."
        )
    with transaction.atomic():
        record(user, "instruction.deleted", instruction.protocol,
               f"Удалено поручение {instruction.code}", before={"text": instruction.text})  # fmt: skip
        instruction.delete()


def delete_draft(protocol: Protocol, user: Any) -> list[str]:
    """Delete a draft that will not be published, with the source files no other protocol
    was imported from; returns the names of the files deleted.

    Only a draft: once published, regions hold assignments of it and it is withdrawn
    instead (``publishing.withdraw_protocol``). The files leave the storage after the
    commit, so a rolled-back deletion never loses them.
    """
    with transaction.atomic():
        protocol = Protocol.objects.select_for_update().get(pk=protocol.pk)
        if not protocol.is_draft or protocol.versions.exists():
            raise ReviewError("Опубликованный протокол не удаляется, а отзывается.")
        # Counted on a fresh join: through ``protocol.sources`` every count would be one.
        sources = list(
            SourceDocument.objects.filter(pk__in=protocol.sources.values("pk"))
            .annotate(uses=Count("protocols"))
            .filter(uses=1)
            .order_by("pk")
        )
        record(
            user,
            "protocol.deleted",
            protocol,
            f"Удалён черновик {protocol}"
            + (f" ({protocol.title[:200]})" if protocol.title else ""),
            before={
                "number": protocol.number,
                "date": protocol.date.isoformat() if protocol.date else None,
                "title": protocol.title,
                "instructions": protocol.instructions.count(),
                "sources": [{"filename": s.filename, "sha256": s.sha256} for s in sources],
            },
        )
        stored = [(s.file.storage, s.file.name) for s in sources if s.file.name]
        protocol.delete()
        SourceDocument.objects.filter(pk__in=[source.pk for source in sources]).delete()

        def remove_files() -> None:
            for storage, name in stored:
                storage.delete(name)

        transaction.on_commit(remove_files)
    return [source.filename for source in sources]


def decide_warning(warning: ReviewWarning, status: str, note: str, user: Any) -> None:
    if status not in {ReviewWarning.Status.RESOLVED, ReviewWarning.Status.DISMISSED}:
        raise ReviewError("Неизвестное решение по предупреждению.")
    if status == ReviewWarning.Status.DISMISSED and not note.strip():
        raise ReviewError("Укажите, почему предупреждение отклонено.")
    warning.status, warning.note = status, note.strip()
    warning.decided_by, warning.decided_at = user, timezone.now()
    warning.save(update_fields=["status", "note", "decided_by", "decided_at"])
    record(user, "warning.decided", warning.protocol,
           f"Предупреждение «{warning_label(warning.code)}»: {warning.get_status_display()}",
           after={"note": warning.note})  # fmt: skip


def apply_default_terms(protocol: Protocol, user: Any) -> int:
    """Give every mandatory instruction without a deadline the default term (DOMAIN.md §1).

    Judged on the instructions as corrected; on a published one the term waits for the
    next version like any edit.
    """
    date = shown(protocol).date
    if date is None:
        raise ReviewError("Сначала укажите дату протокола: от неё отсчитывается срок.")
    due = default_term(date)
    with transaction.atomic():
        instructions = protocol.instructions.select_for_update().exclude(
            state__in=[Instruction.State.WITHDRAWN, Instruction.State.CLOSED]
        )
        termless = [i for i in instructions if _needs_default_term(shown(i))]
        for instruction in termless:
            values = {"deadline_date": due, "deadline_text": "в месячный срок (срок по умолчанию)"}
            edit(instruction, values)
        if termless:
            record(user, "protocol.default_terms", protocol,
                   f"Срок по умолчанию ({due:%d.%m.%Y}) установлен для {len(termless)} поручений")  # fmt: skip
    return len(termless)


def _needs_default_term(instruction: Instruction) -> bool:
    return (
        instruction.kind == Instruction.Kind.MANDATORY
        and instruction.deadline_date is None
        and not instruction.recurrence
        and not instruction.without_deadline
    )


def _check_editable(instruction: Instruction) -> None:
    if instruction.state in {Instruction.State.WITHDRAWN, Instruction.State.CLOSED}:
        raise ReviewError(f"Поручение {instruction.code} снято с контроля и не редактируется.")


def _free_code(protocol: Protocol, wanted: str) -> str:
    taken = set(protocol.instructions.values_list("code", flat=True))
    code, suffix = wanted, 2
    while code in taken:
        code, suffix = f"{wanted}{suffix}", suffix + 1
    return code


def set_report_template(instruction: Instruction, template: list[Any], user: Any) -> bool:
    """Define the form regions fill in when reporting (``Instruction.report_template``);
    returns whether it changed.

    On a published instruction the new form is asked from the next version on; reports
    already sent keep their answers (stored by key).
    """
    _check_editable(instruction)
    problems = template_problems(template)
    if problems:
        raise ReviewError(" ".join(problems))
    with transaction.atomic():
        instruction = Instruction.objects.select_for_update().get(pk=instruction.pk)
        edited = edit(instruction, {"report_template": template})
        if not edited:
            return False
        labels = ", ".join(f"«{field['label']}»" for field in template) or "без полей"
        record(user, "instruction.report_template", instruction,
               f"Форма отчёта поручения {instruction.code}: {labels}{_unpublished(edited)}",
               before={"report_template": edited.before["report_template"] or []},
               after={"report_template": template})  # fmt: skip
    return True


# --- what blocks publication ------------------------------------------------------------

# A deadline further ahead than this is more likely a misread year than a real term.
DEADLINE_HORIZON = dt.timedelta(days=365)

# The letter's requisites a cover letter cannot go out without (DOMAIN.md §3), with the
# words the reviewer reads.
LETTER_REQUISITES = {
    "letter_number": "номер",
    "letter_date": "дата",
    "letter_signatory": "подписант",
    "letter_executor": "исполнитель",
}

# Every kind of blocking item, as the reviewer reads it.
BLOCKER_KINDS = {
    "protocol_requisites": "Нет номера или даты протокола",
    "letter_requisites": "Не заполнены реквизиты письма",
    "no_instructions": "Нет поручений",
    "no_addressee": "Не указаны адресаты",
    "condition_regions": "Не выбраны субъекты под условие",
    "no_deadline": "Не указан срок",
    "deadline_past": "Срок уже прошёл",
    "deadline_far": "Срок больше чем через год",
    "open_warning": "Предупреждение распознавания",
}
# What may go out as it is when the reviewer explains why; the rest must be fixed.
ACCEPTABLE_KINDS = frozenset({"letter_requisites", "deadline_past", "deadline_far", "open_warning"})


@dataclass(frozen=True)
class Blocker:
    """One item of the blocking list: what stops publication until fixed or accepted.

    ``code`` names the kind (``BLOCKER_KINDS``), ``text`` is the Russian sentence;
    ``instruction`` or ``warning`` is what it concerns. An ``acceptable`` item may be
    published as it is when the reviewer explains why in a note (``Acceptances``); the
    others must be fixed.
    """

    code: str
    text: str
    instruction: Instruction | None = None
    warning: ReviewWarning | None = None

    @property
    def acceptable(self) -> bool:
        return self.code in ACCEPTABLE_KINDS

    @property
    def label(self) -> str:
        return BLOCKER_KINDS[self.code]

    @property
    def key(self) -> str:
        """The same item keeps its key from page to page: acceptances are filed under it."""
        concerned = self.instruction or self.warning
        return f"{self.code}-{concerned.pk}" if concerned is not None else self.code

    @property
    def anchor(self) -> str:
        """Where the review page fixes it."""
        if self.instruction is not None:
            return f"instruction-{self.instruction.pk}"
        if self.warning is not None:
            return f"warning-item-{self.warning.pk}"
        return "protocol-form"


@dataclass(frozen=True)
class Acceptances:
    """The reviewer's notes on the acceptable items they publish as they are.

    ``notes`` by item key, ``kinds`` one note for every item of a kind (a protocol
    imported late has all its deadlines in the past), ``every`` one note for all (the
    command line's ``--accept``, the demo sample). Only a non-blank note accepts.
    """

    notes: Mapping[str, str] = field(default_factory=dict)
    kinds: Mapping[str, str] = field(default_factory=dict)
    every: str = ""

    def note_for(self, blocker: Blocker) -> str:
        if not blocker.acceptable:
            return ""
        for note in (self.notes.get(blocker.key), self.kinds.get(blocker.code), self.every):
            if note and note.strip():
                return note.strip()
        return ""


class PublicationRefused(Exception):
    """The protocol is not ready; ``blockers`` are what is neither fixed nor accepted."""

    def __init__(self, blockers: list[Blocker]) -> None:
        self.blockers = blockers
        self.problems = [blocker.text for blocker in blockers]
        super().__init__("; ".join(self.problems))


def publication_blockers(protocol: Protocol) -> list[Blocker]:
    """The blocking list, in the order a reviewer fixes it: the protocol's and the
    letter's requisites, each instruction's addressees and deadline, then the open
    warnings of extraction.

    A deadline is judged only on instructions not yet sent: a correction of a published
    protocol months later must not re-open the regions' terms that have since passed.
    """
    blockers = []
    if not protocol.number or not protocol.date:
        blockers.append(Blocker("protocol_requisites", "Укажите номер и дату протокола."))
    missing = missing_letter_requisites(protocol)
    if missing:
        blockers.append(
            Blocker(
                "letter_requisites",
                f"Не заполнены реквизиты сопроводительного письма: {', '.join(missing)}.",
            )
        )
    instructions = list(
        protocol.instructions.exclude(state=Instruction.State.WITHDRAWN).prefetch_related("regions")
    )
    if not instructions:
        blockers.append(Blocker("no_instructions", "В протоколе нет ни одного поручения."))
    today = moscow_today()
    for instruction in instructions:
        blockers.extend(_instruction_blockers(instruction, today))
    blockers.extend(
        Blocker(
            "open_warning",
            f"Предупреждение «{warning_label(warning.code)}»: {warning.message}",
            warning=warning,
        )
        for warning in protocol.warnings.filter(status=ReviewWarning.Status.OPEN)
    )
    return blockers


def missing_letter_requisites(protocol: Protocol) -> list[str]:
    """The empty requisites of the cover letter, as the reviewer names them."""
    return [label for name, label in LETTER_REQUISITES.items() if not getattr(protocol, name)]


def _instruction_blockers(instruction: Instruction, today: dt.date) -> list[Blocker]:
    """Needs ``regions`` prefetched."""
    blockers = []
    code = instruction.code
    has_regions = instruction.all_regions or bool(instruction.regions.all())
    if not has_regions and not instruction.others:
        if instruction.condition:
            text = f"{code}: выберите субъекты РФ, отвечающие условию «{instruction.condition}»."
            blockers.append(Blocker("condition_regions", text, instruction=instruction))
        else:
            text = f"{code}: не указаны адресаты."
            blockers.append(Blocker("no_addressee", text, instruction=instruction))
    deadline = instruction.deadline_date
    if (
        not instruction.is_recommendation
        and deadline is None
        and not instruction.recurrence
        and not instruction.without_deadline
    ):
        text = f"{code}: укажите срок или отметьте «без срока»."
        blockers.append(Blocker("no_deadline", text, instruction=instruction))
    if deadline is not None and instruction.state == Instruction.State.DRAFT:
        if deadline < today:
            text = f"{code}: срок {format_date_ru(deadline)} уже прошёл."
            blockers.append(Blocker("deadline_past", text, instruction=instruction))
        elif deadline > today + DEADLINE_HORIZON:
            text = f"{code}: срок {format_date_ru(deadline)} — больше чем через год."
            blockers.append(Blocker("deadline_far", text, instruction=instruction))
    return blockers


def unaccepted(blockers: list[Blocker], accepted: Acceptances) -> list[Blocker]:
    """What still stops publication once the reviewer's notes are taken into account."""
    return [blocker for blocker in blockers if not accepted.note_for(blocker)]


def record_acceptances(
    protocol: Protocol, blockers: list[Blocker], accepted: Acceptances, user: Any
) -> int:
    """Put each accepted item with its note into the audit trail; an accepted warning is
    dismissed with that note. Returns how many were accepted."""
    count = 0
    for blocker in blockers:
        note = accepted.note_for(blocker)
        if not note:
            continue
        if blocker.warning is not None:
            decide_warning(blocker.warning, ReviewWarning.Status.DISMISSED, note, user)
        record(
            user,
            "publication.accepted",
            blocker.instruction or protocol,
            f"Принято при публикации: {blocker.text} Пояснение: {note}",
            after={"code": blocker.code, "key": blocker.key, "note": note},
        )
        count += 1
    return count
