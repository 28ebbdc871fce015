from django.contrib import admin

from protokol.api.models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["prefix", "name", "user", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["revoked_at"]
    search_fields = ["prefix", "name", "user__username"]
    # The digest is useless to a person and the secret is never stored: nothing to edit.
    readonly_fields = ["user", "name", "prefix", "digest", "created_at", "last_used_at"]
