"""Safe access to zipped XML documents (DOCX, ODT): no zip bombs, no entity expansion."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator

# The stdlib Element is used as a type only: parsing goes through defusedxml.
from xml.etree.ElementTree import Element  # nosec B405

import defusedxml
import defusedxml.ElementTree

from protokol.extraction.config import ReadLimits
from protokol.extraction.errors import ExtractionError
from protokol.extraction.readers.base import too_large, unreadable

_CHUNK = 1024 * 1024
# Integers in both formats' markup (ST_DecimalNumber, ODF's list and span counts) are 32-bit;
# a longer string of digits is no number a word processor wrote.
_INT_CHARACTERS = 11


def attribute_int(value: str | None, default: int) -> int:
    """An integer attribute of the markup; ``default`` when absent, malformed or absurd."""
    if value is None or len(value) > _INT_CHARACTERS:
        return default
    try:
        return int(value)
    except ValueError:
        return default


def open_zip(data: bytes) -> zipfile.ZipFile | None:
    """The archive, or None when the bytes are not a zip file at all."""
    if not data.startswith(b"PK"):
        return None
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None


def _overpacked(kind: str, ratio: int) -> ExtractionError:
    return ExtractionError(
        f"Файл {kind} распаковывается в объём, в {ratio} с лишним раз больший самого файла: "
        f"так устроены «zip-бомбы», и такой файл не читается. Пересохраните документ в "
        f"текстовом редакторе и загрузите снова.",
        code="too_large",
    )


class XmlArchive:
    """The members of an office document read under one shared size budget.

    The budget is the smaller of ``limits.unpacked_bytes`` and ``limits.unpacked_ratio``
    times the archive's own size, so a few kilobytes cannot inflate to megabytes of empty
    paragraphs. It counts what is declared in the central directory first, so a bomb is
    refused before anything is inflated, and then what is actually inflated, because the
    declared sizes are written by whoever made the file.
    """

    def __init__(
        self, archive: zipfile.ZipFile, kind: str, limits: ReadLimits, archive_size: int
    ) -> None:
        self._archive = archive
        self._kind = kind
        self._budget = limits.unpacked_budget(archive_size)
        self._refusal = (
            too_large(limits.unpacked_bytes)
            if self._budget == limits.unpacked_bytes
            else _overpacked(kind, limits.unpacked_ratio)
        )
        self._names = set(archive.namelist())

    def has(self, name: str) -> bool:
        return name in self._names

    def parse(self, name: str) -> Element:
        raw = self._read(name)
        try:
            root: Element = defusedxml.ElementTree.fromstring(raw)
        except defusedxml.DefusedXmlException as error:
            raise ExtractionError(
                f"Файл {self._kind} содержит запрещённые XML-конструкции (сущности DTD) и "
                f"отклонён из соображений безопасности. Пересохраните документ в текстовом "
                f"редакторе и загрузите снова.",
                code="unreadable",
            ) from error
        except Exception as error:  # ParseError, and whatever expat reports on garbage
            raise unreadable(self._kind) from error
        return root

    def _read(self, name: str) -> bytes:
        try:
            info = self._archive.getinfo(name)
        except KeyError as error:
            raise unreadable(self._kind) from error
        if info.file_size > self._budget:
            raise self._refusal
        chunks: list[bytes] = []
        try:
            with self._archive.open(info) as member:
                while chunk := member.read(_CHUNK):
                    self._budget -= len(chunk)
                    if self._budget < 0:
                        raise self._refusal
                    chunks.append(chunk)
        except ExtractionError:
            raise
        except Exception as error:  # BadZipFile (CRC), zlib.error, encrypted members, …
            raise unreadable(self._kind) from error
        return b"".join(chunks)


def walk(
    root: Element,
    enter: Callable[[Element], bool],
    leave: Callable[[Element], None] | None = None,
) -> None:
    """Visit the descendants of ``root`` in document order without recursion.

    ``enter`` is called on each element and says whether to go inside it; ``leave`` is
    called after the element (and, if entered, everything inside it). A document nested
    10,000 levels deep is walked like a flat one, with no recursion limit to hit.
    """
    stack: list[tuple[Element, Iterator[Element]]] = [(root, iter(root))]
    while stack:
        parent, children = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if leave is not None and stack:
                leave(parent)
        elif enter(child):
            stack.append((child, iter(child)))
        elif leave is not None:
            leave(child)
