from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject


def unread(request: HttpRequest) -> dict[str, object]:
    """``nav_unread``: the signed-in person's unread notifications, for the top bar badge.

    Lazy: the count query runs only on pages that render the badge (not in JSON, ICS, …).
    """
    user = getattr(request, "user", None)  # none on a request refused before the middleware

    def count() -> int:
        from protokol.notifications.models import Notification

        return Notification.objects.for_recipient(user).unread().count()

    if user is None or not user.is_authenticated:
        return {"nav_unread": 0}
    return {"nav_unread": SimpleLazyObject(count)}
