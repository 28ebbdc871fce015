"""The entry points: text, bytes or a file in, a ``ParseResult`` out.

Steps: normalise → split into documents → parse each by kind → read the instructions of each
section body → collect warnings. Whatever the input, the caller gets a ``ParseResult`` or an
``ExtractionError``; an unexpected exception is a bug, reported as ``code="internal"``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from collections.abc import Callable, Sequence

from protokol.extraction.addressees import without_author_regions
from protokol.extraction.config import ExtractionConfig
from protokol.extraction.errors import ExtractionError
from protokol.extraction.instructions import InstructionContext, extract_instructions
from protokol.extraction.letter import parse_letter
from protokol.extraction.model import (
    Document,
    ExtractionWarning,
    Instruction,
    ParseResult,
    Section,
    SourceInfo,
)
from protokol.extraction.normalize import normalize_text
from protokol.extraction.orders import parse_order
from protokol.extraction.protocol import parse_protocol
from protokol.extraction.readers import ReadNote, read_document
from protokol.extraction.segmentation import DocumentDraft, Segment, split_documents

_INTERNAL = (
    "Не удалось разобрать документ из-за внутренней ошибки программы. Сообщите администратору "
    "и приложите файл."
)


def parse_text(
    text: str,
    *,
    config: ExtractionConfig | None = None,
    filename: str | None = None,
    format: str = "txt",
    source_bytes: bytes | None = None,
    notes: Sequence[ReadNote] = (),
) -> ParseResult:
    """Parse already extracted text; ``source_bytes`` (the original file) feeds ``SourceInfo``.

    ``notes`` are the reader's doubts (``ReadResult.notes``); they become warnings with the
    span of the text they are about.
    """
    try:
        return _parse(text, config or ExtractionConfig(), filename, format, source_bytes, notes)
    except ExtractionError:
        raise
    except Exception as error:
        raise ExtractionError(_INTERNAL, code="internal") from error


def parse_bytes(
    data: bytes, *, filename: str | None = None, config: ExtractionConfig | None = None
) -> ParseResult:
    """Read a file's bytes in any supported format and parse its text."""
    config = config or ExtractionConfig()
    try:
        read = read_document(data, filename, limits=config.limits)
    except ExtractionError:
        raise
    except Exception as error:
        raise ExtractionError(_INTERNAL, code="internal") from error
    return parse_text(
        read.text,
        config=config,
        filename=filename,
        format=read.format,
        source_bytes=data,
        notes=read.notes,
    )


def parse_file(
    path: str | os.PathLike[str], *, config: ExtractionConfig | None = None
) -> ParseResult:
    """Read and parse a file from disk; file system problems become ``ExtractionError``."""
    name = os.fspath(path)
    try:
        with open(name, "rb") as handle:
            data = handle.read()
    except FileNotFoundError as error:
        raise ExtractionError(
            f"Файл «{name}» не найден. Проверьте путь.", code="file_not_found"
        ) from error
    except PermissionError as error:
        raise ExtractionError(
            f"Нет доступа к файлу «{name}». Проверьте права на чтение.", code="file_access_denied"
        ) from error
    except IsADirectoryError as error:
        raise ExtractionError(
            f"«{name}» — это папка, а не файл. Укажите файл документа.", code="file_not_found"
        ) from error
    except OSError as error:
        raise ExtractionError(
            f"Не удалось прочитать файл «{name}»: {error.strerror or error}.",
            code="file_unreadable",
        ) from error
    return parse_bytes(data, filename=os.path.basename(name), config=config)


_PARSERS: dict[str, Callable[[str, Segment], DocumentDraft]] = {
    "protocol": parse_protocol,
    "instructions": parse_order,
}


