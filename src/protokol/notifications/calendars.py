"""ICS feeds (RFC 5545) of due dates, per region and per curator, behind secret-token URLs.

Events are in Moscow time (``TZID=Europe/Moscow`` with its VTIMEZONE), the time every
deadline of the ministry is stated in; the description notes the region's own offset,
since a region in Kamchatka reads «18:00 МСК» as three in the morning of the next day.
A due date is an event from 09:00 to 18:00 Moscow time on that day: calendar programs
show it on the right day in every time zone, unlike an all-day event, which floats.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections import defaultdict
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from icalendar import Calendar, Event

from protokol.assignments.models import Assignment
from protokol.core.audit import record
from protokol.notifications.models import CalendarFeed

if TYPE_CHECKING:
    from protokol.accounts.models import User
    from protokol.regions.models import Region

MOSCOW = zoneinfo.ZoneInfo("Europe/Moscow")
DAY_START = dt.time(9)
DAY_END = dt.time(18)
PRODID = "-//Минпросвещения России//Протокол//RU"


def utc_offset_label(region: Region) -> str:
    """«UTC+12 (МСК+9)» — Moscow is UTC+3 all year."""
    msk = region.utc_offset - 3
    return f"UTC{region.utc_offset:+d} (МСК{msk:+d})" if msk else f"UTC{region.utc_offset:+d} (МСК)"


# --- feeds: creating, revoking, finding ----------------------------------------------------


def feed_scope_for(user: User) -> str | None:
    """Operators get their region's feed, the ministry's staff the feed of what they curate."""
    if user.is_regional_operator:
        return CalendarFeed.Scope.REGION
    if user.is_ministry:
        return CalendarFeed.Scope.CURATOR
    return None


def issue_feed(user: User) -> CalendarFeed:
    """A new secret address for ``user``; the previous one stops working (revoked)."""
    scope = feed_scope_for(user)
    if scope is None:
        raise PermissionError("Календарь сроков недоступен для этой роли.")
    with transaction.atomic():
        revoke_feeds(user)
        feed = CalendarFeed.objects.create(
            user=user,
            scope=scope,
            region_id=user.region_id if scope == CalendarFeed.Scope.REGION else None,
        )
        record(user, "calendar_feed.issued", feed, f"Выдан адрес календаря сроков: {feed}")
    return feed


def revoke_feed(feed: CalendarFeed, actor: User) -> bool:
    """Revoke one feed (its owner, or an administrator); False when it was already revoked."""
    with transaction.atomic():
        updated = CalendarFeed.objects.filter(pk=feed.pk, revoked_at=None).update(
            revoked_at=timezone.now()
        )
        if updated:
            record(actor, "calendar_feed.revoked", feed, f"Отозван адрес календаря сроков: {feed}")
    return bool(updated)


def revoke_feeds(user: User) -> int:
    """Revoke every active feed of ``user``; returns how many."""
    feeds = CalendarFeed.objects.filter(user=user, revoked_at=None)
    return sum(revoke_feed(feed, user) for feed in feeds)


def active_feed(token: str) -> CalendarFeed | None:
    return (
        CalendarFeed.objects.select_related("user", "region")
        .filter(token=token, revoked_at=None, user__is_active=True)
        .first()
    )


# --- the calendar ---------------------------------------------------------------------------


def feed_assignments(feed: CalendarFeed) -> list[Assignment]:
    """What the feed shows, recomputed from the owner's current rights on every request."""
    rows = (
        Assignment.objects.visible_to(feed.user)
        .open()
        .filter(due_date__isnull=False)
        .select_related("instruction__protocol", "region")
        .order_by("due_date", "instruction_id", "region_id")
    )
    if feed.scope == CalendarFeed.Scope.REGION:
        # The feed's region must still be the owner's: an operator moved to another
        # region keeps no window on the old one.
        if feed.region_id is None or feed.region_id != feed.user.region_id:
            return []
        return list(rows.filter(region_id=feed.region_id))
    return list(rows.filter(instruction__curator=feed.user))


def build_calendar(feed: CalendarFeed) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-timezone", "Europe/Moscow")
    stamp = timezone.now()
    rows = feed_assignments(feed)
    if feed.scope == CalendarFeed.Scope.REGION:
        region = feed.region.name if feed.region else ""
        calendar.add("x-wr-calname", f"Сроки поручений: {region}")
        for assignment in rows:
            calendar.add_component(_region_event(assignment, stamp))
    else:
        calendar.add("x-wr-calname", f"Сроки курируемых поручений: {feed.user.short_name}")
        grouped: dict[tuple[int, dt.date | None], list[Assignment]] = defaultdict(list)
        for assignment in rows:
            grouped[(assignment.instruction_id, assignment.due_date)].append(assignment)
        for items in grouped.values():
            calendar.add_component(_curator_event(items, stamp))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _event(uid: str, summary: str, day: dt.date, description: str, stamp: dt.datetime) -> Event:
    event = Event()
    event.add("uid", f"{uid}@protokol")
    event.add("dtstamp", stamp)
    event.add("dtstart", dt.datetime.combine(day, DAY_START, tzinfo=MOSCOW))
    event.add("dtend", dt.datetime.combine(day, DAY_END, tzinfo=MOSCOW))
    event.add("summary", summary)
    event.add("description", description)
    event.add("transp", "TRANSPARENT")
    event.add("url", f"{settings.PROTOKOL_SITE_URL.rstrip('/')}/")
    return event


def _due(assignment: Assignment) -> dt.date:
    """The due date of a feed's row: feeds select dated assignments only."""
    if assignment.due_date is None:
        raise ValueError(f"Поручение {assignment.pk} без срока не входит в календарь.")
    return assignment.due_date


def _region_event(assignment: Assignment, stamp: dt.datetime) -> Event:
    instruction = assignment.instruction
    protocol = instruction.protocol
    region = assignment.region
    description = (
        f"{instruction.text}\n\n"
        f"Срок: {assignment.due.label} (время московское).\n"
        f"Протокол № {protocol.number}. Субъект РФ: {region.name}.\n"
        f"Время московское; местное время субъекта — {utc_offset_label(region)}."
    )
    return _event(
        f"assignment-{assignment.pk}",
        f"Срок: поручение {instruction.code} (протокол № {protocol.number})",
        _due(assignment),
        description,
        stamp,
    )


def _curator_event(items: list[Assignment], stamp: dt.datetime) -> Event:
    first = items[0]
    instruction = first.instruction
    regions = ", ".join(f"{a.region.name} ({utc_offset_label(a.region)})" for a in items)
    description = (
        f"{instruction.text}\n\n"
        f"Срок: {first.due.label} (время московское).\n"
        f"Протокол № {instruction.protocol.number}. Не исполнено: {len(items)}.\n"
        f"Время московское. Субъекты РФ и их местное время: {regions}."
    )
    return _event(
        f"instruction-{instruction.pk}-{first.due_date:%Y%m%d}",
        f"Срок: поручение {instruction.code} (протокол № {instruction.protocol.number}), "
        f"субъектов: {len(items)}",
        _due(first),
        description,
        stamp,
    )
