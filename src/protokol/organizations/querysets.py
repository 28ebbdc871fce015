from __future__ import annotations

from typing import TYPE_CHECKING, Self

from protokol.core.visibility import RegionScopedQuerySet

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from protokol.accounts.models import User


class OrganizationQuerySet(RegionScopedQuerySet):
    def visible_to(self, user: User | AnonymousUser) -> Self:
        # Federal bodies (no region) are public to every signed-in user: regions need to
        # know who the ministry's departments and co-executors are.
        if user.is_authenticated and user.is_active and not user.sees_all_regions:
            return self.filter(region__isnull=True) | super().visible_to(user)
        return super().visible_to(user)

    def regional_authorities(self) -> Self:
        return self.filter(kind=self.model.Kind.REGIONAL_AUTHORITY)
