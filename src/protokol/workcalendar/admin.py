from django.contrib import admin

from protokol.workcalendar.models import CalendarDay


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ["date", "is_working", "note"]
    list_filter = ["is_working"]
    date_hierarchy = "date"
