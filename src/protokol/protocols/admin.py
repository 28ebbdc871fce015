from django.contrib import admin

from protokol.protocols.models import ImportJob, Instruction, Protocol, SourceDocument


@admin.register(SourceDocument)
class SourceDocumentAdmin(admin.ModelAdmin):
    list_display = ["filename", "format", "size", "uploaded_at", "sha256"]
    search_fields = ["filename", "sha256"]
    readonly_fields = ["sha256", "size", "format", "uploaded_by", "uploaded_at"]


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ["created_at", "state", "protocol", "error"]
    list_filter = ["state"]
    list_select_related = ["protocol"]


@admin.register(Protocol)
class ProtocolAdmin(admin.ModelAdmin):
    list_display = ["number", "date", "state", "version"]
    list_filter = ["state"]
    search_fields = ["number", "title"]


@admin.register(Instruction)
class InstructionAdmin(admin.ModelAdmin):
    list_display = ["code", "protocol", "kind", "state", "deadline_date"]
    list_filter = ["state", "kind", "action"]
    list_select_related = ["protocol"]
    search_fields = ["code", "text"]
    filter_horizontal = ["regions"]
