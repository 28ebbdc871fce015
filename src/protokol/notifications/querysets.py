from __future__ import annotations

from typing import Any, Self

from django.contrib.auth.models import AnonymousUser

from protokol.core.people import Visitor
from protokol.core.revocation import RevocableQuerySet
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


class CalendarFeedQuerySet(RevocableQuerySet[Any]):
    def visible_to(self, user: Visitor) -> Self:
        """A feed's address is a personal secret: only its owner sees it (not even the
        ministry sees another person's token; the feed itself is opened by token)."""
        if isinstance(user, AnonymousUser) or not user.is_active:
            return self.none()
        return self.filter(user=user)
