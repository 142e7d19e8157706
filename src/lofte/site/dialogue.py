"""Public pages of the dialogue app: citizen input (/<kommun>/synpunkter/) and the meeting calendar
(/<kommun>/kalender/, /<kommun>/kalender.ics, /<kommun>/kalender/<id>.ics).

The input page carries a form with a CSRF token, so it is never cached by a shared proxy; the list
of answered input as JSON and the calendar pages are public and revalidated like the other pages.
"""

from __future__ import annotations

import json
import uuid
from datetime import timedelta

from django import forms
from django.conf import settings
from django.db import InterfaceError, OperationalError, transaction
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from lofte.activities.models import Activity
from lofte.core.models import Area
from lofte.core.forms import CoordinateField
from lofte.core.geo import inside_sweden
from lofte.dialogue import public, ratelimit
from lofte.lib.net import client_address
from lofte.lib.text import strip_bidi_controls
from lofte.walks.public import map_centre
from lofte.dialogue.inputs import submit_input
from lofte.dialogue.meetings import calendar_bytes, site_url, split_upcoming
from lofte.dialogue.models import CitizenInput
from lofte.dialogue.receiving import accepts_input, from_receipt_token, receipt_token, reference, send_receipt
from lofte.promises.models import Commitment
from lofte.site.views import _freshness, _municipality, public_page

RATE_SCOPE = "citizen-input"
DATABASE_BUSY = (OperationalError, InterfaceError)
MAX_MESSAGE = 4000
PUBLISHED_SHOWN = 200


# ---------------------------------------------------------------------------------------------
# Citizen input


class CommitmentChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Commitment) -> str:
        area = f"{obj.promise_set.area.name} " if obj.promise_set.area_id else ""
        return f"{area}{obj.promise_set.years_label} · {obj.number}. {obj.title}"


class AreaChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Area) -> str:
        return obj.name


class InputForm(forms.Form):
    message = forms.CharField(
        label=gettext_lazy("Din synpunkt"), max_length=MAX_MESSAGE,
        help_text=gettext_lazy("Högst 4 000 tecken. Skriv inte namn på andra personer."),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": gettext_lazy("Skriv din synpunkt."),
            "max_length": gettext_lazy("Synpunkten får vara högst %(limit_value)d tecken (den har %(show_value)d)."),
        },
    )
    commitment = CommitmentChoice(
        label=gettext_lazy("Vilket löfte gäller det?"), queryset=Commitment.objects.none(), required=False,
        empty_label=gettext_lazy("Inget särskilt löfte"),
        error_messages={"invalid_choice": gettext_lazy("Välj ett av kommunens publicerade löften i listan.")},
    )
    area = AreaChoice(
        label=gettext_lazy("Kommundel"), queryset=Area.objects.none(), required=False,
        empty_label=gettext_lazy("Ingen särskild kommundel"),
        error_messages={"invalid_choice": gettext_lazy("Välj en kommundel i listan.")},
    )
    # The same field as the finding form's: a decimal comma ("59,378") or point, rounded to the
    # five decimals stored (about a metre), so the map's six-decimal pin is accepted too.
    latitude = CoordinateField(label=gettext_lazy("Latitud"), example="59,37800", decimal_places=5,
                               help_text=gettext_lazy("Valfritt: en plats som decimalgrader, t.ex. 59,37800."))
    longitude = CoordinateField(label=gettext_lazy("Longitud"), example="17,03100", decimal_places=5,
                                help_text=gettext_lazy("T.ex. 17,03100."))
    email = forms.EmailField(
        label=gettext_lazy("E-postadress för svar"), required=False, max_length=254,
        help_text=gettext_lazy("Används bara för att svara dig och raderas efter en tid."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"invalid": gettext_lazy("Ange en giltig e-postadress, t.ex. namn@example.se, eller lämna fältet tomt.")},
    )
    # A honeypot: hidden from people by CSS, filled in by form-filling robots.
    website = forms.CharField(label=gettext_lazy("Lämna det här fältet tomt"), required=False,
                              widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}))
    # A new random token with every empty form: posting the same form twice stores it once.
    token = forms.CharField(required=False, initial=uuid.uuid4, widget=forms.HiddenInput)

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commitment"].queryset = (
            Commitment.objects.published().filter(promise_set__municipality=municipality)
            .select_related("promise_set__area").order_by("-promise_set__end", "-promise_set__start", "number")
        )
        self.fields["area"].queryset = Area.objects.filter(municipality=municipality)

    def clean_token(self):
        # Not the citizen's concern: a missing or mangled token only means no duplicate check.
        try:
            return uuid.UUID(self.cleaned_data["token"])
        except ValueError:
            return None

    def clean_message(self):
        # Bidirectional controls (U+202E …) would reorder what moderators and readers see.
        message = strip_bidi_controls(self.cleaned_data["message"]).strip()
        if not message:
            raise forms.ValidationError(self.fields["message"].error_messages["required"], code="required")
        return message

    def clean(self):
        cleaned = super().clean()
        lat, lon = cleaned.get("latitude"), cleaned.get("longitude")
        if (lat is None) != (lon is None) and "latitude" not in self.errors and "longitude" not in self.errors:
            self.add_error("longitude" if lon is None else "latitude",
                           _("Ange både latitud och longitud, eller ingen av dem."))
        elif lat is not None and lon is not None and not inside_sweden(lat, lon):
            self.add_error("latitude", _("Platsen ligger inte i Sverige. Kontrollera latitud och longitud "
                                         "(latitud ca 55–69, longitud ca 11–24)."))
        return cleaned

    @property
    def is_robot(self) -> bool:
        return bool(self.data.get("website", "").strip())

    @property
    def visible_fields_(self):
        return [f for f in self if f.name not in ("website", "token")]


