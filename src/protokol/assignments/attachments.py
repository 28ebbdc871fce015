"""Report files: checked by content, kept within budgets, streamed to storage.

Every rule a report file meets lives here, with its reason:

**Type.** Sniffed from the bytes, never trusted from the name: a file is refused unless it
is one of ``ALLOWED_TYPES`` (an ``.exe`` renamed ``.pdf`` stays an ``.exe``); Office files
with macros are refused. The stored name is random (no user input reaches the file system);
the display name is sanitised and gets the extension of the type actually found.

**Size** (``settings.PROTOKOL_BUDGETS``):

* ``attachment_bytes`` — one file;
* ``report_attachments_bytes`` — the report on an assignment, as a records office files
  it: the interim reports and the report on execution together. What counts is every file
  of the assignment's reports except versions returned for rework — the corrected version
  replaces a returned one, and its files are sent again with it, so a correction is never
  blocked by the files it corrects. Interim reports always count: they stay in the file;
* ``region_daily_upload_bytes`` — everything a region's reports stored on one Moscow day
  (``core.clock``; ``ReportFile.uploaded_on``), whatever the assignment, returned versions
  included (they were stored all the same). It protects the storage, not the report;
* ``attachment_zip_entries`` — entries of a DOCX/XLSX/ODT file's ZIP directory, whose
  reading costs memory per entry.

Each is checked three times: on the declared sizes, before a byte is read (the client's
word is enough to refuse, never to accept); on the real size while the file streams in
(it stops at the first chunk over); and once more under the assignment's and the region's
row locks, where a concurrent submission can no longer slip in between. A refusal names
the limit and what is left, and loses nothing already saved: earlier files stay, and the
page keeps what was typed (``views._refused_page``).

**Streaming.** A file goes chunk by chunk (``CHUNK``) through the checks, the hash and
into the default storage under a temporary name (``INCOMING``); sniffing keeps only the
first ``HEAD`` bytes and the ``ZIP_TAIL`` of the end, a ZIP's directory is read from the
stored file. An accepted file gets its final random name when its report is saved; a
refused or rolled-back submission deletes what it stored (``discard``), nothing more.

**PDF** (``_PdfScan``: one linear pass over the bytes with bounded memory, object streams
inflated within a budget):

* *refused* — encrypted (``/Encrypt``): its content cannot be checked and the curator may
  be unable to open it, so an unprotected copy is asked for; a launch action
  (``/Launch``) starts a program, which a report never needs;
* *accepted and flagged* (the curator sees ``models.FILE_WARNINGS`` beside the file) — JavaScript
  (``/JavaScript``, ``/JS``: fillable forms carry scripts legitimately), automatic actions
  (``/OpenAction`` other than «open at a page», ``/AA``), embedded files
  (``/EmbeddedFile``), and parts the scan could not read (an object stream compressed in
  an unusual way, or more of them than the budget to inflate).

The scan reads names the way a PDF writes them (``#xx`` escapes decoded), anywhere for
the long ones and outside stream bodies for the two-letter ``/JS`` and ``/AA``, which
binary data contains by chance. It is a scanner, not a parser: a file crafted against it
could still hide an action, which is why downloads are always attachments served with
``nosniff``.

**Polyglots** — a file that is two formats at once — are refused: it has no place in a
report and is the usual way to get one format past a check of another. That is a file of
a non-ZIP type (PDF, image, old Office, RTF) that ends with a ZIP directory; a non-PDF
with a PDF header in its first kilobyte (where viewers look for one); HTML markup in the
first kilobyte (where browsers sniff).
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import struct
import unicodedata
import uuid
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any, cast

from django.core.files.base import File
from django.db import models
from django.db.models import Sum

from protokol.assignments.errors import FileRefused
from protokol.assignments.models import FILE_WARNINGS, Assignment, Report, ReportFile
from protokol.core.budgets import budget, megabytes
from protokol.core.clock import moscow_today
from protokol.extraction.russian import plural_ru
from protokol.regions.models import Region

if TYPE_CHECKING:
    from django.core.files.storage import Storage
    from django.core.files.uploadedfile import UploadedFile

MAX_FILES_PER_REPORT = 20
MAX_NAME_LENGTH = 120

# Allowed formats: extension → (content type, human name). The order is the order of the
# message that lists them.
ALLOWED_TYPES: dict[str, tuple[str, str]] = {
    "pdf": ("application/pdf", "PDF"),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "Word (DOCX)",
    ),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel (XLSX)"),
    "doc": ("application/msword", "Word 97–2003 (DOC)"),
    "xls": ("application/vnd.ms-excel", "Excel 97–2003 (XLS)"),
    "odt": ("application/vnd.oasis.opendocument.text", "OpenDocument (ODT)"),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", "OpenDocument (ODS)"),
    "rtf": ("application/rtf", "RTF"),
    "png": ("image/png", "PNG"),
    "jpg": ("image/jpeg", "JPEG"),
}
ALLOWED_DESCRIPTION = ", ".join(name for _, name in ALLOWED_TYPES.values())

# What the content check lets through but the curator should know, by code
# (``ReportFile.warnings``); the page shows the text beside the file.
CHUNK = 64 * 1024  # what is read, hashed, checked and written at a time
HEAD = 4096  # the first bytes, the only ones kept for sniffing
SNIFF_WINDOW = 1024  # viewers find a PDF header, old browsers HTML, this far in
INCOMING = "reports/incoming"  # files being received, before their report is saved

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# The compound file's directory names its streams (UTF-16): Word keeps «WordDocument»,
# Excel «Workbook» (or «Book» before 97). An .msi or anything else in the same container
# has neither.
_OLE2_STREAMS = {
    "WordDocument".encode("utf-16-le"): "doc",
    "Workbook".encode("utf-16-le"): "xls",
    "Book\x00".encode("utf-16-le"): "xls",
}
# Markup a browser would render: at the start of a tag, in the sniffed window.
_HTML = re.compile(
    rb"<(?:!doctype[\t\n\f\r ]+html|html|head|body|script|iframe|svg|object|embed)[\t\n\f\r />]",
    re.IGNORECASE,
)


@dataclass
class StagedFile:
    """A received upload that passed the checks, stored under ``name`` (temporary until
    ``attach`` gives it its final one)."""

    name: str
    filename: str
    extension: str
    content_type: str
    size: int
    sha256: str
    warnings: list[str] = field(default_factory=list)


# --- the budgets -----------------------------------------------------------------------


def report_bytes(assignment: Assignment) -> int:
    """What the files of the report on ``assignment`` weigh (the rule in the docstring:
    interim reports count, versions returned for rework do not)."""
    files = ReportFile.objects.filter(report__assignment=assignment).exclude(
        report__decision=Report.Decision.RETURNED
    )
    return int(files.aggregate(total=Sum("size"))["total"] or 0)


def region_bytes_today(region_code: str) -> int:
    """What the region's reports stored today (Moscow)."""
    files = ReportFile.objects.filter(
        report__assignment__region_id=region_code, uploaded_on=moscow_today()
    )
    return int(files.aggregate(total=Sum("size"))["total"] or 0)


