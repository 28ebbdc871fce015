"""The production calendar in force: the packaged one plus the administrator's overrides."""

from __future__ import annotations

from protokol.extraction.workdays import ProductionCalendar
from protokol.workcalendar.models import CalendarDay


def production_calendar() -> ProductionCalendar:
    """One query; callers keep the result for the duration of a request or a task."""
    overrides = dict(CalendarDay.objects.values_list("date", "is_working"))
    return ProductionCalendar(overrides)
