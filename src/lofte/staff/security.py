"""Two-factor log-in (TOTP, django-otp) and changing one's password.

Rule (lofte.core.permissions.requires_two_factor): administratörer, superusers and Django-admin
staff must confirm every log-in with a six-digit code from an authenticator app; everyone else may
enrol a device of their own accord, and is then asked for a code too (a second factor that can be
skipped protects nothing). The middleware below applies the rule to every staff page and to /admin/,
so a view added later is covered without doing anything.
"""

from __future__ import annotations

import base64

import segno
from django import forms
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from lofte.core.audit import log_change
from lofte.core.memberships import must_change_password, require_password_change
from lofte.core.models import AuditEntry
from lofte.core.permissions import requires_two_factor

# Staff pages a user who still owes a code may see: logging in and out, and the code pages themselves.
EXEMPT_STAFF_VIEWS = {"login", "logout", "two_factor", "two_factor_verify"}


def needs_verification(user) -> str | None:
    """What the user must do before seeing staff pages: "verify", "enrol" or nothing (None)."""
    if not user.is_authenticated or user.is_verified():
        return None
    if user_has_device(user, confirmed=True):
        return "verify"
    if requires_two_factor(user):
        return "enrol"
    return None


class TwoFactorMiddleware:
    """Send a user who owes a code to the code page (or to enrolment) before any staff or admin page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # Look at the URL before the user: reading request.user reads the session, and public pages
        # must not touch it (they would vary by cookie and no proxy could cache them).
        match = request.resolver_match
        if match is None:
            return None
        if "staff" in match.namespaces:
            if match.url_name in EXEMPT_STAFF_VIEWS:
                return None
        elif "admin" in match.namespaces:
            if match.url_name in {"login", "logout"}:
                return None
        else:
            return None
        user = request.user
        if not user.is_authenticated:
            return None
        if "admin" in match.namespaces and not user.is_staff:
            # Django's admin refuses non-staff itself; staff there can change anything, so every one
            # of them needs the second factor (requires_two_factor counts is_staff).
            return None
        step = needs_verification(user)
        if step is None:
            # A one-time password (a new account, a reset) is replaced before anything else.
            if match.url_name != "password_change" and must_change_password(user):
                target = reverse("staff:password_change")
                return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
            return None
        target = reverse("staff:two_factor_verify" if step == "verify" else "staff:two_factor")
        return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")


def _next_url(request) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(candidate, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return candidate
    return reverse("staff:home")


class TokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Kod från appen"), max_length=8,
        help_text=gettext_lazy("Sex siffror från din autentiseringsapp."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code",
                                      "pattern": "[0-9]*", "autocapitalize": "none"}),
        error_messages={"required": gettext_lazy("Skriv koden från appen.")},
    )

    def clean_token(self):
        value = "".join(self.cleaned_data["token"].split())
        if not value.isdigit() or len(value) != 6:
            raise forms.ValidationError(_("Koden är sex siffror."))
        return value


def pending_device(user) -> TOTPDevice:
    """The user's unconfirmed device being enrolled, created on first use and reused after that.

    Reusing it means reloading the page shows the same secret the user may already have scanned.
    """
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=_("Autentiseringsapp"), confirmed=False)
    return device


def confirm_device(device: TOTPDevice, token: str) -> bool:
    """Confirm an enrolled device with a code from it; it then replaces the user's other devices."""
    with transaction.atomic():
        if not device.verify_token(token):
            return False
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        replaced = TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()[0]
        # Security events concern a user, not a municipality: they are read in /admin/.
        log_change(device.user, AuditEntry.Action.UPDATE, device,
                   object_repr=f"Tvåstegsinloggning aktiverad för {device.user.get_username()}",
                   after={"confirmed": True, "replaced_devices": replaced})
    return True


