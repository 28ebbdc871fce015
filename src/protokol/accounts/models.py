from __future__ import annotations

from typing import ClassVar

from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.db.models import Q

from protokol.accounts.policy import OPERATOR, Role, UserPolicy, UserQuerySet

__all__ = ["Role", "User", "UserManager"]


class UserManager(DjangoUserManager.from_queryset(UserQuerySet)):  # type: ignore[misc]
    """Django's user manager (``create_user``…) with the policy's queries."""

    use_in_migrations = True


class User(UserPolicy, AbstractUser):
    """A person signing in. A regional operator is bound to exactly one region.

    The role, not Django's groups, decides what a user sees and may do: ministry roles see
    all regions, an operator only their own (``protokol.core.visibility``); every
    question about it is a method of ``protokol.accounts.policy.UserPolicy``.
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

    objects: ClassVar[UserManager] = UserManager()

    class Meta:
        verbose_name = "пользователь"
        verbose_name_plural = "пользователи"
        constraints = [
            models.CheckConstraint(
                name="operator_has_region",
                condition=~OPERATOR | Q(region__isnull=False),
                violation_error_message="Оператору региона нужно указать субъект РФ.",
            ),
            models.CheckConstraint(
                name="only_operator_has_region",
                condition=OPERATOR | Q(region__isnull=True),
                violation_error_message="Субъект РФ указывается только у оператора региона.",
            ),
        ]

    @property
    def short_name(self) -> str:
        """«Софронова М.И.», the form Russian documents use."""
        initials = "".join(f"{part[0]}." for part in (self.first_name, self.middle_name) if part)
        return f"{self.last_name} {initials}".strip() or self.username
