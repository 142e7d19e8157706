"""Staff forms for recorded work: the filter form of the list, and the edit form's initial values.

The record form itself (ActivityForm) is lofte.activities.forms, shared with the API's write
endpoint so that both validate a record the same way.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from lofte.activities import types
from lofte.activities.forms import (  # noqa: F401 - the staff views import the form from here
    ActivityForm,
    AreaChoiceField,
    CommitmentChoiceField,
    commitments_in,
)
from lofte.core.models import Area
from lofte.promises.models import Commitment


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
        self.fields["commitment"].show_municipality = municipalities.count() > 1

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
