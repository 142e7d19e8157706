from django.contrib import admin

from lofte.core.admin import AuditedAdmin
from lofte.dialogue.models import CitizenInput, Meeting


@admin.register(CitizenInput)
class CitizenInputAdmin(AuditedAdmin):
    list_display = ("created_at", "municipality", "status", "answered_at")
    list_filter = ("status", "municipality")
    readonly_fields = ("created_at",)


@admin.register(Meeting)
class MeetingAdmin(AuditedAdmin):
    list_display = ("title", "municipality", "starts_at", "kind", "public", "cancelled")
    list_filter = ("kind", "cancelled", "municipality")
    readonly_fields = ("uid", "sequence")
