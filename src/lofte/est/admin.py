from django.contrib import admin

from lofte.core.admin import AuditedAdmin
from lofte.dialogue.redaction import redact
from lofte.est.models import Action, Reminder, Report, ReporterInvitation


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    """Read-only: changes go through lofte.est.reports (the correction rules, the audit log), and
    the free text is shown redacted, as in every staff view but the reporter's own."""

    list_display = ("date", "municipality", "category", "area", "nothing_to_report")
    list_filter = ("municipality", "category", "nothing_to_report")
    exclude = ("text",)
    readonly_fields = ("redacted_text",)

    @admin.display(description="beskrivning (rensad)")
    def redacted_text(self, obj):
        return redact(obj.text)

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


admin.site.register(ReporterInvitation, AuditedAdmin)
admin.site.register(Action, AuditedAdmin)


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ("user", "week", "sent_at")

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
