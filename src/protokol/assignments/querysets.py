from __future__ import annotations

from typing import Self

from protokol.core.visibility import RegionScopedQuerySet


class AssignmentQuerySet(RegionScopedQuerySet):
    region_lookup = "region"

    def open(self) -> Self:
        return self.exclude(state__in=self.model.CLOSED_STATES)
