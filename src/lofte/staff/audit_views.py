"""Reading the audit log: redaktörer and administratörer see their municipalities' entries.

The log is written only through lofte.core.audit.log_change and cannot be edited from the
application (model, database triggers, read-only admin); this page only reads it.
"""

from __future__ import annotations

import datetime

from django import forms
from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

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


def field_label(object_type: str, name: str) -> str:
    """A snapshot key ("promise_set_id") as the field's Swedish name ("medborgarlöfte") where known."""
    try:
        model = apps.get_model(object_type)
    except (LookupError, ValueError):
        return name
    for field in model._meta.get_fields():
        if getattr(field, "attname", None) == name or field.name == name:
            return str(getattr(field, "verbose_name", name))
    try:
        return str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


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


def readable_changes(entry: AuditEntry) -> list[dict]:
    return [
        {"field": field_label(entry.object_type, key), "before": readable(before), "after": readable(after)}
        for key, before, after in changes(entry.before, entry.after)
    ]


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
    rows = [
        {"entry": entry, "municipality": names.get(entry.municipality_id, ""),
         "type": object_type_label(entry.object_type), "changes": readable_changes(entry)}
        for entry in page
    ]
    query = request.GET.copy()
    query.pop("sida", None)
    return render(request, "staff/audit_log.html", {
        "form": form, "page": page, "rows": rows, "query": query.urlencode(),
        "several": len(municipalities) > 1,
    })