def _published_inputs(municipality):
    return list(public.published_inputs(municipality)[:PUBLISHED_SHOWN])


def _retry_time(seconds: int):
    return timezone.localtime() + timedelta(seconds=seconds)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def input_page(request, kommun):
    municipality = _municipality(request, kommun)
    if not accepts_input(municipality):
        # Nobody in Löfte could read it: say so, show no form, store nothing.
        return render(request, "site/input.html", {
            "municipality": municipality, "receiving": False, "inputs": _published_inputs(municipality),
        }, status=403 if request.method == "POST" else 200)
    address = client_address(request)
    rate = (RATE_SCOPE, address, settings.CITIZEN_INPUT_RATE_LIMIT, settings.CITIZEN_INPUT_RATE_WINDOW)
    status = 200
    form = InputForm(request.POST if request.method == "POST" else None, municipality=municipality)
    busy = False
    if request.method == "POST" and (form.is_robot or form.is_valid()):
        try:
            limit, item = _store_submission(form, municipality, address, rate)
        except DATABASE_BUSY:
            # A database still busy past its timeout: say so and keep what was written.
            limit, busy, status = ratelimit.Limit(True, 0), True, 503
        else:
            if limit.allowed and item is None:
                # Tell a robot nothing: the same thanks a person gets, and nothing is stored.
                return redirect("site:input_thanks", kommun=municipality.slug)
            if limit.allowed:
                # The thanks page shows the reference (the token is signed: no one can make it show another).
                return redirect(reverse("site:input_thanks", args=[municipality.slug]) + "?kvitto="
                                + receipt_token(item))
            status = 429
    else:
        limit = ratelimit.check(*rate)
        if request.method == "POST":
            status = 400
    context = {
        "municipality": municipality,
        "receiving": True,
        "form": form,
        "limited": not limit.allowed,
        "busy": busy,
        "retry_at": _retry_time(limit.retry_after) if not limit.allowed else None,
        "inputs": _published_inputs(municipality),
        "retention_days": settings.CITIZEN_CONTACT_RETENTION_DAYS,
        "map_tile_url": settings.MAP_TILE_URL,
        "map_attribution": settings.MAP_ATTRIBUTION,
        "map_centre": map_centre(municipality),
    }
    response = render(request, "site/input.html", context, status=status)
    if status == 429:
        response["Retry-After"] = str(limit.retry_after)
    elif status == 503:
        response["Retry-After"] = "5"
    return response


def _store_submission(form, municipality, address: str, rate: tuple) -> tuple[ratelimit.Limit, CitizenInput | None]:
    """Take a rate-limit slot and store the submission (a robot's slot is taken, its post dropped);
    returns the limit and the stored input (the one stored before, for a double submit). A database
    error after the slot was taken gives the slot back and is raised. A new input with an address
    gets a confirmation e-mail with its reference."""
    limit = ratelimit.take(*rate)
    if not limit.allowed or form.is_robot:
        return limit, None
    data = form.cleaned_data
    try:
        stored, created = submit_input(
            municipality=municipality, message=data["message"], commitment=data["commitment"],
            area=data["area"], latitude=data["latitude"], longitude=data["longitude"],
            email=data["email"], token=data["token"],
        )
    except DATABASE_BUSY:
        _give_back(address)
        raise
    if not created:
        _give_back(address)
    elif stored.email:
        transaction.on_commit(lambda: send_receipt.enqueue(stored.pk))
    return limit, stored


