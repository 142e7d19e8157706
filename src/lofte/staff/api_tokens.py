"""The "API-nycklar" section: an administratör creates and revokes their organisations' API keys.

Thin views over lofte.core.tokens; who may do it comes from lofte.core.permissions
(token_organisations), so another organisation's key is simply not found (404). A new key is shown
on the one response that creates it and stored only as a hash.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from lofte.core.models import ApiToken
from lofte.core.permissions import token_organisations
from lofte.core.tokens import DEFAULT_DAYS, MAX_DAYS, create_token, revoke_token
from lofte.staff.users import OrganisationChoiceField


class TokenForm(forms.Form):
    organisation = OrganisationChoiceField(
        label=gettext_lazy("Organisation"), queryset=ApiToken.objects.none(), empty_label=None,
        error_messages={"invalid_choice": gettext_lazy("Välj en organisation som du administrerar.")},
    )
    name = forms.CharField(label=gettext_lazy("Namn"), max_length=100,
                           help_text=gettext_lazy("Vilket system som använder nyckeln, t.ex. Verksamhetssystemet."))
    days = forms.IntegerField(
        label=gettext_lazy("Giltig i antal dagar"), min_value=1, max_value=MAX_DAYS, initial=DEFAULT_DAYS,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


def _organisations_or_403(user):
    organisations = token_organisations(user).order_by("name")
    if not organisations.exists():
        raise PermissionDenied(_("Bara administratörer kan hantera API-nycklar."))
    return organisations


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def token_list(request):
    organisations = _organisations_or_403(request.user)
    form = TokenForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        token, key = create_token(data["organisation"], data["name"], user=request.user, days=data["days"])
        # Rendered, not redirected: the key is shown on this one response and stored only as a hash.
        return render(request, "staff/api_token_created.html", {"token": token, "key": key})
    organisations = organisations.prefetch_related(
        Prefetch("api_tokens", queryset=ApiToken.objects.order_by("-created_at", "-pk"))
    )
    return render(request, "staff/api_tokens.html", {"organisations": organisations, "form": form})


@login_required
@require_POST
def token_revoke(request, token_id: int):
    organisations = _organisations_or_403(request.user)
    token = get_object_or_404(ApiToken.objects.filter(organisation__in=organisations), pk=token_id)
    revoke_token(token, user=request.user)
    messages.success(request, _("API-nyckeln %(name)s är återkallad.") % {"name": token.name})
    return redirect("staff:api_tokens")
