"""Queueing notifications to regional operators; the notification worker sends them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.template.loader import render_to_string

from protokol.accounts.models import Role, User
from protokol.notifications.models import Notification
from protokol.protocols.models import Protocol


def queue_for_regions(kind: str, protocol: Protocol, contexts: Mapping[str, dict[str, Any]]) -> int:
    """One notification per active operator of each region in ``contexts`` (region code →
    template context); returns how many were queued.

    Subject and body come from ``notifications/<kind>_subject.txt`` / ``<kind>_body.txt``.
    """
    operators = User.objects.filter(
        role=Role.OPERATOR, is_active=True, region_id__in=list(contexts)
    ).select_related("region")
    notifications = []
    for operator in operators:
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
                subject=subject[:300],
                body=body,
                protocol=protocol,
                region_id=operator.region_id,
            )
        )
    Notification.objects.bulk_create(notifications)
    return len(notifications)
