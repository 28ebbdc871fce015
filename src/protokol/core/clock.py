"""What day it is: deadlines are Moscow days (DOMAIN.md §1; TIME_ZONE is Europe/Moscow)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone


def moscow_today() -> dt.date:
    """Today's Moscow date: the «day D» every deadline fact (overdue, due today) is judged on."""
    return timezone.localdate()


def moscow_now() -> dt.datetime:
    """The Moscow time now: the «по состоянию на 6 декабря 2026 г., 14:30 (МСК)» of a
    document. Its date is always ``moscow_today()``."""
    return timezone.localtime()
