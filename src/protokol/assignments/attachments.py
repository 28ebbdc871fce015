"""Report files: the type is sniffed from the content, never trusted from the name.

A region's file is refused unless its bytes are one of the allowed document or image
formats; an ``.exe`` renamed ``.pdf`` stays an ``.exe``. Office files with macros are
refused too. The stored name is random (no user input reaches the file system); the
display name is sanitised and gets the extension of the type actually found.
"""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
import uuid
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile

from protokol.assignments.errors import FileRefused
from protokol.assignments.models import Report, ReportFile
from protokol.core.budgets import budget
from protokol.extraction.russian import plural_ru

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

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class CheckedFile:
    """An upload that passed the checks, read into memory once (at most the size limit)."""

    filename: str
    extension: str
    content_type: str
    data: bytes
    sha256: str


def sniff(data: bytes) -> str | None:
    """The allowed type (an extension of ``ALLOWED_TYPES``) the bytes are, or None."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if data.startswith(b"{\\rtf"):
        return "rtf"
    if data.startswith(b"PK\x03\x04"):
        return _sniff_zip(data)
    if data.startswith(_OLE2):
        # The compound file's directory names its streams (UTF-16): Word keeps
        # «WordDocument», Excel «Workbook» (or «Book» before 97). An .msi or anything
        # else in the same container has neither.
        if "WordDocument".encode("utf-16-le") in data:
            return "doc"
        if any(name.encode("utf-16-le") in data for name in ("Workbook", "Book\x00")):
            return "xls"
    return None


def _sniff_zip(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            # Only the names are read: nothing is decompressed except the tiny «mimetype».
            if "mimetype" in names and archive.getinfo("mimetype").file_size < 200:
                mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
                return next(
                    (ext for ext in ("odt", "ods") if ALLOWED_TYPES[ext][0] == mimetype), None
                )
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        return "macro"
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    return None


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


def check_upload(upload: UploadedFile) -> CheckedFile:
    """Read and check one upload; raises ``FileRefused`` with a Russian reason."""
    limit = budget("attachment_bytes")
    shown = re.split(r"[/\\]", upload.name or "")[-1][:MAX_NAME_LENGTH] or "без имени"
    if upload.size is not None and upload.size > limit:
        raise FileRefused(_too_large(shown, limit))
    digest = hashlib.sha256()
    chunks = []
    size = 0
    upload.seek(0)
    for chunk in upload.chunks():
        size += len(chunk)
        if size > limit:  # the declared size may lie
            raise FileRefused(_too_large(shown, limit))
        digest.update(chunk)
        chunks.append(chunk)
    data = b"".join(chunks)
    if not data:
        raise FileRefused(f"Файл «{shown}» пуст.")
    extension = sniff(data)
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
    return CheckedFile(
        filename=sanitize_filename(upload.name or "", extension),
        extension=extension,
        content_type=ALLOWED_TYPES[extension][0],
        data=data,
        sha256=digest.hexdigest(),
    )


def check_uploads(uploads: Sequence[UploadedFile]) -> list[CheckedFile]:
    """Check every file before anything is stored: one bad file refuses the whole report."""
    if len(uploads) > MAX_FILES_PER_REPORT:
        raise FileRefused(
            f"К отчёту можно приложить не больше {MAX_FILES_PER_REPORT} "
            f"{plural_ru(MAX_FILES_PER_REPORT, 'файла', 'файлов', 'файлов')}; "
            "объедините документы в архив PDF или разделите отчёт."
        )
    return [check_upload(upload) for upload in uploads]


def store(report: Report, files: Iterable[CheckedFile]) -> list[ReportFile]:
    """Save checked files under random names and attach them to ``report``."""
    stored = []
    for checked in files:
        row = ReportFile(
            report=report,
            filename=checked.filename,
            content_type=checked.content_type,
            size=len(checked.data),
            sha256=checked.sha256,
        )
        row.file.save(f"{uuid.uuid4().hex}.{checked.extension}", ContentFile(checked.data), False)
        row.save()
        stored.append(row)
    return stored


def _too_large(name: str, limit: int) -> str:
    megabytes = limit // (1024 * 1024)
    return (
        f"Файл «{name}» больше допустимого размера ({megabytes} МБ): "
        "уменьшите его или разделите на части."
    )
