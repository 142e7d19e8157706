from django.contrib import admin

from lofte.core.admin import AuditedAdmin
from lofte.walks.models import Finding, FindingPhoto


class FindingPhotoInline(admin.TabularInline):
    model = FindingPhoto
    extra = 0
    # Photos are added through the staff workspace, which strips EXIF; here they are only reviewed.
    fields = ["alt_text", "width", "height", "uploaded_by", "uploaded_at", "approved_by", "approved_at"]
    readonly_fields = ["width", "height", "uploaded_by", "uploaded_at", "approved_by", "approved_at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Finding)
class FindingAdmin(AuditedAdmin):
    list_display = ["__str__", "municipality", "category", "status", "deadline"]
    list_filter = ["status", "category", "municipality__county"]
    list_select_related = ["municipality"]
    search_fields = ["description", "address", "owner", "municipality__name"]
    raw_id_fields = ["walk"]
    readonly_fields = ["municipality", "status_changed_at", "reminded_at", "created_by", "created_at", "updated_at"]
    inlines = [FindingPhotoInline]


@admin.register(FindingPhoto)
class FindingPhotoAdmin(AuditedAdmin):
    list_display = ["__str__", "finding", "uploaded_at", "approved_at"]
    list_filter = ["approved_at"]
    raw_id_fields = ["finding"]
    readonly_fields = ["image", "width", "height", "uploaded_by", "uploaded_at", "approved_by", "approved_at"]

    def has_add_permission(self, request):
        return False