def _parse(
    raw: str,
    config: ExtractionConfig,
    filename: str | None,
    format: str,
    source_bytes: bytes | None,
    notes: Sequence[ReadNote],
) -> ParseResult:
    text = normalize_text(raw)
    source = source_bytes if source_bytes is not None else raw.encode("utf-8", "surrogatepass")
    info = SourceInfo(
        filename=filename,
        format=format,
        sha256=hashlib.sha256(source).hexdigest(),
        size=len(source),
    )
    documents: list[Document] = []
    warnings = _reader_warnings(text, notes)
    taken_ids: set[str] = set()
    for ordinal, segment in enumerate(split_documents(text), start=1):
        parser = _PARSERS.get(segment.kind)
        if parser is None:
            # A keyword document without an operative part («ПРИКАЗ» that only informs)
            # has an order's header; any other text is read as a letter.
            parser = parse_order if segment.keyword else parse_letter
        draft = parser(text, segment)
        document, found = _with_instructions(text, draft, config)
        document = _unique_ids(document, ordinal, taken_ids)
        document, authored = without_author_regions(text, document)
        documents.append(document)
        warnings.extend(draft.warnings)
        warnings.extend(found)
        warnings.extend(authored)
    if not documents:
        warnings.append(
            ExtractionWarning(
                "no_documents",
                "В файле не найдено ни одного документа: нет текста для разбора.",
                (0, len(text)),
            )
        )
    elif not any(document.instructions for document in documents):
        warnings.append(
            ExtractionWarning(
                "no_instructions",
                "В документе не найдено ни одного поручения. Проверьте, что загружен протокол "
                "или перечень поручений, и при необходимости добавьте поручения вручную.",
                (0, len(text)),
            )
        )
    warnings.sort(key=lambda w: (w.span is None, w.span or (0, 0)))
    return ParseResult(source=info, text=text, documents=tuple(documents), warnings=tuple(warnings))


def _reader_warnings(text: str, notes: Sequence[ReadNote]) -> list[ExtractionWarning]:
    """The readers' doubts as warnings, each spanning the text it is about.

    Excerpts are searched in order from where the previous one was found, so two identical
    tables get a warning each at their own place.
    """
    warnings = []
    cursor = 0
    for note in notes:
        span = None
        excerpt = normalize_text(note.excerpt).strip()
        first_line = excerpt.split("\n", 1)[0]
        for wanted in (excerpt, first_line):
            found = text.find(wanted, cursor) if wanted else -1
            if found >= 0:
                span = (found, found + len(wanted))
                cursor = found + len(wanted)
                break
        warnings.append(ExtractionWarning(note.code, note.message, span))
    return warnings


def _with_instructions(
    text: str, draft: DocumentDraft, config: ExtractionConfig
) -> tuple[Document, list[ExtractionWarning]]:
    """The draft's sections filled with the instructions of their bodies.

    A letter keeps a body section only when it holds instructions: a cover letter «направляет
    для исполнения» and has nothing of its own to control.
    """
    document = draft.document
    sections: list[Section] = []
    warnings: list[ExtractionWarning] = []
    for section, (start, end) in zip(document.sections, draft.bodies, strict=True):
        context = InstructionContext(
            text=text,
            section=section.number,
            document_kind=document.kind,
            document_date=document.date,
            config=config,
        )
        instructions, found = extract_instructions(context, start, end)
        warnings.extend(found)
        if document.kind == "letter" and not instructions:
            continue
        sections.append(dataclasses.replace(section, instructions=tuple(instructions)))
    return dataclasses.replace(document, sections=tuple(sections)), warnings


def _unique_ids(document: Document, ordinal: int, taken: set[str]) -> Document:
    """Ids stay «III.1»; only one already used by an earlier document gets «-2» (its ordinal)."""
    sections = []
    changed = False
    for section in document.sections:
        instructions: list[Instruction] = []
        for instruction in section.instructions:
            if instruction.id in taken:
                instruction = dataclasses.replace(instruction, id=f"{instruction.id}-{ordinal}")
                changed = True
            taken.add(instruction.id)
            instructions.append(instruction)
        sections.append(dataclasses.replace(section, instructions=tuple(instructions)))
    return dataclasses.replace(document, sections=tuple(sections)) if changed else document
