from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from protokol.core.visibility import RegionScopedQuerySet


class EventQuerySet(RegionScopedQuerySet):
    region_lookup = "region_code"

    def for_object(self, obj: models.Model) -> EventQuerySet:
        return self.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))


class AppendOnlyError(Exception):
    """Raised on any attempt to change or delete an audit event."""


class Event(models.Model):
    """One entry of the append-only audit trail: who did what to which object, before → after.

    Rows are inserted by ``protokol.core.audit.record`` and never updated or deleted,
    not even by admins: ``save`` refuses updates and ``delete`` always raises.
    ``region_code`` is set when the event concerns one region, so operators see their own.
    """

    created_at = models.DateTimeField("когда", auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="кто",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    verb = models.CharField("действие", max_length=64)
    object_type = models.CharField("тип объекта", max_length=100)
    object_id = models.CharField("идентификатор объекта", max_length=64)
    # A code, not a foreign key: core must not depend on the regions app.
    region_code = models.CharField("код субъекта РФ", max_length=2, blank=True, db_index=True)
    summary = models.CharField("описание", max_length=500)
    before = models.JSONField("было", null=True, blank=True)
    after = models.JSONField("стало", null=True, blank=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "событие журнала"
        verbose_name_plural = "журнал событий"
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.created_at:%d.%m.%Y %H:%M} {self.summary}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("Записи журнала событий не изменяются.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Записи журнала событий не удаляются.")
