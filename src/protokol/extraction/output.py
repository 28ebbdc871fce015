"""The ``protokol.parse/1`` JSON and the Russian text summary of a ``ParseResult``.

Field names and meanings are documented in ``docs/parse-format.md`` and checked by the
packaged JSON Schema (``data/parse.schema.json``). Within ``/1`` fields are only added;
renaming, removing or retyping one is a new schema version.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache
from importlib import resources
from typing import Any

from protokol.extraction.model import (
    Addressees,
    Attachment,
    AttendeeGroup,
    Deadline,
    Document,
    ExtractionWarning,
    Instruction,
    ParseResult,
    Person,
    Recurrence,
    RegionRef,
    Section,
    SourceInfo,
    Span,
)
from protokol.extraction.russian import format_date_ru, plural_ru

SCHEMA_ID = "protokol.parse/1"
_SCHEMA_RESOURCE = ("data", "parse.schema.json")
# Long instruction texts are cut in the summary; the JSON always carries them whole.
_SUMMARY_TEXT_LIMIT = 200

_DOCUMENT_KINDS_RU = {
    "letter": "Письмо",
    "protocol": "Протокол",
    "instructions": "Перечень поручений",
    "other": "Документ",
}
_INSTRUCTION_KINDS_RU = {"mandatory": "обязательное", "recommendation": "рекомендация"}
_ACTIONS_RU = {
    "ensure": "обеспечить",
    "report": "представить информацию",
    "organize": "организовать",
    "consider": "рассмотреть",
    "inform": "проинформировать",
    "appoint": "назначить",
    "other": "иное",
}
_RECURRENCE_KINDS_RU = {
    "weekly": "еженедельно",
    "monthly": "ежемесячно",
    "quarterly": "ежеквартально",
    "half_yearly": "раз в полугодие",
    "yearly": "ежегодно",
    "permanent": "постоянно",
}


def to_dict(result: ParseResult, *, include_text: bool = True) -> dict[str, Any]:
    """The result as plain JSON-ready data (ISO dates, "HH:MM" times, [start, end] spans)."""
    data: dict[str, Any] = {"schema": SCHEMA_ID, "source": _source(result.source)}
    if include_text:
        data["text"] = result.text
    data["documents"] = [_document(d) for d in result.documents]
    data["warnings"] = [_warning(w) for w in result.warnings]
    return data


def to_json(result: ParseResult, *, include_text: bool = True, indent: int | None = 2) -> str:
    """The ``protokol.parse/1`` JSON; Cyrillic is written as is, not as ``\\u`` escapes."""
    return json.dumps(to_dict(result, include_text=include_text), ensure_ascii=False, indent=indent)


def load_schema() -> dict[str, Any]:
    """The packaged JSON Schema (draft 2020-12) of ``to_dict`` output; a fresh copy each call."""
    schema: dict[str, Any] = json.loads(_schema_text())
    return schema


@lru_cache(maxsize=1)
def _schema_text() -> str:
    return (
        resources.files("protokol.extraction")
        .joinpath(*_SCHEMA_RESOURCE)
        .read_text(encoding="utf-8")
    )


# --- JSON -----------------------------------------------------------------------------


def _source(source: SourceInfo) -> dict[str, Any]:
    return {
        "filename": source.filename,
        "format": source.format,
        "sha256": source.sha256,
        "size": source.size,
    }


def _document(document: Document) -> dict[str, Any]:
    return {
        "kind": document.kind,
        "number": document.number,
        "date": _date(document.date),
        "title": document.title,
        "issuer": document.issuer,
        "place": document.place,
        "addressee": document.addressee,
        "signatory": _optional_person(document.signatory),
        "executor": _optional_person(document.executor),
        "attachment": _attachment(document.attachment),
        "chair": _optional_person(document.chair),
        "attendees": [_attendee_group(g) for g in document.attendees],
        "sections": [_section(s) for s in document.sections],
        "span": _span(document.span),
    }


def _section(section: Section) -> dict[str, Any]:
    return {
        "number": section.number,
        "title": section.title,
        "speakers": [p.name for p in section.speakers],
        "speaker_details": [_person(p) for p in section.speakers],
        "report_noted": section.report_noted,
        "instructions": [_instruction(i) for i in section.instructions],
        "span": _span(section.span),
    }


def _instruction(instruction: Instruction) -> dict[str, Any]:
    return {
        "id": instruction.id,
        "section": instruction.section,
        "number": instruction.number,
        "text": instruction.text,
        "kind": instruction.kind,
        "action": instruction.action,
        "report_required": instruction.report_required,
        "addressees": _addressees(instruction.addressees),
        "deadline": _deadline(instruction.deadline),
        "span": _span(instruction.span),
    }


def _addressees(addressees: Addressees) -> dict[str, Any]:
    return {
        "all_regions": addressees.all_regions,
        "condition": addressees.condition,
        "others": list(addressees.others),
        "co_executors": list(addressees.co_executors),
        "regions": [_region(r) for r in addressees.regions],
        "excluded": [_region(r) for r in addressees.excluded],
        "districts": list(addressees.districts),
        "text": addressees.text,
    }


def _region(region: RegionRef) -> dict[str, Any]:
    return {
        "code": region.code,
        "name": region.name,
        "as_written": region.as_written,
        "span": _span(region.span),
    }


def _deadline(deadline: Deadline | None) -> dict[str, Any] | None:
    if deadline is None:
        return None
    return {
        "date": _date(deadline.date),
        "text": deadline.text,
        "recurrence": _recurrence(deadline.recurrence),
        "inherited": deadline.inherited,
        "due_date": _date(deadline.due_date),
        "time": None if deadline.time is None else deadline.time.strftime("%H:%M"),
        "basis": deadline.basis,
        "span": _span(deadline.span),
    }


def _recurrence(recurrence: Recurrence | None) -> dict[str, Any] | None:
    if recurrence is None:
        return None
    return {
        "kind": recurrence.kind,
        "description": recurrence.description,
        "day_of_month": recurrence.day_of_month,
        "month": recurrence.month,
        "weekday": recurrence.weekday,
    }


def _person(person: Person) -> dict[str, Any]:
    return {
        "name": person.name,
        "as_written": person.as_written,
        "position": person.position,
        "phone": person.phone,
    }


def _optional_person(person: Person | None) -> dict[str, Any] | None:
    return None if person is None else _person(person)


def _attendee_group(group: AttendeeGroup) -> dict[str, Any]:
    return {"organization": group.organization, "people": [_person(p) for p in group.people]}


def _attachment(attachment: Attachment | None) -> dict[str, Any] | None:
    if attachment is None:
        return None
    return {"text": attachment.text, "sheets": attachment.sheets, "copies": attachment.copies}


def _warning(warning: ExtractionWarning) -> dict[str, Any]:
    return {
        "code": warning.code,
        "message": warning.message,
        "span": None if warning.span is None else _span(warning.span),
    }


def _date(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def _span(span: Span) -> list[int]:
    return [span[0], span[1]]


# --- text summary ---------------------------------------------------------------------


def render_text(result: ParseResult) -> str:
    """A Russian summary for a person at a terminal: documents, sections, instructions, doubts."""
    source = result.source
    lines = [
        f"Файл: {source.filename or '(без имени)'} ({source.format}, {source.size} байт)",
        f"Документов: {len(result.documents)}; поручений: {len(result.instructions)}; "
        f"предупреждений: {len(result.warnings)}",
    ]
    for document in result.documents:
        lines.append("")
        lines.extend(_document_lines(document))
    lines.append("")
    if result.warnings:
        lines.append("Предупреждения:")
        lines.extend(f"  - [{w.code}] {w.message}{_position(w.span)}" for w in result.warnings)
    else:
        lines.append("Предупреждений нет.")
    return "\n".join(lines) + "\n"


def _document_lines(document: Document) -> list[str]:
    heading = _DOCUMENT_KINDS_RU[document.kind]
    if document.number:
        heading += f" № {document.number}"
    if document.date:
        heading += f" от {format_date_ru(document.date)}"
    lines = [heading]
    fields = (
        ("Заголовок", document.title),
        ("Автор", document.issuer),
        ("Место", document.place),
        ("Адресат", document.addressee),
        ("Подписал", _person_label(document.signatory)),
        ("Исполнитель", _person_label(document.executor)),
        ("Приложение", _attachment_label(document.attachment)),
        ("Председательствовал", _person_label(document.chair)),
    )
    lines.extend(f"  {label}: {value}" for label, value in fields if value)
    if document.attendees:
        people = sum(len(g.people) for g in document.attendees)
        lines.append(
            f"  Присутствовали: {people} чел. из {len(document.attendees)} "
            f"{plural_ru(len(document.attendees), 'организации', 'организаций', 'организаций')}"
        )
    for section in document.sections:
        lines.extend(_section_lines(section))
    return lines


def _section_lines(section: Section) -> list[str]:
    title = f"{section.number}. {section.title}" if section.number else section.title
    lines = ["", f"  {title}"]
    if section.speakers:
        lines.append("    Докладчики: " + ", ".join(p.name for p in section.speakers))
    if section.report_noted:
        lines.append("    Доклад принят к сведению.")
    if not section.instructions:
        lines.append("    Поручений нет.")
    for instruction in section.instructions:
        lines.extend(_instruction_lines(instruction))
    return lines


def _instruction_lines(instruction: Instruction) -> list[str]:
    report = "с отчётом" if instruction.report_required else "без отчёта"
    text = " ".join(instruction.text.split())
    if len(text) > _SUMMARY_TEXT_LIMIT:
        text = text[:_SUMMARY_TEXT_LIMIT].rstrip() + "…"
    addressees = instruction.addressees
    lines = [
        f"    {instruction.id} — {_INSTRUCTION_KINDS_RU[instruction.kind]}, "
        f"{_ACTIONS_RU[instruction.action]}, {report}",
        f"      {text}",
        f"      Адресаты: {_addressees_label(addressees)}",
    ]
    if addressees.condition:
        lines.append(f"      Условие: {addressees.condition}")
    if addressees.others:
        lines.append("      Иные адресаты: " + "; ".join(addressees.others))
    if addressees.co_executors:
        lines.append("      Соисполнители: " + "; ".join(addressees.co_executors))
    lines.append(f"      Срок: {_deadline_label(instruction.deadline)}")
    return lines


def _addressees_label(addressees: Addressees) -> str:
    if addressees.all_regions:
        return "все субъекты"
    if addressees.regions:
        count = len(addressees.regions)
        names = ", ".join(r.name for r in addressees.regions)
        return f"{count} {plural_ru(count, 'субъект', 'субъекта', 'субъектов')}: {names}"
    if addressees.condition:
        return "субъекты по условию"
    return "не определены"


def _deadline_label(deadline: Deadline | None) -> str:
    if deadline is None:
        return "без срока"
    if deadline.date is None:
        label = f"«{deadline.text}» (дата не определена)"
    else:
        at_time = f"{deadline.time:%H:%M} " if deadline.time else ""
        label = f"до {at_time}{format_date_ru(deadline.date)}"
        if deadline.basis == "inline":
            # Not stated as a term: a date the reviewer should confirm.
            label = f"{format_date_ru(deadline.date)} (дата из текста поручения)"
        if deadline.due_date and deadline.due_date != deadline.date:
            label += f" (к исполнению — {format_date_ru(deadline.due_date)})"
    if deadline.recurrence is not None:
        label += f"; {_recurrence_label(deadline.recurrence)}"
    if deadline.inherited:
        label += "; общий срок блока"
    return label


def _recurrence_label(recurrence: Recurrence) -> str:
    return recurrence.description or _RECURRENCE_KINDS_RU[recurrence.kind]


def _attachment_label(attachment: Attachment | None) -> str | None:
    if attachment is None:
        return None
    # The mark is stored as written, with its own «Приложение:» label.
    return attachment.text.removeprefix("Приложение:").strip() or attachment.text


def _person_label(person: Person | None) -> str | None:
    if person is None:
        return None
    return ", ".join(part for part in (person.name, person.position, person.phone) if part)


def _position(span: Span | None) -> str:
    return "" if span is None else f" (символы {span[0]}–{span[1]})"
