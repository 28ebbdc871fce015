"""The documents of a publication: the cover letter, and each region's protocol extract.

Extracts are made on first request from the frozen version, not at publication: a
region downloads its own, and 89 of them need not slow the publishing click.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import partial

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from protokol.core.clock import moscow_today
from protokol.extraction.russian import format_date_ru
from protokol.protocols.models import GeneratedDocument, Protocol, ProtocolVersion
from protokol.protocols.rendering.cover_letter import (
    render_cover_letter_docx,
    render_cover_letter_pdf,
)
from protokol.protocols.rendering.data import (
    CoverLetter,
    ExtractItem,
    Letterhead,
    ProtocolExtract,
)
from protokol.protocols.rendering.extract import render_extract_docx
from protokol.regions.models import Region


def letterhead() -> Letterhead:
    return Letterhead(**settings.PROTOKOL_LETTERHEAD)


def default_letter_body(protocol: Protocol) -> str:
    """The sentence a department writes when it sends a protocol for execution."""
    held = f" {format_date_ru(protocol.date)[:-3]} года" if protocol.date else ""
    return (
        f"{settings.PROTOKOL_LETTERHEAD['department']} направляет для исполнения и учета в "
        f"работе протокол совещания, состоявшегося{held} с органами исполнительной власти "
        "субъектов Российской Федерации, осуществляющими государственное управление в сфере "
        "образования."
    )


def cover_letter(protocol: Protocol) -> CoverLetter:
    return CoverLetter(
        letterhead=letterhead(),
        number=protocol.letter_number,
        date=protocol.letter_date,
        addressee=protocol.letter_addressee or settings.PROTOKOL_GROUP_ADDRESSEE,
        title=protocol.letter_title or "О рассылке протокола",
        body=protocol.letter_body or default_letter_body(protocol),
        attachment=protocol.letter_attachment,
        signatory_position=protocol.letter_signatory_position,
        signatory_name=_signed_form(protocol.letter_signatory),
        executor_name=protocol.letter_executor,
        executor_phone=protocol.letter_executor_phone,
    )


def generate_cover_letters(version: ProtocolVersion) -> list[GeneratedDocument]:
    letter = cover_letter(version.protocol)
    stem = f"soprovoditelnoe-pismo-{version.protocol_id}-v{version.number}"
    return [
        _store(version, GeneratedDocument.Kind.COVER_LETTER_DOCX, None, f"{stem}.docx",
               render_cover_letter_docx(letter)),
        _store(version, GeneratedDocument.Kind.COVER_LETTER_PDF, None, f"{stem}.pdf",
               render_cover_letter_pdf(letter)),
    ]  # fmt: skip


def protocol_extract(
    version: ProtocolVersion, region: Region, deadlines: Mapping[str, str]
) -> ProtocolExtract:
    """``deadlines``: the region's own due date of each instruction, worded, keyed as the
    snapshot keys its instructions (``assignments.deadlines.region_deadlines``) — the
    date the region is held to, not the one the protocol states."""
    protocol = version.protocol
    items = tuple(
        ExtractItem(
            section_number=item["section"] or None,
            section_title=item.get("section_title", ""),
            number=item["number"] or None,
            text=item["text"],
            deadline=deadlines.get(key, ""),
        )
        for key, item in version.snapshot["instructions"].items()
        if item["state"] != "withdrawn" and (item["all_regions"] or region.code in item["regions"])
    )
    return ProtocolExtract(
        letterhead=letterhead(),
        protocol_title=protocol.title,
        protocol_number=protocol.number,
        protocol_date=protocol.date,
        place=protocol.place,
        region_name=region.name,
        items=items,
        chair_position=settings.PROTOKOL_CHAIR_POSITION,
        chair_name=_signed_form(protocol.chair),
        certifier_position=protocol.letter_signatory_position,
        certifier_name=_signed_form(protocol.letter_signatory),
        certified_on=moscow_today(),
    )


def extract_document(
    version: ProtocolVersion, region: Region, deadlines: Mapping[str, str]
) -> GeneratedDocument:
    """The region's extract, made once per version and kept until the region's due dates
    change (``forget_extracts``)."""
    existing = version.documents.filter(
        kind=GeneratedDocument.Kind.EXTRACT_DOCX, region=region
    ).first()
    if existing is not None:
        return existing
    data = render_extract_docx(protocol_extract(version, region, deadlines))
    name = f"vypiska-{version.protocol_id}-v{version.number}-{region.code}.docx"
    try:
        with transaction.atomic():
            return _store(version, GeneratedDocument.Kind.EXTRACT_DOCX, region, name, data)
    except IntegrityError:  # made meanwhile by a parallel request
        return version.documents.get(kind=GeneratedDocument.Kind.EXTRACT_DOCX, region=region)


def _store(
    version: ProtocolVersion, kind: str, region: Region | None, name: str, data: bytes
) -> GeneratedDocument:
    document = GeneratedDocument(version=version, kind=kind, region=region, filename=name)
    document.file.save(name, ContentFile(data), save=False)
    document.save()
    return document


def forget_extracts(protocol_id: int, region_codes: Iterable[str]) -> None:
    """Drop the kept extracts of these regions (a document made for a region is its
    extract, in whatever format): they print the regions' due dates, which have just
    changed (an extension granted, a term moved). The files go once the change is
    committed: a rolled-back change keeps both the row and its file."""
    stale = GeneratedDocument.objects.filter(
        version__protocol_id=protocol_id, region_id__in=list(region_codes)
    )
    for document in stale:
        document.delete()
        if document.file.name:
            transaction.on_commit(partial(document.file.storage.delete, document.file.name))


def _signed_form(name: str) -> str:
    """«Софронова М.И.» → «М.И. Софронова»: a signature puts the initials first."""
    surname, _, initials = name.partition(" ")
    return f"{initials} {surname}".strip() if initials else name
