from django.contrib import admin

from lofte.est.models import Action, Report, ReporterInvitation


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ("date", "municipality", "category", "area", "nothing_to_report")
    list_filter = ("municipality", "category", "nothing_to_report")
    # Changes go through lofte.est.reports (correction rules, the audit log), not the admin.
    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


admin.site.register(ReporterInvitation)
admin.site.register(Action)
