"""Staff forms for promise sets, commitments, targets, approvals and assessments.

The forms validate and keep what was typed; the changes themselves go through
lofte.promises.workflow, which logs them and enforces the publishing rules.
"""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lofte.activities import types
from lofte.core.areas import area_named
from lofte.core.models import Area, Organisation
from lofte.promises.models import Assessment, Commitment, PromiseSet, Target, Theme
from lofte.promises.titles import short_title
from lofte.promises.workflow import TARGET_FIELDS
from lofte.situation.effects import linkable_indicators
from lofte.situation.models import Indicator

DATE_MIN, DATE_MAX = date(2000, 1, 1), date(2100, 12, 31)


class AreaField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Area) -> str:
        return obj.name


class OrganisationsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Organisation) -> str:
        return obj.name


def _date_field(label: str, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label, help_text=help_text, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("Ange ett datum."), "invalid": _("Ange datumet som ÅÅÅÅ-MM-DD.")},
    )


class PromiseSetForm(forms.ModelForm):
    """A set's title, period (first and last day), area, partners, introduction and signatories."""

    start = _date_field(_("Första dag"), _("Ett löfte för hela år börjar den 1 januari."))
    end = _date_field(_("Sista dag"), _("Ett löfte för hela år slutar den 31 december."))
    area = AreaField(
        label=_("Område"), queryset=Area.objects.none(), required=False, empty_label=_("Hela kommunen"),
        help_text=_("Stora kommuner ger löften per stadsdel eller område."),
        error_messages={"invalid_choice": _("Välj ett område i kommunen.")},
    )
    new_area = forms.CharField(
        label=_("Eller ett nytt område"), required=False, max_length=100,
        help_text=_("Skriv namnet på stadsdelen eller området om det inte finns i listan."),
    )
    partners = OrganisationsField(
        label=_("I samverkan med"), queryset=Organisation.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Organisationer som medverkar utan att själva lova något. De godkänner inte löftet."),
        error_messages={"invalid_choice": _("Välj organisationer som verkar i kommunen.")},
    )
    reason = forms.CharField(
        label=_("Skäl till ändringen"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Krävs när perioden eller området ändras i ett publicerat medborgarlöfte. "
                    "Den gamla webbadressen leder vidare till den nya."),
    )

    class Meta:
        model = PromiseSet
        fields = ["title", "start", "end", "area", "intro", "signatories", "partners"]
        widgets = {
            "intro": forms.Textarea(attrs={"rows": 6}),
            "signatories": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {"title": {"required": _("Ange en rubrik.")}}

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipality = municipality
        self.order_fields(["title", "start", "end", "area", "new_area", "partners", "intro", "signatories", "reason"])
        if municipality is not None:
            self._limit_to(municipality)
        if not (self.instance.pk and self.instance.is_published):
            del self.fields["reason"]

    def _limit_to(self, municipality) -> None:
        self.fields["area"].queryset = Area.objects.filter(municipality=municipality).order_by("name")
        self.fields["partners"].queryset = Organisation.objects.filter(municipalities=municipality).order_by(
            "kind", "name"
        )

    def _clean_bounded(self, name):
        value = self.cleaned_data[name]
        if value is not None and not DATE_MIN <= value <= DATE_MAX:
            raise forms.ValidationError(_("Ange ett datum mellan år 2000 och 2100."))
        return value

    def clean_start(self):
        return self._clean_bounded("start")

    def clean_end(self):
        return self._clean_bounded("end")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        new_area = " ".join((cleaned.get("new_area") or "").split())
        if new_area and cleaned.get("area"):
            self.add_error("new_area", _("Välj ett område i listan eller skriv ett nytt, inte båda."))
        if start and end and end < start:
            self.add_error("end", _("Sista dagen kan inte ligga före den första."))
        elif start and end and self.municipality is not None:
            area = cleaned.get("area")
            if new_area:
                area = Area.objects.filter(municipality=self.municipality, name__iexact=new_area).first()
            clash = PromiseSet.objects.filter(municipality=self.municipality, area=area, start=start, end=end)
            if self.instance.pk:
                clash = clash.exclude(pk=self.instance.pk)
            if area is None or area.pk:
                if clash.exists():
                    self.add_error("start", _("Kommunen har redan ett medborgarlöfte för den perioden och det området."))
        if self.instance.pk and self.instance.is_published and "reason" in self.fields:
            moved = any(name in self.changed_data for name in ("start", "end", "area")) or bool(new_area)
            if moved and not (cleaned.get("reason") or "").strip():
                self.add_error("reason", _("Ange skälet: perioden och området syns öppet och i webbadressen."))
        return cleaned

    def validate_unique(self):
        # The period's uniqueness is checked in clean() with a message in Swedish; the model's own
        # check would need the municipality, which is not a form field.
        pass

    def _post_clean(self):
        # The workflow writes the values (and checks them once more); the instance stays as stored,
        # so the workflow can compare against it.
        pass

    def workflow_values(self) -> dict:
        """The values for lofte.promises.workflow; a new area is created here, so call it inside the
        transaction that saves the set."""
        data = self.cleaned_data
        area = data.get("area")
        new_area = " ".join((data.get("new_area") or "").split())
        if new_area:
            area = area_named(self.municipality, new_area)
        return {
            "title": data["title"], "start": data["start"], "end": data["end"], "area": area,
            "intro": data["intro"], "signatories": data["signatories"], "partners": list(data["partners"]),
        }

    @property
    def change_reason(self) -> str:
        return (self.cleaned_data.get("reason") or "").strip()


class NewPromiseSetForm(PromiseSetForm):
    municipality_choice = forms.ModelChoiceField(
        label=_("Kommun"), queryset=None, empty_label=None,
        error_messages={"invalid_choice": _("Välj en kommun där du är redaktör.")},
    )

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, municipality=None, **kwargs)
        self.fields["municipality_choice"].queryset = municipalities
        self.order_fields(["municipality_choice"])
        chosen = self.data.get("municipality_choice") if self.is_bound else None
        first = municipalities.filter(pk=chosen).first() if chosen and str(chosen).isdigit() else None
        first = first or (municipalities.first() if municipalities.count() == 1 else None)
        if first is not None:
            self._limit_to(first)
        else:
            # Areas and partners of every municipality the user edits; clean() checks the pairing.
            self.fields["area"].queryset = Area.objects.filter(municipality__in=municipalities).order_by("name")
            self.fields["partners"].queryset = Organisation.objects.filter(
                municipalities__in=municipalities).distinct().order_by("kind", "name")

    def clean(self):
        self.municipality = self.cleaned_data.get("municipality_choice")
        if self.municipality is None:
            return self.cleaned_data
        area = self.cleaned_data.get("area")
        if area is not None and area.municipality_id != self.municipality.pk:
            self.add_error("area", _("Området hör inte till den valda kommunen."))
        return super().clean()


class ThemeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Theme) -> str:
        return obj.title


class PartiesField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Organisation) -> str:
        return obj.name


class CommitmentForm(forms.Form):
    short_title = forms.CharField(
        label=_("Kort rubrik"), required=False, max_length=100,
        help_text=_("Högst omkring 70 tecken, visas i rubriker och listor. Tomt: rubriken tas fram ur texten."),
    )
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
                "short_title": commitment.short_title,
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

    def short_title_value(self) -> str:
        """The title typed, or one derived from the text when the field was left empty."""
        return self.cleaned_data.get("short_title", "").strip() or short_title(self.cleaned_data["text"])


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
    verdict = forms.ChoiceField(
        label=_("Slutbedömning"), required=False,
        choices=[("", _("Ingen: en bedömning under arbetets gång")), *Assessment.Verdict.choices],
        help_text=_("Efter periodens slut: resultatet för ett löfte utan mätbart mål, med motiveringen ovan."),
    )
    evidence = forms.CharField(
        label=_("Underlag"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Länkar till protokoll, rapporter eller sidor som bedömningen bygger på, en per rad."),
    )

    def __init__(self, *args, organisations, final_allowed: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        if not final_allowed:
            del self.fields["verdict"]
        if not self.is_bound:
            self.initial.setdefault("assessed_on", timezone.localdate())

    def clean_evidence(self):
        lines = [line.strip() for line in self.cleaned_data["evidence"].splitlines() if line.strip()]
        for line in lines:
            if not (line.startswith("https://") or line.startswith("http://")) or " " in line:
                raise forms.ValidationError(
                    _("«%(line)s» är ingen webbadress: skriv en länk per rad, som börjar med https://.")
                    % {"line": line[:80]}
                )
        return "\n".join(lines)

    def clean_assessed_on(self):
        value = self.cleaned_data["assessed_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("En bedömning kan inte dateras i framtiden."))
        return value


class IndicatorLinkForm(forms.Form):
    """Link a commitment to an indicator it should move (lofte.situation.effects)."""

    indicator = forms.ModelChoiceField(
        label=_("Indikator"), queryset=Indicator.objects.none(),
        error_messages={"required": _("Välj en indikator."),
                        "invalid_choice": _("Välj en indikator med värden för kommunen.")},
    )
    area = AreaField(
        label=_("Kommundel"), queryset=Area.objects.none(), required=False,
        help_text=_("Tomt: indikatorn för hela kommunen."),
        error_messages={"invalid_choice": _("Välj en kommundel i löftets kommun.")},
    )

    def __init__(self, *args, commitment: Commitment, **kwargs):
        super().__init__(*args, **kwargs)
        municipality = commitment.promise_set.municipality
        linked = commitment.indicator_links.values_list("indicator_id", flat=True)
        self.fields["indicator"].queryset = linkable_indicators(municipality).exclude(pk__in=linked)
        self.fields["area"].queryset = Area.objects.filter(municipality=municipality).order_by("name")
