"""File bytes → plain text. Adding a format: one module, one line in ``READERS``, one test file.

The reader is chosen by content first (a «.txt» that is really a DOCX is read as DOCX), then
by the file extension, and plain text is tried last.
"""

from __future__ import annotations

import posixpath

from protokol.extraction.errors import ExtractionError
from protokol.extraction.readers.base import (
    SAVE_AS_HINT,
    Reader,
    ReadNote,
    ReadResult,
    ReadText,
    clean_text,
    unreadable,
)
from protokol.extraction.readers.docx import DocxReader
from protokol.extraction.readers.html import HtmlReader
from protokol.extraction.readers.odt import OdtReader
from protokol.extraction.readers.pdf import PdfReader
from protokol.extraction.readers.rtf import RtfReader
from protokol.extraction.readers.text import TextReader
from protokol.extraction.readers.xml import open_zip

__all__ = ["ReadNote", "ReadResult", "Reader", "read_document", "supported_formats"]

_PLAIN_TEXT = TextReader("txt", (".txt", ".text"))

# Order matters only for sniffing: binary signatures before the text-based ones.
READERS: tuple[Reader, ...] = (
    PdfReader(),
    DocxReader(),
    OdtReader(),
    RtfReader(),
    HtmlReader(),
    _PLAIN_TEXT,
    TextReader("md", (".md", ".markdown")),
)

# Formats people do upload, recognised so that they can be told what to do instead.
_FOREIGN_SIGNATURES = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "DOC/XLS (Microsoft Office 97–2003)"),
    (b"\x89PNG\r\n\x1a\n", "PNG (изображение)"),
    (b"\xff\xd8\xff", "JPEG (изображение)"),
    (b"GIF8", "GIF (изображение)"),
    (b"II*\x00", "TIFF (изображение)"),
    (b"MM\x00*", "TIFF (изображение)"),
    (b"Rar!\x1a\x07", "RAR-архив"),
    (b"7z\xbc\xaf\x27\x1c", "7Z-архив"),
    (b"\x1f\x8b", "GZIP-архив"),
    (b"\x7fELF", "исполняемый файл"),
    (b"MZ", "исполняемый файл"),
)
_FOREIGN_EXTENSIONS = frozenset(
    (".doc", ".dot", ".xls", ".xlsx", ".ppt", ".pptx", ".ods", ".odp", ".zip", ".rar", ".7z",
     ".gz", ".exe", ".dll", ".msi", ".png", ".jpg", ".jpeg", ".gif", ".tif", ".tiff", ".bmp",
     ".djvu", ".mht", ".mhtml", ".xps", ".pages", ".wps")
)  # fmt: skip


def supported_formats() -> tuple[str, ...]:
    return tuple(reader.format for reader in READERS)


def read_document(data: bytes, filename: str | None = None) -> ReadResult:
    """The text of a document; raises ``ExtractionError`` and nothing else, whatever the bytes."""
    reader = _choose(data, _extension(filename))
    try:
        read = reader.read(data)
    except ExtractionError:
        raise
    except Exception as error:  # a reader's bug must reach the user as a clear message
        raise unreadable(reader.format.upper()) from error
    if isinstance(read, str):
        read = ReadText(read)
    text = clean_text(read.text)
    if not any(char.isalnum() for char in text):
        raise ExtractionError(
            "В документе нет текста. Проверьте, что загружен нужный файл, и загрузите его снова.",
            code="empty",
        )
    # Excerpts go through the same clean-up, so that they are found in the text.
    notes = tuple(
        ReadNote(note.code, note.message, clean_text(note.excerpt)) for note in read.notes
    )
    return ReadResult(text=text, format=reader.format, notes=notes)


def _extension(filename: str | None) -> str:
    name = posixpath.basename((filename or "").replace("\\", "/"))
    return posixpath.splitext(name)[1].lower()


def _choose(data: bytes, extension: str) -> Reader:
    for reader in READERS:
        if _sniffs(reader, data):
            return reader
    for name_prefix, name in _FOREIGN_SIGNATURES:
        if data.startswith(name_prefix):
            raise _unsupported(f"«{name}»")
    # Only an intact archive is foreign; a broken one named «.docx» is a damaged document.
    if open_zip(data) is not None:
        raise _unsupported("«ZIP-архив (но не DOCX и не ODT)»")
    for reader in READERS:
        if extension in reader.extensions:
            return reader
    if extension in _FOREIGN_EXTENSIONS:
        raise _unsupported(f"«{extension.lstrip('.').upper()}»")
    if data.startswith(b"PK\x03\x04"):
        raise unreadable("DOCX или ODT")  # an office archive too damaged to say which
    return _PLAIN_TEXT


def _sniffs(reader: Reader, data: bytes) -> bool:
    try:
        return reader.sniffs(data)
    except Exception:  # a sniffer that trips over odd bytes has simply not recognised them
        return False


def _unsupported(name: str) -> ExtractionError:
    return ExtractionError(
        f"Формат файла {name} не поддерживается. {SAVE_AS_HINT}", code="unsupported_format"
    )
