"""Revocation is final: a revoked credential (API token, calendar address) never works again.

A secret that leaked is revoked; if an edit could clear ``revoked_at``, whoever holds the
leaked secret would be let back in without anyone issuing anything. So the rule is kept
below every path that writes the row: ``save`` refuses to clear it (admin forms, model
forms, scripts), and the queryset's ``update`` refuses ``revoked_at=None``. A person who
needs access again gets a new secret, which is issued and audited like any other.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import models

_M = TypeVar("_M", bound=models.Model)


class RevocationIsFinal(Exception):
    """Raised when a revoked credential would be saved as active again."""

    def __init__(self, obj: object) -> None:
        super().__init__(f"«{obj}» отозван, отзыв отменить нельзя: выпустите новый.")


class RevocableQuerySet(models.QuerySet[_M]):
    def update(self, **kwargs: Any) -> int:
        if "revoked_at" in kwargs and kwargs["revoked_at"] is None:
            raise RevocationIsFinal(self.model._meta.verbose_name)
        return super().update(**kwargs)


class Revocable(models.Model):
    """A credential that is active until ``revoked_at`` is set, and then for ever revoked."""

    revoked_at = models.DateTimeField("отозван", null=True, blank=True)

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        update_fields = kwargs.get("update_fields")
        writes_revocation = update_fields is None or "revoked_at" in update_fields
        if self.pk is not None and self.revoked_at is None and writes_revocation:
            stored = type(self)._base_manager.filter(pk=self.pk, revoked_at__isnull=False)
            if stored.exists():
                raise RevocationIsFinal(self)
        super().save(*args, **kwargs)

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
