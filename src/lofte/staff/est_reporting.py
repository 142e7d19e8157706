"""Staff views for EST reporting: the rapportör's phone form (with its offline queue), their own
reports and corrections, and invitation links. Thin views over lofte.est.reports and
lofte.est.invitations; who may do what is decided in lofte.core.permissions.

The form works without JavaScript (a plain POST). With JavaScript, lofte/est/static/est/report-queue.js
keeps each report in IndexedDB until `report_send` has answered for it, and the service worker
(`service_worker`, served from the form's own path so that its scope covers the form) keeps the
form and its files available without a connection.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from lofte.core.forms import CoordinateField
from lofte.core.models import Area, Organisation
from lofte.core.permissions import editable_municipalities, reporting_municipalities
from lofte.est import invitations
from lofte.est.models import Category, PlaceKind, Report, ReporterInvitation, Severity, TimeBand
from lofte.est.reports import (CORRECTION_DAYS, ReportData, ReportError, correct_report, correction_deadline,
                               data_of, file_report, may_correct, own_reports, text_for)

SERVICE_WORKER = Path(__file__).resolve().parents[1] / "est" / "static" / "est" / "service-worker.js"
# The files the form needs, kept by the service worker for use without a connection.
OFFLINE_ASSETS = ("lofte/tokens.css", "staff/staff.css", "est/est.css", "est/report-queue.js",
                  "walks/leaflet/leaflet.css", "walks/staff-findings.css", "walks/leaflet/leaflet.js", "walks/findings-map.js",
                  "walks/leaflet/images/marker-icon.png", "walks/leaflet/images/marker-icon-2x.png",
                  "walks/leaflet/images/marker-shadow.png", "lofte/favicon.svg")


class ReportForm(forms.Form):
    uuid = forms.UUIDField(widget=forms.HiddenInput)
    municipality = forms.ModelChoiceField(label=gettext_lazy("Kommun"), queryset=None, empty_label=None)
    nothing_to_report = forms.BooleanField(required=False, widget=forms.HiddenInput)
    category = forms.ChoiceField(label=gettext_lazy("Vad såg du?"), required=False,
                                 choices=[("", gettext_lazy("Välj kategori"))] + Category.choices)
    date = forms.DateField(label=gettext_lazy("Datum"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                           error_messages={"invalid": gettext_lazy("Ange datumet som ÅÅÅÅ-MM-DD.")})
    time_band = forms.ChoiceField(label=gettext_lazy("Tid på dygnet"), choices=TimeBand.choices, required=False,
                                  widget=forms.RadioSelect)
    area = forms.ModelChoiceField(label=gettext_lazy("Kommundel"), queryset=None, required=False,
                                  empty_label=gettext_lazy("Välj kommundel"))
    latitude = CoordinateField(label=gettext_lazy("Latitud"), example="59,377")
    longitude = CoordinateField(label=gettext_lazy("Longitud"), example="17,03")
    place_kind = forms.ChoiceField(choices=PlaceKind.choices, required=False, widget=forms.HiddenInput)
    count = forms.IntegerField(label=gettext_lazy("Hur många?"), min_value=1, max_value=1000, initial=1,
                               help_text=gettext_lazy("Antal tillfällen, platser eller personer."),
                               error_messages={"min_value": gettext_lazy("Minst 1."),
                                               "max_value": gettext_lazy("Högst 1000.")})
    severity = forms.TypedChoiceField(label=gettext_lazy("Hur allvarligt?"), choices=Severity.choices, coerce=int,
                                      initial=Severity.LOW, widget=forms.RadioSelect)
    text = forms.CharField(label=gettext_lazy("Beskrivning"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=gettext_lazy("Vad, var och när. Skriv inga namn, personnummer eller "
                                                  "telefonnummer; texten visas bara för EST-gruppen."))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        municipalities = reporting_municipalities(user).order_by("name")
        self.fields["municipality"].queryset = municipalities
        self.fields["area"].queryset = Area.objects.filter(municipality__in=municipalities).select_related(
            "municipality").order_by("municipality__name", "name")
        if municipalities.count() == 1:
            self.fields["municipality"].widget = forms.HiddenInput()
        else:
            self.fields["area"].label_from_instance = lambda a: f"{a.name} ({a.municipality.name})"

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        if data.get("nothing_to_report"):
            return data
        if not data.get("category"):
            self.add_error("category", _("Välj en kategori."))
        has_point = data.get("latitude") is not None and data.get("longitude") is not None
        if (data.get("latitude") is None) != (data.get("longitude") is None):
            self.add_error("longitude", _("En plats behöver både latitud och longitud."))
        elif not has_point and data.get("area") is None:
            self.add_error("area", _("Välj en kommundel, en punkt på kartan eller använd telefonens position."))
        area = data.get("area")
        if area is not None and data.get("municipality") and area.municipality_id != data["municipality"].pk:
            self.add_error("area", _("Kommundelen hör inte till den valda kommunen."))
        return data

    def report_data(self) -> ReportData:
        d = self.cleaned_data
        if d.get("nothing_to_report"):
            return ReportData(date=d["date"], nothing_to_report=True)
        has_point = d.get("latitude") is not None
        place_kind = d.get("place_kind") if d.get("place_kind") in (PlaceKind.MAP, PlaceKind.DEVICE) else PlaceKind.MAP
        return ReportData(
            date=d["date"], category=d["category"], area=d.get("area"),
            place_kind=place_kind if has_point else PlaceKind.AREA,
            latitude=d.get("latitude"), longitude=d.get("longitude"), time_band=d.get("time_band") or "",
            count=d.get("count") or 1, severity=d.get("severity") or Severity.LOW, text=d.get("text", "").strip(),
        )


def _new_form(user, **initial):
    municipalities = reporting_municipalities(user)
    first = municipalities.order_by("name").first()
    return ReportForm(user=user, initial={"uuid": uuid.uuid4(), "date": timezone.localdate(),
                                          "municipality": first, "count": 1, "severity": Severity.LOW, **initial})


def _require_reporter(user):
    if not reporting_municipalities(user).exists():
        raise PermissionDenied(_("Att rapportera till EST kräver rollen rapportör (eller registrerare)."))


def _form_context(request, form, nothing_form):
    from lofte.walks.public import map_centre

    municipality = reporting_municipalities(request.user).order_by("name").first()
    reports = list(own_reports(request.user).order_by("-created_at")[:20])
    now = timezone.now()
    for report in reports:
        report.correctable = may_correct(request.user, report, now)
    return {
        "form": form, "nothing_form": nothing_form, "reports": reports,
        "map_tile_url": settings.MAP_TILE_URL, "map_attribution": settings.MAP_ATTRIBUTION,
        "map_centre": map_centre(municipality) if municipality else "",
        "correction_days": CORRECTION_DAYS, "municipality": municipality,
    }


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def report(request):
    """The phone form. A POST without JavaScript files one report and comes back to an empty form."""
    _require_reporter(request.user)
    if request.method == "POST":
        form = ReportForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                _report, created = file_report(request.user, form.cleaned_data["municipality"], form.report_data(),
                                               form.cleaned_data["uuid"])
            except ReportError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Tack! Rapporten är mottagen.") if created
                                 else _("Rapporten var redan mottagen."))
                return redirect("staff:est_report")
        nothing = _new_form(request.user, nothing_to_report=True)
        return render(request, "est/report_form.html", _form_context(request, form, nothing), status=400)
    form = _new_form(request.user)
    nothing = _new_form(request.user, nothing_to_report=True)
    return render(request, "est/report_form.html", _form_context(request, form, nothing))


@require_POST
def report_send(request):
    """The offline queue's endpoint: the form's fields, answered in JSON. 201 stored, 200 already
    stored (a resend), 400 with the problems (the queue shows them and stops resending), 401 when
    the session has ended (the queue keeps the report until the reporter logs in again)."""
    if not request.user.is_authenticated:
        return JsonResponse({"status": "login", "message": _("Logga in igen för att skicka rapporterna.")}, status=401)
    if not reporting_municipalities(request.user).exists():
        return JsonResponse({"status": "forbidden", "message": _("Du är inte rapportör.")}, status=403)
    form = ReportForm(request.POST, user=request.user)
    if not form.is_valid():
        problems = [f"{form.fields[name].label}: {' '.join(errors)}" if name in form.fields else " ".join(errors)
                    for name, errors in form.errors.items()]
        return JsonResponse({"status": "invalid", "message": " ".join(problems)}, status=400)
    try:
        stored, created = file_report(request.user, form.cleaned_data["municipality"], form.report_data(),
                                      form.cleaned_data["uuid"])
    except ReportError as exc:
        return JsonResponse({"status": "invalid", "message": str(exc)}, status=400)
    return JsonResponse({"status": "created" if created else "duplicate", "uuid": str(stored.uuid)},
                        status=201 if created else 200)


@require_safe
def service_worker(request):
    """The service worker, from the form's own path (its scope is the path it is served from), with
    the hashed names of the files it keeps for use without a connection."""
    assets = [static(name) for name in OFFLINE_ASSETS]
    source = SERVICE_WORKER.read_text(encoding="utf-8")
    head = (f"var OFFLINE_PAGE = {json.dumps(reverse('staff:est_report'))};\n"
            f"var OFFLINE_ASSETS = {json.dumps(assets)};\n"
            f"var CACHE_NAME = {json.dumps('lofte-est-' + _assets_version(assets))};\n")
    response = HttpResponse(head + source, content_type="application/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    return response


def _assets_version(assets: list[str]) -> str:
    import hashlib

    return hashlib.sha256((SERVICE_WORKER.read_bytes() + "".join(assets).encode())).hexdigest()[:12]


def _own_report(user, report_id: int) -> Report:
    found = Report.objects.filter(pk=report_id).select_related("municipality", "area").first()
    if found is None or not may_correct(user, found):
        if found is not None and found.reporter_id == user.pk:
            raise PermissionDenied(_("Rapporten kan bara rättas av dig under %(days)s dagar; be en redaktör om hjälp.")
                                   % {"days": CORRECTION_DAYS})
        raise Http404(_("Rapporten finns inte."))
    return found


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def report_edit(request, est_report_id):
    """Correcting a report: its reporter within the week, a redaktör of the municipality always."""
    found = _own_report(request.user, est_report_id)
    if request.method == "POST":
        form = ReportEditForm(request.POST, user=request.user, report=found)
        if form.is_valid():
            try:
                correct_report(request.user, found, form.report_data())
            except ReportError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Rapporten är rättad."))
                return redirect("staff:est_report" if found.reporter_id == request.user.pk else "staff:est_week")
    else:
        data = data_of(found)
        initial = {f: getattr(data, f) for f in ReportData.FIELDS}
        initial.update(uuid=found.uuid, municipality=found.municipality, text=text_for(found, request.user))
        form = ReportEditForm(user=request.user, report=found, initial=initial)
    return render(request, "est/report_edit.html", {
        "form": form, "report": found, "deadline": correction_deadline(found),
        "map_tile_url": settings.MAP_TILE_URL, "map_attribution": settings.MAP_ATTRIBUTION,
    })


class ReportEditForm(ReportForm):
    """A correction stays in the report's municipality. A redaktör sees (and so stores) the text
    redacted; the reporter sees their own words."""

    def __init__(self, *args, user, report: Report, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["municipality"].queryset = type(report.municipality).objects.filter(pk=report.municipality_id)
        self.fields["municipality"].widget = forms.HiddenInput()
        self.fields["area"].queryset = Area.objects.filter(municipality=report.municipality)


# ---------------------------------------------------------------------------------------------
# Invitations


class InvitationForm(forms.Form):
    municipality = forms.ModelChoiceField(label=gettext_lazy("Kommun"), queryset=None, empty_label=None)
    organisation = forms.ModelChoiceField(label=gettext_lazy("Organisation"), queryset=None, required=False,
                                          empty_label=gettext_lazy("Ny organisation (skriv namnet nedan)"))
    organisation_name = forms.CharField(label=gettext_lazy("Ny organisation"), max_length=200, required=False,
                                        help_text=gettext_lazy("T.ex. Strängnäs Bostad eller Sörmlandstrafiken."))
    note = forms.CharField(label=gettext_lazy("För vem"), max_length=200, required=False,
                           help_text=gettext_lazy("Så att du känner igen inbjudan i listan, t.ex. Fastighetsskötarna."))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        municipalities = editable_municipalities(user).order_by("name")
        self.fields["municipality"].queryset = municipalities
        self.fields["organisation"].queryset = Organisation.objects.filter(
            municipalities__in=municipalities).distinct().order_by("name")
        if municipalities.count() == 1:
            self.fields["municipality"].widget = forms.HiddenInput()
            self.initial.setdefault("municipality", municipalities.first())


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def invitation_list(request):
    """A redaktör's invitation links (each shown once, when it is made) and who used them."""
    if not editable_municipalities(request.user).exists():
        raise PermissionDenied(_("Att bjuda in rapportörer gör en redaktör i kommunen."))
    form = InvitationForm(request.POST or None, user=request.user)
    link = None
    if request.method == "POST" and form.is_valid():
        try:
            invitation, token = invitations.invite_reporter(
                request.user, form.cleaned_data["municipality"], organisation=form.cleaned_data["organisation"],
                organisation_name=form.cleaned_data["organisation_name"], note=form.cleaned_data["note"])
        except invitations.InvitationError as exc:
            form.add_error(None, str(exc))
        else:
            link = request.build_absolute_uri(reverse("staff:est_invitation_accept") + "?t=" + token)
            form = InvitationForm(user=request.user)
    listed = (ReporterInvitation.objects.filter(municipality__in=editable_municipalities(request.user))
              .select_related("organisation", "used_by").order_by("-created_at")[:100])
    return render(request, "est/invitations.html", {"form": form, "link": link, "invitations": listed,
                                                    "days": invitations.INVITATION_DAYS, "now": timezone.now()})


