"""Staff views for findings from safety walks: record and follow up findings, moderate photos.

Every object is resolved through lofte.core.permissions: a walk, finding or photo of a municipality
the user has no role in is a 404; a role too weak for the action is a 403. Registrerare (and more)
add and edit findings; redaktörer approve photos before they are published.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from lofte.activities.models import Activity
from lofte.core.audit import snapshot
from lofte.core.forms import CoordinateField
from lofte.core.permissions import access, municipalities_for
from lofte.walks.public import map_centre
from lofte.walks import recording
from lofte.walks.models import SAFETY_WALK, Finding, FindingPhoto, Status
from lofte.walks.photos import clean_photo
from lofte.walks.reminders import overdue_findings

# ---------------------------------------------------------------------------------------------
# Resolving objects through the permission helper


def _require(user, municipality_id: int, need: str) -> None:
    if not getattr(access(user, municipality_id), need):
        if need == "edit":
            raise PermissionDenied(_("Att godkänna foton och ta bort andras foton gör en redaktör; din roll i kommunen "
                                     "räcker inte."))
        raise PermissionDenied(_("Att lägga till och ändra fynd kräver rollen registrerare; du har läsbehörighet i "
                                 "kommunen."))


def _walk(user, activity_id: int, need: str) -> Activity:
    walk = (
        Activity.objects.live()
        .filter(pk=activity_id, type=SAFETY_WALK, municipality__in=municipalities_for(user))
        .select_related("municipality", "area")
        .first()
    )
    if walk is None:
        raise Http404(_("Trygghetsvandringen finns inte."))
    _require(user, walk.municipality_id, need)
    return walk


def _finding(user, finding_id: int, need: str) -> Finding:
    finding = (
        Finding.objects.filter(pk=finding_id, municipality__in=municipalities_for(user))
        .select_related("walk", "walk__area", "municipality")
        .first()
    )
    if finding is None:
        raise Http404(_("Fyndet finns inte."))
    _require(user, finding.municipality_id, need)
    return finding


def _photo(user, finding_id: int, photo_id: int, need: str) -> FindingPhoto:
    finding = _finding(user, finding_id, need)
    photo = FindingPhoto.objects.filter(pk=photo_id, finding=finding).select_related("finding").first()
    if photo is None:
        raise Http404(_("Fotot finns inte."))
    return photo


# ---------------------------------------------------------------------------------------------
# The form


class FindingForm(forms.ModelForm):
    latitude = CoordinateField(label=gettext_lazy("Latitud"), example="59,377")
    longitude = CoordinateField(label=gettext_lazy("Longitud"), example="17,03")
    photo = forms.FileField(
        label=gettext_lazy("Foto"), required=False,
        help_text=gettext_lazy(
            "Högst 10 MB. Fotot förminskas och all bildinformation (position, kamera) tas bort. "
            "Det publiceras först när en redaktör har godkänt det."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
    )
    photo_alt = forms.CharField(
        label=gettext_lazy("Vad visar fotot?"), required=False, max_length=300,
        help_text=gettext_lazy("Kort text för den som inte ser bilden. Skriv inga namn."),
    )

    class Meta:
        model = Finding
        fields = [
            "category", "description", "address", "latitude", "longitude", "owner", "owner_email",
            "deadline", "status", "no_action_reason", "sent_to", "feedback_date",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "no_action_reason": forms.Textarea(attrs={"rows": 2}),
            "deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "feedback_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "description": gettext_lazy("Vad vandrarna såg. Visas publikt: skriv inga namn eller andra personuppgifter."),
            "address": gettext_lazy("T.ex. Gångtunneln vid Nygatan. Behövs om ingen punkt anges."),
            "owner_email": gettext_lazy("Får en påminnelse när sista dag har passerat utan statusändring. Visas inte publikt."),
            "no_action_reason": gettext_lazy("Krävs för status Ingen åtgärd. Visas publikt."),
            "sent_to": gettext_lazy("Krävs för status Inte vårt ansvar, t.ex. Trafikverket."),
            "feedback_date": gettext_lazy("Dagen då vandrarna fick veta vad som görs."),
        }
        error_messages = {
            "deadline": {"invalid": gettext_lazy("Ange datumet som ÅÅÅÅ-MM-DD.")},
            "feedback_date": {"invalid": gettext_lazy("Ange datumet som ÅÅÅÅ-MM-DD.")},
            "owner_email": {"invalid": gettext_lazy("Ange en giltig e-postadress, t.ex. gatuenheten@kommun.se.")},
            "description": {"required": gettext_lazy("Beskriv vad vandrarna såg.")},
            "category": {"required": gettext_lazy("Välj en kategori."),
                         "invalid_choice": gettext_lazy("Välj en av kategorierna i listan.")},
            "status": {"invalid_choice": gettext_lazy("Välj en av statusarna i listan.")},
        }

    def clean_photo(self):
        upload = self.cleaned_data.get("photo")
        if not upload:
            return None
        # The processed JPEG (content, width, height); the upload itself is never stored.
        return clean_photo(upload)


# ---------------------------------------------------------------------------------------------
# Views


def _walks_for_recording(user):
    municipalities = [m for m in municipalities_for(user) if access(user, m).record]
    return (
        Activity.objects.live()
        .filter(type=SAFETY_WALK, municipality__in=municipalities)
        .select_related("municipality", "area")
        .order_by("-date", "-pk")[:50]
    )


@login_required
@require_safe
def finding_list(request):
    today = timezone.localdate()
    findings = (
        Finding.objects.filter(municipality__in=municipalities_for(request.user))
        .select_related("walk", "walk__area", "municipality")
        .order_by("-walk__date", "walk_id", "pk")
    )
    status = request.GET.get("status", "")
    if status in Status.values:
        findings = findings.filter(status=status)
    findings = list(findings[:500])
    for f in findings:
        f.overdue = f.is_overdue(today)
    editable = [m for m in municipalities_for(request.user) if access(request.user, m).edit]
    pending_photos = FindingPhoto.objects.filter(approved_at__isnull=True, finding__municipality__in=editable).count()
    return render(request, "staff/finding_list.html", {
        "findings": findings,
        "walks": _walks_for_recording(request.user),
        "statuses": Status.choices,
        "status": status,
        "pending_photos": pending_photos,
        "can_moderate": bool(editable),
    })


@login_required
@require_safe
def walk_findings(request, activity_id):
    walk = _walk(request.user, activity_id, "read")
    findings = list(walk.findings.prefetch_related("photos").order_by("pk"))
    return render(request, "staff/finding_walk.html", {
        "walk": walk, "findings": findings, "can_record": access(request.user, walk.municipality_id).record,
    })


def _render_form(request, form, walk, finding=None):
    return render(request, "staff/finding_form.html", {
        "form": form, "walk": walk, "finding": finding,
        "map_tile_url": settings.MAP_TILE_URL, "map_attribution": settings.MAP_ATTRIBUTION,
        "map_centre": map_centre(walk.municipality),
    })


@login_required
@require_http_methods(["GET", "POST"])
def finding_create(request, activity_id):
    walk = _walk(request.user, activity_id, "record")
    finding = Finding(walk=walk, municipality_id=walk.municipality_id)
    form = FindingForm(request.POST or None, request.FILES or None, instance=finding)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        finding = recording.create_finding(request.user, form.instance, photo=data["photo"], alt_text=data["photo_alt"])
        messages.success(request, _("Fyndet är sparat."))
        if "save_and_add" in request.POST:
            return redirect("staff:finding_create", activity_id=walk.pk)
        return redirect("staff:walk_findings", activity_id=walk.pk)
    return _render_form(request, form, walk)


@login_required
@require_http_methods(["GET", "POST"])
def finding_edit(request, finding_id):
    finding = _finding(request.user, finding_id, "record")
    before = snapshot(finding)
    form = FindingForm(request.POST or None, request.FILES or None, instance=finding)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        recording.update_finding(request.user, form.instance, before, photo=data["photo"], alt_text=data["photo_alt"])
        messages.success(request, _("Fyndet är uppdaterat."))
        return redirect("staff:walk_findings", activity_id=finding.walk_id)
    if request.method == "POST":
        # The form changed the instance while validating; show the stored photos of the stored finding.
        finding = _finding(request.user, finding_id, "record")
    return _render_form(request, form, finding.walk, finding)


@login_required
@require_safe
def finding_photo(request, finding_id, photo_id):
    """A photo for staff (approved or not): only to users with a role in its municipality."""
    photo = _photo(request.user, finding_id, photo_id, "read")
    try:
        handle = photo.image.open("rb")
    except FileNotFoundError:
        # The row outlived its file (a restore from an older backup): a missing photo, not an error.
        raise Http404("Fotot finns inte.") from None
    response = FileResponse(handle, content_type="image/jpeg")
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def photo_approve(request, finding_id, photo_id):
    photo = _photo(request.user, finding_id, photo_id, "edit")
    if not photo.is_approved:
        recording.approve_photo(request.user, photo)
        messages.success(request, _("Fotot är godkänt och publiceras med fyndet."))
    if request.POST.get("next") == "queue":
        return redirect("staff:photo_queue")
    return redirect("staff:finding_edit", finding_id=finding_id)


@login_required
@require_POST
def photo_delete(request, finding_id, photo_id):
    photo = _photo(request.user, finding_id, photo_id, "record")
    if photo.is_approved or photo.uploaded_by_id != request.user.pk:
        # Removing someone else's photo, or a published one, is moderation: a redaktör's call.
        _require(request.user, photo.finding.municipality_id, "edit")
    recording.delete_photo(request.user, photo)
    messages.success(request, _("Fotot är borttaget."))
    if request.POST.get("next") == "queue":
        return redirect("staff:photo_queue")
    return redirect("staff:finding_edit", finding_id=finding_id)


@login_required
@require_safe
def photo_queue(request):
    editable = [m for m in municipalities_for(request.user) if access(request.user, m).edit]
    if not editable:
        raise PermissionDenied(_("Bara redaktörer granskar foton."))
    photos = (
        FindingPhoto.objects.filter(approved_at__isnull=True, finding__municipality__in=editable)
        .select_related("finding", "finding__walk", "finding__municipality")
        .order_by("uploaded_at")
    )
    return render(request, "staff/finding_photos.html", {"photos": photos})


# ---------------------------------------------------------------------------------------------
# The start page's hint


def overdue_for(user, today=None, limit: int = 10):
    """Overdue findings in the user's municipalities, oldest deadline first (for the start page)."""
    return list(
        overdue_findings(today).filter(municipality__in=municipalities_for(user)).order_by("deadline", "pk")[:limit]
    )
