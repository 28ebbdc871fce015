from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from protokol.core.models import Event


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    """Read-only: the audit trail is append-only even for administrators."""

    list_display = ["created_at", "actor", "verb", "summary", "region_code"]
    list_filter = ["verb"]
    list_select_related = ["actor"]
    search_fields = ["summary", "object_id"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
