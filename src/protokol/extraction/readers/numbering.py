"""Automatic list numbers rendered as text, as a word processor would display them."""

from __future__ import annotations

_LATIN = "abcdefghijklmnopqrstuvwxyz"
# Word's «а, б, в» list style skips ё, й, ъ and ь.
_RUSSIAN = "абвгдежзиклмнопрстуфхцчшщыэюя"
_ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip


def _letters(value: int, alphabet: str) -> str:
    # After the last letter the sequence goes on with doubled letters: y, z, aa, bb, …
    index, repeat = (value - 1) % len(alphabet), (value - 1) // len(alphabet) + 1
    return alphabet[index] * repeat


def _roman(value: int) -> str:
    digits = []
    for amount, numeral in _ROMAN:
        count, value = divmod(value, amount)
        digits.append(numeral * count)
    return "".join(digits)


def format_number(value: int, style: str) -> str:
    """``value`` in a WordprocessingML ``numFmt`` style; unknown styles fall back to decimal."""
    if value < 1 or style == "decimal":
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
            return _roman(value)
        case "upperRoman":
            return _roman(value).upper()
        case "decimalZero":
            return f"{value:02d}"
        case "none":
            return ""
    return str(value)
