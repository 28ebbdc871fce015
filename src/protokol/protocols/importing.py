"""Import: files in, a draft protocol out, as an ordered list of small steps.

store (synchronous, with the upload: a bad file is refused before anything is saved)
→ read → extract → draft → warnings (in a background task, all in one transaction,
so a failure leaves the job's reason and nothing half-created).
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from protokol.core.audit import record
from protokol.core.budgets import budget
from protokol.extraction import ExtractionError, ParseResult, parse_text
from protokol.extraction.readers import ReadResult, read_document
from protokol.protocols.config import extraction_config
from protokol.protocols.drafting import create_draft
from protokol.protocols.models import ImportJob, Protocol, SourceDocument

logger = logging.getLogger(__name__)
T = TypeVar("T")


class UploadRejected(Exception):
    """A file that cannot be imported; the message is for the user, in Russian."""


@dataclass(frozen=True)
class Upload:
    filename: str
    data: bytes


def check_upload(upload: Upload) -> str:
    """Refuse an oversized, empty, unsupported or unreadable file; returns its format."""
    limit = budget("import_bytes")
    if not upload.data:
        raise UploadRejected(f"Файл «{upload.filename}» пуст.")
    if len(upload.data) > limit:
        raise UploadRejected(
            f"Файл «{upload.filename}» больше {limit // (1024 * 1024)} МБ. "
            "Загрузите документ меньшего размера."
        )
    try:
        return read_document(upload.data, upload.filename).format
    except ExtractionError as error:
        raise UploadRejected(f"«{upload.filename}»: {error.message}") from error


def start_import(uploads: Sequence[Upload], user: Any) -> ImportJob:
    """Store the files and queue their extraction; nothing is stored if any file is bad."""
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
    """The same bytes are stored once: a second upload links to the first row."""
    digest = hashlib.sha256(upload.data).hexdigest()
    existing = SourceDocument.objects.filter(sha256=digest).first()
    if existing is not None:
        return existing
    source = SourceDocument(
        sha256=digest,
        filename=upload.filename[:255],
        size=len(upload.data),
        format=file_format,
        uploaded_by=user,
    )
    # The stored name is the digest: user-supplied names never reach the file system.
    source.file.save(f"{digest}.{file_format}", ContentFile(upload.data), save=False)
    source.save()
    return source


def run_import(job_id: int) -> ImportJob:
    """Execute a queued import. Claiming the job with a conditional update makes a second
    delivery of the same task a no-op."""
    claimed = ImportJob.objects.filter(pk=job_id, state=ImportJob.State.QUEUED).update(
        state=ImportJob.State.RUNNING, started_at=timezone.now()
    )
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
    reads = _timed(steps, "read", lambda: [_read(source) for source in sources])
    config = extraction_config()
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


def _read(source: SourceDocument) -> ReadResult:
    with source.file.open("rb") as stored:
        return read_document(stored.read(), source.filename)


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
