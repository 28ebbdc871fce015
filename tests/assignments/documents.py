"""Files a region might attach, built in the tests: documents of every allowed type,
PDFs with active content, polyglots, and uploads that spy on how they are read."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile

MB = 1024 * 1024


def pdf(catalog: bytes = b"", *objects: bytes, trailer: bytes = b"") -> bytes:
    """A one-page PDF: ``catalog`` entries added to the catalog (object 1), ``objects``
    numbered from 4 on, ``trailer`` entries added to the trailer."""
    parts = [
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
        b"1 0 obj\n<</Type/Catalog/Pages 2 0 R" + catalog + b">>\nendobj\n",
        b"2 0 obj\n<</Type/Pages/Kids[3 0 R]/Count 1>>\nendobj\n",
        b"3 0 obj\n<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>\nendobj\n",
    ]
    parts += [
        b"%d 0 obj\n" % number + body + b"\nendobj\n" for number, body in enumerate(objects, 4)
    ]
    parts.append(b"trailer\n<</Size %d/Root 1 0 R" % (len(objects) + 4) + trailer + b">>\n")
    parts.append(b"%%EOF\n")
    return b"".join(parts)


def stream(dictionary: bytes, data: bytes) -> bytes:
    """A stream object's body: ``<<dictionary /Length n>>stream … endstream``."""
    return b"<<" + dictionary + b"/Length %d>>stream\n" % len(data) + data + b"\nendstream"


def object_stream(*dictionaries: bytes, compress: bool = True) -> bytes:
    """An object stream (PDF 1.5) holding ``dictionaries`` as objects 100, 101, …"""
    offsets, body = [], b""
    for dictionary in dictionaries:
        offsets.append(len(body))
        body += dictionary + b"\n"
    table = b" ".join(b"%d %d" % (100 + n, offset) for n, offset in enumerate(offsets)) + b"\n"
    content = table + body
    meta = b"/Type/ObjStm/N %d/First %d" % (len(dictionaries), len(table))
    if compress:
        return stream(meta + b"/Filter/FlateDecode", zlib.compress(content))
    return stream(meta, content)


def pdf_of(size: int) -> bytes:
    """A PDF of exactly ``size`` bytes: a page and a scanned image taking the rest."""

    def document(length: int) -> bytes:
        image = (bytes(range(256)) * (length // 256 + 1))[:length]
        return pdf(b"", stream(b"/Type/XObject/Subtype/Image/Filter/DCTDecode", image))

    length = size - len(document(0))
    while len(document(length)) != size:  # the /Length figure grows by a digit or two
        length -= len(document(length)) - size
    return document(length)


def docx() -> bytes:
    from docx import Document

    document = Document()
    document.add_paragraph("Приказ о назначении руководителя ЦОПП")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def ooxml(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", b'<?xml version="1.0"?><Types/>')
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def xlsx() -> bytes:
    return ooxml({"xl/workbook.xml": b"<workbook/>", "xl/worksheets/sheet1.xml": b"<worksheet/>"})


def odt() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return out.getvalue()


def zip_archive(name: str = "payload.exe", data: bytes = b"MZ\x90\x00") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, data)
    return out.getvalue()


def png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\x00"))
        + chunk(b"IEND", b"")
    )


def jpeg() -> bytes:
    return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 64


def ole2(stream_name: str) -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + stream_name.encode("utf-16-le") * 2


def exe() -> bytes:
    return b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 50 + b"PE\x00\x00"


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/pdf")


class SpyUpload(SimpleUploadedFile):
    """An upload that records every read asked of it; ``declared`` replaces the size the
    client announced, and ``untouchable`` makes any read fail the test."""

    def __init__(
        self, name: str, data: bytes, *, declared: int | None = None, untouchable: bool = False
    ) -> None:
        super().__init__(name, data, content_type="application/pdf")
        self.reads: list[int | None] = []
        self.untouchable = untouchable
        if declared is not None:
            self.size = declared

    def read(self, size: int | None = -1) -> bytes:  # type: ignore[override]
        assert not self.untouchable, "the file was read although its declared size refuses it"
        self.reads.append(size)
        return bytes(self.file.read(size))

    def chunks(self, chunk_size: int | None = None):  # type: ignore[override]
        assert not self.untouchable, "the file was read although its declared size refuses it"
        return super().chunks(chunk_size)
