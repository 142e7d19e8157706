"""Staff forms for promise sets, commitments, targets, approvals and assessments.

The forms validate and keep what was typed; the changes themselves go through
lofte.promises.workflow, which logs them and enforces the publishing rules.
"""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lofte.activities import types
from lofte.core.models import Organisation
from lofte.promises.models import Commitment, PromiseSet, Target, Theme
from lofte.promises.workflow import TARGET_FIELDS

YEAR_MIN, YEAR_MAX = 2000, 2100


class PromiseSetForm(forms.ModelForm):
    class Meta:
        model = PromiseSet
        fields = ["title", "first_year", "last_year", "intro", "signatories"]
        widgets = {
            "first_year": forms.NumberInput(attrs={"inputmode": "numeric"}),
            "last_year": forms.NumberInput(attrs={"inputmode": "numeric"}),
            "intro": forms.Textarea(attrs={"rows": 6}),
            "signatories": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "title": {"required": _("Ange en rubrik.")},
            "first_year": {"required": _("Ange första år."), "invalid": _("Ange ett år, t.ex. 2024.")},
            "last_year": {"required": _("Ange sista år."), "invalid": _("Ange ett år, t.ex. 2025.")},
        }

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipality = municipality
        if self.instance.pk and self.instance.is_published:
            # The period is part of a published set's public address.
            for name in ("first_year", "last_year"):
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Perioden kan inte ändras när medborgarlöftet är publicerat.")

    def _clean_year(self, name):
        value = self.cleaned_data[name]
        if value is not None and not YEAR_MIN <= value <= YEAR_MAX:
            raise forms.ValidationError(_("Ange ett år mellan %(min)s och %(max)s.") % {"min": YEAR_MIN, "max": YEAR_MAX})
        return value

    def clean_first_year(self):
        return self._clean_year("first_year")

    def clean_last_year(self):
        return self._clean_year("last_year")

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("first_year"), cleaned.get("last_year")
        if first and last:
            if last < first:
                self.add_error("last_year", _("Sista år kan inte ligga före första år."))
            else:
                clash = PromiseSet.objects.filter(municipality=self.municipality, first_year=first, last_year=last)
                if self.instance.pk:
                    clash = clash.exclude(pk=self.instance.pk)
                if clash.exists():
                    self.add_error("first_year", _("Kommunen har redan ett medborgarlöfte för den perioden."))
        return cleaned

    def validate_unique(self):
        # The period's uniqueness is checked in clean() with a message in Swedish; the model's own
        # check would need the municipality, which is not a form field.
        pass

    def workflow_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields if not self.fields[name].disabled}


class NewPromiseSetForm(PromiseSetForm):
    municipality_choice = forms.ModelChoiceField(
        label=_("Kommun"), queryset=None, empty_label=None,
        error_messages={"invalid_choice": _("Välj en kommun där du är redaktör.")},
    )

    class Meta(PromiseSetForm.Meta):
        fields = ["municipality_choice", *PromiseSetForm.Meta.fields]

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, municipality=None, **kwargs)
        self.fields["municipality_choice"].queryset = municipalities
        self.order_fields(["municipality_choice"])

    def clean(self):
        self.municipality = self.cleaned_data.get("municipality_choice")
        if self.municipality is None:
            return self.cleaned_data
        return super().clean()

    def workflow_values(self) -> dict:
        values = super().workflow_values()
        values.pop("municipality_choice", None)
        return values


class ThemeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Theme) -> str:
        return obj.title


class PartiesField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Organisation) -> str:
        return obj.name