@dataclass
class Room:
    """How much a submission may still store: what its report and its region's day
    already hold. ``take`` refuses, naming the limit and what is left."""

    report_used: int = 0
    region_used: int = 0

    @classmethod
    def of(cls, assignment: Assignment) -> Room:
        return cls(report_bytes(assignment), region_bytes_today(assignment.region_id))

    def check(self, name: str, size: int) -> None:
        """Refuse if a file ``name`` of ``size`` bytes does not fit."""
        file_limit = budget("attachment_bytes")
        if size > file_limit:
            raise FileRefused(
                f"Файл «{name}» больше допустимого размера ({megabytes(file_limit)}): "
                "уменьшите его или разделите на части."
            )
        report_limit = budget("report_attachments_bytes")
        if self.report_used + size > report_limit:
            raise FileRefused(
                f"Вложения отчёта уже занимают {megabytes(self.report_used)} из "
                f"{megabytes(report_limit)}; файл «{name}» ({megabytes(size)}) не помещается. "
                "Файлы промежуточных отчётов входят в этот предел: уберите лишние файлы или "
                "уменьшите их."
            )
        region_limit = budget("region_daily_upload_bytes")
        if self.region_used + size > region_limit:
            if self.region_used >= region_limit:
                used = (
                    f"Регион сегодня загрузил {megabytes(self.region_used)} — это суточный предел"
                )
            else:
                used = (
                    f"Регион сегодня загрузил {megabytes(self.region_used)} из суточного "
                    f"предела {megabytes(region_limit)}, осталось "
                    f"{megabytes(region_limit - self.region_used)}"
                )
            raise FileRefused(
                f"{used}; файл «{name}» ({megabytes(size)}) не помещается. Файлы можно будет "
                "приложить завтра (по московскому времени)."
            )

    def take(self, name: str, size: int) -> None:
        self.check(name, size)
        self.report_used += size
        self.region_used += size


