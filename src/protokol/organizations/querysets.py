from __future__ import annotations

from typing import Self

from django.contrib.auth.models import AnonymousUser

from protokol.core.people import Visitor
from protokol.core.visibility import RegionScopedQuerySet


class OrganizationQuerySet(RegionScopedQuerySet):
    def visible_to(self, user: Visitor) -> Self:
        # Federal bodies (no region) are public to every signed-in user: regions need to
        # know who the ministry's departments and co-executors are.
        if isinstance(user, AnonymousUser) or not user.is_active:
            return self.none()
        if not user.sees_all_regions:
            return self.filter(region__isnull=True) | super().visible_to(user)
        return super().visible_to(user)

    def regional_authorities(self) -> Self:
        return self.filter(kind=self.model.Kind.REGIONAL_AUTHORITY)
