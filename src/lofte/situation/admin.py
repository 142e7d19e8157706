"""The situation picture in the Django admin: indicator texts may be edited (every edit audited);
runs, series and police events are read-only records of what was imported."""

from django.contrib import admin
from django.db import models

from lofte.core.admin import AuditedAdmin, ReadOnlyAdmin
from lofte.situation.models import CommitmentIndicator, ImportRun, Indicator, PoliceEvent


@admin.register(Indicator)
class IndicatorAdmin(AuditedAdmin):
    list_display = ["name", "key", "source", "theme", "kind", "period_kind", "position"]
    list_filter = ["source", "theme", "kind", "period_kind"]
    search_fields = ["name", "key", "source_ref"]
    # The key is the identity importers match on; changing it would detach the next import.
    readonly_fields = ["key", "source", "period_kind", "updated_at"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(ImportRun)
class ImportRunAdmin(ReadOnlyAdmin):
    list_display = ["started_at", "source", "name", "status", "is_demo", "finished_at"]
    list_filter = ["source", "status", "is_demo"]
    search_fields = ["name", "checksum"]


@admin.register(PoliceEvent)
class PoliceEventAdmin(ReadOnlyAdmin):
    list_display = ["occurred_at", "type", "location_name", "region", "is_summary"]
    list_filter = ["is_summary"]
    search_fields = ["name", "type", "location_name"]
    show_full_result_count = False


@admin.register(CommitmentIndicator)
class CommitmentIndicatorAdmin(AuditedAdmin):
    list_display = ["commitment", "indicator", "area", "position"]
    raw_id_fields = ["commitment", "indicator", "area"]
