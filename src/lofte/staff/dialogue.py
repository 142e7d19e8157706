"""Staff views of the dialogue app: moderating and answering citizen input (redaktörer), and the
meeting calendar (registrerare and up). Objects are resolved through lofte.core.permissions: another
municipality's object is a 404, a role that is too weak a 403."""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from lofte.core import people
from lofte.core.models import Area, Membership, Municipality, Organisation
from lofte.core.permissions import ROLE_ORDER, access, answering_organisations, municipalities_for
from lofte.dialogue.inputs import answer_input, approve_input, publication_text, reject_input
from lofte.dialogue.meetings import (
    STOCKHOLM,
    UTC,
    NonexistentLocalTime,
    cancel_meeting,
    local_datetime,
    save_meeting,
    single_line,
)
from lofte.dialogue.models import CitizenInput, Meeting
from lofte.promises.models import Commitment
from lofte.promises.periods import outside_period_message
from lofte.core.municipalities import own_municipality
from lofte.dialogue.receiving import reference


def _municipalities_with(user, role: str):
    """The user's municipalities where their role is at least `role` (superusers: all)."""
    if user.is_superuser:
        return Municipality.objects.all()
    roles = [str(r) for r in ROLE_ORDER[ROLE_ORDER.index(role):]]
    return municipalities_for(user).filter(
        organisations__memberships__user=user, organisations__memberships__role__in=roles
    ).distinct()


def _resolve(user, queryset, pk: int, need: str):
    """The object if the user may `need` ('edit' or 'record') it: 404 outside their municipalities."""
    obj = queryset.select_related("municipality").filter(pk=pk).first()
    if obj is None:
        raise Http404(_("Finns inte."))
    rights = access(user, obj.municipality)
    if not rights.read:
        raise Http404(_("Finns inte."))
    if not getattr(rights, need):
        role = Membership.Role.EDITOR if need == "edit" else Membership.Role.RECORDER
        raise PermissionDenied(_("Din roll i %(kommun)s räcker inte: det här kräver rollen %(role)s.")
                               % {"kommun": obj.municipality.name, "role": role.label.lower()})
    return obj


# ---------------------------------------------------------------------------------------------
# Citizen input


# Moderation list: one status at a time, newest first, this many per page.
INPUT_PAGE_SIZE = 50
_INPUT_TABS = [
    (CitizenInput.Status.PENDING, gettext_lazy("Väntar på granskning")),
    (CitizenInput.Status.PUBLISHED, gettext_lazy("Publicerade")),
    (CitizenInput.Status.REJECTED, gettext_lazy("Avvisade")),
]


@login_required
def input_list(request):
    """Citizen input of the editor's municipalities, per status with its count, a page at a time
    (a fixed cut-off hid everything past the 300th pending item)."""
    municipalities = _municipalities_with(request.user, Membership.Role.EDITOR)
    if not municipalities.exists():
        raise PermissionDenied(_("Bara redaktörer granskar synpunkter."))
    inputs = CitizenInput.objects.filter(municipality__in=municipalities)
    counts = dict(inputs.order_by().values_list("status").annotate(n=Count("pk")))
    status = request.GET.get("status")
    if status not in CitizenInput.Status.values:
        status = CitizenInput.Status.PENDING
    page = Paginator(
        inputs.filter(status=status).select_related("municipality", "area").order_by("-created_at", "-pk"),
        INPUT_PAGE_SIZE,
    ).get_page(request.GET.get("sida"))
    tabs = [{"status": key, "label": label, "count": counts.get(key, 0), "current": key == status}
            for key, label in _INPUT_TABS]
    return render(request, "staff/input_list.html", {
        "tabs": tabs, "status": status, "status_query": urlencode({"status": status}), "page": page,
        "current": next(t for t in tabs if t["current"]),
    })