class CommitmentForm(forms.Form):
    text = forms.CharField(
        label=_("Löftets text"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000,
        error_messages={"required": _("Skriv löftets text.")},
    )
    theme = ThemeChoiceField(
        label=_("Tema"), queryset=Theme.objects.none(), required=False, empty_label=_("Inget tema"),
        error_messages={"invalid_choice": _("Välj ett tema i det här medborgarlöftet.")},
    )
    parties = PartiesField(
        label=_("Parter som lovar"), queryset=Organisation.objects.none(), widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Välj minst en part."),
                        "invalid_choice": _("Välj parter som verkar i kommunen.")},
    )
    reason = forms.CharField(
        label=_("Skäl till ändringen"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Krävs när ett publicerat löfte ändras. Den tidigare lydelsen sparas och visas öppet."),
    )

    def __init__(self, *args, promise_set: PromiseSet, commitment: Commitment | None = None, **kwargs):
        if commitment is not None and not kwargs.get("initial"):
            kwargs["initial"] = {
                "text": commitment.text,
                "theme": commitment.theme_id,
                "parties": [p.pk for p in commitment.parties.all()],
            }
        super().__init__(*args, **kwargs)
        self.promise_set = promise_set
        self.commitment = commitment
        self.fields["theme"].queryset = promise_set.themes.order_by("position", "pk")
        self.fields["parties"].queryset = Organisation.objects.filter(
            municipalities=promise_set.municipality_id
        ).order_by("kind", "name")
        if promise_set.is_published:
            self.fields["parties"].disabled = True
            self.fields["parties"].help_text = _("Parterna kan inte ändras när medborgarlöftet är publicerat.")
        else:
            del self.fields["reason"]

    def text_changed(self) -> bool:
        return self.commitment is not None and self.cleaned_data.get("text", "").strip() != self.commitment.text


class TargetForm(forms.ModelForm):
    activity_type = forms.ChoiceField(
        label=_("Aktivitetstyp"), required=False, choices=[("", _("Alla slags insatser")), *types.choices()],
    )

    class Meta:
        model = Target
        fields = ["count", "unit", "activity_type", "per", "covers_areas", "figure"]
        widgets = {"count": forms.NumberInput(attrs={"inputmode": "numeric", "min": 1})}
        help_texts = {
            "count": _("Lämna tomt för ”i alla kommundelar”."),
            "covers_areas": _("Målet gäller olika kommundelar (antalet kommundelar räknas)."),
            "figure": _("Tomt: insatserna räknas. Annars namnet på ett mätetal som summeras, t.ex. deltagare."),
        }
        error_messages = {
            "unit": {"required": _("Ange en enhet, t.ex. trygghetsvandringar.")},
            "count": {"invalid": _("Fyll i ett heltal.")},
        }

    def clean_count(self):
        value = self.cleaned_data.get("count")
        if value is not None and not 1 <= value <= 100_000:
            raise forms.ValidationError(_("Ange ett antal mellan 1 och 100 000."))
        return value

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("DELETE"):
            return cleaned
        if cleaned.get("count") is None and not cleaned.get("covers_areas") and "count" not in self.errors:
            self.add_error("count", _("Ange ett antal, eller kryssa i att målet gäller olika kommundelar."))
        return cleaned

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in TARGET_FIELDS}


TargetFormSet = forms.inlineformset_factory(
    Commitment, Target, form=TargetForm, extra=1, can_delete=True, max_num=10, validate_max=True,
)


class ApproveForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Godkänn för"), queryset=Organisation.objects.none(), empty_label=None,
        error_messages={"invalid_choice": _("Du kan bara godkänna för din egen organisation.")},
    )
    approver_name = forms.CharField(
        label=_("Namn och titel som visas"), max_length=200,
        help_text=_("Visas öppet: ”Godkänd av … den …”."),
        error_messages={"required": _("Ange namnet som ska visas.")},
    )

    def __init__(self, *args, organisations: list[Organisation], approver_name: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(pk__in=[o.pk for o in organisations])
        if not self.is_bound:
            self.initial.setdefault("approver_name", approver_name)


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Skäl"), required=False, max_length=2000)


class ThemeForm(forms.Form):
    title = forms.CharField(label=_("Temats rubrik"), max_length=300,
                            error_messages={"required": _("Ange temats rubrik.")})


class AssessmentForm(forms.Form):
    text = forms.CharField(
        label=_("Bedömning"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Visas på den publika sidan med datum och organisation. Skriv inga personuppgifter."),
        error_messages={"required": _("Skriv en bedömning.")},
    )
    assessed_on = forms.DateField(
        label=_("Datum"), widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Ange datumet som ÅÅÅÅ-MM-DD."), "required": _("Ange ett datum.")},
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), empty_label=None,
        error_messages={"invalid_choice": _("Välj din egen organisation.")},
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        if not self.is_bound:
            self.initial.setdefault("assessed_on", timezone.localdate())

    def clean_assessed_on(self):
        value = self.cleaned_data["assessed_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("En bedömning kan inte dateras i framtiden."))
        return value
