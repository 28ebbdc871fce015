import datetime as dt

from protokol.workcalendar.calendar import production_calendar
from protokol.workcalendar.models import CalendarDay


def test_without_overrides_the_official_calendar_applies(db):
    calendar = production_calendar()
    assert calendar.working_days_in_year(2025) == 247
    assert not calendar.is_working_day(dt.date(2025, 5, 8))


def test_an_administrators_day_off_moves_deadlines_back(db):
    CalendarDay.objects.create(date=dt.date(2025, 12, 30), is_working=False, note="распоряжение")
    calendar = production_calendar()
    assert not calendar.is_working_day(dt.date(2025, 12, 30))
    assert calendar.previous_working_day(dt.date(2025, 12, 30)) == dt.date(2025, 12, 29)
    assert calendar.working_days_in_year(2025) == 246


def test_an_administrators_working_saturday_counts(db):
    CalendarDay.objects.create(date=dt.date(2026, 12, 26), is_working=True)
    assert production_calendar().previous_working_day(dt.date(2026, 12, 27)) == dt.date(
        2026, 12, 26
    )