def limits_hint() -> str:
    """The size limits as the report form states them beside its file input."""
    return (
        f"Файл — до {megabytes(budget('attachment_bytes'))}, все файлы отчёта вместе с "
        f"промежуточными — до {megabytes(budget('report_attachments_bytes'))}."
    )


# --- receiving, attaching, discarding --------------------------------------------------


def receive(assignment: Assignment, uploads: Sequence[UploadedFile]) -> list[StagedFile]:
    """Check and store the files of a report being sent to ``assignment``; raises
    ``FileRefused`` with a Russian reason, having stored nothing. One bad file refuses
    them all. Runs before the row lock: a slow upload never holds it."""
    if len(uploads) > MAX_FILES_PER_REPORT:
        raise FileRefused(
            f"К отчёту можно приложить не больше {MAX_FILES_PER_REPORT} "
            f"{plural_ru(MAX_FILES_PER_REPORT, 'файла', 'файлов', 'файлов')}; "
            "объедините документы в архив PDF или разделите отчёт."
        )
    room = Room.of(assignment)
    declared = Room(room.report_used, room.region_used)
    for upload in uploads:
        if upload.size is not None:
            declared.take(_shown(upload), upload.size)
    staged: list[StagedFile] = []
    try:
        for upload in uploads:
            staged.append(receive_file(upload, room))
    except BaseException:
        discard(staged)
        raise
    return staged


def receive_file(upload: UploadedFile, room: Room | None = None) -> StagedFile:
    """Stream one upload into storage through the checks; ``room`` (a lone file's budget
    when omitted) grows by its size. Raises ``FileRefused``; a refused file is deleted."""
    room = room if room is not None else Room()
    shown = _shown(upload)
    inspection = _Inspection(shown, room)
    storage = _storage()
    name = f"{INCOMING}/{uuid.uuid4().hex}.part"
    try:
        # A readable binary stream is all ``File`` needs (typeshed's IO is nominal).
        reader = cast("IO[bytes]", _Inspected(upload, inspection))
        name = storage.save(name, File(reader))
        inspection.finish()
        extension = _content_type(inspection, storage, name)
        _refuse_unsafe(inspection, storage, name, extension)
    except BaseException:
        storage.delete(name)
        raise
    room.take(shown, inspection.size)
    return StagedFile(
        name=name,
        filename=sanitize_filename(upload.name or "", extension),
        extension=extension,
        content_type=ALLOWED_TYPES[extension][0],
        size=inspection.size,
        sha256=inspection.digest.hexdigest(),
        warnings=[code for code in FILE_WARNINGS if code in inspection.pdf_findings],
    )


