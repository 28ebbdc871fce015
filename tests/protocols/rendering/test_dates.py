import datetime as dt

import pytest

from protokol.protocols.rendering.dates import format_date_numeric, format_date_words


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2024, 10, 23), "23 октября 2024 г."),
        (dt.date(2024, 12, 1), "1 декабря 2024 г."),
        (dt.date(2025, 1, 9), "9 января 2025 г."),
        (dt.date(2025, 5, 31), "31 мая 2025 г."),
    ],
)
def test_words_have_no_leading_zero_and_a_genitive_month(day, expected):
    assert format_date_words(day) == expected


def test_every_month_is_in_the_genitive():
    months = [format_date_words(dt.date(2024, month, 1)).split()[1] for month in range(1, 13)]
    assert months == [
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
    ]


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2024, 11, 2), "02.11.2024"),
        (dt.date(2024, 12, 31), "31.12.2024"),
        (dt.date(2025, 1, 9), "09.01.2025"),
    ],
)
def test_numeric_date_is_zero_padded(day, expected):
    assert format_date_numeric(day) == expected
