"""RTF, usually written by Word or WordPad in Windows-1251 with ``\\'xx`` escapes."""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable

from striprtf.striprtf import rtf_to_text

from protokol.extraction.config import ReadLimits
from protokol.extraction.readers.base import check_size, unreadable

_CODE_PAGE = re.compile(rb"\\ansicpg(\d{3,5})")
# striprtf has no type annotations.
_rtf_to_text: Callable[..., str] = rtf_to_text
_HEADER = re.compile(rb"\s*\{\\rtf")


def _code_page(data: bytes) -> str:
    match = _CODE_PAGE.search(data[:4096])
    if match:
        encoding = f"cp{int(match.group(1))}"
        try:
            codecs.lookup(encoding)
        except LookupError:
            pass
        else:
            return encoding
    # Without a declaration a Russian RTF is still almost certainly Windows-1251.
    return "cp1251"


class RtfReader:
    format = "rtf"
    extensions: tuple[str, ...] = (".rtf",)

    def sniffs(self, data: bytes) -> bool:
        return _HEADER.match(data.removeprefix(b"\xef\xbb\xbf")[:64]) is not None

    def read(self, data: bytes, limits: ReadLimits) -> str:
        check_size(len(data), limits)
        encoding = _code_page(data)
        # Escapes are ASCII; bytes written unescaped by sloppy writers are in the code page.
        source = data.decode(encoding, errors="replace")
        try:
            text = _rtf_to_text(source, encoding=encoding, errors="replace")
        except Exception as error:  # striprtf is a hand-written parser; garbage trips it
            raise unreadable("RTF") from error
        return text
