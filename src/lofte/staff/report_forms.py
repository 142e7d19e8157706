"""Forms of the follow-up reports in the staff workspace (staff/reports.py)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from lofte.promises.models import PromiseSet


class PromiseSetChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: PromiseSet) -> str:
        area = f" ({obj.area.name})" if obj.area_id else ""
        return f"{obj.municipality.name}: {obj.title}{area}, {obj.period_label}"


class NewReportForm(forms.Form):
    promise_set = PromiseSetChoiceField(
        label=_("Medborgarlöfte"), queryset=PromiseSet.objects.none(),
        error_messages={"required": _("Välj medborgarlöftet som ska följas upp."),
                        "invalid_choice": _("Välj ett publicerat medborgarlöfte i en kommun där du är redaktör.")},
    )
    as_of = forms.DateField(
        label=_("Uppföljningsdatum"), help_text=_("ÅÅÅÅ-MM-DD. Ofta periodens sista dag eller ett tertialslut."),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": _("Ange uppföljningsdatumet."), "invalid": _("Skriv datumet som ÅÅÅÅ-MM-DD.")},
    )

    def __init__(self, *args, promise_sets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["promise_set"].queryset = promise_sets


class ReportTextsForm(forms.Form):
    title = forms.CharField(label=_("Rubrik"), max_length=300,
                            error_messages={"required": _("Uppföljningen behöver en rubrik.")})
    introduction = forms.CharField(label=_("Inledning"), required=False, max_length=20000,
                                   widget=forms.Textarea(attrs={"rows": 6}),
                                   help_text=_("Vad uppföljningen gäller och hur den gjordes."))
    conclusions = forms.CharField(label=_("Slutsatser"), required=False, max_length=20000,
                                  widget=forms.Textarea(attrs={"rows": 6}))
    next_steps = forms.CharField(label=_("Fortsatt arbete"), required=False, max_length=20000,
                                 widget=forms.Textarea(attrs={"rows": 5}))
