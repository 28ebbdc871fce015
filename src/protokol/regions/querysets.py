from __future__ import annotations

from protokol.core.visibility import RegionScopedQuerySet


class RegionQuerySet(RegionScopedQuerySet):
    region_lookup = "code"