def attach(report: Report, staged: Sequence[StagedFile]) -> list[ReportFile]:
    """Under the assignment's row lock: check the budgets again with the real sizes (the
    region's row is locked too, so two of its submissions are counted one after the
    other), give each file its final name and save its row."""
    if not staged:
        return []
    region = report.assignment.region_id
    list(Region.objects.select_for_update().filter(pk=region).values_list("pk", flat=True))
    room = Room.of(report.assignment)
    for item in staged:
        room.take(item.filename, item.size)
    today, storage, file_field = moscow_today(), _storage(), _file_field()
    rows = []
    for item in staged:
        row = ReportFile(
            report=report,
            filename=item.filename,
            content_type=item.content_type,
            size=item.size,
            sha256=item.sha256,
            uploaded_on=today,
            warnings=item.warnings,
        )
        final = file_field.generate_filename(row, f"{uuid.uuid4().hex}.{item.extension}")
        item.name = _promote(storage, item.name, final)
        row.file.name = item.name
        row.save()
        rows.append(row)
    return rows


def discard(staged: Sequence[StagedFile]) -> None:
    """Delete the stored files of a submission that did not go through (its rows, if any,
    are rolled back with it). A caller that wraps ``submit_report`` in a transaction of
    its own and rolls it back later must discard too; the Excel round trip sends no files."""
    storage = _storage()
    for item in staged:
        storage.delete(item.name)


@contextmanager
def discarded_on_failure(staged: Sequence[StagedFile]) -> Iterator[None]:
    """Around the block that saves a report: if it fails (a refusal, a rollback), the
    files received for it are deleted."""
    try:
        yield
    except BaseException:
        discard(staged)
        raise


def _promote(storage: Storage, temporary: str, final: str) -> str:
    """Move a received file to its final name: a rename on a local disk, a copy then a
    delete on storages that have no paths (S3)."""
    final = storage.get_available_name(final)
    try:
        source, target = storage.path(temporary), storage.path(final)
    except NotImplementedError:
        with storage.open(temporary, "rb") as handle:
            final = storage.save(final, handle)
        storage.delete(temporary)
        return final
    os.makedirs(os.path.dirname(target), exist_ok=True)
    os.replace(source, target)
    return final


def _storage() -> Storage:
    return _file_field().storage


def _file_field() -> models.FileField:
    file_field = ReportFile._meta.get_field("file")
    assert isinstance(file_field, models.FileField)
    return file_field


def _shown(upload: UploadedFile) -> str:
    """The name as the user chose it, for messages (no directories, bounded)."""
    return re.split(r"[/\\]", upload.name or "")[-1][:MAX_NAME_LENGTH] or "без имени"


# --- streaming -------------------------------------------------------------------------


class _Inspected(io.RawIOBase):
    """The upload as the storage reads it: a chunk at a time, each one counted, hashed and
    inspected before the storage gets it (so nothing over a limit is ever written)."""

    def __init__(self, upload: UploadedFile, inspection: _Inspection) -> None:
        super().__init__()
        self._pieces = self._read(upload)
        self._inspection = inspection
        self._pending = b""

    @staticmethod
    def _read(upload: UploadedFile) -> Iterator[bytes]:
        # Not ``upload.chunks()``: for a file Django kept in memory it yields the whole.
        upload.seek(0)
        while piece := upload.read(CHUNK):
            yield piece

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> bytes:
        if size is None or size < 0:  # a storage that asks for everything gets it in pieces
            return b"".join(iter(lambda: self.read(CHUNK), b""))
        if not self._pending:
            self._pending = next(self._pieces, b"")
            if self._pending:
                self._inspection.feed(self._pending)
        piece, self._pending = self._pending[:size], self._pending[size:]
        return piece


