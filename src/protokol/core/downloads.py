"""File names people recognise, and the one Content-Disposition header every download sends.

A civil servant saves «Сопроводительное письмо 05-4017 от 02.11.2024.docx», not
«soprovoditelnoe-pismo-17-v1.docx». Browsers read the Cyrillic name from RFC 6266's
``filename*=UTF-8''…`` (RFC 5987 encoding); the plain ``filename="…"`` beside it is an ASCII
transliteration for the few clients that know only that parameter.
"""

from __future__ import annotations

import mimetypes
import re
from typing import IO
from urllib.parse import quote

from django.http import FileResponse

# Characters no file system or archive program takes in a name, and control characters
# (a line break in a header value would end the header).
_FORBIDDEN = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')
_SPACES = re.compile(r"\s+")
# Room for the longest extension within the 255 characters of a stored file name.
_STEM_LENGTH = 240
# The ASCII fallback: Cyrillic by the letters a Russian reader expects (close to the
# passport transliteration), anything else outside printable ASCII becomes «_».
_LOWER_CASE = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia",
}  # fmt: skip
_TRANSLITERATION = str.maketrans(
    {
        **_LOWER_CASE,
        **{cyrillic.upper(): latin.capitalize() for cyrillic, latin in _LOWER_CASE.items()},
    }
)
_UNSAFE_IN_QUOTES = re.compile(r'[^\x20-\x7e]|["\\]')


def document_filename(title: str, extension: str) -> str:
    """«Выписка Д05-98/05пр Белгородская область», "pdf" → «Выписка Д05-98-05пр Белгородская
    область.pdf»: forbidden characters (the slash of a protocol number) become hyphens."""
    stem = _FORBIDDEN.sub("-", _SPACES.sub(" ", title)).strip(" .-")[:_STEM_LENGTH].rstrip(" .")
    return f"{stem or 'document'}.{extension}"


def content_disposition(filename: str, *, inline: bool = False) -> str:
    """The header value: ``attachment; filename="ASCII"; filename*=UTF-8''UTF-8-percent``."""
    name = _FORBIDDEN.sub("_", filename)
    fallback = _UNSAFE_IN_QUOTES.sub("_", name.translate(_TRANSLITERATION))
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def file_download(
    handle: IO[bytes], filename: str, *, content_type: str | None = None
) -> FileResponse:
    """A stored file sent as a download under ``filename``."""
    guessed = mimetypes.guess_type(filename)[0] or "application/octet-stream"
    response = FileResponse(handle, content_type=content_type or guessed)
    response["Content-Disposition"] = content_disposition(filename)
    return response
