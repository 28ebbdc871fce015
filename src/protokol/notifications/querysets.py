from __future__ import annotations

from typing import Self

from protokol.core.visibility import RegionScopedQuerySet


class NotificationQuerySet(RegionScopedQuerySet):
    region_lookup = "region"

    def for_recipient(self, user: object) -> Self:
        """A person's own in-app list: only what was addressed to them."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(recipient=user)

    def unread(self) -> Self:
        return self.filter(read_at=None)
