"""Reading the audit log: redaktörer and administratörer see their municipalities' entries.

The log is written only through lofte.core.audit.log_change and cannot be edited from the
application (model, database triggers, read-only admin); this page only reads it.
"""

from __future__ import annotations

import datetime

from django import forms
from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import models
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from lofte.activities import types
from lofte.core.audit import changes
from lofte.core.models import AuditEntry
from lofte.core.permissions import editable_municipalities

PAGE_SIZE = 50


def object_type_label(label: str) -> str:
    """"activities.Activity" -> "insats" (the model's verbose name), or the label itself if unknown."""
    try:
        return str(apps.get_model(label)._meta.verbose_name)
    except (LookupError, ValueError):
        return label


# Swedish names for fields that have no verbose name of their own (Django would show "uploaded at").
FIELD_NAMES = {
    "id": gettext_lazy("id"), "created_at": gettext_lazy("skapad"), "updated_at": gettext_lazy("ändrad"),
    "created_by": gettext_lazy("skapad av"), "uploaded_at": gettext_lazy("uppladdad"),
    "uploaded_by": gettext_lazy("uppladdad av"), "approved_at": gettext_lazy("godkänd"),
    "approved_by": gettext_lazy("godkänd av"), "moderated_by": gettext_lazy("granskad av"),
    "is_demo": gettext_lazy("påhittat demoexempel"), "width": gettext_lazy("bredd (pixlar)"),
    "height": gettext_lazy("höjd (pixlar)"), "image": gettext_lazy("bildfil"), "finding": gettext_lazy("fynd"),
    "municipality": gettext_lazy("kommun"), "organisation": gettext_lazy("organisation"),
    "user": gettext_lazy("användare"), "promise_set": gettext_lazy("medborgarlöfte"),
    "commitment": gettext_lazy("löfte"), "sequence": gettext_lazy("ändringsnummer i kalendern"),
    "uid": gettext_lazy("id i kalendern"), "deleted_at": gettext_lazy("borttagen"),
    "deleted_by": gettext_lazy("borttagen av"), "source_document": gettext_lazy("källdokument"),
    "status_changed_at": gettext_lazy("status ändrad"), "reminded_at": gettext_lazy("påmind"),
    "author": gettext_lazy("författare"), "changed_by": gettext_lazy("ändrad av"),
}


def _model(object_type: str):
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def _field(model, name: str):
    """The model field a snapshot key names (an attname such as "promise_set_id" or a field name)."""
    if model is None:
        return None
    for field in model._meta.get_fields():
        if getattr(field, "attname", None) == name or field.name == name:
            return field
    return None


def field_label(object_type: str, name: str) -> str:
    """A snapshot key ("promise_set_id") as the field's Swedish name ("medborgarlöfte") where known."""
    field = _field(_model(object_type), name)
    if field is None:
        return str(FIELD_NAMES.get(name.removesuffix("_id"), name.replace("_", " ")))
    verbose = str(getattr(field, "verbose_name", field.name))
    # A verbose name Django made from the field's name ("uploaded at") is English: use ours.
    if verbose == field.name.replace("_", " "):
        return str(FIELD_NAMES.get(field.name, verbose))
    return verbose


def readable(value) -> str:
    """A stored JSON value as short text: "–" for nothing, Ja/Nej, lists joined by commas."""
    if value is None or value == "":
        return "–"
    if value is True:
        return _("Ja")
    if value is False:
        return _("Nej")
    if isinstance(value, list):
        return ", ".join(readable(v) for v in value) or "–"
    if isinstance(value, dict):
        return "; ".join(f"{k}: {readable(v)}" for k, v in value.items())
    return str(value)


def _local_time(value) -> str:
    try:
        moment = datetime.datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, datetime.UTC)
    return date_format(timezone.localtime(moment), "j F Y H:i")


def _user_name(user) -> str:
    return user.get_full_name() or user.get_username()


class ValueReader:
    """Snapshot values as a reader of the log wants them: choice labels ("Publicerad", not
    "published"), related objects by name ("Strängnäs: Medborgarlöfte 2021", not 2), local times
    ("1 december 2026 11:02", not an ISO timestamp in UTC) and an activity's details by their
    field names. Related objects are fetched once per model for a whole page of entries."""

    def __init__(self, entries):
        wanted: dict = {}
        for entry in entries:
            model = _model(entry.object_type)
            for snapshot_ in (entry.before or {}, entry.after or {}):
                for key, value in snapshot_.items():
                    field = _field(model, key)
                    related = getattr(field, "related_model", None) if field is not None else None
                    if related is None or not (field.many_to_one or field.one_to_one or field.many_to_many):
                        continue
                    ids = value if isinstance(value, list) else [value]
                    wanted.setdefault(related, set()).update(i for i in ids if isinstance(i, (int, str)) and i != "")
        self.objects = {model: model._default_manager.in_bulk(list(ids)) for model, ids in wanted.items() if ids}

    def _name(self, model, pk) -> str:
        obj = self.objects.get(model, {}).get(pk)
        if obj is None:
            return _("%(type)s %(id)s (finns inte längre)") % {"type": model._meta.verbose_name, "id": pk}
        return _user_name(obj) if model is get_user_model() else str(obj)

    def value(self, object_type: str, key: str, value, snapshot_: dict) -> str:
        model = _model(object_type)
        field = _field(model, key)
        if value is None or value == "" or value == [] or field is None:
            return readable(value)
        if field.is_relation and field.related_model is not None:
            ids = value if isinstance(value, list) else [value]
            return ", ".join(self._name(field.related_model, pk) for pk in ids) or "–"
        if getattr(field, "choices", None):
            labels = {str(k): str(v) for k, v in field.flatchoices}
            return labels.get(str(value), str(value))
        if isinstance(field, models.DateTimeField):
            return _local_time(value)
        if object_type == "activities.Activity" and key == "details" and isinstance(value, dict):
            return self._details(snapshot_.get("type"), value)
        return readable(value)

    @staticmethod
    def _details(type_key, details: dict) -> str:
        if type_key not in types.REGISTRY:
            return readable(details)
        fields = {f.name: f for f in types.get(type_key).fields}
        parts = []
        for name, value in details.items():
            field = fields.get(name)
            parts.append(f"{field.label}: {field.display(value)}" if field else f"{name}: {readable(value)}")
        return "; ".join(parts)


