from django.contrib import admin

from lofte.activities.models import Activity
from lofte.core.admin import AuditedAdmin


@admin.register(Activity)
class ActivityAdmin(AuditedAdmin):
    list_display = ["date", "type", "municipality", "area", "count", "is_demo"]
    list_filter = ["type", "is_demo", "municipality__county"]
    list_select_related = ["municipality", "area"]
    date_hierarchy = "date"
    search_fields = ["public_note", "municipality__name"]
    autocomplete_fields = ["municipality", "area", "organisations", "commitments"]
    readonly_fields = ["is_demo", "created_by", "created_at", "updated_at"]
