import pytest

from protokol.extraction.numerals import roman_value, to_roman


@pytest.mark.parametrize(
    ("value", "numeral"),
    [(1, "I"), (4, "IV"), (9, "IX"), (14, "XIV"), (40, "XL"), (89, "LXXXIX"), (1994, "MCMXCIV")],
)
def test_roman_numerals_both_ways(value, numeral):
    assert to_roman(value) == numeral
    assert roman_value(numeral) == value


@pytest.mark.parametrize("numeral", ["", "IIII", "VX", "IC", "iv", "XХ", "ABC"])
def test_malformed_numerals_have_no_value(numeral):
    assert roman_value(numeral) is None
