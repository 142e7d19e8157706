from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from lofte.core.audit import log_change, municipality_of, snapshot
from lofte.core.models import (
    AccountState, ApiToken, Area, AuditEntry, Invitation, Membership, Municipality, Organisation,
)


class AuditedAdmin(admin.ModelAdmin):
    """A ModelAdmin whose every change (and its inlines' changes) goes to the audit log, like the
    staff workspace's: the admin is for superusers, but their edits are staff changes too."""

    def save_model(self, request, obj, form, change):
        if change:
            stored = type(obj)._default_manager.filter(pk=obj.pk).first()
            request._audit_before = snapshot(stored) if stored is not None else None
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        obj = form.instance
        log_change(
            request.user, AuditEntry.Action.UPDATE if change else AuditEntry.Action.CREATE, obj,
            before=getattr(request, "_audit_before", None) if change else None, after=snapshot(obj),
            municipality_id=municipality_of(obj),
        )

    def save_formset(self, request, form, formset, change):
        model = formset.model
        ids = [f.instance.pk for f in formset.forms if f.instance.pk is not None]
        stored = {o.pk: o for o in model._default_manager.filter(pk__in=ids)}
        before = {pk: snapshot(o) for pk, o in stored.items()}
        # Deleted objects lose their primary key when deleted: note what they were first.
        deleting = [stored[f.instance.pk] for f in formset.deleted_forms if f.instance.pk in stored]
        super().save_formset(request, form, formset, change)
        for obj in formset.new_objects:
            log_change(request.user, AuditEntry.Action.CREATE, obj, after=snapshot(obj),
                       municipality_id=municipality_of(obj))
        for obj, _fields in formset.changed_objects:
            log_change(request.user, AuditEntry.Action.UPDATE, obj, before=before.get(obj.pk),
                       after=snapshot(obj), municipality_id=municipality_of(obj))
        for obj in deleting:
            log_change(request.user, AuditEntry.Action.DELETE, obj, before=before[obj.pk],
                       municipality_id=municipality_of(obj))

    def delete_model(self, request, obj):
        log_change(request.user, AuditEntry.Action.DELETE, obj, before=snapshot(obj),
                   municipality_id=municipality_of(obj))
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            log_change(request.user, AuditEntry.Action.DELETE, obj, before=snapshot(obj),
                       municipality_id=municipality_of(obj))
        super().delete_queryset(request, queryset)


class AreaInline(admin.TabularInline):
    model = Area
    extra = 0
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Municipality)
class MunicipalityAdmin(AuditedAdmin):
    list_display = ["code", "name", "county"]
    list_filter = ["county"]
    search_fields = ["code", "name", "slug"]
    readonly_fields = ["content_changed_at"]
    inlines = [AreaInline]


@admin.register(Area)
class AreaAdmin(AuditedAdmin):
    list_display = ["name", "municipality"]
    list_select_related = ["municipality"]
    search_fields = ["name", "municipality__name"]
    autocomplete_fields = ["municipality"]
    prepopulated_fields = {"slug": ["name"]}


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdmin):
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name"]
    autocomplete_fields = ["municipalities"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(AuditedAdmin):
    list_display = ["user", "organisation", "role"]
    list_filter = ["role"]
    list_select_related = ["user", "organisation"]
    autocomplete_fields = ["user", "organisation"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """For records the application writes and nobody edits (the audit log, the ledger of counted work,
    import runs): shown, never added, changed or deleted."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    """Read-only: the audit log cannot be edited from the application."""

    list_display = ["at", "username", "action", "object_type", "object_repr"]
    list_filter = ["action", "object_type"]
    search_fields = ["username", "object_repr", "object_id"]
    date_hierarchy = "at"


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class AuditedUserAdmin(AuditedAdmin, UserAdmin):
    """Django's user admin, with changes (never the password hash) in the audit log."""


@admin.register(AccountState)
class AccountStateAdmin(AuditedAdmin):
    list_display = ["user", "must_change_password"]
    list_filter = ["must_change_password"]
    search_fields = ["user__username"]
    raw_id_fields = ["user"]


@admin.register(Invitation)
class InvitationAdmin(AuditedAdmin):
    """Invitations are made and answered in the workspace; here a superuser can see and revoke them."""

    list_display = ["username", "organisation", "role", "status", "expires_at"]
    list_filter = ["status", "role"]
    list_select_related = ["organisation"]
    search_fields = ["username", "organisation__name"]
    raw_id_fields = ["user", "invited_by"]
    autocomplete_fields = ["organisation"]


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    """API keys are made and revoked by an organisation's administratör in the workspace (or `lofte
    api-token`), which logs both; here they are only shown, never the key (only its hash is kept)."""

    list_display = ["name", "organisation", "prefix", "created_at", "expires_at", "revoked_at", "last_used_at"]
    list_filter = ["organisation"]
    list_select_related = ["organisation"]
    search_fields = ["name", "prefix", "organisation__name"]
    exclude = ["key_hash"]
