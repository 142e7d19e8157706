"""The staff workspace: thin views over lofte.core.permissions and lofte.activities.recording."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone

from lofte.core.permissions import is_reporter_only
from lofte.promises.status import Status
from lofte.staff.overview import build_overview, current_commitments, current_sets  # noqa: F401 (used by tests)


class LoginView(auth_views.LoginView):
    template_name = "staff/login.html"
    redirect_authenticated_user = True


@login_required
def home(request):
    """The coordinator's overview (lofte.staff.overview): the state of the promises and what waits.
    A rapportör (EST) with no other role has only the reporting form."""
    if is_reporter_only(request.user):
        return redirect("staff:est_report")
    overview = build_overview(request.user, timezone.localdate(), timezone.now())
    return render(request, "staff/home.html", {"overview": overview, "Status": Status})
