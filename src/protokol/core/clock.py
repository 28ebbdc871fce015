"""What day it is: deadlines are Moscow days (DOMAIN.md §1; TIME_ZONE is Europe/Moscow)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone


def moscow_today() -> dt.date:
    """Today's Moscow date: the «day D» every deadline fact (overdue, due today) is judged on."""
    return timezone.localdate()
