"""File bytes → plain text. Adding a format: one module, one line in ``READERS``, one test file.

The reader is chosen by content first (a «.txt» that is really a DOCX is read as DOCX), then
by the file extension, and plain text is tried last.
"""

from __future__ import annotations

import posixpath

from protokol.extraction.config import ReadLimits
from protokol.extraction.errors import ExtractionError
from protokol.extraction.readers.base import (
    SAVE_AS_HINT,
    Reader,
    ReadNote,
    ReadResult,
    ReadText,
    clean_text,
    too_long,
    unreadable,
)
from protokol.extraction.readers.docx import DocxReader
from protokol.extraction.readers.html import HtmlReader
from protokol.extraction.readers.odt import OdtReader
from protokol.extraction.readers.pdf import PdfReader
from protokol.extraction.readers.rtf import RtfReader
from protokol.extraction.readers.text import TextReader
from protokol.extraction.readers.xml import open_zip

__all__ = [
    "HEAD_BYTES",
    "ReadNote",
    "ReadResult",
    "Reader",
    "guess_format",
    "read_document",
    "supported_formats",
]

_PLAIN_TEXT = TextReader("txt", (".txt", ".text"))
_DOCX = DocxReader()
_ODT = OdtReader()
_ARCHIVES = (_DOCX, _ODT)

# Order matters only for sniffing: binary signatures before the text-based ones.
READERS: tuple[Reader, ...] = (
    PdfReader(),
    _DOCX,
    _ODT,
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


def read_document(
    data: bytes, filename: str | None = None, *, limits: ReadLimits | None = None
) -> ReadResult:
    """The text of a document; raises ``ExtractionError`` and nothing else, whatever the bytes."""
    limits = limits or ReadLimits()
    reader = _choose(data, _extension(filename))
    try:
        read = reader.read(data, limits)
    except ExtractionError:
        raise
    except Exception as error:  # a reader's bug must reach the user as a clear message
        raise unreadable(reader.format.upper()) from error
    if isinstance(read, str):
        read = ReadText(read)
    if len(read.text) > limits.text_chars:
        raise too_long(limits.text_chars)
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


# Enough for every signature (a PDF may have junk before «%PDF-», HTML a comment before
# <html>) and for the first member of a zip archive (an ODT's «mimetype»).
HEAD_BYTES = 4096
_ODT_MIMETYPE = b"mimetypeapplication/vnd.oasis.opendocument.text"


def guess_format(head: bytes, filename: str | None = None) -> str:
    """The format a file appears to be in from its first ``HEAD_BYTES`` and its name.

    Cheap enough for the upload request, which must refuse an image or an old DOC at once;
    ``read_document`` decides for good from the whole file (a damaged archive named
    «.docx» is guessed as DOCX here and found unreadable there). Raises ``ExtractionError``
    (``unsupported_format``) for a format that is certainly not supported.
    """
    extension = _extension(filename)
    for reader in READERS:
        # Whole small files are read exactly; the head of a larger archive sniffs as nothing.
        if _sniffs(reader, head):
            return reader.format
    _refuse_foreign(head)
    if head.startswith(b"PK\x03\x04"):
        # ODF writes its «mimetype» member first and uncompressed, so the head shows it.
        if _ODT_MIMETYPE in head:
            return "odt"
        named = _by_extension(extension)
        return named.format if named in _ARCHIVES else "docx"
    return (_by_extension(extension) or _PLAIN_TEXT).format


def _extension(filename: str | None) -> str:
    name = posixpath.basename((filename or "").replace("\\", "/"))
    return posixpath.splitext(name)[1].lower()


def _choose(data: bytes, extension: str) -> Reader:
    for reader in READERS:
        if _sniffs(reader, data):
            return reader
    _refuse_foreign(data)
    # Only an intact archive is foreign; a broken one named «.docx» is a damaged document.
    if open_zip(data) is not None:
        raise _unsupported("«ZIP-архив (но не DOCX и не ODT)»")
    named = _by_extension(extension)
    if named is not None:
        return named
    if data.startswith(b"PK\x03\x04"):
        raise unreadable("DOCX или ODT")  # an office archive too damaged to say which
    return _PLAIN_TEXT


def _refuse_foreign(data: bytes) -> None:
    for name_prefix, name in _FOREIGN_SIGNATURES:
        if data.startswith(name_prefix):
            raise _unsupported(f"«{name}»")


def _by_extension(extension: str) -> Reader | None:
    """The reader the file name asks for; None when it names no format at all."""
    for reader in READERS:
        if extension in reader.extensions:
            return reader
    if extension in _FOREIGN_EXTENSIONS:
        raise _unsupported(f"«{extension.lstrip('.').upper()}»")
    return None


def _sniffs(reader: Reader, data: bytes) -> bool:
    try:
        return reader.sniffs(data)
    except Exception:  # a sniffer that trips over odd bytes has simply not recognised them
        return False


def _unsupported(name: str) -> ExtractionError:
    return ExtractionError(
        f"Формат файла {name} не поддерживается. {SAVE_AS_HINT}", code="unsupported_format"
    )
