from django.contrib import admin

from lofte.core.admin import AuditedAdmin
from lofte.dialogue.models import CitizenInput, Meeting, RateCounter


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


@admin.register(RateCounter)
class RateCounterAdmin(admin.ModelAdmin):
    """The rate limit's counters (a keyed hash per client, never an address), read-only."""

    list_display = ("scope", "client", "window_start", "count")
    list_filter = ("scope",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
