"""The documents of a publication: the cover letter, and each region's protocol extract.

Extracts are made on first request from the frozen version, not at publication: a
region downloads its own, and 89 of them need not slow the publishing click.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, models, transaction

from protokol.core.clock import moscow_today
from protokol.core.downloads import document_filename
from protokol.extraction.russian import end_sentence, format_date_ru
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
from protokol.protocols.rendering.dates import format_date_numeric
from protokol.protocols.rendering.extract import render_extract_docx, render_extract_pdf
from protokol.regions.models import Region

# The letter's requisites that nothing can stand in for (ГОСТ Р 7.0.97: дата и регистрационный
# номер, подпись, отметка об исполнителе), in the order they stand on the page. Addressee,
# title and text have defaults; the attachment mark is there only when there is one.
REQUIRED_LETTER_FIELDS = (
    "letter_number",
    "letter_date",
    "letter_signatory_position",
    "letter_signatory",
    "letter_executor",
    "letter_executor_phone",
)

EXTRACT_FORMATS: dict[str, tuple[str, Callable[[ProtocolExtract], bytes]]] = {
    "docx": (GeneratedDocument.Kind.EXTRACT_DOCX, render_extract_docx),
    "pdf": (GeneratedDocument.Kind.EXTRACT_PDF, render_extract_pdf),
}


@dataclass(frozen=True)
class LetterWording:
    """How the department's letter names what it sends, by the kind of the document."""

    title: str  # заголовок к тексту
    sends: str  # what «направляет для исполнения …» is followed by (accusative)


LETTER_WORDING = {
    Protocol.DocumentKind.PROTOCOL: LetterWording("О рассылке протокола", "протокол"),
    Protocol.DocumentKind.INSTRUCTIONS: LetterWording(
        "О направлении перечня поручений", "перечень поручений"
    ),
    Protocol.DocumentKind.LETTER: LetterWording("О направлении письма", "копию письма"),
    Protocol.DocumentKind.TELEGRAM: LetterWording(
        "О направлении телеграммы", "копию правительственной телеграммы"
    ),
    Protocol.DocumentKind.OTHER: LetterWording("О направлении документа", "документ"),
}


def letterhead() -> Letterhead:
    return Letterhead(**settings.PROTOKOL_LETTERHEAD)


def letter_wording(protocol: Protocol) -> LetterWording:
    return LETTER_WORDING[Protocol.DocumentKind(protocol.document_kind)]


def default_letter_body(protocol: Protocol) -> str:
    """The sentence a department writes when it sends a protocol (a list of instructions,
    a letter, a telegram) for execution."""
    department = settings.PROTOKOL_LETTERHEAD["department"]
    if protocol.document_kind == Protocol.DocumentKind.PROTOCOL:
        held = f" {format_date_ru(protocol.date, year_in_words=True)}" if protocol.date else ""
        return (
            f"{department} направляет для исполнения и учета в работе протокол совещания, "
            f"состоявшегося{held} с органами исполнительной власти субъектов Российской "
            "Федерации, осуществляющими государственное управление в сфере образования."
        )
    reference = "".join(
        (
            f" от {format_date_ru(protocol.date)}" if protocol.date else "",
            f" № {protocol.number}" if protocol.number else "",
            f" «{protocol.title}»" if protocol.title else "",
        )
    )
    return end_sentence(
        f"{department} направляет для исполнения и учета в работе "
        f"{letter_wording(protocol).sends}{reference}"
    )


def cover_letter(protocol: Protocol) -> CoverLetter:
    return CoverLetter(
        letterhead=letterhead(),
        number=protocol.letter_number,
        date=protocol.letter_date,
        addressee=protocol.letter_addressee or settings.PROTOKOL_GROUP_ADDRESSEE,
        title=protocol.letter_title or letter_wording(protocol).title,
        body=protocol.letter_body or default_letter_body(protocol),
        attachment=protocol.letter_attachment,
        signatory_position=protocol.letter_signatory_position,
        signatory_name=signed_form(protocol.letter_signatory),
        executor_name=protocol.letter_executor,
        executor_phone=protocol.letter_executor_phone,
    )


