"""The record form of an activity: the one validation of a new record, for the staff workspace
(built for a phone: one type's fields at a time, clear errors) and the API's write endpoint.

The type-specific fields come from the type registry (lofte.activities.types); this module only
adds the fields every record has (commitment, date, area, count, public note) and lays them out.
"""

from __future__ import annotations

from django import forms
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lofte.activities import types
from lofte.core.models import Area
from lofte.promises.models import Commitment
from lofte.promises.periods import outside_period_message


def set_label(promise_set, with_municipality: bool = True) -> str:
    """"Strängnäs, Mariefred 2022–2023": whose set and which period, for choice lists."""
    where = promise_set.municipality.name if with_municipality else ""
    if promise_set.area_id:
        where = f"{where}, {promise_set.area.name}" if where else promise_set.area.name
    return f"{where} {promise_set.period_label}".strip()


class GroupedCommitmentIterator(forms.models.ModelChoiceIterator):
    """Commitments grouped by set and theme (<optgroup>s), each named by its short title."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        groups: dict[tuple, list] = {}
        labels: dict[tuple, str] = {}
        shown = self.field.display_queryset if self.field.display_queryset is not None else self.queryset
        for obj in shown:
            key = (obj.promise_set_id, obj.theme_id)
            if key not in groups:
                groups[key] = []
                theme = f" · {obj.theme.title}" if obj.theme_id else ""
                labels[key] = set_label(obj.promise_set, self.field.show_municipality) + theme
            groups[key].append(self.choice(obj))
        for key, choices in groups.items():
            yield (labels[key], choices)


class CommitmentChoiceField(forms.ModelChoiceField):
    iterator = GroupedCommitmentIterator
    # Set when the user works in several municipalities.
    show_municipality = True
    # The commitments listed, when fewer than the valid ones (ended sets behind a choice).
    display_queryset = None

    def label_from_instance(self, obj: Commitment) -> str:
        return f"{obj.number}. {obj.title}"


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


def commitments_in(municipalities, *, current_only: bool = False, keep: int | None = None):
    """The commitments staff may record for: current and coming sets first (newest period first), then
    ended ones, grouped by set and theme. With `current_only`, ended sets are left out (but `keep`,
    the commitment of the record being edited, stays)."""
    queryset = (
        Commitment.objects.filter(promise_set__municipality__in=municipalities, archived=False)
        .select_related("promise_set", "promise_set__municipality", "promise_set__area", "theme")
    )
    today = timezone.localdate()
    if current_only:
        queryset = queryset.filter(Q(promise_set__end__gte=today) | Q(pk=keep or 0))
    return queryset.annotate(
        ended=Case(When(promise_set__end__lt=today, then=Value(1)), default=Value(0), output_field=IntegerField())
    ).order_by("ended", "promise_set__municipality__name", "-promise_set__end", "promise_set__area__name",
               "promise_set_id", "theme__position", "number")


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

    def __init__(self, *args, activity_type: types.ActivityType, municipalities, show_ended: bool = False,
                 **kwargs):
        super().__init__(*args, **kwargs)
        self.activity_type = activity_type
        self.details: dict = {}
        self.initial["type"] = activity_type.key
        keep = self.data.get("commitment") if self.is_bound else self.initial.get("commitment")
        # Ended sets only behind a choice (?avslutade=1); the choice list names only current ones,
        # but a posted commitment of an ended set is still valid (its date is checked below).
        self.fields["commitment"].queryset = commitments_in(municipalities)
        self.fields["commitment"].show_municipality = municipalities.count() > 1
        if not show_ended:
            self.fields["commitment"].display_queryset = commitments_in(
                municipalities, current_only=True, keep=int(keep) if str(keep or "").isdigit() else None
            )
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
        if commitment and cleaned.get("date") and "date" not in self.errors:
            refusal = outside_period_message(
                cleaned["date"], commitment.promise_set.dates, whole_month=self.activity_type.per_month
            )
            if refusal:
                self.add_error("date", refusal)
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


