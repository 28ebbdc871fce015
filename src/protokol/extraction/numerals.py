"""Roman numerals: section numbers of protocols («III.») and Word's Roman list styles."""

from __future__ import annotations

_DIGITS = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
    (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip
_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def to_roman(value: int) -> str:
    """``value`` (≥ 1) in upper-case Roman numerals."""
    parts = []
    for number, letters in _DIGITS:
        count, value = divmod(value, number)
        parts.append(letters * count)
    return "".join(parts)


def roman_value(numeral: str) -> int | None:
    """The value of a well-formed upper-case Roman numeral, None otherwise («IIII», «VX»)."""
    if not numeral or any(c not in _VALUES for c in numeral):
        return None
    values = [_VALUES[c] for c in numeral]
    total = sum(
        -value if index + 1 < len(values) and values[index + 1] > value else value
        for index, value in enumerate(values)
    )
    return total if total > 0 and to_roman(total) == numeral else None
