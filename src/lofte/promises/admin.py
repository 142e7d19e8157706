from django.contrib import admin

from lofte.core.admin import AuditedAdmin
from lofte.promises.models import (
    Approval,
    Assessment,
    Commitment,
    CommitmentVersion,
    PromiseSet,
    PromiseSetAlias,
    SourceDocument,
    Target,
    Theme,
)


class ThemeInline(admin.TabularInline):
    model = Theme
    extra = 0


@admin.register(PromiseSet)
class PromiseSetAdmin(AuditedAdmin):
    list_display = ["title", "municipality", "area", "start", "end", "status"]
    list_filter = ["status", "municipality__county"]
    list_select_related = ["municipality", "area"]
    search_fields = ["title", "municipality__name"]
    autocomplete_fields = ["municipality", "area", "partners"]
    readonly_fields = ["slug", "source_checksum", "created_at", "updated_at"]
    inlines = [ThemeInline]


@admin.register(PromiseSetAlias)
class PromiseSetAliasAdmin(AuditedAdmin):
    """Addresses a set had before its period or area changed; they redirect to its address."""

    list_display = ["slug", "municipality", "area", "promise_set"]
    list_select_related = ["municipality", "area", "promise_set"]
    raw_id_fields = ["promise_set"]
    autocomplete_fields = ["municipality", "area"]


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0


@admin.register(Commitment)
class CommitmentAdmin(AuditedAdmin):
    list_display = ["number", "short_text", "promise_set", "archived"]
    list_filter = ["archived", "promise_set__status"]
    list_select_related = ["promise_set", "promise_set__municipality"]
    search_fields = ["text", "promise_set__title", "promise_set__municipality__name"]
    autocomplete_fields = ["promise_set", "parties"]
    inlines = [TargetInline]

    @admin.display(description="Text")
    def short_text(self, obj):
        return obj.text[:80]


@admin.register(Theme)
class ThemeAdmin(AuditedAdmin):
    list_display = ["title", "promise_set", "position"]
    list_select_related = ["promise_set", "promise_set__municipality"]
    search_fields = ["title"]


@admin.register(Target)
class TargetAdmin(AuditedAdmin):
    list_display = ["__str__", "commitment", "activity_type", "per", "covers_areas"]
    list_select_related = ["commitment"]
    raw_id_fields = ["commitment"]


@admin.register(SourceDocument)
class SourceDocumentAdmin(AuditedAdmin):
    list_display = ["name", "municipality", "content_type", "uploaded_at"]
    list_select_related = ["municipality"]
    search_fields = ["name", "checksum", "municipality__name"]
    readonly_fields = ["file", "checksum", "content_type", "uploaded_at", "uploaded_by"]


@admin.register(Approval)
class ApprovalAdmin(AuditedAdmin):
    """Approvals are given in the staff workspace (one per promising party); here they are read."""

    list_display = ["promise_set", "organisation", "approver_name", "approved_at"]
    list_select_related = ["promise_set", "organisation"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(CommitmentVersion)
class CommitmentVersionAdmin(AuditedAdmin):
    """Earlier texts of published commitments: history, read-only."""

    list_display = ["commitment", "version", "valid_from", "valid_until"]
    raw_id_fields = ["commitment"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Assessment)
class AssessmentAdmin(AuditedAdmin):
    list_display = ["commitment", "assessed_on", "organisation", "author_name"]
    list_select_related = ["commitment", "organisation"]
    raw_id_fields = ["commitment"]
    search_fields = ["text"]
