"""The production calendar 2024–2026 (DOMAIN.md §2)."""

import datetime as dt

import pytest

from protokol.extraction.workdays import ProductionCalendar

D = dt.date
calendar = ProductionCalendar()


@pytest.mark.parametrize(("year", "count"), [(2024, 248), (2025, 247), (2026, 247)])
def test_each_year_has_its_official_number_of_working_days(year, count):
    assert calendar.working_days_in_year(year) == count


@pytest.mark.parametrize(
    "day",
    [
        # 2024: ПП № 1314
        *[D(2024, 1, d) for d in (1, 2, 3, 4, 5, 8)],
        D(2024, 2, 23), D(2024, 3, 8), D(2024, 4, 29), D(2024, 4, 30), D(2024, 5, 1),
        D(2024, 5, 9), D(2024, 5, 10), D(2024, 6, 12), D(2024, 11, 4), D(2024, 12, 30),
        D(2024, 12, 31),
        # 2025: ПП № 1335
        D(2025, 1, 1), D(2025, 1, 3), D(2025, 1, 6), D(2025, 1, 8), D(2025, 5, 2), D(2025, 5, 8),
        D(2025, 6, 13), D(2025, 11, 3), D(2025, 12, 31),
        # 2026: ПП № 1466
        D(2026, 1, 2), D(2026, 1, 9), D(2026, 2, 23), D(2026, 3, 9), D(2026, 5, 11),
        D(2026, 12, 31),
    ],
)  # fmt: skip
def test_official_non_working_weekdays(day):
    assert day.weekday() < 5
    assert not calendar.is_working_day(day)


@pytest.mark.parametrize("day", [D(2024, 4, 27), D(2024, 11, 2), D(2024, 12, 28), D(2025, 11, 1)])
def test_moved_working_saturdays(day):
    assert day.weekday() == 5
    assert calendar.is_working_day(day)


@pytest.mark.parametrize(
    ("deadline", "due"),
    [
        (D(2024, 12, 1), D(2024, 11, 29)),  # Sunday → Friday
        (D(2024, 11, 4), D(2024, 11, 2)),  # holiday → the moved working Saturday
        (D(2024, 12, 28), D(2024, 12, 28)),  # working Saturday stays
        (D(2025, 1, 8), D(2024, 12, 28)),  # New Year holidays run back into December
        (D(2025, 5, 11), D(2025, 5, 7)),  # 8–11 May 2025 off
        (D(2026, 3, 9), D(2026, 3, 6)),  # 8 March on Sunday moved to Monday 9 March
        (D(2026, 11, 4), D(2026, 11, 3)),
    ],
)
def test_previous_working_day_moves_a_deadline_back(deadline, due):
    assert calendar.previous_working_day(deadline) == due


def test_next_working_day_and_adding_working_days():
    assert calendar.next_working_day(D(2024, 12, 29)) == D(2025, 1, 9)
    # 10 working days from the sample's meeting date (Wed 23 Oct 2024).
    assert calendar.add_working_days(D(2024, 10, 23), 10) == D(2024, 11, 6)
    assert calendar.working_days_between(D(2024, 10, 23), D(2024, 11, 6)) == 10
    assert calendar.working_days_between(D(2024, 11, 6), D(2024, 10, 23)) == -10


def test_overrides_win_over_the_package():
    custom = ProductionCalendar({D(2026, 12, 30): False, D(2026, 12, 26): True})
    assert not custom.is_working_day(D(2026, 12, 30))
    assert custom.is_working_day(D(2026, 12, 26))
    assert custom.working_days_in_year(2026) == 247
    assert calendar.is_working_day(D(2026, 12, 30))


@pytest.mark.parametrize(
    ("start", "end"),
    [(D(2024, 12, 25), D(2025, 1, 15)), (D(2024, 1, 1), D(2026, 12, 31)), (D(2025, 6, 1), D(2025, 6, 1)),
     (D(2023, 12, 31), D(2024, 1, 9)), (D(2026, 3, 9), D(2024, 3, 8))],
)  # fmt: skip
def test_working_days_between_counts_across_years_like_day_by_day(start, end):
    first, last, sign = (start, end, 1) if start <= end else (end, start, -1)
    naive = 0
    day = first + dt.timedelta(days=1)
    while day <= last:
        naive += calendar.is_working_day(day)
        day += dt.timedelta(days=1)
    assert calendar.working_days_between(start, end) == sign * naive


def test_overrides_change_the_counts_between_days():
    custom = ProductionCalendar({D(2025, 12, 30): False})
    assert custom.working_days_between(D(2025, 12, 25), D(2026, 1, 15)) == (
        calendar.working_days_between(D(2025, 12, 25), D(2026, 1, 15)) - 1
    )