def secret_for_display(device: TOTPDevice) -> str:
    """The base32 secret in groups of four, for typing into an app by hand."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


def qr_svg(device: TOTPDevice) -> str:
    """The device's otpauth:// address as inline SVG markup (no style attributes, so CSP allows it)."""
    svg = segno.make(device.config_url, error="m").svg_inline(
        scale=5, title=_("QR-kod för autentiseringsappen"), svgclass="qr-code", lineclass=None, omitsize=True
    )
    return svg.replace("<svg ", '<svg role="img" aria-label="%s" ' % _("QR-kod för autentiseringsappen"), 1)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def two_factor(request):
    """Enrol an authenticator app: show the secret and a QR code, confirm with a code from the app."""
    user = request.user
    has_device = user_has_device(user, confirmed=True)
    if has_device and not user.is_verified():
        # Adding a device must not be a way around the code: confirm the current one first.
        return redirect(f"{reverse('staff:two_factor_verify')}?{urlencode({'next': request.get_full_path()})}")
    device = pending_device(user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if confirm_device(device, form.cleaned_data["token"]):
            otp_login(request, device)
            messages.success(request, _("Tvåstegsverifiering är aktiverad."))
            return redirect(_next_url(request))
        form.add_error("token", _("Koden stämmer inte. Kontrollera att telefonens klocka går rätt och "
                                  "skriv den kod som visas nu."))
    return render(request, "staff/two_factor_enrol.html", {
        "form": form, "has_device": has_device, "required": requires_two_factor(user),
        "secret": secret_for_display(device), "qr_svg": qr_svg(device), "next": _next_url(request),
    })


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def two_factor_verify(request):
    """Step two of logging in: a code from the enrolled app."""
    user = request.user
    if user.is_verified():
        return redirect(_next_url(request))
    if not user_has_device(user, confirmed=True):
        return redirect(f"{reverse('staff:two_factor')}?{urlencode({'next': _next_url(request)})}")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # match_token goes through each device's throttling: wrong codes slow further tries down.
        device = match_token(user, form.cleaned_data["token"])
        if device is not None:
            request.session.cycle_key()
            otp_login(request, device)
            return redirect(_next_url(request))
        form.add_error("token", _("Koden stämmer inte eller har gått ut. Vänta på nästa kod och försök igen."))
    return render(request, "staff/two_factor_verify.html", {"form": form, "next": _next_url(request)})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def password_change(request):
    """Change one's own password; the user's other sessions end, this one stays logged in."""
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        update_session_auth_hash(request, user)
        require_password_change(user, False)
        log_change(user, AuditEntry.Action.UPDATE, user, object_repr=f"Lösenord bytt för {user.get_username()}",
                   after={"password": "bytt"})
        messages.success(request, _("Ditt lösenord är bytt. Andra inloggningar med det gamla lösenordet är utloggade."))
        return redirect(_next_url(request))
    return render(request, "staff/password_change.html", {
        "form": form, "forced": must_change_password(request.user), "next": _next_url(request),
    })


class NameForm(forms.Form):
    first_name = forms.CharField(label=gettext_lazy("Förnamn"), max_length=150,
                                 error_messages={"required": gettext_lazy("Ange ditt förnamn.")})
    last_name = forms.CharField(label=gettext_lazy("Efternamn"), max_length=150,
                                error_messages={"required": gettext_lazy("Ange ditt efternamn.")})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def account_name(request):
    """One's own full name: approvals, assessments and answers are signed with it in public."""
    user = request.user
    form = NameForm(request.POST or None, initial={"first_name": user.first_name, "last_name": user.last_name})
    if request.method == "POST" and form.is_valid():
        before = {"first_name": user.first_name, "last_name": user.last_name}
        user.first_name = " ".join(form.cleaned_data["first_name"].split())
        user.last_name = " ".join(form.cleaned_data["last_name"].split())
        user.save(update_fields=["first_name", "last_name"])
        log_change(user, AuditEntry.Action.UPDATE, user, object_repr=f"Namn ändrat för {user.get_username()}",
                   before=before, after={"first_name": user.first_name, "last_name": user.last_name})
        messages.success(request, _("Ditt namn är sparat."))
        return redirect(_next_url(request))
    return render(request, "staff/account_name.html", {"form": form, "next": _next_url(request)})


def locked_out(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out log-in: a Swedish page saying when to try again (429)."""
    from django.conf import settings

    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "staff/locked_out.html",
                  {"failure_limit": settings.AXES_FAILURE_LIMIT, "cooloff_minutes": minutes}, status=429)
