"""Writing the audit trail: every service that changes state calls ``record``."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.db import models

from protokol.core.models import Event


def record(
    actor: Any,
    verb: str,
    obj: models.Model,
    summary: str,
    *,
    before: Any = None,
    after: Any = None,
    region_code: str = "",
) -> Event:
    """Append one event; ``actor`` None means the system (a background task)."""
    return Event.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        verb=verb,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        region_code=region_code,
        summary=summary[:500],
        before=before,
        after=after,
    )


def record_many(
    actor: Any,
    verb: str,
    objects: Iterable[models.Model],
    summary: Callable[[Any], str],
    region_code: Callable[[Any], str] = lambda obj: "",
) -> None:
    """Append one event per object in a single insert (publication issues thousands)."""
    actor = actor if getattr(actor, "pk", None) else None
    Event.objects.bulk_create(
        Event(
            actor=actor,
            verb=verb,
            object_type=obj._meta.label_lower,
            object_id=str(obj.pk),
            region_code=region_code(obj),
            summary=summary(obj)[:500],
        )
        for obj in objects
    )
