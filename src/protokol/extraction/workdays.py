"""The Russian production calendar: which days are working days.

Source: the ``holidays`` package, which knows the Government's yearly decrees on moved
days (2024: ПП № 1314, 2025: № 1335, 2026: № 1466), plus overrides an administrator
enters (a decree published after the package release, a regional day off).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from functools import lru_cache

import holidays

ONE_DAY = dt.timedelta(days=1)
# A deadline search never walks further than this: no Russian holiday run is longer.
_MAX_WALK = 60


@lru_cache(maxsize=64)
def _official(year: int) -> tuple[frozenset[dt.date], frozenset[dt.date]]:
    """Non-working weekdays and working weekend days of ``year`` from the package."""
    ru = holidays.country_holidays("RU", years=year)
    days_off = frozenset(d for d in ru if d.year == year)
    workdays = frozenset(d for d in ru.weekend_workdays if d.year == year)
    return days_off, workdays


class ProductionCalendar:
    """Working-day arithmetic; ``overrides`` maps a date to True (working) or False (day off).

    Immutable and hashable-by-identity so it can sit in a frozen ``ExtractionConfig``.
    """

    __slots__ = ("_cumulative", "_overrides")

    def __init__(self, overrides: Mapping[dt.date, bool] | None = None) -> None:
        self._overrides: dict[dt.date, bool] = dict(overrides or {})
        # Per year, working days from 1 January through each day: pages list hundreds of
        # due dates with "N working days left", and counting day by day was their hot spot.
        self._cumulative: dict[int, list[int]] = {}

    @property
    def overrides(self) -> Mapping[dt.date, bool]:
        return dict(self._overrides)

    def is_working_day(self, day: dt.date) -> bool:
        if day in self._overrides:
            return self._overrides[day]
        days_off, working_weekends = _official(day.year)
        if day in working_weekends:
            return True
        return day.weekday() < 5 and day not in days_off

    def previous_working_day(self, day: dt.date) -> dt.date:
        """``day`` itself when it is a working day, otherwise the nearest working day before.

        Records-management rule (DOMAIN.md §1): a deadline on a non-working day moves
        back, not forward as under the Civil Code.
        """
        for _ in range(_MAX_WALK):
            if self.is_working_day(day):
                return day
            day -= ONE_DAY
        raise ValueError(f"no working day within {_MAX_WALK} days before {day}")

    def next_working_day(self, day: dt.date) -> dt.date:
        """``day`` itself when it is a working day, otherwise the nearest working day after."""
        for _ in range(_MAX_WALK):
            if self.is_working_day(day):
                return day
            day += ONE_DAY
        raise ValueError(f"no working day within {_MAX_WALK} days after {day}")

    def add_working_days(self, start: dt.date, count: int) -> dt.date:
        """The ``count``-th working day after ``start`` (``start`` itself not counted)."""
        day = start
        remaining = count
        while remaining > 0:
            day += ONE_DAY
            if self.is_working_day(day):
                remaining -= 1
        return day

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days in ``(start, end]``; negative when ``end`` is before ``start``."""
        if end < start:
            return -self.working_days_between(end, start)
        whole_years = sum(self.working_days_in_year(y) for y in range(start.year, end.year))
        return whole_years + self._through(end) - self._through(start)

    def working_days_in_year(self, year: int) -> int:
        return self._counts(year)[-1]

    def _through(self, day: dt.date) -> int:
        """Working days from 1 January of ``day``'s year through ``day``."""
        return self._counts(day.year)[day.timetuple().tm_yday - 1]

    def _counts(self, year: int) -> list[int]:
        counts = self._cumulative.get(year)
        if counts is None:
            counts, total = [], 0
            for day in _days(dt.date(year, 1, 1), dt.date(year, 12, 31)):
                total += self.is_working_day(day)
                counts.append(total)
            self._cumulative[year] = counts
        return counts


def _days(first: dt.date, last: dt.date) -> Iterable[dt.date]:
    day = first
    while day <= last:
        yield day
        day += ONE_DAY