class NewAccountForm(forms.Form):
    first_name = forms.CharField(label=gettext_lazy("Förnamn"), max_length=150)
    last_name = forms.CharField(label=gettext_lazy("Efternamn"), max_length=150)
    email = forms.EmailField(label=gettext_lazy("E-post"), required=False,
                             help_text=gettext_lazy("För veckans påminnelse om du inte har rapporterat."))
    username = forms.RegexField(label=gettext_lazy("Användarnamn"), max_length=150, regex=r"^[\w.@+-]+$",
                                error_messages={"invalid": gettext_lazy("Bokstäver, siffror och . @ + - _")})
    password = forms.CharField(label=gettext_lazy("Lösenord"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def clean_password(self):
        password = self.cleaned_data["password"]
        try:
            validate_password(password)
        except ValidationError as exc:
            raise forms.ValidationError(list(exc.messages)) from None
        return password


@never_cache
@require_http_methods(["GET", "POST"])
def invitation_accept(request):
    """Opening an invitation link: create an account, or (logged in) add the role to one's own."""
    token = request.POST.get("t") or request.GET.get("t") or ""
    try:
        invitation = invitations.open_invitation(token)
    except invitations.InvitationError as exc:
        return render(request, "est/invitation_accept.html", {"problem": str(exc)}, status=400 if token else 200)
    form = NewAccountForm(request.POST or None) if not request.user.is_authenticated else None
    if request.method == "POST":
        try:
            if request.user.is_authenticated:
                invitations.accept(token, request.user)
            elif form.is_valid():
                user = invitations.accept_with_new_account(token, **form.cleaned_data)
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            else:
                raise invitations.InvitationError("")
        except invitations.InvitationError as exc:
            if str(exc):
                return render(request, "est/invitation_accept.html", {"problem": str(exc)}, status=400)
        else:
            messages.success(request, _("Välkommen som rapportör för %(organisation)s!")
                             % {"organisation": invitation.organisation.name})
            return redirect("staff:est_report")
    return render(request, "est/invitation_accept.html", {"invitation": invitation, "form": form, "token": token})