def missing_letter_requisites(protocol: Protocol) -> list[str]:
    """The cover letter's requisites still empty, by their Russian names («номер письма»,
    «дата письма», «подписант» …): a letter goes out only with none of them blank."""
    missing = []
    for name in REQUIRED_LETTER_FIELDS:
        value = getattr(protocol, name)
        if value is None or (isinstance(value, str) and not value.strip()):
            field = Protocol._meta.get_field(name)
            assert isinstance(field, models.Field)  # a column, not a relation
            missing.append(str(field.verbose_name))
    return missing


def cover_letter_filename(protocol: Protocol, extension: str) -> str:
    """«Сопроводительное письмо 05-4017 от 02.11.2024.docx»."""
    parts = ["Сопроводительное письмо", protocol.letter_number.strip()]
    if protocol.letter_date:
        parts.append(f"от {format_date_numeric(protocol.letter_date)}")
    return document_filename(" ".join(part for part in parts if part), extension)


def extract_filename(protocol: Protocol, region: Region, extension: str) -> str:
    """«Выписка Д05-98-05пр Белгородская область.pdf»."""
    parts = ("Выписка", protocol.number.strip(), region.name)
    return document_filename(" ".join(part for part in parts if part), extension)


def generate_cover_letters(version: ProtocolVersion) -> list[GeneratedDocument]:
    protocol = version.protocol
    letter = cover_letter(protocol)
    stem = f"soprovoditelnoe-pismo-{version.protocol_id}-v{version.number}"
    return [
        _store(version, GeneratedDocument.Kind.COVER_LETTER_DOCX, None, f"{stem}.docx",
               cover_letter_filename(protocol, "docx"), render_cover_letter_docx(letter)),
        _store(version, GeneratedDocument.Kind.COVER_LETTER_PDF, None, f"{stem}.pdf",
               cover_letter_filename(protocol, "pdf"), render_cover_letter_pdf(letter)),
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
        chair_name=signed_form(protocol.chair),
        certifier_position=protocol.letter_signatory_position,
        certifier_name=signed_form(protocol.letter_signatory),
        certified_on=moscow_today(),
    )


def extract_document(
    version: ProtocolVersion, region: Region, file_format: str, deadlines: Mapping[str, str]
) -> GeneratedDocument:
    """The region's extract in ``file_format`` ("docx" or "pdf") with the region's own due
    dates (``deadlines``, as ``protocol_extract`` takes them), made once per version and
    kept until those dates change (``forget_extracts``)."""
    kind, render = EXTRACT_FORMATS[file_format]
    existing = version.documents.filter(kind=kind, region=region).first()
    if existing is not None:
        return existing
    data = render(protocol_extract(version, region, deadlines))
    storage_name = f"vypiska-{version.protocol_id}-v{version.number}-{region.code}.{file_format}"
    filename = extract_filename(version.protocol, region, file_format)
    try:
        with transaction.atomic():
            return _store(version, kind, region, storage_name, filename, data)
    except IntegrityError:  # made meanwhile by a parallel request
        return version.documents.get(kind=kind, region=region)


def _store(
    version: ProtocolVersion,
    kind: str,
    region: Region | None,
    storage_name: str,
    filename: str,
    data: bytes,
) -> GeneratedDocument:
    """Stored under an ASCII name (object stores and backups need no care), offered for
    download under ``filename``."""
    document = GeneratedDocument(version=version, kind=kind, region=region, filename=filename)
    document.file.save(storage_name, ContentFile(data), save=False)
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


def signed_form(name: str) -> str:
    """«Софронова М.И.» → «М.И. Софронова»: a signature puts the initials first."""
    surname, _, initials = name.partition(" ")
    return f"{initials} {surname}".strip() if initials else name
