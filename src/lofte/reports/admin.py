from django.contrib import admin

from lofte.reports.models import FollowUpReport, ReportApproval


class ApprovalInline(admin.TabularInline):
    model = ReportApproval
    extra = 0
    readonly_fields = ("organisation", "user", "approver_name", "approved_at")
    can_delete = False


@admin.register(FollowUpReport)
class FollowUpReportAdmin(admin.ModelAdmin):
    list_display = ("title", "municipality", "as_of", "status", "published_at")
    list_filter = ("status", "municipality")
    readonly_fields = ("municipality", "slug", "status", "snapshot", "published_at", "created_by")
    inlines = [ApprovalInline]

    def has_change_permission(self, request, obj=None):
        # A published report is frozen: not even the admin changes it.
        return obj is None or not obj.is_published
