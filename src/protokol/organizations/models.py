from __future__ import annotations

from django.db import models
from django.db.models import Q

from protokol.organizations.querysets import OrganizationQuerySet


class Organization(models.Model):
    """A body named in protocols: the addressee in a region, a ministry department, a co-executor.

    Every region has one regional education authority (``REGIONAL_AUTHORITY``), the
    recipient of assignments and notifications; its name and e-mail are edited by admins.
    """

    class Kind(models.TextChoices):
        REGIONAL_AUTHORITY = "regional_authority", "орган власти субъекта в сфере образования"
        MINISTRY_DEPARTMENT = "ministry_department", "департамент министерства"
        OTHER = "other", "иная организация"

    kind = models.CharField("вид", max_length=32, choices=Kind.choices)
    name = models.CharField("наименование", max_length=500)
    short_name = models.CharField("краткое наименование", max_length=200, blank=True)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name="субъект РФ",
        on_delete=models.PROTECT,
        related_name="organizations",
        null=True,
        blank=True,
    )
    email = models.EmailField("электронная почта", blank=True)
    phone = models.CharField("телефон", max_length=100, blank=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "организация"
        verbose_name_plural = "организации"
        constraints = [
            models.CheckConstraint(
                name="regional_authority_has_region",
                condition=~Q(kind="regional_authority") | Q(region__isnull=False),
                violation_error_message="У органа власти субъекта должен быть указан субъект РФ.",
            ),
            models.UniqueConstraint(
                fields=["region"],
                condition=Q(kind="regional_authority"),
                name="one_regional_authority_per_region",
                violation_error_message="У субъекта РФ уже есть орган власти в сфере образования.",
            ),
        ]

    def __str__(self) -> str:
        return self.short_name or self.name
