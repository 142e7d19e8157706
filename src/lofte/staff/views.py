"""The staff workspace: thin views over lofte.core.permissions and lofte.activities.recording."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from lofte.activities.models import Activity
from lofte.activities.recording import record_activity
from lofte.core.permissions import municipalities_for, recordable_municipalities
from lofte.staff.forms import RecordActivityForm


class LoginView(auth_views.LoginView):
    template_name = "staff/login.html"
    redirect_authenticated_user = True


@login_required
def home(request):
    municipalities = list(municipalities_for(request.user).order_by("name"))
    recent = (
        Activity.objects.filter(created_by=request.user, municipality__in=municipalities)
        .select_related("municipality", "area")
        .prefetch_related("commitments__promise_set__municipality")[:10]
    )
    return render(
        request,
        "staff/home.html",
        {
            "municipalities": municipalities,
            "can_record": recordable_municipalities(request.user).exists(),
            "recent": recent,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def record(request):
    municipalities = recordable_municipalities(request.user)
    if not municipalities.exists():
        raise PermissionDenied(_("Du har ingen roll som får registrera insatser."))
    initial = {}
    for key in ("commitment", "type"):
        if request.GET.get(key):
            initial[key] = request.GET[key]
    form = RecordActivityForm(request.POST or None, initial=initial, municipalities=municipalities)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        activity = record_activity(
            user=request.user,
            commitment=data["commitment"],
            type=data["type"],
            on=data["date"],
            area=data["area"],
            count=data["count"],
            public_note=data["public_note"],
        )
        messages.success(
            request,
            _("Insatsen är registrerad: %(type)s %(date)s.")
            % {"type": activity.type_label, "date": activity.date.isoformat()},
        )
        return redirect("staff:home")
    return render(request, "staff/record.html", {"form": form})
