"""Staff views of recorded work: record, list, export, edit, delete to the bin, restore.

Thin views: permissions come from lofte.core.permissions, writing (and the audit log) from
lofte.activities.recording, filtering and CSV from lofte.activities.listing. Every activity is looked
up among the user's municipalities, so another municipality's record is a 404; a lacking role is a 403.
"""

from __future__ import annotations

import io
from datetime import timedelta
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from lofte.activities import types
from lofte.activities.listing import filter_activities, for_listing, write_csv
from lofte.activities.models import BIN_DAYS, Activity
from lofte.activities.recording import (
    can_restore, move_to_bin, record_activity, restorable_until, restore_from_bin, update_activity,
)
from lofte.core.permissions import access, municipalities_for, recordable_municipalities
from lofte.dialogue.meetings import activity_initial, link_meeting_to_activity
from lofte.staff.activity_forms import ActivityFilterForm, ActivityForm, initial_from

PAGE_SIZE = 25


def _activity_for(user, activity_id: int, *, write: bool) -> Activity:
    """The activity if it is in one of the user's municipalities (else 404); 403 if writing needs a role."""
    activity = get_object_or_404(
        Activity.objects.filter(municipality__in=municipalities_for(user)).select_related("municipality", "area"),
        pk=activity_id,
    )
    if write and not access(user, activity.municipality_id).record:
        raise PermissionDenied(_("Din roll får inte ändra insatser i %(kommun)s.") % {"kommun": activity.municipality})
    return activity


def _type_from(request) -> types.ActivityType | None:
    key = request.POST.get("type") if request.method == "POST" else request.GET.get("type")
    return types.REGISTRY.get(key or "")


def _carried(request) -> dict[str, str]:
    """The one-tap parameters carried from the type choice to the form and its POST.

    `commitment` preselects the commitment (start page links); `meeting` links a held calendar
    meeting to the record once it is saved (lofte.dialogue.meetings).
    """
    carried = {}
    for key in ("commitment", "meeting"):
        value = (request.POST.get(key) or request.GET.get(key) or "").strip()
        if value.isdigit():
            carried[key] = value
    return carried


def _type_links(carried: dict[str, str]) -> list[tuple[types.ActivityType, str]]:
    return [(t, "?" + urlencode({"type": t.key, **carried})) for t in types.all_types()]


