from __future__ import annotations

from django.conf import settings
from django.db import models

from protokol.core.revocation import Revocable, RevocableQuerySet


class ApiTokenQuerySet(RevocableQuerySet["ApiToken"]):
    def active(self) -> ApiTokenQuerySet:
        return self.filter(revoked_at=None, user__is_active=True)


class ApiToken(Revocable):
    """A personal token for the REST API: a program acts as the person who issued it.

    Only the SHA-256 of the secret is stored; the secret itself is shown once, when the
    token is issued. ``prefix`` (the first characters) lets the owner tell tokens apart.
    active → revoked (a revoked token is kept for the audit trail, never reactivated:
    ``core.revocation``).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="владелец",
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField("назначение", max_length=100)
    prefix = models.CharField("начало токена", max_length=16)
    digest = models.CharField("SHA-256 токена", max_length=64, unique=True)
    created_at = models.DateTimeField("выпущен", auto_now_add=True)
    last_used_at = models.DateTimeField("последнее использование", null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "токен API"
        verbose_name_plural = "токены API"

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.name})"
