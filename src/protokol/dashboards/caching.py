"""A short cache for year-wide aggregates (department figures, map, league table).

At national scale (400,000 assignments a year) each of these sums hundreds of thousands
of rows; a leader opening the dashboard does not need them fresher than a minute, and
the same figures are asked for by every ministry user. Keys include the user's scope
(all regions, or one region) so an operator never gets the ministry's numbers.
``PROTOKOL_DASHBOARD_CACHE_SECONDS = 0`` turns it off (the tests do).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache

T = TypeVar("T")


def scope_of(user) -> str:
    if getattr(user, "sees_all_regions", False):
        return "all"
    return f"region-{getattr(user, 'region_id', None) or 'none'}"


def cached(user, name: str, parts: tuple[object, ...], compute: Callable[[], T]) -> T:
    seconds = settings.PROTOKOL_DASHBOARD_CACHE_SECONDS
    if not seconds:
        return compute()
    key = "dashboards:" + ":".join(str(p) for p in (name, scope_of(user), *parts))
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, seconds)
    return value
