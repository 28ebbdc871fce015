"""Marking one's own notifications as read (the in-app list)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils import timezone

from protokol.notifications.models import Notification

if TYPE_CHECKING:
    from protokol.accounts.models import User


def mark_read(user: User, ids: list[int] | None = None) -> int:
    """Mark ``user``'s unread notifications (all, or those in ``ids``) as read.

    Filtered by recipient first: an id of someone else's notification changes nothing.
    Not audited: reading is not a decision, and the list itself shows ``read_at``.
    """
    rows = Notification.objects.for_recipient(user).unread()
    if ids is not None:
        rows = rows.filter(pk__in=ids)
    return rows.update(read_at=timezone.now())
