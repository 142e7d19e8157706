from django.contrib import admin

from lofte.activities.models import Activity, CountedWork
from lofte.core.admin import AuditedAdmin, ReadOnlyAdmin


@admin.register(Activity)
class ActivityAdmin(AuditedAdmin):
    list_display = ["date", "type", "municipality", "area", "count", "is_demo"]
    list_filter = ["type", "is_demo", "municipality__county"]
    list_select_related = ["municipality", "area"]
    date_hierarchy = "date"
    search_fields = ["public_note", "municipality__name"]
    autocomplete_fields = ["municipality", "area", "organisations", "commitments"]
    readonly_fields = ["is_demo", "created_by", "created_at", "updated_at"]


@admin.register(CountedWork)
class CountedWorkAdmin(ReadOnlyAdmin):
    """The ledger of counted work is written by lofte.activities.ledger only: read it, never edit it."""

    list_display = ["commitment", "activity", "date", "type", "count", "known_from", "known_until"]
    list_select_related = ["commitment", "activity"]
    raw_id_fields = ["commitment", "activity"]
    date_hierarchy = "date"
