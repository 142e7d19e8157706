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
from lofte.core.permissions import municipalities_for, recordable_municipalities


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
