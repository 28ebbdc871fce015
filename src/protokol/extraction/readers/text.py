"""Plain text and Markdown in UTF-8, UTF-16, UTF-32, Windows-1251, KOI8-R or DOS (CP866)."""

from __future__ import annotations

import codecs
import string

from protokol.extraction.config import ReadLimits
from protokol.extraction.errors import ExtractionError
from protokol.extraction.readers.base import CONTROL_CHARACTERS, SAVE_AS_HINT, check_size

# Single-byte Russian encodings decode any byte sequence, so the right one is chosen by
# how Russian the result looks: frequent lowercase letters (KOI8-R read as Windows-1251
# comes out in capitals and vice versa) and frequent bigrams (which also settle
# all-capital texts, where case says nothing).
_FREQUENT_LETTERS = "оеаинтсрвл"
_FREQUENT_BIGRAMS = ("ст", "но", "то", "на", "ен", "ов", "ни", "ра", "во", "ко", "по", "ро",
                     "пр", "ос", "го", "ре", "та", "ер", "ал", "ли", "ог", "ан", "ол", "ва")  # fmt: skip
_CANDIDATES = ("utf-8", "cp1251", "koi8_r", "cp866")
_SAMPLE = 64 * 1024
# In Russian text the ten frequent letters are about 45 % of all letters; text decoded with a
# wrong encoding spreads evenly over the alphabet (about 15 %).
_MIN_FREQUENT_SHARE = 0.28
_MIN_LETTERS = 40
_PLAIN_CHARACTERS = frozenset(
    string.ascii_lowercase
    + string.digits
    + string.punctuation
    + string.whitespace
    + "«»—–№…“”„‘’•°§±\xa0\ufffd"
)
_MAX_ODD_SHARE = 0.05
# UTF-16 without a byte order mark: the high byte of Russian text is 0x04 (Cyrillic) or 0x00.
_UTF16_HIGH_BYTES = frozenset({0x00, 0x04})
_UTF16_SAMPLE = 4096
_UNKNOWN_ENCODING = (
    "Не удалось определить кодировку текстового файла: текст читается как набор случайных "
    "символов. Сохраните файл в кодировке UTF-8 (в Блокноте: «Сохранить как» → «Кодировка: "
    "UTF-8») и загрузите снова."
)


def _russianness(text: str) -> int:
    folded = text.lower()
    return (
        sum(text.count(letter) for letter in _FREQUENT_LETTERS)
        + 2 * sum(folded.count(bigram) for bigram in _FREQUENT_BIGRAMS)
        - 10 * text.count("\ufffd")
    )


def _decode(data: bytes) -> tuple[str, str]:
    """The text and the encoding it was read in."""
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), encoding
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return data.decode(utf16, errors="replace"), utf16
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # A damaged UTF-8 file is still best read as UTF-8, so it competes with the rest.
    sample = data[:_SAMPLE]
    encoding = max(
        _CANDIDATES, key=lambda name: _russianness(sample.decode(name, errors="replace"))
    )
    return data.decode(encoding, errors="replace"), encoding


def _utf16_without_bom(data: bytes) -> str | None:
    """«utf-16-le» / «utf-16-be» when every other byte is a high byte of Russian text."""
    sample = data[: _UTF16_SAMPLE - _UTF16_SAMPLE % 2]
    if len(sample) < 8:
        return None
    for name, high in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        if sum(1 for byte in high if byte in _UTF16_HIGH_BYTES) >= 0.95 * len(high):
            return name
    return None


def _looks_misdecoded(text: str) -> bool:
    """Symbols a Russian text does not use (pseudo-graphics, «Ђ», «Џ»), or Cyrillic letters
    among which the frequent Russian ones are rare: bytes of an unknown encoding."""
    folded = text.lower()
    letters = sum(1 for char in folded if "а" <= char <= "я" or char == "ё")
    odd = len(folded) - letters - sum(1 for char in folded if char in _PLAIN_CHARACTERS)
    if odd > max(_MIN_LETTERS // 4, _MAX_ODD_SHARE * len(folded)):
        return True
    if letters < _MIN_LETTERS:
        return False
    frequent = sum(folded.count(letter) for letter in _FREQUENT_LETTERS)
    return frequent < _MIN_FREQUENT_SHARE * letters


def decode_text(data: bytes) -> str:
    """Text of the bytes in whichever encoding they are; binary data is refused."""
    text, encoding = _decode(data)
    sample = text[:_SAMPLE]
    # Real texts have no control characters; random or binary bytes have them everywhere.
    if len(CONTROL_CHARACTERS.findall(sample)) > max(2, len(sample) // 200):
        raise ExtractionError(
            f"Формат файла не распознан: это не текст и не документ известного формата. "
            f"{SAVE_AS_HINT}",
            code="unsupported_format",
        )
    # Single-byte encodings read any bytes, so a text in none of them comes out as noise.
    if encoding in _CANDIDATES[1:] and _looks_misdecoded(sample):
        raise ExtractionError(_UNKNOWN_ENCODING, code="unknown_encoding")
    return text


class TextReader:
    """Plain text is never recognised by content: it is what is left when nothing else is."""

    def __init__(self, format: str, extensions: tuple[str, ...]) -> None:
        self.format = format
        self.extensions = extensions

    def sniffs(self, data: bytes) -> bool:
        return False

    def read(self, data: bytes, limits: ReadLimits) -> str:
        check_size(len(data), limits)
        return decode_text(data)