def _give_back(address: str) -> None:
    try:
        ratelimit.give_back(RATE_SCOPE, address, settings.CITIZEN_INPUT_RATE_WINDOW)
    except DATABASE_BUSY:
        pass  # One slot too many is better than an error page for a database still busy.


@never_cache
@require_safe
def input_thanks(request, kommun):
    municipality = _municipality(request, kommun)
    item = from_receipt_token(request.GET.get("kvitto", ""), municipality)
    return render(request, "site/input_thanks.html", {
        "municipality": municipality, "reference": reference(item) if item else "",
        "emailed": bool(item and item.email),
    })


def _municipality_freshness(request, kommun, *args, **kwargs):
    m = _municipality(request, kommun)
    # The hour is part of the key: a meeting moves from "upcoming" to "past" as time passes.
    return _freshness(request, f"dialogue:{m.pk}:{timezone.localtime():%Y%m%d%H}", m.content_changed_at)


@public_page(_municipality_freshness)
def input_json(request, kommun):
    """Published input with its answer as issue/action pairs (data.police.uk's "you said, we did")."""
    municipality = _municipality(request, kommun)
    items = [public.input_pair(item) for item in _published_inputs(municipality)]
    body = json.dumps({"municipality": municipality.name, "items": items}, ensure_ascii=False, indent=1)
    return HttpResponse(body, content_type="application/json; charset=utf-8")


# ---------------------------------------------------------------------------------------------
# Meeting calendar


def _public_meetings(municipality):
    return public.public_meetings(municipality)


def _held_links(meetings) -> dict[int, str]:
    """For held meetings, the public page where the recorded activity appears (published only)."""
    ids = [m.held_activity_id for m in meetings if m.held_activity_id]
    if not ids:
        return {}
    activities = Activity.objects.published().filter(pk__in=ids).prefetch_related(
        Prefetch("commitments", queryset=Commitment.objects.published().select_related("promise_set__municipality"),
                 to_attr="public_commitments")
    )
    links = {}
    for activity in activities:
        if activity.public_commitments:
            links[activity.pk] = activity.public_commitments[0].get_absolute_url()
    return links


@public_page(_municipality_freshness)
def calendar_page(request, kommun):
    municipality = _municipality(request, kommun)
    meetings = list(_public_meetings(municipality))
    links = _held_links(meetings)
    for meeting in meetings:
        meeting.held_url = links.get(meeting.held_activity_id)
    upcoming, past = split_upcoming(meetings, timezone.now())
    feed = site_url(reverse("site:calendar_ics", args=[municipality.slug]))
    return render(request, "site/calendar.html", {
        "municipality": municipality, "upcoming": upcoming, "past": past,
        # Calendar apps subscribe to webcal:// addresses; the https one downloads the file.
        "webcal_url": "webcal://" + feed.split("://", 1)[-1],
    })


def _ics_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _meeting_url(municipality):
    return lambda meeting: site_url(reverse("site:meeting", args=[municipality.slug, meeting.pk]))


@public_page(_municipality_freshness)
def calendar_ics(request, kommun):
    municipality = _municipality(request, kommun)
    name = _("Möten om medborgarlöften i %(name)s") % {"name": municipality.name}
    return _ics_response(calendar_bytes(_public_meetings(municipality), name, _meeting_url(municipality)),
                         f"{municipality.slug}.ics")


def _public_meeting(municipality, meeting_id):
    meeting = _public_meetings(municipality).filter(pk=meeting_id).first()
    if meeting is None:
        raise Http404(_("Mötet finns inte."))
    return meeting


@public_page(_municipality_freshness)
def meeting_ics(request, kommun, meeting_id):
    municipality = _municipality(request, kommun)
    meeting = _public_meeting(municipality, meeting_id)
    return _ics_response(calendar_bytes([meeting], meeting.title, _meeting_url(municipality)),
                         f"{municipality.slug}-{meeting.pk}.ics")


@public_page(_municipality_freshness)
def meeting_page(request, kommun, meeting_id):
    """One public meeting: the page each calendar event links to."""
    municipality = _municipality(request, kommun)
    meeting = _public_meeting(municipality, meeting_id)
    meeting.held_url = _held_links([meeting]).get(meeting.held_activity_id)
    return render(request, "site/calendar_meeting_page.html", {
        "municipality": municipality, "meeting": meeting, "past": meeting.ends_at < timezone.now(),
    })
