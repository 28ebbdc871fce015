from django.contrib import admin

from protokol.organizations.models import Organization


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "region", "email"]
    list_filter = ["kind", "region__district"]
    search_fields = ["name", "short_name", "email", "region__name"]
    list_select_related = ["region"]
    autocomplete_fields = ["region"]
