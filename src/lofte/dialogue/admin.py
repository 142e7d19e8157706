from django.contrib import admin

from lofte.dialogue.models import CitizenInput, Meeting


@admin.register(CitizenInput)
class CitizenInputAdmin(admin.ModelAdmin):
    list_display = ("created_at", "municipality", "status", "answered_at")
    list_filter = ("status", "municipality")
    readonly_fields = ("created_at",)


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ("title", "municipality", "starts_at", "kind", "public", "cancelled")
    list_filter = ("kind", "cancelled", "municipality")
    readonly_fields = ("uid", "sequence")
