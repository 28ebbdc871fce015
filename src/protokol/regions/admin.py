from django.contrib import admin

from protokol.regions.models import Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "short_name", "district", "utc_offset"]
    list_filter = ["district"]
    search_fields = ["code", "name", "short_name"]
    readonly_fields = ["code"]
