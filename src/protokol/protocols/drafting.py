"""A parse result becomes a draft protocol that a person reviews before publication."""

from __future__ import annotations

from typing import Any

from protokol.core.audit import record
from protokol.extraction.model import Addressees, Document, ParseResult
from protokol.extraction.model import Instruction as ParsedInstruction
from protokol.extraction.regions import all_regions
from protokol.protocols.models import Instruction, Protocol, ReviewWarning, Section, SourceDocument
from protokol.protocols.paperwork import default_letter_body
from protokol.protocols.snapshot import recurrence_to_json

# «Правительственная телеграмма № …» heads a telegram, under the letterhead at most.
_TELEGRAM_HEAD_REACH = 300


def create_draft(result: ParseResult, sources: list[SourceDocument], user: Any) -> Protocol:
    """Persist the protocol (or list of instructions) and its cover letter as a draft."""
    letter = next((d for d in result.documents if d.kind == "letter"), None)
    main = next((d for d in result.documents if d.kind != "letter"), letter)
    protocol = Protocol.objects.create(
        text=result.text,
        created_by=user,
        document_kind=document_kind(main, result.text),
        **_main_fields(main),
        **_letter_fields(letter),
    )
    protocol.sources.set(sources)
    if letter is not None:
        # The cover letter's sentence, composed from the protocol's requisites; the
        # reviewer edits it like any other field before it is sent on publication.
        protocol.letter_body = default_letter_body(protocol)
        protocol.save(update_fields=["letter_body"])
    if main is not None:
        _create_sections(protocol, main)
    ReviewWarning.objects.bulk_create(
        ReviewWarning(
            protocol=protocol,
            code=w.code,
            message=w.message,
            span_start=w.span[0] if w.span else None,
            span_end=w.span[1] if w.span else None,
        )
        for w in result.warnings
    )
    extra = [d for d in result.documents if d.kind != "letter" and d is not main and d.instructions]
    if extra:
        ReviewWarning.objects.create(
            protocol=protocol,
            code="several_documents",
            message="В файле несколько документов с поручениями; импортирован первый. "
            "Остальные загрузите отдельно.",
            span_start=extra[0].span[0],
            span_end=extra[0].span[1],
        )
    record(user, "protocol.drafted", protocol, f"Создан черновик: {protocol}")
    return protocol


def document_kind(document: Document | None, text: str) -> Protocol.DocumentKind:
    """The kind the cover letter names: a telegram is a letter to the extraction library,
    told apart here by the word its heading starts with."""
    if document is None:
        return Protocol.DocumentKind.OTHER
    if document.kind == "letter":
        head = text[document.span[0] : document.span[0] + _TELEGRAM_HEAD_REACH].lower()
        if "телеграмма" in head:
            return Protocol.DocumentKind.TELEGRAM
    return Protocol.DocumentKind(document.kind)


def _main_fields(document: Document | None) -> dict[str, Any]:
    if document is None:
        return {}
    return {
        "number": document.number or "",
        "date": document.date,
        "title": document.title or "",
        "place": document.place or "",
        "issuer": document.issuer or "",
        "chair": document.chair.name if document.chair else "",
        "attendees": [
            {"organization": g.organization, "people": [p.name for p in g.people]}
            for g in document.attendees
        ],
    }


def _letter_fields(letter: Document | None) -> dict[str, Any]:
    if letter is None:
        return {}
    signatory, executor = letter.signatory, letter.executor
    return {
        "letter_number": letter.number or "",
        "letter_date": letter.date,
        "letter_title": letter.title or "",
        "letter_addressee": letter.addressee or "",
        "letter_signatory": signatory.name if signatory else "",
        "letter_signatory_position": (signatory.position or "") if signatory else "",
        "letter_executor": executor.name if executor else "",
        "letter_executor_phone": (executor.phone or "") if executor else "",
        "letter_attachment": letter.attachment.text if letter.attachment else "",
    }


def _create_sections(protocol: Protocol, document: Document) -> None:
    position = 0
    through = Instruction.regions.through
    links = []
    for section_index, parsed_section in enumerate(document.sections):
        section = Section.objects.create(
            protocol=protocol,
            position=section_index,
            number=parsed_section.number or "",
            title=parsed_section.title,
            speakers=[p.name for p in parsed_section.speakers],
            report_noted=parsed_section.report_noted,
        )
        for parsed in parsed_section.instructions:
            instruction = Instruction.objects.create(
                protocol=protocol, section=section, position=position, **instruction_fields(parsed)
            )
            position += 1
            codes = addressed_region_codes(parsed.addressees)
            links += [through(instruction_id=instruction.pk, region_id=code) for code in codes]
    through.objects.bulk_create(links)


def addressed_region_codes(addressees: Addressees) -> list[str]:
    """The regions to link to a drafted instruction: those named, or every region but the
    excluded ones for «всем субъектам, кроме …»."""
    if addressees.all_regions and addressees.excluded:
        left_out = {region.code for region in addressees.excluded}
        return [region.code for region in all_regions() if region.code not in left_out]
    return list(dict.fromkeys(region.code for region in addressees.regions))


def instruction_fields(parsed: ParsedInstruction) -> dict[str, Any]:
    addressees, deadline = parsed.addressees, parsed.deadline
    return {
        "code": parsed.id,
        "number": parsed.number or "",
        "text": parsed.text,
        "kind": parsed.kind,
        "action": parsed.action,
        "report_required": parsed.report_required,
        # «всем субъектам, за исключением …» is stored as the regions left: the model has no
        # exclusions, and all_regions would publish to the excluded ones as well.
        "all_regions": addressees.all_regions and not addressees.excluded,
        "condition": addressees.condition or "",
        "others": list(addressees.others),
        "co_executors": list(addressees.co_executors),
        "deadline_date": deadline.date if deadline else None,
        "deadline_text": deadline.text if deadline else "",
        "deadline_inherited": deadline.inherited if deadline else False,
        "recurrence": recurrence_to_json(deadline.recurrence) if deadline else None,
        "span_start": parsed.span[0],
        "span_end": parsed.span[1],
    }
