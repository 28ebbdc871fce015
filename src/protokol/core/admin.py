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


class RevocableAdmin(admin.ModelAdmin):
    """A credential (``core.revocation.Revocable``) in the admin: read-only, revoked by action.

    Issuing belongs to the owner (the secret is shown to them once), so there is no «add»;
    deleting would end access without an audit event, so there is no «delete» either; and
    no field is editable, ``revoked_at`` above all. The one change an administrator makes
    is the «revoke» action, which goes through the app's audited service.
    """

    actions = ["revoke_selected"]

    def revoke(self, obj: Any, actor: Any) -> bool:
        """Revoke ``obj`` through the app's service; False when it was revoked already."""
        raise NotImplementedError

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        hidden = set(self.exclude or ())
        return [field.name for field in self.model._meta.fields if field.name not in hidden]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description="Отозвать выбранные", permissions=["change"])
    def revoke_selected(self, request: HttpRequest, queryset: Any) -> None:
        revoked = sum(self.revoke(obj, request.user) for obj in queryset)
        self.message_user(request, f"Отозвано: {revoked}.")
