"""Plain text and Markdown in UTF-8, UTF-16, Windows-1251 or KOI8-R."""

from __future__ import annotations

import codecs

from protokol.extraction.errors import ExtractionError
from protokol.extraction.readers.base import CONTROL_CHARACTERS, SAVE_AS_HINT, check_size

# Single-byte Russian encodings decode any byte sequence, so the right one is chosen by
# how Russian the result looks: frequent lowercase letters (KOI8-R read as Windows-1251
# comes out in capitals and vice versa) and frequent bigrams (which also settle
# all-capital texts, where case says nothing).
_FREQUENT_LETTERS = "оеаинтсрвл"
_FREQUENT_BIGRAMS = ("ст", "но", "то", "на", "ен", "ов", "ни", "ра", "во", "ко", "по", "ро",
                     "пр", "ос", "го", "ре", "та", "ер", "ал", "ли", "ог", "ан", "ол", "ва")  # fmt: skip
_CANDIDATES = ("utf-8", "cp1251", "koi8_r")
_SAMPLE = 64 * 1024


def _russianness(text: str) -> int:
    folded = text.lower()
    return (
        sum(text.count(letter) for letter in _FREQUENT_LETTERS)
        + 2 * sum(folded.count(bigram) for bigram in _FREQUENT_BIGRAMS)
        - 10 * text.count("\ufffd")
    )


def _decode(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # A damaged UTF-8 file is still best read as UTF-8, so it competes with the rest.
    sample = data[:_SAMPLE]
    encoding = max(
        _CANDIDATES, key=lambda name: _russianness(sample.decode(name, errors="replace"))
    )
    return data.decode(encoding, errors="replace")


def decode_text(data: bytes) -> str:
    """Text of the bytes in whichever encoding they are; binary data is refused."""
    check_size(len(data))
    text = _decode(data)
    sample = text[:_SAMPLE]
    # Real texts have no control characters; random or binary bytes have them everywhere.
    if len(CONTROL_CHARACTERS.findall(sample)) > max(2, len(sample) // 200):
        raise ExtractionError(
            f"Формат файла не распознан: это не текст и не документ известного формата. "
            f"{SAVE_AS_HINT}",
            code="unsupported_format",
        )
    return text


class TextReader:
    """Plain text is never recognised by content: it is what is left when nothing else is."""

    def __init__(self, format: str, extensions: tuple[str, ...]) -> None:
        self.format = format
        self.extensions = extensions

    def sniffs(self, data: bytes) -> bool:
        return False

    def read(self, data: bytes) -> str:
        return decode_text(data)
