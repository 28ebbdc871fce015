"""Review of an extracted protocol: every edit is saved at once and audited.

Edits apply to drafts and to published protocols alike; on a published protocol they
wait in the rows' ``pending`` (``corrections.py``) and reach the regions when the next
version is published (``publishing.publish``).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from protokol.core.audit import record
from protokol.extraction.deadlines import default_term
from protokol.protocols.corrections import Edit, chosen_region_codes, edit, shown
from protokol.protocols.models import Instruction, Protocol, ReviewWarning, Section
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


class PublicationRefused(Exception):
    """The protocol is not ready; ``problems`` are Russian sentences for the reviewer."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def publication_problems(protocol: Protocol) -> list[str]:
    """Everything that blocks publication, in the order a reviewer fixes it."""
    problems = []
    if not protocol.number or not protocol.date:
        problems.append("Укажите номер и дату протокола.")
    instructions = list(
        protocol.instructions.exclude(state=Instruction.State.WITHDRAWN).prefetch_related("regions")
    )
    if not instructions:
        problems.append("В протоколе нет ни одного поручения.")
    for instruction in instructions:
        has_regions = instruction.all_regions or bool(instruction.regions.all())
        if not has_regions and not instruction.others:
            if instruction.condition:
                problems.append(
                    f"{instruction.code}: выберите субъекты РФ, отвечающие условию "
                    f"«{instruction.condition}»."
                )
            else:
                problems.append(f"{instruction.code}: не указаны адресаты.")
        if (
            not instruction.is_recommendation
            and instruction.deadline_date is None
            and not instruction.recurrence
            and not instruction.without_deadline
        ):
            problems.append(f"{instruction.code}: укажите срок или отметьте «без срока».")
    return problems
