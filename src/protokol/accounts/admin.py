from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from protokol.accounts.models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "last_name", "first_name", "role", "region", "email", "is_active"]
    list_filter = ["role", "region__district", "is_active"]
    list_select_related = ["region"]
    search_fields = ["username", "last_name", "first_name", "email"]
    autocomplete_fields = ["region", "organization"]
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        (
            "Роль в системе",
            {"fields": ("role", "region", "organization", "middle_name", "position", "phone")},
        ),
    )
    add_fieldsets = (
        *DjangoUserAdmin.add_fieldsets,
        ("Роль в системе", {"fields": ("role", "region", "email", "last_name", "first_name")}),
    )
