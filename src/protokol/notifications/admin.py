"""The notification log for administrators: what was sent, to whom, when, and the result."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from protokol.core.admin import RevocableAdmin
from protokol.notifications import calendars
from protokol.notifications.models import CalendarFeed, Notification, NotificationPreference


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "kind", "recipient", "region", "subject", "state", "sent_at",
                    "attempts", "read_at"]  # fmt: skip
    list_filter = ["kind", "state", "region", "created_at"]
    search_fields = ["subject", "recipient__username", "recipient__last_name", "recipient__email"]
    list_select_related = ["recipient", "region"]
    date_hierarchy = "created_at"
    readonly_fields = [f.name for f in Notification._meta.fields]
    raw_id_fields = ["recipient"]

    # A log is evidence: nobody edits or deletes it by hand.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "mode", "email"]
    list_filter = ["mode", "email"]
    raw_id_fields = ["user"]


@admin.register(CalendarFeed)
class CalendarFeedAdmin(RevocableAdmin):
    list_display = ["user", "scope", "region", "created_at", "revoked_at"]
    list_filter = ["scope", "revoked_at"]
    list_select_related = ["user", "region"]
    exclude = ["token"]  # the secret is shown only to its owner

    def revoke(self, obj: Any, actor: Any) -> bool:
        return calendars.revoke_feed(obj, actor)
