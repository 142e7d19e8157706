"""Staff forms for recorded work, built for a phone: one type's fields at a time, clear errors.

The type-specific fields come from the type registry (lofte.activities.types); this module only
adds the fields every record has (commitment, date, area, count, public note) and lays them out.
"""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lofte.activities import types
from lofte.core.models import Area
from lofte.promises.models import Commitment


class CommitmentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Commitment) -> str:
        text = obj.text if len(obj.text) <= 90 else obj.text[:87] + "…"
        return f"{obj.promise_set.municipality.name} {obj.promise_set.period_label} · {obj.number}. {text}"


class AreaChoiceField(forms.ModelChoiceField):
    # Set when the user works in several municipalities, whose areas could share a name.
    show_municipality = False

    def label_from_instance(self, obj: Area) -> str:
        return f"{obj.name} ({obj.municipality.name})" if self.show_municipality else obj.name


class MonthField(forms.DateField):
    """A month as YYYY-MM (an <input type="month">), stored as the first day of that month."""

    input_formats = ["%Y-%m", "%Y-%m-%d"]
    widget = forms.DateInput(attrs={"type": "month", "placeholder": "ÅÅÅÅ-MM"}, format="%Y-%m")

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace(day=1) if value else value


def commitments_in(municipalities):
    return (
        Commitment.objects.filter(promise_set__municipality__in=municipalities, archived=False)
        .select_related("promise_set", "promise_set__municipality")
        .order_by("promise_set__municipality__name", "-promise_set__last_year", "number")
    )


class ActivityForm(forms.Form):
    """The record and edit form of one activity type."""

    type = forms.CharField(widget=forms.HiddenInput)
    commitment = CommitmentChoiceField(
        label=_("Löfte"), queryset=Commitment.objects.none(),
        error_messages={"invalid_choice": _("Välj ett löfte i din kommun.")},
    )
    date = forms.DateField(
        label=_("Datum"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Ange datumet som ÅÅÅÅ-MM-DD.")},
    )
    area = AreaChoiceField(
        label=_("Kommundel"), queryset=Area.objects.none(), required=False, empty_label=_("Hela kommunen"),
        error_messages={"invalid_choice": _("Välj en kommundel i löftets kommun.")},
    )
    count = forms.IntegerField(
        label=_("Antal"), min_value=1, max_value=10_000, initial=1,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    public_note = forms.CharField(
        label=_("Offentlig kommentar"), required=False, max_length=2000,
        help_text=_("Visas på den publika sidan. Skriv inga namn eller andra personuppgifter."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, activity_type: types.ActivityType, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.activity_type = activity_type
        self.details: dict = {}
        self.initial["type"] = activity_type.key
        self.fields["commitment"].queryset = commitments_in(municipalities)
        areas = Area.objects.filter(municipality__in=municipalities).select_related("municipality")
        self.fields["area"].queryset = areas.order_by("municipality__name", "name")
        self.fields["area"].show_municipality = len({a.municipality_id for a in areas}) > 1
        if activity_type.per_month:
            self.fields["date"] = MonthField(
                label=_("Månad"), help_text=_("Bara månaden och antalet: aldrig datum för enskilda besök."),
                error_messages={"invalid": _("Ange månaden som ÅÅÅÅ-MM.")},
            )
        if not activity_type.asks_area:
            del self.fields["area"]
        if activity_type.asks_count:
            self.fields["count"].label = activity_type.count_label
        else:
            del self.fields["count"]
        if activity_type.note_label is None:
            del self.fields["public_note"]
        else:
            self.fields["public_note"].label = activity_type.note_label
            self.fields["public_note"].required = activity_type.note_required
        # The type's own fields go after where and when, before the count and the public text.
        ordered = {name: self.fields.pop(name) for name in list(self.fields) if name in ("count", "public_note")}
        self.fields.update(activity_type.form_fields())
        self.fields.update(ordered)
        if not self.is_bound and "date" not in self.initial:
            self.initial["date"] = timezone.localdate()

    def clean_type(self):
        if self.cleaned_data["type"] != self.activity_type.key:
            raise forms.ValidationError(_("Typen av insats ändrades under tiden; börja om."))
        return self.cleaned_data["type"]

    def clean_date(self):
        value = self.cleaned_data["date"]
        today = timezone.localdate()
        if self.activity_type.per_month and value > today.replace(day=1):
            raise forms.ValidationError(_("Månaden kan inte ligga i framtiden: registrera besök som är gjorda."))
        if value > today:
            raise forms.ValidationError(_("Datumet kan inte ligga i framtiden: registrera insatser som är gjorda."))
        return value

    def clean(self):
        cleaned = super().clean()
        commitment, area = cleaned.get("commitment"), cleaned.get("area")
        if commitment and area and area.municipality_id != commitment.promise_set.municipality_id:
            self.add_error("area", _("Kommundelen hör inte till löftets kommun."))
        type_fields = {f.name for f in self.activity_type.fields}
        if not any(name in self.errors for name in type_fields):
            self.details, errors = self.activity_type.clean_details(cleaned, cleaned.get("date"))
            for name, message in errors.items():
                self.add_error(name, message)
        return cleaned

    def values(self) -> dict:
        """Keyword arguments for lofte.activities.recording (after is_valid())."""
        data = self.cleaned_data
        return {
            "commitment": data["commitment"],
            "on": data["date"],
            "area": data.get("area"),
            "count": data.get("count") or 1,
            "public_note": data.get("public_note", ""),
            "details": self.details,
        }


def initial_from(activity) -> dict:
    """The form's initial values for editing a stored record."""
    commitment = activity.commitments.order_by("pk").first()
    initial = {
        "commitment": commitment.pk if commitment else None,
        "date": activity.date,
        "area": activity.area_id,
        "count": activity.count,
        "public_note": activity.public_note,
    }
    initial.update(activity.activity_type.initial(activity.details or {}))
    return initial


class ActivityFilterForm(forms.Form):
    """The GET form above the activity list and the CSV export: every field optional."""

    type = forms.ChoiceField(label=_("Typ"), required=False)
    area = AreaChoiceField(
        label=_("Kommundel"), queryset=Area.objects.none(), required=False, empty_label=_("Alla kommundelar"),
        error_messages={"invalid_choice": _("Välj en kommundel i dina kommuner.")},
    )
    commitment = CommitmentChoiceField(
        label=_("Löfte"), queryset=Commitment.objects.none(), required=False, empty_label=_("Alla löften"),
        error_messages={"invalid_choice": _("Välj ett löfte i dina kommuner.")},
    )
    start = forms.DateField(
        label=_("Från och med"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Ange datumet som ÅÅÅÅ-MM-DD.")},
    )
    end = forms.DateField(
        label=_("Till och med"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Ange datumet som ÅÅÅÅ-MM-DD.")},
    )

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = [("", _("Alla typer")), *types.choices()]
        areas = Area.objects.filter(municipality__in=municipalities).select_related("municipality")
        self.fields["area"].queryset = areas.order_by("municipality__name", "name")
        self.fields["area"].show_municipality = len({a.municipality_id for a in areas}) > 1
        self.fields["commitment"].queryset = commitments_in(municipalities)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            self.add_error("end", _("Slutdatumet ligger före startdatumet."))
        return cleaned

    def filters(self) -> dict:
        """The valid filters (an invalid one is shown with its error and left out)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "type": data.get("type") or None,
            "area": data.get("area"),
            "commitment": data.get("commitment"),
            "start": data.get("start"),
            "end": data.get("end"),
        }