@login_required
@require_http_methods(["GET", "POST"])
def record(request):
    """Pick a type (a list of links, no JavaScript needed), then fill in that type's fields."""
    municipalities = recordable_municipalities(request.user)
    if not municipalities.exists():
        raise PermissionDenied(_("Du har ingen roll som får registrera insatser."))
    carried = _carried(request)
    activity_type = _type_from(request)
    if activity_type is None:
        asked = request.POST.get("type") or request.GET.get("type")
        return render(request, "staff/activity_type_choice.html", {
            "links": _type_links(carried),
            "error": _("Välj ett giltigt alternativ.") if asked else "",
        })
    # A held meeting fills in what it knows (date, area, place); the commitment of the link wins.
    initial = activity_initial(carried.get("meeting"), municipalities)
    if "commitment" in carried:
        initial["commitment"] = carried["commitment"]
    form = ActivityForm(
        request.POST or None, initial=initial, activity_type=activity_type, municipalities=municipalities,
        show_ended=_show_ended(request),
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            activity = record_activity(user=request.user, type=activity_type.key, **form.values())
            if "meeting" in carried:
                link_meeting_to_activity(carried["meeting"], activity, request.user)
        messages.success(
            request,
            _("Insatsen är registrerad: %(type)s %(date)s.")
            % {"type": activity.type_label, "date": activity.date.isoformat()},
        )
        return redirect("staff:home")
    return render(request, "staff/activity_form.html", {
        "form": form, "activity_type": activity_type, "activity": None,
        "meeting": carried.get("meeting"), "change_type_url": "?" + urlencode(carried),
        "show_ended": _show_ended(request),
        "show_ended_url": "?" + urlencode({**carried, "type": activity_type.key, "avslutade": "1"}),
    })


def _show_ended(request) -> bool:
    """Whether the commitment list also offers the sets whose period has ended (a choice)."""
    return (request.POST.get("avslutade") or request.GET.get("avslutade")) == "1"


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit(request, activity_id: int):
    activity = _activity_for(request.user, activity_id, write=True)
    if activity.deleted_at is not None:
        raise Http404(_("Insatsen ligger i papperskorgen; återställ den först."))
    form = ActivityForm(
        request.POST or None, initial=initial_from(activity), activity_type=activity.activity_type,
        municipalities=recordable_municipalities(request.user), show_ended=_show_ended(request),
    )
    if request.method == "POST" and form.is_valid():
        update_activity(activity, user=request.user, **form.values())
        messages.success(request, _("Ändringarna är sparade."))
        return redirect("staff:activity", activity_id=activity.pk)
    return render(request, "staff/activity_form.html", {
        "form": form, "activity_type": activity.activity_type, "activity": activity,
        "show_ended": _show_ended(request), "show_ended_url": "?avslutade=1",
    })


@login_required
@require_safe
def activity_detail(request, activity_id: int):
    activity = _activity_for(request.user, activity_id, write=False)
    return render(request, "staff/activity_detail.html", {
        "activity": activity,
        "details": activity.activity_type.staff_details(activity.details or {}),
        "commitments": activity.commitments.select_related("promise_set__municipality").order_by("pk"),
        "can_record": access(request.user, activity.municipality_id).record,
        "restorable_until": restorable_until(activity),
        "can_restore": can_restore(activity),
    })


@login_required
@require_http_methods(["GET", "POST"])
def activity_delete(request, activity_id: int):
    """GET asks for confirmation; POST moves the record to the bin."""
    activity = _activity_for(request.user, activity_id, write=True)
    if activity.deleted_at is not None:
        raise Http404(_("Insatsen ligger redan i papperskorgen."))
    if request.method == "POST":
        move_to_bin(activity, user=request.user)
        messages.success(request, _("Insatsen ligger nu i papperskorgen och kan återställas i %(days)s dagar.")
                         % {"days": BIN_DAYS})
        return redirect("staff:activity_bin")
    return render(request, "staff/activity_confirm_delete.html", {"activity": activity, "bin_days": BIN_DAYS})


@login_required
@require_POST
def activity_restore(request, activity_id: int):
    activity = _activity_for(request.user, activity_id, write=True)
    if not can_restore(activity):
        raise Http404(_("Insatsen finns inte i papperskorgen."))
    restore_from_bin(activity, user=request.user)
    messages.success(request, _("Insatsen är återställd och räknas igen."))
    return redirect("staff:activity", activity_id=activity.pk)


@login_required
@require_safe
def activity_bin(request):
    municipalities = municipalities_for(request.user)
    now = timezone.now()
    cutoff = now - timedelta(days=BIN_DAYS)
    binned = list(
        for_listing(Activity.objects.in_bin().filter(municipality__in=municipalities, deleted_at__gte=cutoff))
        .order_by("-deleted_at")
    )
    recordable = set(recordable_municipalities(request.user).values_list("pk", flat=True))
    rows = [(a, restorable_until(a), a.municipality_id in recordable) for a in binned]
    return render(request, "staff/activity_bin.html", {"rows": rows, "bin_days": BIN_DAYS})


def _filtered(request):
    municipalities = municipalities_for(request.user)
    form = ActivityFilterForm(request.GET or None, municipalities=municipalities)
    filters = form.filters() if request.GET else {}
    activities = filter_activities(Activity.objects.live().filter(municipality__in=municipalities), **filters)
    return form, filters, for_listing(activities)


@login_required
@require_safe
def activity_list(request):
    form, filters, activities = _filtered(request)
    page = Paginator(activities, PAGE_SIZE).get_page(request.GET.get("sida"))
    query = request.GET.copy()
    query.pop("sida", None)
    return render(request, "staff/activity_list.html", {
        "form": form, "page": page, "query": query.urlencode(),
        "can_record": recordable_municipalities(request.user).exists(),
    })


@login_required
@require_safe
def activity_export(request):
    """The filtered list as CSV for Swedish Excel: semicolons, UTF-8 with BOM, Swedish headers."""
    form, filters, activities = _filtered(request)
    buffer = io.StringIO()
    buffer.write("\ufeff")
    write_csv(buffer, activities, filters.get("type"))
    response = HttpResponse(buffer.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="insatser-{stamp}.csv"'
    response["Cache-Control"] = "private, no-store"
    return response