class ApproveForm(forms.Form):
    public_text = forms.CharField(
        label=gettext_lazy("Text att publicera"), required=False, max_length=4000,
        help_text=gettext_lazy("Ta bort namn på personer och annat som inte ska publiceras. Personnummer, "
                               "telefonnummer och e-postadresser tas bort automatiskt."),
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Skäl att avvisa"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Sparas för granskningen; visas inte publikt."),
        error_messages={"required": gettext_lazy("Skriv varför synpunkten avvisas.")},
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=gettext_lazy("Svar"), max_length=4000, widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("Publiceras bredvid synpunkten (”Ni sa – vi gjorde”)."),
        error_messages={"required": gettext_lazy("Skriv svaret.")},
    )
    organisation = forms.ModelChoiceField(
        label=gettext_lazy("Svarar för"), queryset=Organisation.objects.none(),
        error_messages={"invalid_choice": gettext_lazy("Välj en av dina egna organisationer i kommunen."),
                        "required": gettext_lazy("Välj vem som svarar.")},
    )

    def __init__(self, *args, municipality, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the user's own organisations: an answer is published in that organisation's name.
        organisations = answering_organisations(user, municipality)
        self.fields["organisation"].queryset = organisations
        if len(organisations) == 1:
            self.fields["organisation"].initial = organisations[0].pk


@login_required
@require_http_methods(["GET", "POST"])
def input_detail(request, input_id):
    citizen_input = _resolve(request.user, CitizenInput.objects.all(), input_id, "edit")
    action = request.POST.get("action") if request.method == "POST" else None
    approve_form = ApproveForm(request.POST if action == "approve" else None,
                               initial={"public_text": citizen_input.public_message or citizen_input.message})
    reject_form = RejectForm(request.POST if action == "reject" else None,
                             initial={"reason": citizen_input.rejection_reason})
    answer_form = AnswerForm(request.POST if action == "answer" else None, municipality=citizen_input.municipality,
                             user=request.user, initial={"answer": citizen_input.answer,
                                                         "organisation": citizen_input.answered_by_id})
    if action == "approve" and approve_form.is_valid():
        approve_input(citizen_input, request.user, approve_form.cleaned_data["public_text"])
        messages.success(request, _("Synpunkten är publicerad."))
        return redirect("staff:input", input_id=citizen_input.pk)
    if action == "reject" and reject_form.is_valid():
        reject_input(citizen_input, request.user, reject_form.cleaned_data["reason"])
        messages.success(request, _("Synpunkten är avvisad."))
        return redirect("staff:input", input_id=citizen_input.pk)
    if action == "answer" and answer_form.is_valid():
        try:
            answer_input(citizen_input, request.user, answer_form.cleaned_data["answer"],
                         answer_form.cleaned_data["organisation"])
        except people.NameRequired as error:
            answer_form.add_error(None, _(str(error)))
        else:
            messages.success(request, _("Svaret är sparat."))
            return redirect("staff:input", input_id=citizen_input.pk)
    status = 400 if action in {"approve", "reject", "answer"} else 200
    preview_source = approve_form.data.get("public_text") if approve_form.is_bound else None
    return render(request, "staff/input_detail.html", {
        "item": citizen_input,
        "reference": reference(citizen_input),
        "approve_form": approve_form,
        "reject_form": reject_form,
        "answer_form": answer_form,
        "preview": publication_text(citizen_input, preview_source or citizen_input.public_message),
    }, status=status)


# ---------------------------------------------------------------------------------------------
# Meetings


class MeetingForm(forms.ModelForm):
    date = forms.DateField(label=gettext_lazy("Datum"), widget=forms.DateInput(attrs={"type": "date"}),
                           error_messages={"invalid": gettext_lazy("Ange datumet som ÅÅÅÅ-MM-DD."),
                                           "required": gettext_lazy("Ange datumet.")})
    start = forms.TimeField(label=gettext_lazy("Börjar kl."), widget=forms.TimeInput(attrs={"type": "time"}),
                            error_messages={"invalid": gettext_lazy("Ange tiden som TT:MM."),
                                            "required": gettext_lazy("Ange när mötet börjar.")})
    end = forms.TimeField(label=gettext_lazy("Slutar kl."), widget=forms.TimeInput(attrs={"type": "time"}),
                          error_messages={"invalid": gettext_lazy("Ange tiden som TT:MM."),
                                          "required": gettext_lazy("Ange när mötet slutar.")})

    class Meta:
        model = Meeting
        fields = ["municipality", "title", "kind", "description", "date", "start", "end", "place", "area",
                  "organiser", "commitment", "public"]
        error_messages = {
            "municipality": {"invalid_choice": gettext_lazy("Välj en kommun där du får lägga in möten.")},
            "area": {"invalid_choice": gettext_lazy("Välj en kommundel i mötets kommun.")},
            "organiser": {"invalid_choice": gettext_lazy("Välj en organisation i mötets kommun.")},
            "commitment": {"invalid_choice": gettext_lazy("Välj ett publicerat löfte i mötets kommun.")},
            "title": {"required": gettext_lazy("Ge mötet en rubrik.")},
            "place": {"required": gettext_lazy("Ange var mötet hålls.")},
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities
        self.fields["municipality"].empty_label = None
        self.fields["municipality"].label = _("Kommun")
        self.fields["area"].empty_label = _("Ingen särskild kommundel")
        self.fields["commitment"].empty_label = _("Inget särskilt löfte")
        self.fields["area"].queryset = Area.objects.filter(municipality__in=municipalities)
        self.fields["organiser"].queryset = Organisation.objects.filter(municipalities__in=municipalities).distinct()
        self.fields["commitment"].queryset = (
            Commitment.objects.published().filter(promise_set__municipality__in=municipalities)
            .select_related("promise_set__area").order_by("-promise_set__end", "promise_set__area__name", "number")
        )
        self.fields["commitment"].label_from_instance = (
            lambda c: f"{c.promise_set.area.name + ' ' if c.promise_set.area_id else ''}{c.promise_set.years_label}"
                      f" · {c.number}. {c.title}"
        )
        if self.instance.pk:
            self.fields["municipality"].disabled = True
            start = timezone.localtime(self.instance.starts_at, STOCKHOLM)
            end = timezone.localtime(self.instance.ends_at, STOCKHOLM)
            self.initial.update({"date": start.date(), "start": start.time().replace(second=0),
                                 "end": end.time().replace(second=0)})

    def clean(self):
        cleaned = super().clean()
        municipality = self.instance.municipality if self.instance.pk else cleaned.get("municipality")
        for name in ("area", "commitment"):
            obj = cleaned.get(name)
            owner = None
            if obj is not None:
                owner = obj.municipality_id if name == "area" else obj.promise_set.municipality_id
            if municipality and obj is not None and owner != municipality.pk:
                self.add_error(name, _("Hör inte till mötets kommun."))
        organiser = cleaned.get("organiser")
        if municipality and organiser and not organiser.municipalities.filter(pk=municipality.pk).exists():
            self.add_error("organiser", _("Organisationen verkar inte i mötets kommun."))
        day, start, end = cleaned.get("date"), cleaned.get("start"), cleaned.get("end")
        if day and start and end:
            moments = {}
            for name, clock in (("start", start), ("end", end)):
                try:
                    moments[name] = local_datetime(day, clock)
                except NonexistentLocalTime:
                    self.add_error(name, _(
                        "Klockan %(time)s finns inte den %(date)s: sommartiden börjar och klockan ställs fram "
                        "från 02:00 till 03:00. Välj en annan tid."
                    ) % {"time": clock.strftime("%H:%M"), "date": date_format(day, "j F Y")})
            if len(moments) == 2:
                # Compared as instants: aware datetimes in the same zone compare by wall clock.
                if moments["end"].astimezone(UTC) <= moments["start"].astimezone(UTC):
                    self.add_error("end", _("Mötet måste sluta efter att det börjar."))
                else:
                    self.instance.starts_at, self.instance.ends_at = moments["start"], moments["end"]
        return cleaned

    def clean_title(self):
        return single_line(self.cleaned_data["title"])

    def clean_place(self):
        return single_line(self.cleaned_data["place"])


@login_required
def meeting_list(request):
    municipalities = _municipalities_with(request.user, Membership.Role.RECORDER)
    if not municipalities.exists():
        raise PermissionDenied(_("Du har ingen roll som får lägga in möten."))
    meetings = (
        Meeting.objects.filter(municipality__in=municipalities)
        .select_related("municipality", "area").order_by("-starts_at")[:300]
    )
    return render(request, "staff/meeting_list.html", {
        "meetings": meetings, "now": timezone.now(), "several": municipalities.count() > 1,
    })


def _meeting_form_page(request, meeting: Meeting | None):
    municipalities = _municipalities_with(request.user, Membership.Role.RECORDER)
    if meeting is None and not municipalities.exists():
        raise PermissionDenied(_("Du har ingen roll som får lägga in möten."))
    # A new meeting starts in the user's own municipality, not the first alphabetically.
    initial = {} if meeting else {"municipality": own_municipality(request.user, municipalities.order_by("name"))}
    form = MeetingForm(request.POST or None, instance=meeting, municipalities=municipalities, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = save_meeting(form.instance, request.user)
        messages.success(request, _("Mötet är sparat."))
        return redirect("staff:meeting", meeting_id=saved.pk)
    return render(request, "staff/meeting_form.html", {"form": form, "meeting": meeting},
                  status=400 if form.is_bound else 200)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_new(request):
    return _meeting_form_page(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request, meeting_id):
    meeting = _resolve(request.user, Meeting.objects.all(), meeting_id, "record")
    return _meeting_form_page(request, meeting)


@login_required
@require_POST
def meeting_cancel(request, meeting_id):
    meeting = _resolve(request.user, Meeting.objects.all(), meeting_id, "record")
    cancel_meeting(meeting, request.user)
    messages.success(request, _("Mötet är inställt. Det står kvar i kalendern som inställt."))
    return redirect("staff:meeting", meeting_id=meeting.pk)


@login_required
@require_POST
def meeting_held(request, meeting_id):
    """Open the activity form filled in from the meeting; recording it links the two."""
    meeting = _resolve(request.user, Meeting.objects.select_related("commitment__promise_set"), meeting_id, "record")
    if meeting.commitment_id:
        refusal = outside_period_message(timezone.localtime(meeting.starts_at, STOCKHOLM).date(),
                                         meeting.commitment.promise_set.dates)
        if refusal:
            messages.error(request, refusal)
            return redirect("staff:meeting", meeting_id=meeting.pk)
    query = {"type": meeting.activity_type, "meeting": meeting.pk}
    if meeting.commitment_id:
        query["commitment"] = meeting.commitment_id
    return redirect(reverse("staff:record") + "?" + urlencode(query))