def readable_changes(entry: AuditEntry, reader: ValueReader | None = None) -> list[dict]:
    reader = reader or ValueReader([entry])
    rows = []
    for key, before, after in changes(entry.before, entry.after):
        if key == "id" and entry.before is None:
            continue  # A created object's id says nothing to a reader.
        rows.append({
            "field": field_label(entry.object_type, key),
            "before": reader.value(entry.object_type, key, before, entry.before or {}),
            "after": reader.value(entry.object_type, key, after, entry.after or {}),
        })
    return rows


class AuditFilterForm(forms.Form):
    kommun = forms.TypedChoiceField(label=gettext_lazy("Kommun"), required=False, coerce=int, empty_value=None)
    action = forms.ChoiceField(label=gettext_lazy("Händelse"), required=False)
    object_type = forms.ChoiceField(label=gettext_lazy("Typ"), required=False)
    user = forms.ChoiceField(label=gettext_lazy("Användare"), required=False)
    date_from = forms.DateField(label=gettext_lazy("Från och med"), required=False,
                                widget=forms.DateInput(attrs={"type": "date"}),
                                error_messages={"invalid": gettext_lazy("Ange datumet som ÅÅÅÅ-MM-DD.")})
    date_to = forms.DateField(label=gettext_lazy("Till och med"), required=False,
                              widget=forms.DateInput(attrs={"type": "date"}),
                              error_messages={"invalid": gettext_lazy("Ange datumet som ÅÅÅÅ-MM-DD.")})

    def __init__(self, *args, municipalities, entries, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("Alla"))]
        self.fields["kommun"].choices = everything + [(m.pk, m.name) for m in municipalities]
        self.fields["action"].choices = everything + list(AuditEntry.Action.choices)
        types = entries.order_by().values_list("object_type", flat=True).distinct()
        self.fields["object_type"].choices = everything + sorted(
            ((t, object_type_label(t)) for t in types), key=lambda pair: pair[1]
        )
        users = entries.order_by().exclude(username="").values_list("username", flat=True).distinct()
        self.fields["user"].choices = everything + [(u, u) for u in sorted(users)]
        if len(municipalities) < 2:
            del self.fields["kommun"]


def filter_entries(entries, data: dict):
    """Narrow a queryset of entries by the cleaned filter values (each optional)."""
    if data.get("kommun"):
        entries = entries.filter(municipality_id=data["kommun"])
    if data.get("action"):
        entries = entries.filter(action=data["action"])
    if data.get("object_type"):
        entries = entries.filter(object_type=data["object_type"])
    if data.get("user"):
        entries = entries.filter(username=data["user"])
    zone = timezone.get_current_timezone()
    if data.get("date_from"):
        entries = entries.filter(at__gte=datetime.datetime.combine(data["date_from"], datetime.time.min, zone))
    if data.get("date_to"):
        next_day = data["date_to"] + datetime.timedelta(days=1)
        entries = entries.filter(at__lt=datetime.datetime.combine(next_day, datetime.time.min, zone))
    return entries


@login_required
@require_GET
def audit_log(request):
    municipalities = list(editable_municipalities(request.user).order_by("name"))
    if not municipalities:
        raise PermissionDenied(_("Loggen kan läsas av redaktörer och administratörer."))
    names = {m.pk: m.name for m in municipalities}
    # Only entries that belong to one of the user's municipalities; entries without one (or of
    # another municipality) are never shown here.
    entries = AuditEntry.objects.filter(municipality_id__in=list(names))
    form = AuditFilterForm(request.GET or None, municipalities=municipalities, entries=entries)
    if form.is_bound and form.is_valid():
        entries = filter_entries(entries, form.cleaned_data)
    elif form.is_bound:
        entries = filter_entries(entries, {k: v for k, v in form.cleaned_data.items() if k not in form.errors})
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("sida"))
    entries_on_page = list(page)
    reader = ValueReader(entries_on_page)
    rows = [
        {"entry": entry, "municipality": names.get(entry.municipality_id, ""),
         "type": object_type_label(entry.object_type), "changes": readable_changes(entry, reader)}
        for entry in entries_on_page
    ]
    query = request.GET.copy()
    query.pop("sida", None)
    return render(request, "staff/audit_log.html", {
        "form": form, "page": page, "rows": rows, "query": query.urlencode(),
        "several": len(municipalities) > 1,
    })
