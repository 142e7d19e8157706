"""The staff form for recording an activity, built for a phone: few fields, clear errors."""

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
    def label_from_instance(self, obj: Area) -> str:
        return obj.name


class RecordActivityForm(forms.Form):
    commitment = CommitmentChoiceField(
        label=_("Löfte"), queryset=Commitment.objects.none(),
        error_messages={"invalid_choice": _("Välj ett löfte i din kommun.")},
    )
    type = forms.ChoiceField(label=_("Typ av insats"), choices=types.choices)
    date = forms.DateField(
        label=_("Datum"), widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Ange datumet som ÅÅÅÅ-MM-DD.")},
    )
    area = AreaChoiceField(
        label=_("Kommundel"), queryset=Area.objects.none(), required=False, empty_label=_("Hela kommunen"),
        error_messages={"invalid_choice": _("Välj en kommundel i löftets kommun.")},
    )
    count = forms.IntegerField(
        label=_("Antal"), min_value=1, max_value=10_000, initial=1,
        help_text=_("Hur många insatser av den här typen registreringen gäller."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    public_note = forms.CharField(
        label=_("Offentlig kommentar"), required=False, max_length=2000,
        help_text=_("Visas på den publika sidan. Skriv inga namn eller andra personuppgifter."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commitment"].queryset = (
            Commitment.objects.filter(promise_set__municipality__in=municipalities, archived=False)
            .select_related("promise_set", "promise_set__municipality")
            .order_by("promise_set__municipality__name", "-promise_set__last_year", "number")
        )
        self.fields["area"].queryset = Area.objects.filter(municipality__in=municipalities).select_related(
            "municipality"
        )
        if not self.is_bound and "date" not in self.initial:
            self.initial["date"] = timezone.localdate()

    def clean_date(self):
        value = self.cleaned_data["date"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("Datumet kan inte ligga i framtiden: registrera insatser som är gjorda."))
        return value

    def clean(self):
        cleaned = super().clean()
        commitment, area = cleaned.get("commitment"), cleaned.get("area")
        if commitment and area and area.municipality_id != commitment.promise_set.municipality_id:
            self.add_error("area", _("Kommundelen hör inte till löftets kommun."))
        return cleaned
