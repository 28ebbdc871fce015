"""Automatic list numbers rendered as text, as a word processor would display them."""

from __future__ import annotations

from protokol.extraction.numerals import to_roman

_LATIN = "abcdefghijklmnopqrstuvwxyz"
# Word's «а, б, в» list style skips ё, й, ъ and ь.
_RUSSIAN = "абвгдежзиклмнопрстуфхцчшщыэюя"
# The largest Roman numeral written without overlines. Letters and Roman numerals grow with
# the value («zzz…», «MMM…»): a list told to start at 2,000,000,000 would give every item a
# label of 77 million letters, so beyond this the number is shown in digits.
MAX_STYLED = 3999


def _letters(value: int, alphabet: str) -> str:
    # After the last letter the sequence goes on with doubled letters: y, z, aa, bb, …
    index, repeat = (value - 1) % len(alphabet), (value - 1) // len(alphabet) + 1
    return alphabet[index] * repeat


def format_number(value: int, style: str) -> str:
    """``value`` in a WordprocessingML ``numFmt`` style; unknown styles fall back to decimal."""
    if value < 1 or value > MAX_STYLED or style == "decimal":
        return str(value)
    match style:
        case "lowerLetter":
            return _letters(value, _LATIN)
        case "upperLetter":
            return _letters(value, _LATIN).upper()
        case "russianLower":
            return _letters(value, _RUSSIAN)
        case "russianUpper":
            return _letters(value, _RUSSIAN).upper()
        case "lowerRoman":
            return to_roman(value).lower()
        case "upperRoman":
            return to_roman(value)
        case "decimalZero":
            return f"{value:02d}"
        case "none":
            return ""
    return str(value)
