from typing import Any

from django.contrib import admin

from protokol.api.models import ApiToken
from protokol.api.tokens import revoke_token
from protokol.core.admin import RevocableAdmin


@admin.register(ApiToken)
class ApiTokenAdmin(RevocableAdmin):
    # The digest is useless to a person and the secret is never stored: nothing to show.
    exclude = ["digest"]
    list_display = ["prefix", "name", "user", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["revoked_at"]
    list_select_related = ["user"]
    search_fields = ["prefix", "name", "user__username"]

    def revoke(self, obj: Any, actor: Any) -> bool:
        return revoke_token(obj, actor)
