"""The "Användare" section: an administratör manages their own organisations' members.

Thin views over lofte.core.memberships; who may do what comes from lofte.core.permissions
(administered_organisations, administrable_memberships), so another organisation's membership is
simply not found (404).
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from lofte.core.memberships import (
    INVITATION_DAYS,
    MembershipError,
    answer_invitation,
    change_role,
    create_member,
    invite_member,
    remove_membership,
    reset_credentials,
    revoke_invitation,
)
from lofte.core.models import Invitation, Membership, Organisation
from lofte.core.permissions import administered_organisations, administrable_memberships


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Organisation) -> str:
        return obj.name


class AddUserForm(forms.Form):
    NEW, EXISTING = "new", "existing"

    mode = forms.ChoiceField(
        label=gettext_lazy("Användaren"), widget=forms.RadioSelect, initial=NEW,
        choices=[(NEW, gettext_lazy("Skapa en ny användare")),
                 (EXISTING, gettext_lazy("Bjud in en befintlig användare (hen tackar ja efter inloggning)"))],
    )
    organisation = OrganisationChoiceField(
        label=gettext_lazy("Organisation"), queryset=Organisation.objects.none(), empty_label=None,
        error_messages={"invalid_choice": gettext_lazy("Välj en organisation som du administrerar.")},
    )
    username = forms.CharField(
        label=gettext_lazy("Användarnamn"), max_length=150, validators=[UnicodeUsernameValidator()],
        widget=forms.TextInput(attrs={"autocapitalize": "none", "autocomplete": "off"}),
        help_text=gettext_lazy("Bokstäver, siffror och @ . + - _ (till exempel förnamn.efternamn)."),
    )
    role = forms.ChoiceField(label=gettext_lazy("Roll"), choices=Membership.Role.choices,
                             initial=Membership.Role.RECORDER)
    first_name = forms.CharField(label=gettext_lazy("Förnamn"), max_length=150, required=False,
                                 help_text=gettext_lazy("Bara för nya användare."))
    last_name = forms.CharField(label=gettext_lazy("Efternamn"), max_length=150, required=False,
                                help_text=gettext_lazy("Bara för nya användare."))
    email = forms.EmailField(label=gettext_lazy("E-post"), required=False,
                             help_text=gettext_lazy("Bara för nya användare."),
                             error_messages={"invalid": gettext_lazy("Ange en giltig e-postadress.")})

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations

    def clean(self):
        # An invitation is answered alike whether or not the username exists; only creating an
        # account must say that the name is taken, as any sign-up does (and that grants nothing).
        cleaned = super().clean()
        username, mode = cleaned.get("username"), cleaned.get("mode")
        if username and mode == self.NEW and get_user_model().objects.filter(username=username).exists():
            self.add_error("username", _("Användarnamnet går inte att använda för en ny användare. Välj ett "
                                         "annat, eller bjud in personens befintliga konto."))
        return cleaned


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=gettext_lazy("Roll"), choices=Membership.Role.choices)


def _administered_or_403(user):
    organisations = administered_organisations(user).order_by("name")
    if not organisations.exists():
        raise PermissionDenied(_("Bara administratörer kan hantera användare."))
    return organisations


def _membership_or_404(user, membership_id: int) -> Membership:
    _administered_or_403(user)
    return get_object_or_404(
        administrable_memberships(user).select_related("user", "organisation"), pk=membership_id
    )


@login_required
def user_list(request):
    organisations = _administered_or_403(request.user).prefetch_related(
        Prefetch("memberships", queryset=Membership.objects.select_related("user").order_by("user__username")),
        Prefetch("invitations", queryset=Invitation.objects.open().order_by("username"), to_attr="open_invitations"),
    )
    with_device = set(TOTPDevice.objects.filter(
        confirmed=True, user__memberships__organisation__in=organisations
    ).values_list("user_id", flat=True))
    return render(request, "staff/users_list.html", {"organisations": organisations, "with_device": with_device})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def user_add(request):
    organisations = _administered_or_403(request.user)
    form = AddUserForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["mode"] == AddUserForm.NEW:
            try:
                membership, password = create_member(
                    request.user, data["organisation"], username=data["username"], role=data["role"],
                    first_name=data["first_name"], last_name=data["last_name"], email=data["email"],
                )
            except IntegrityError:
                # Someone took the username between the form's check and the insert.
                form.add_error("username", _("Användarnamnet är upptaget."))
                return render(request, "staff/users_add.html", {"form": form})
            # Rendered, not redirected: the password is shown on this one response and stored nowhere.
            return render(request, "staff/users_created.html", {"membership": membership, "password": password})
        try:
            invite_member(request.user, data["organisation"], data["username"], data["role"])
        except MembershipError as error:
            form.add_error("username", str(error))
        else:
            messages.success(request, _(
                "Inbjudan till %(user)s är sparad. Om kontot finns ser personen inbjudan när hen loggar in och "
                "blir medlem i %(organisation)s när hen tackar ja (inom %(days)d dagar)."
            ) % {"user": data["username"], "organisation": data["organisation"].name, "days": INVITATION_DAYS})
            return redirect("staff:users")
    return render(request, "staff/users_add.html", {"form": form})


@login_required
@require_POST
def invitation_revoke(request, invitation_id: int):
    organisations = _administered_or_403(request.user)
    invitation = get_object_or_404(Invitation.objects.open().filter(organisation__in=organisations), pk=invitation_id)
    revoke_invitation(request.user, invitation)
    messages.success(request, _("Inbjudan till %(user)s är återkallad.") % {"user": invitation.username})
    return redirect("staff:users")


@login_required
@require_http_methods(["GET", "POST"])
def invitations(request):
    """The invitations waiting for the logged-in user: accept or decline each."""
    waiting = Invitation.objects.open().filter(user=request.user).select_related("organisation", "invited_by")
    if request.method == "POST":
        invitation = get_object_or_404(waiting, pk=request.POST.get("invitation") or 0)
        accept = request.POST.get("answer") == "accept"
        try:
            answer_invitation(request.user, invitation, accept)
        except MembershipError as error:
            messages.error(request, str(error))
        else:
            if accept:
                messages.success(request, _("Du är nu medlem i %(organisation)s.")
                                 % {"organisation": invitation.organisation.name})
            else:
                messages.info(request, _("Du tackade nej till inbjudan från %(organisation)s.")
                              % {"organisation": invitation.organisation.name})
        return redirect("staff:invitations")
    return render(request, "staff/invitations.html", {"invitations": waiting})


@login_required
@require_http_methods(["GET", "POST"])
def membership_edit(request, membership_id: int):
    membership = _membership_or_404(request.user, membership_id)
    form = RoleForm(request.POST or None, initial={"role": membership.role})
    if request.method == "POST" and form.is_valid():
        try:
            change_role(request.user, membership, form.cleaned_data["role"])
        except MembershipError as error:
            form.add_error("role", str(error))
        else:
            messages.success(request, _("Rollen för %(user)s är ändrad.") % {"user": membership.user.get_username()})
            return redirect("staff:users")
    return render(request, "staff/users_edit.html", {"membership": membership, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def membership_remove(request, membership_id: int):
    membership = _membership_or_404(request.user, membership_id)
    error = None
    if request.method == "POST":
        try:
            remove_membership(request.user, membership)
        except MembershipError as exc:
            error = str(exc)
        else:
            messages.success(request, _("%(user)s är inte längre medlem i %(organisation)s.")
                             % {"user": membership.user.get_username(), "organisation": membership.organisation.name})
            return redirect("staff:users")
    return render(request, "staff/users_remove.html", {"membership": membership, "error": error})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def membership_reset(request, membership_id: int):
    """New one-time password and no two-factor devices for a member (a lost phone, a forgotten password)."""
    membership = _membership_or_404(request.user, membership_id)
    error = None
    if request.method == "POST":
        administered = set(administered_organisations(request.user).values_list("pk", flat=True))
        try:
            password = reset_credentials(request.user, membership, administered)
        except MembershipError as exc:
            error = str(exc)
        else:
            # Rendered, not redirected: the password is shown on this one response and stored nowhere.
            return render(request, "staff/users_created.html",
                          {"membership": membership, "password": password, "reset": True})
    return render(request, "staff/users_reset.html", {"membership": membership, "error": error})
