"""Hand-made .xlsx files for the upload budget tests: every part written out, so a test
states exactly what the sheet declares, what it holds and how big a part unpacks.

openpyxl writes honest files; an attacker does not, so these are assembled from XML.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from io import BytesIO
from xml.sax.saxutils import escape

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
TYPES = "application/vnd.openxmlformats-officedocument.spreadsheetml"

CONTENT_TYPES = f"""<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="{TYPES}.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{TYPES}.worksheet+xml"/>
<Override PartName="/xl/sharedStrings.xml" ContentType="{TYPES}.sharedStrings+xml"/>
</Types>"""
PACKAGE_RELS = (
    f'<Relationships xmlns="{RELS}"><Relationship Id="rId1" '
    f'Type="{OFFICE}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    f'<workbook xmlns="{MAIN}" xmlns:r="{OFFICE}"><sheets>'
    f'<sheet name="Отчёты" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    f'<Relationships xmlns="{RELS}">'
    f'<Relationship Id="rId1" Type="{OFFICE}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{OFFICE}/sharedStrings" Target="sharedStrings.xml"/>'
    "</Relationships>"
)


def row(number: int, cells: dict[str, object]) -> str:
    """``<row>`` number ``number`` with ``{"A": 1, "C": "text"}`` as inline values."""
    parts = []
    for column, value in cells.items():
        ref = f"{column}{number}"
        if isinstance(value, str):
            parts.append(f'<c r="{ref}" t="inlineStr"><is><t>{escape(value)}</t></is></c>')
        else:
            parts.append(f'<c r="{ref}"><v>{value}</v></c>')
    return f'<row r="{number}">{"".join(parts)}</row>'


def sheet(rows: Iterable[str], dimension: str | None = None) -> str:
    declared = f'<dimension ref="{dimension}"/>' if dimension else ""
    return f'<worksheet xmlns="{MAIN}">{declared}<sheetData>{"".join(rows)}</sheetData></worksheet>'


def shared_strings(*texts: str) -> str:
    items = "".join(f"<si><t>{escape(text)}</t></si>" for text in texts)
    return f'<sst xmlns="{MAIN}" count="{len(texts)}" uniqueCount="{len(texts)}">{items}</sst>'


def workbook(
    worksheet: str,
    strings: str | Iterable[bytes] = "",
    extra: dict[str, bytes] | None = None,
) -> bytes:
    """An .xlsx of one sheet «Отчёты»; ``strings`` may be a stream of chunks, written
    as it comes, so a part can unpack to far more than the test ever holds."""
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", PACKAGE_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", worksheet)
        if isinstance(strings, str):
            archive.writestr("xl/sharedStrings.xml", strings or shared_strings())
        else:
            with archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as part:
                for chunk in strings:
                    part.write(chunk)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return out.getvalue()


def bomb_strings(unpacked: int) -> Iterable[bytes]:
    """A shared-strings part of ``unpacked`` bytes: one string of a repeated letter, the
    most compressible text there is (deflate: about a thousand to one)."""
    head = f'<sst xmlns="{MAIN}" count="1" uniqueCount="1"><si><t>'.encode()
    tail = b"</t></si></sst>"
    yield head
    left = unpacked - len(head) - len(tail)
    chunk = b"A" * (1024 * 1024)
    while left > 0:
        yield chunk[:left]
        left -= len(chunk)
    yield tail
