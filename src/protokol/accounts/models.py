from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q


class Role(models.TextChoices):
    ADMIN = "admin", "администратор министерства"
    CURATOR = "curator", "куратор"
    OPERATOR = "operator", "оператор региона"
    OBSERVER = "observer", "наблюдатель"


# Roles of the ministry's own staff, who see every region (DESIGN.md §2).
MINISTRY_ROLES = frozenset({Role.ADMIN, Role.CURATOR, Role.OBSERVER})


class User(AbstractUser):
    """A person signing in. A regional operator is bound to exactly one region.

    The role, not Django's groups, decides what a user sees: ministry roles see all
    regions, an operator only their own (see ``protokol.core.visibility``).
    """

    role = models.CharField("роль", max_length=16, choices=Role.choices, default=Role.OBSERVER)
    middle_name = models.CharField("отчество", max_length=150, blank=True)
    position = models.CharField("должность", max_length=300, blank=True)
    phone = models.CharField("телефон", max_length=100, blank=True)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name="субъект РФ",
        on_delete=models.PROTECT,
        related_name="users",
        null=True,
        blank=True,
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name="организация",
        on_delete=models.SET_NULL,
        related_name="users",
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = "пользователь"
        verbose_name_plural = "пользователи"
        constraints = [
            models.CheckConstraint(
                name="operator_has_region",
                condition=~Q(role="operator") | Q(region__isnull=False),
                violation_error_message="Оператору региона нужно указать субъект РФ.",
            ),
            models.CheckConstraint(
                name="only_operator_has_region",
                condition=Q(role="operator") | Q(region__isnull=True),
                violation_error_message="Субъект РФ указывается только у оператора региона.",
            ),
        ]

    @property
    def is_ministry(self) -> bool:
        return self.role in MINISTRY_ROLES

    @property
    def sees_all_regions(self) -> bool:
        return self.is_ministry

    @property
    def is_regional_operator(self) -> bool:
        return self.role == Role.OPERATOR

    @property
    def short_name(self) -> str:
        """«Софронова М.И.», the form Russian documents use."""
        initials = "".join(f"{part[0]}." for part in (self.first_name, self.middle_name) if part)
        return f"{self.last_name} {initials}".strip() or self.username
