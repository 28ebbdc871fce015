"""Read-only admin of execution records.

States, reports and decisions change only through the life cycle (``assignments.lifecycle``,
``reporting``, ``extensions``), which checks the transition table, locks the row and writes
the audit trail; an edit form here would bypass all three, so the admin shows and searches
but never changes.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from protokol.assignments.models import Assignment, Comment, ExtensionRequest, Report, ReportFile


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReportInline(ReadOnlyInline):
    model = Report
    fields = ["number", "kind", "submitted_by", "submitted_at", "decision", "decided_by"]
    show_change_link = True


class ReportFileInline(ReadOnlyInline):
    model = ReportFile
    # No link to the file itself: downloads go through the authorising view.
    fields = ["filename", "content_type", "size", "sha256", "uploaded_on", "warnings"]


@admin.register(Assignment)
class AssignmentAdmin(ReadOnlyAdmin):
    list_display = ["instruction", "region", "period", "state", "due_date", "version"]
    list_filter = ["state", "instruction__protocol", "region"]
    list_select_related = ["instruction", "region"]
    search_fields = ["instruction__code", "region__name", "region__code"]
    date_hierarchy = "due_date"
    inlines = [ReportInline]


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    list_display = ["assignment", "number", "kind", "submitted_at", "decision"]
    list_filter = ["kind", "decision"]
    list_select_related = ["assignment__instruction", "assignment__region"]
    search_fields = ["assignment__instruction__code", "assignment__region__name", "text"]
    inlines = [ReportFileInline]


@admin.register(ExtensionRequest)
class ExtensionRequestAdmin(ReadOnlyAdmin):
    list_display = ["assignment", "previous_due_date", "requested_date", "exceptional", "decision"]
    list_filter = ["decision", "exceptional"]
    list_select_related = ["assignment__instruction", "assignment__region"]


@admin.register(Comment)
class CommentAdmin(ReadOnlyAdmin):
    list_display = ["assignment", "author", "created_at", "__str__"]
    list_select_related = ["assignment__instruction", "assignment__region", "author"]
    search_fields = ["text"]
