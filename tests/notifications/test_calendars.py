"""ICS feeds of due dates: valid RFC 5545, Moscow time, secret and revocable, region-scoped."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from protokol.notifications import calendars
from protokol.notifications.models import CalendarFeed

DUE = dt.date(2026, 12, 10)


def _fetch(feed: CalendarFeed):
    """Anonymously, as a calendar program does."""
    return Client().get(reverse("notifications:feed", args=[feed.token]))


def _parse(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def _assert_rfc5545(calendar: Calendar) -> None:
    """The properties RFC 5545 makes mandatory, and every TZID defined by a VTIMEZONE."""
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    zones = {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")}
    assert zones == {"Europe/Moscow"}
    for event in calendar.walk("VEVENT"):
        assert event["UID"] and event["DTSTAMP"] and event["SUMMARY"]
        assert event["DTSTART"].params["TZID"] in zones
        assert event["DTEND"].dt > event["DTSTART"].dt


def test_a_region_feed_lists_its_own_due_dates_in_moscow_time(controlled, operators):
    operator_a, _ = operators
    controlled(DUE)  # Белгородская область and Москва
    feed = calendars.issue_feed(operator_a)
    calendar = _parse(_fetch(feed))
    _assert_rfc5545(calendar)
    (event,) = calendar.walk("VEVENT")
    start = event["DTSTART"].dt
    assert start.date() == DUE and start.hour == 9
    assert start.utcoffset() == dt.timedelta(hours=3)
    assert "Белгородская область" in str(event["DESCRIPTION"])
    assert "UTC+3 (МСК)" in str(event["DESCRIPTION"])
    assert "Москва" not in str(event["DESCRIPTION"])
    assert "I.1" in str(event["SUMMARY"])


def test_the_region_time_zone_is_noted_for_a_far_region(controlled, db):
    from protokol.accounts.models import User

    operator = User.objects.create_user("kamchatka", role="operator", region_id="41")
    controlled(DUE, regions=("41",))
    calendar = _parse(_fetch(calendars.issue_feed(operator)))
    (event,) = calendar.walk("VEVENT")
    assert "UTC+12 (МСК+9)" in str(event["DESCRIPTION"])


def test_a_curator_feed_has_one_event_per_instruction_and_due_date(controlled, curator, db):
    controlled(DUE, regions=("31", "77", "17"), n=2)
    calendar = _parse(_fetch(calendars.issue_feed(curator)))
    _assert_rfc5545(calendar)
    events = calendar.walk("VEVENT")
    assert len(events) == 2
    assert all("субъектов: 3" in str(e["SUMMARY"]) for e in events)


def test_a_curator_feed_omits_instructions_of_other_curators(controlled, curator, db):
    from protokol.accounts.models import User
    from protokol.protocols.models import Instruction

    controlled(DUE)
    other = User.objects.create_user("other", role="curator")
    Instruction.objects.update(curator=other)
    assert _parse(_fetch(calendars.issue_feed(curator))).walk("VEVENT") == []


def test_a_revoked_or_unknown_token_is_not_found(controlled, operators):
    operator_a, _ = operators
    controlled(DUE)
    first = calendars.issue_feed(operator_a)
    second = calendars.issue_feed(operator_a)  # a new address revokes the old one
    assert _fetch(first).status_code == 404
    assert _fetch(second).status_code == 200
    calendars.revoke_feeds(operator_a)
    assert _fetch(second).status_code == 404
    assert Client().get("/notifications/calendar/not-a-token.ics").status_code == 404


def test_an_operator_moved_to_another_region_sees_nothing_through_the_old_address(
    controlled, operators
):
    operator_a, _ = operators
    controlled(DUE)
    feed = calendars.issue_feed(operator_a)
    operator_a.region_id = "77"
    operator_a.save()
    assert _parse(_fetch(feed)).walk("VEVENT") == []
    operator_a.is_active = False
    operator_a.save()
    assert _fetch(feed).status_code == 404


def test_the_calendar_page_issues_and_revokes_the_address(login, operators, controlled):
    operator_a, operator_b = operators
    client = login(operator_a)
    page = reverse("notifications:calendar")
    assert "Получить адрес календаря" in client.get(page).content.decode()
    client.post(page, {"action": "issue"})
    feed = CalendarFeed.objects.get(user=operator_a, revoked_at=None)
    assert feed.region_id == "31" and feed.scope == "region"
    assert feed.token in client.get(page).content.decode()
    assert feed.token not in login(operator_b).get(page).content.decode()
    client.post(page, {"action": "revoke"})
    assert not CalendarFeed.objects.filter(revoked_at=None).exists()


@pytest.mark.parametrize("role", ["observer"])
def test_the_calendar_is_offered_to_ministry_staff(login, role, request):
    user = request.getfixturevalue(role)
    assert login(user).get(reverse("notifications:calendar")).status_code == 200
