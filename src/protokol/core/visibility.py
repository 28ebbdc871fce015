"""The one choke point for region isolation (DESIGN.md §2).

Every queryset of region-owned rows inherits ``RegionScopedQuerySet`` and every view,
export, search and download starts from ``.visible_to(request.user)``: a regional
operator sees only rows of their own region, ministry roles see all, anyone else nothing.
"""

from __future__ import annotations

from typing import Any, Self

from django.contrib.auth.models import AnonymousUser
from django.db import models

from protokol.core.people import Visitor


class RegionScopedQuerySet(models.QuerySet[Any]):
    # The lookup from this model to its region's code, e.g. "region" or "assignment__region".
    region_lookup: str = "region"

    def visible_to(self, user: Visitor) -> Self:
        if isinstance(user, AnonymousUser) or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.sees_all_regions:
            return self
        if user.region_id is not None:
            return self.filter(**{self.region_lookup: user.region_id})
        return self.none()
