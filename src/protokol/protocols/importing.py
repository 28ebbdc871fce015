"""Import: files in, a draft protocol out, as an ordered list of small steps.

store (with the upload request: the declared size and the first bytes are checked, the file
is streamed to storage, nothing of it is read whole or parsed on the web thread)
→ read → extract → draft → warnings (in a background task, all in one transaction, so a
failure — an unreadable file included — leaves the job's Russian reason and nothing
half-created).
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from django.core.files.base import ContentFile, File
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from protokol.core.audit import record
from protokol.core.budgets import budget, megabytes
from protokol.extraction import ExtractionConfig, ExtractionError, ParseResult, parse_text
from protokol.extraction.readers import HEAD_BYTES, ReadResult, guess_format, read_document
from protokol.protocols.config import extraction_config
from protokol.protocols.drafting import create_draft
from protokol.protocols.models import ImportJob, Protocol, SourceDocument

logger = logging.getLogger(__name__)
T = TypeVar("T")
# Files are hashed and stored this many bytes at a time, never read whole on the web thread.
CHUNK_BYTES = 64 * 1024


class UploadRejected(Exception):
    """A file that cannot be imported; the message is for the user, in Russian."""


@dataclass(frozen=True)
class Upload:
    """A file to import: the name it was given and its content, read in chunks.

    ``file`` is what Django hands over (an ``UploadedFile`` of the form, a ``File`` over an
    open path for the command line); ``file.size`` is its declared size.
    """

    filename: str
    file: File[Any]

    @classmethod
    def of_bytes(cls, filename: str, data: bytes) -> Upload:
        return cls(filename, ContentFile(data, name=filename))


def check_upload(upload: Upload) -> str:
    """Refuse an empty, oversized or plainly unsupported file; returns its likely format.

    The size is the declared one, checked before a byte is read; the format is guessed from
    the first bytes and the name. Whether the file can really be read is for the import task.
    """
    limit = budget("import_bytes")
    size = upload.file.size or 0
    if not size:
        raise UploadRejected(f"Файл «{upload.filename}» пуст.")
    if size > limit:
        raise UploadRejected(
            f"Файл «{upload.filename}» больше {megabytes(limit)}. "
            "Загрузите документ меньшего размера."
        )
    upload.file.seek(0)
    head = upload.file.read(HEAD_BYTES)
    upload.file.seek(0)
    try:
        return guess_format(head, upload.filename)
    except ExtractionError as error:
        raise UploadRejected(f"«{upload.filename}»: {error.message}") from error


def start_import(uploads: Sequence[Upload], user: Any) -> ImportJob:
    """Store the files and queue their extraction; nothing is stored if any file is refused."""
    if not uploads:
        raise UploadRejected("Выберите хотя бы один файл.")
    formats = [check_upload(upload) for upload in uploads]
    with transaction.atomic():
        sources = [store_source(u, f, user) for u, f in zip(uploads, formats, strict=True)]
        job = ImportJob.objects.create(created_by=user)
        job.sources.set(sources)
        names = ", ".join(s.filename for s in sources)
        record(user, "import.queued", job, f"Импорт поставлен в очередь: {names}")
        transaction.on_commit(lambda: run_import_task.enqueue(job.pk))
    return job


def store_source(upload: Upload, file_format: str, user: Any) -> SourceDocument:
    """The same bytes are stored once: a second upload links to the first row.

    The file is hashed and then written to storage chunk by chunk (a file the upload
    handler put on disk is moved there), so no upload is ever held whole in memory here.
    """
    digest = hashlib.sha256()
    for chunk in upload.file.chunks(CHUNK_BYTES):
        digest.update(chunk)
    sha256 = digest.hexdigest()
    existing = SourceDocument.objects.filter(sha256=sha256).first()
    if existing is not None:
        return existing
    source = SourceDocument(
        sha256=sha256,
        filename=upload.filename[:255],
        size=upload.file.size,
        format=file_format,
        uploaded_by=user,
    )
    # The stored name is the digest: user-supplied names never reach the file system.
    source.file.save(f"{sha256}.{file_format}", upload.file, save=False)
    source.save()
    return source


def run_import(job_id: int) -> ImportJob:
    """Execute a queued import. Claiming the job with a conditional update makes a second
    delivery of the same task a no-op."""
    claimed = ImportJob.claim(job_id)
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    if not claimed:
        return job
    steps: list[dict[str, Any]] = []
    try:
        with transaction.atomic():
            protocol = _import_sources(job, steps)
    except ExtractionError as error:
        _finish(job, ImportJob.State.FAILED, steps, error=error.message)
    except Exception:
        logger.exception("import %s failed", job_id)
        _finish(
            job,
            ImportJob.State.FAILED,
            steps,
            error="Внутренняя ошибка при импорте. Сообщите администратору.",
        )
    else:
        _finish(job, ImportJob.State.DONE, steps, protocol=protocol)
    return job


def _import_sources(job: ImportJob, steps: list[dict[str, Any]]) -> Protocol:
    sources = list(job.sources.order_by("pk"))
    duplicate = _protocol_with_sources(sources)
    if duplicate is not None:
        steps.append({"step": "duplicate", "protocol": duplicate.pk})
        return duplicate
    config = extraction_config()
    reads = _timed(steps, "read", lambda: [_read(source, config) for source in sources])
    result: ParseResult = _timed(
        steps,
        "extract",
        lambda: parse_text(
            "\n\n".join(read.text for read in reads),
            config=config,
            filename=", ".join(s.filename for s in sources),
            format="+".join(s.format for s in sources),
            notes=[note for read in reads for note in read.notes],
        ),
    )
    protocol = _timed(steps, "draft", lambda: create_draft(result, sources, job.created_by))
    steps.append({"step": "warnings", "count": protocol.warnings.count()})
    return protocol


def _read(source: SourceDocument, config: ExtractionConfig) -> ReadResult:
    """The text of one stored file; its format is now known for certain."""
    with source.file.open("rb") as stored:
        data = stored.read()
    try:
        read = read_document(data, source.filename, limits=config.limits)
    except ExtractionError as error:
        # Several files may be imported together: say which one could not be read.
        raise ExtractionError(f"«{source.filename}»: {error.message}", code=error.code) from error
    if read.format != source.format:
        source.format = read.format
        source.save(update_fields=["format"])
    return read


def _protocol_with_sources(sources: list[SourceDocument]) -> Protocol | None:
    """A protocol imported from exactly these files already exists: link, don't duplicate."""
    candidates = Protocol.objects.filter(sources=sources[0]).prefetch_related("sources")
    wanted = {s.pk for s in sources}
    return next((p for p in candidates if {s.pk for s in p.sources.all()} == wanted), None)


def _timed(steps: list[dict[str, Any]], name: str, work: Callable[[], T]) -> T:
    started = time.perf_counter()
    value = work()
    steps.append({"step": name, "ms": round((time.perf_counter() - started) * 1000, 1)})
    return value


def _finish(
    job: ImportJob,
    state: str,
    steps: list[dict[str, Any]],
    *,
    error: str = "",
    protocol: Protocol | None = None,
) -> None:
    job.state = state
    job.steps = steps
    job.error = error
    job.protocol = protocol
    job.finished_at = timezone.now()
    job.save(update_fields=["state", "steps", "error", "protocol", "finished_at"])
    if state == ImportJob.State.DONE:
        record(job.created_by, "import.done", job, f"Импорт завершён: {protocol}")
    else:
        record(job.created_by, "import.failed", job, f"Импорт не удался: {error}")


@task()
def run_import_task(job_id: int) -> str:
    """The worker's side of ``start_import``: read and extract the stored files."""
    return run_import(job_id).state
