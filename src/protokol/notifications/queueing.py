"""Queueing notifications: in-app rows at once, e-mail copies sent by the worker after commit.

Every producer (publication, the execution life cycle, reminders) ends in ``dispatch``:
it applies each recipient's preferences, stores the rows and asks the worker to send
them once the transaction has committed (so a rolled-back publication mails nobody).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.template.loader import render_to_string

from protokol.accounts.models import User
from protokol.notifications.delivery import send_notifications_task
from protokol.notifications.models import Notification, NotificationPreference
from protokol.protocols.models import Protocol

# Kinds a person in «digest only» mode does not receive one by one.
PER_ASSIGNMENT_REMINDERS = frozenset(
    {Notification.Kind.REMINDER, Notification.Kind.DUE_TODAY, Notification.Kind.OVERDUE}
)


def preferences(users: Iterable[User]) -> dict[int, NotificationPreference]:
    """Stored preferences by user id; a user without a row has the defaults."""
    ids = [user.pk for user in users]
    return {p.user_id: p for p in NotificationPreference.objects.filter(user_id__in=ids)}


def wants(preference: NotificationPreference | None, kind: str) -> bool:
    if preference is None or preference.mode == NotificationPreference.Mode.ALL:
        return True
    return kind not in PER_ASSIGNMENT_REMINDERS


def dispatch(notifications: list[Notification]) -> list[Notification]:
    """Store ``notifications`` (with ``recipient`` loaded) and have the worker e-mail them.

    Dropped: per-assignment reminders for people who chose the weekly digest. Kept in-app
    only (``skipped``): people without an address or who turned e-mail off.
    """
    prefs = preferences(n.recipient for n in notifications)
    kept = []
    for notification in notifications:
        preference = prefs.get(notification.recipient_id)
        if not wants(preference, notification.kind):
            continue
        email_off = preference is not None and not preference.email
        if email_off or not notification.recipient.email:
            notification.state = Notification.State.SKIPPED
            notification.error = (
                "Отправка по почте отключена в настройках."
                if email_off
                else "У пользователя не указан адрес электронной почты."
            )
        notification.subject = notification.subject[:300]
        kept.append(notification)
    Notification.objects.bulk_create(kept, batch_size=1000)
    if any(n.state == Notification.State.QUEUED for n in kept):
        transaction.on_commit(_send_soon)
    return kept


def _send_soon() -> None:
    send_notifications_task.enqueue()


def queue_for_regions(kind: str, protocol: Protocol, contexts: Mapping[str, dict[str, Any]]) -> int:
    """One notification per active operator of each region in ``contexts`` (region code →
    template context); returns how many were queued.

    Subject and body come from ``notifications/<kind>_subject.txt`` / ``<kind>_body.txt``.
    Recipients are chosen by region: an operator only ever gets their own region's context.
    On publication the notification keeps the version, whose cover letter and the region's
    extract the e-mail carries.
    """
    operators = User.objects.operators_of(contexts).select_related("region")
    version = None
    if kind == Notification.Kind.PUBLISHED:
        version = protocol.versions.order_by("-number").first()
    notifications = []
    for operator in operators:
        if operator.region_id is None:  # never: operators of these regions
            continue
        values = {
            **contexts[operator.region_id],
            "protocol": protocol,
            "recipient": operator,
            "region": operator.region,
        }
        subject = render_to_string(f"notifications/{kind}_subject.txt", values).strip()
        body = render_to_string(f"notifications/{kind}_body.txt", values).strip()
        notifications.append(
            Notification(
                recipient=operator,
                kind=kind,
                subject=subject,
                body=body,
                protocol=protocol,
                version=version,
                region_id=operator.region_id,
            )
        )
    return len(dispatch(notifications))