class _Inspection:
    """What is learnt of a file while it streams: size, hash, first and last bytes, and
    the findings of the scanners its first bytes call for (PDF names, OLE2 streams)."""

    # The end of a ZIP: its end record with the longest comment, and ZIP64's locator and
    # record before it.
    ZIP_TAIL = 22 + 0xFFFF + 20 + 56

    def __init__(self, shown: str, room: Room) -> None:
        self.shown, self.room = shown, room
        self.size = 0
        self.digest = hashlib.sha256()
        self.head = b""
        self.tail = b""
        self.family: str | None = None
        self.decided = False
        self._early: list[bytes] = []
        self._pdf: _PdfScan | None = None
        self._ole2: _Needles | None = None

    @property
    def pdf_findings(self) -> set[str]:
        return self._pdf.findings if self._pdf else set()

    @property
    def ole2_streams(self) -> set[bytes]:
        return self._ole2.found if self._ole2 else set()

    def feed(self, piece: bytes) -> None:
        self.size += len(piece)
        self.room.check(self.shown, self.size)  # the declared size may lie
        self.digest.update(piece)
        self.tail = (self.tail + piece)[-self.ZIP_TAIL :]
        if self.decided:
            self._scan(piece)
            return
        self._early.append(piece)
        if self.size >= HEAD:
            self._decide()

    def finish(self) -> None:
        if not self.decided:
            self._decide()
        if self._pdf is not None:
            self._pdf.finish()

    def _decide(self) -> None:
        """Sniff the family from the first bytes and start its scanner on what came so far."""
        self.decided = True
        self.head = b"".join(self._early)[:HEAD]
        self.family = _family(self.head)
        if self.family == "pdf":
            # Inflating a file's object streams reads at most what one file may weigh.
            self._pdf = _PdfScan(budget("attachment_bytes"))
        elif self.family == "ole2":
            self._ole2 = _Needles(list(_OLE2_STREAMS))
        for piece in self._early:
            self._scan(piece)
        self._early = []

    def _scan(self, piece: bytes) -> None:
        if self._pdf is not None:
            self._pdf.feed(piece)
        elif self._ole2 is not None:
            self._ole2.feed(piece)


def _family(head: bytes) -> str | None:
    """The kind of container the first bytes announce: an allowed type, ``zip`` or
    ``ole2`` (decided by what they contain), or None."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head.startswith(_OLE2):
        return "ole2"
    return None


# --- what the content is ---------------------------------------------------------------


def _content_type(inspection: _Inspection, storage: Storage, name: str) -> str:
    """The allowed type (a key of ``ALLOWED_TYPES``) of a received file, or a refusal."""
    shown = inspection.shown
    if inspection.size == 0:
        raise FileRefused(f"Файл «{shown}» пуст.")
    extension = inspection.family
    if extension == "zip":
        extension = _zip_type(inspection, storage, name)
    elif extension == "ole2":
        found = inspection.ole2_streams
        extension = next((ext for key, ext in _OLE2_STREAMS.items() if key in found), None)
    if extension == "macro":
        raise FileRefused(
            f"Файл «{shown}» содержит макросы: такие файлы не принимаются. "
            "Сохраните документ без макросов (DOCX, XLSX) или в PDF."
        )
    if extension is None:
        raise FileRefused(
            f"Файл «{shown}» не принят: по содержимому это не документ допустимого формата. "
            f"Допустимы: {ALLOWED_DESCRIPTION}."
        )
    return extension


def _zip_type(inspection: _Inspection, storage: Storage, name: str) -> str | None:
    """An OpenDocument or Office Open XML file by the names its ZIP directory lists (only
    «mimetype», a few bytes, is ever decompressed); ``macro`` for a macro-enabled one."""
    end = _zip_end(inspection.tail, inspection.size)
    if end is None:
        return None
    limit = budget("attachment_zip_entries")
    if end.entries > limit:
        raise FileRefused(
            f"Файл «{inspection.shown}» не принят: в нём {end.entries} "
            f"{plural_ru(end.entries, 'часть', 'части', 'частей')}, допустимо не больше "
            f"{limit}. Сохраните документ заново или в PDF."
        )
    try:
        with storage.open(name, "rb") as handle, zipfile.ZipFile(handle) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and archive.getinfo("mimetype").file_size < 200:
                mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
                return next(
                    (ext for ext in ("odt", "ods") if ALLOWED_TYPES[ext][0] == mimetype), None
                )
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    if any(entry.lower().endswith("vbaproject.bin") for entry in names):
        return "macro"
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    return None


@dataclass(frozen=True)
class _ZipEnd:
    entries: int
    directory_at: int  # where the central directory starts in the file


def _zip_end(tail: bytes, size: int) -> _ZipEnd | None:
    """The ZIP end record found in a file's ``tail`` (ZIP64's when the classic one
    overflows): how many entries the directory claims and where it starts. Read the way
    unzip tools do — the last end record wins — so a polyglot cannot hide from it."""
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or at + 22 > len(tail):
        return None
    _, _, _, _, entries, directory_size, directory_offset, _ = struct.unpack_from(
        "<4sHHHHIIH", tail, at
    )
    record_at = at
    if entries == 0xFFFF or 0xFFFFFFFF in (directory_size, directory_offset):
        record_at = at - 20 - 56
        if record_at < 0 or tail[at - 20 : at - 16] != b"PK\x06\x07":
            return None
        signature, *fields = struct.unpack_from("<4sQHHIIQQQQ", tail, record_at)
        if signature != b"PK\x06\x06":
            return None
        entries, directory_size = fields[6], fields[7]
    start = size - len(tail) + record_at - directory_size
    return _ZipEnd(entries, start) if start >= 0 else None


def _refuse_unsafe(inspection: _Inspection, storage: Storage, name: str, extension: str) -> None:
    """Polyglots and the PDFs that cannot be let through (the policy in the docstring)."""
    shown = inspection.shown
    window = inspection.head[:SNIFF_WINDOW]
    also = None
    if extension != "pdf" and b"%PDF-" in window:
        also = "PDF"
    elif _HTML.search(window):
        also = "веб-страницей (HTML)"
    elif inspection.family != "zip" and _ends_with_zip(inspection, storage, name):
        also = "архивом ZIP"
    if also is not None:
        raise FileRefused(
            f"Файл «{shown}» не принят: он одновременно является документом "
            f"{ALLOWED_TYPES[extension][1]} и {also}. Такие файлы используют, чтобы скрыть "
            "содержимое; сохраните документ заново (например, «Печать» → «Сохранить как PDF»)."
        )
    findings = inspection.pdf_findings
    if "encrypted" in findings:
        raise FileRefused(
            f"Файл «{shown}» зашифрован или защищён паролем: его нельзя проверить, и куратор "
            "может не открыть его. Приложите копию без пароля и ограничений (например, "
            "«Печать» → «Сохранить как PDF»)."
        )
    if "launch" in findings:
        raise FileRefused(
            f"Файл «{shown}» не принят: PDF содержит команду запуска программ (/Launch). "
            "Сохраните документ заново (например, «Печать» → «Сохранить как PDF»)."
        )


def _ends_with_zip(inspection: _Inspection, storage: Storage, name: str) -> bool:
    """A ZIP directory with entries at the end of the file (checked against the stored
    bytes where the end record says it starts), as unzip tools would find it."""
    end = _zip_end(inspection.tail, inspection.size)
    if end is None or end.entries == 0:
        return False
    with storage.open(name, "rb") as handle:
        handle.seek(end.directory_at)
        return bool(handle.read(4) == b"PK\x01\x02")


# --- scanners --------------------------------------------------------------------------


class _Needles:
    """Which of a few byte strings occur in a stream fed in pieces (they may straddle two)."""

    def __init__(self, needles: list[bytes]) -> None:
        self._pattern = re.compile(b"|".join(re.escape(needle) for needle in needles))
        self._keep = max(len(needle) for needle in needles) - 1
        self._buffer = b""
        self.found: set[bytes] = set()

    def feed(self, data: bytes) -> None:
        buffer = self._buffer + data
        self.found.update(match.group() for match in self._pattern.finditer(buffer))
        self._buffer = buffer[-self._keep :]


# The names the scan acts on: what a PDF may do, and what says how an object stream is
# encoded. A name with a «#xx» escape is taken whatever it is and decoded first.
_PDF_NAMES = {
    b"JavaScript": "javascript",
    b"JS": "javascript",
    b"OpenAction": "auto_action",
    b"AA": "auto_action",
    b"Launch": "launch",
    b"EmbeddedFile": "embedded_file",
    b"EmbeddedFiles": "embedded_file",
    b"Encrypt": "encrypted",
}
# Two letters after a slash turn up by chance in compressed or image data: these count
# only where dictionaries are (outside stream bodies, inside object streams).
_SHORT_NAMES = {b"JS", b"AA"}
_FLATE = {b"FlateDecode", b"Fl"}
# Names that say how a stream is encoded: any but Flate (alone) makes an object stream
# unreadable to the scan.
_ENCODING_NAMES = _FLATE | {
    b"ASCIIHexDecode",
    b"AHx",
    b"ASCII85Decode",
    b"A85",
    b"LZWDecode",
    b"LZW",
    b"RunLengthDecode",
    b"RL",
    b"Crypt",
    b"Predictor",
}
_WATCHED = sorted({*_PDF_NAMES, *_ENCODING_NAMES, b"ObjStm"}, key=len, reverse=True)
# A name is a slash and regular characters up to a delimiter; the pattern starts with the
# slash so the engine skips to it, and matches only the watched names or escaped ones
# (at most 64 characters: an escaped «EmbeddedFiles» takes 39).
_REGULAR = rb"[^\x00\t\n\f\r /<>\[\]()%{}]"
_PDF_NAME = re.compile(
    rb"/(?P<name>(?:"
    + b"|".join(_WATCHED)
    + rb")(?!"
    + _REGULAR
    + rb")|[^\x00\t\n\f\r /<>\[\]()%{}#]{0,63}#"
    + _REGULAR
    + rb"{0,63}(?!"
    + _REGULAR
    + rb"))"
)
_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_PDF_WHITESPACE = b"\x00\t\n\f\r "
_PDF_DELIMITERS = _PDF_WHITESPACE + b"/<>[]()%{}"


class _PdfScan:
    """The active content a PDF names, found in one linear pass over its bytes, fed in
    pieces; memory holds a piece and a few bytes around it.

    Outside stream bodies every watched name counts; inside them only the long ones (see
    ``_SHORT_NAMES``). The body of an object stream (``/Type /ObjStm``, where PDF 1.5
    packs dictionaries) is inflated a piece at a time and scanned as dictionaries, up to
    ``inflate_budget`` bytes for the whole file; past that, or in another encoding, the
    finding is ``unchecked``. Keywords are found with ``bytes.find`` and names with a
    pattern that starts with a literal slash: both skip ahead in C, and the work is
    linear in the size of the file."""

    AHEAD = 1 + 128 + 32  # a name and a glance past it, before a match is judged

    def __init__(self, inflate_budget: int, *, nested: bool = False) -> None:
        self.findings: set[str] = set()
        self._nested = nested  # inside an object stream: dictionaries only, no streams
        self._buffer = b""
        self._resume = 0  # where scanning resumes in ``_buffer`` (one byte of context before)
        self._in_body = False
        self._body_mark = 0  # body bytes from here on are not yet passed to ``_inner``
        self._seen: set[bytes] = set()  # encoding names since the last stream body
        self._inner: _PdfScan | None = None
        self._inflater: Any = None  # a zlib decompressor, for a Flate object stream
        self._inflate_left = inflate_budget

    def feed(self, data: bytes, *, final: bool = False) -> None:
        buffer = self._buffer + data
        limit = len(buffer) if final else len(buffer) - self.AHEAD
        at = self._resume
        while at < limit:
            keyword = self._keyword(buffer, at, limit)
            stop = keyword[0] if keyword else limit
            # Up to the keyword and a name's length past it: never further, or many short
            # streams would each send the search to the end of the buffer.
            for match in _PDF_NAME.finditer(buffer, at, min(len(buffer), stop + self.AHEAD)):
                if match.start() >= stop:
                    break
                self._name(match, buffer)
                at = match.end()
            if keyword is None:
                at = max(at, limit)
                break
            start, at, kind = keyword
            if kind == "stream":
                self._open_body(at)
            else:
                self._forward(buffer, start)
                self._close_body()
        if self._in_body:
            self._forward(buffer, at)
        keep = max(at - 1, 0)
        self._buffer, self._resume = buffer[keep:], at - keep
        self._body_mark = self._resume

    def finish(self) -> None:
        self.feed(b"", final=True)
        if self._in_body:
            self._close_body()

    def _keyword(self, buffer: bytes, at: int, limit: int) -> tuple[int, int, str] | None:
        """The next keyword that opens or closes a stream body, starting before ``limit``."""
        if self._nested:
            return None
        if self._in_body:
            found = buffer.find(b"endstream", at, limit + 9)
            return (found, found + 9, "end") if found >= 0 else None
        while (found := buffer.find(b"stream", at, limit + 6)) >= 0:
            after = found + 6
            eol = 2 if buffer[after : after + 2] == b"\r\n" else 1
            if (found == 0 or buffer[found - 1] in _PDF_DELIMITERS) and buffer[
                after : after + 1
            ] in (b"\r", b"\n"):
                return found, after + eol, "stream"
            at = found + 1
        return None

    def _name(self, match: re.Match[bytes], buffer: bytes) -> None:
        name = match["name"]
        if b"#" in name:
            name = _ESCAPE.sub(lambda m: bytes([int(m[1], 16)]), name)
        if not self._in_body and (name == b"ObjStm" or name in _ENCODING_NAMES):
            self._seen.add(name)
        code = _PDF_NAMES.get(name)
        if code is None or (self._in_body and name in _SHORT_NAMES):
            return
        after = buffer[match.end() : match.end() + 32].lstrip(_PDF_WHITESPACE)
        if name == b"OpenAction" and after.startswith(b"["):
            return  # «open at this page»: a destination, not an action
        self.findings.add(code)

    def _open_body(self, at: int) -> None:
        self._in_body, self._body_mark = True, at
        seen, self._seen = self._seen, set()
        if b"ObjStm" not in seen:
            return
        encodings = seen & _ENCODING_NAMES
        if encodings and not encodings <= _FLATE:
            self.findings.add("unchecked")
            return
        self._inner = _PdfScan(0, nested=True)
        self._inflater = zlib.decompressobj() if encodings else None

    def _forward(self, buffer: bytes, upto: int) -> None:
        """Pass the body bytes up to ``upto`` to the object stream's scan, if any."""
        piece, self._body_mark = buffer[self._body_mark : upto], upto
        if self._inner is None or not piece:
            return
        if self._inflater is None:
            self._inner.feed(piece)
            return
        while piece and not self._inflater.eof:
            if self._inflate_left <= 0:
                self._give_up()
                return
            try:
                out = self._inflater.decompress(piece, min(CHUNK, self._inflate_left))
            except zlib.error:
                self._give_up()
                return
            self._inflate_left -= len(out)
            self._inner.feed(out)
            piece = self._inflater.unconsumed_tail

    def _give_up(self) -> None:
        self.findings.add("unchecked")
        self._end_inner()

    def _close_body(self) -> None:
        self._in_body = False
        self._end_inner()

    def _end_inner(self) -> None:
        if self._inner is not None:
            self._inner.finish()
            self.findings |= self._inner.findings
        self._inner, self._inflater = None, None


# --- names -----------------------------------------------------------------------------


def sanitize_filename(name: str, extension: str) -> str:
    """A display name safe for a header and a file system: no directories, no control
    or reserved characters, bounded length, and the extension of the real type."""
    name = unicodedata.normalize("NFC", name or "")
    name = re.split(r"[/\\]", name)[-1]  # «../../etc/passwd», «C:\\Users\\x.pdf»
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = re.sub(r'[<>:"|?*;]', "_", name)
    stem = name.rsplit(".", 1)[0] if "." in name else name
    stem = re.sub(r"\s+", " ", stem).strip(" .")
    stem = stem[: MAX_NAME_LENGTH - len(extension) - 1] or "файл"
    return f"{stem}.{extension}"
