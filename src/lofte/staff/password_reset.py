"""Glömt lösenord: a new password by e-mail for accounts with an address; for the others the pages
say to ask an administratör in one's organisation (who can give a one-time password under
Användare). Django's own reset views, with Swedish pages and e-mail and links from SITE_URL.

The pages say the same whether or not an account has the address, so they reveal no accounts. A
reset does not remove a two-factor device: the next log-in still asks for the code. Setting the new
password clears a pending one-time password and is written to the audit log.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy

from lofte.core.audit import log_change
from lofte.core.memberships import require_password_change
from lofte.core.models import AuditEntry


class ResetRequestForm(PasswordResetForm):
    email = forms.EmailField(
        label=gettext_lazy("E-postadress"), max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"required": gettext_lazy("Ange den e-postadress som ditt konto har."),
                        "invalid": gettext_lazy("Ange en giltig e-postadress, t.ex. namn@kommun.se.")},
    )


class NewPasswordForm(SetPasswordForm):
    """Django's form with Swedish labels; the password rules (AUTH_PASSWORD_VALIDATORS) apply."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = gettext_lazy("Nytt lösenord")
        self.fields["new_password2"].label = gettext_lazy("Nytt lösenord igen")
        self.fields["new_password1"].widget.attrs["autocomplete"] = "new-password"

    def save(self, commit=True):
        user = super().save(commit)
        if commit:
            require_password_change(user, False)
            log_change(user, AuditEntry.Action.UPDATE, user,
                       object_repr=f"Lösenord nytt via e-post för {user.get_username()}", after={"password": "bytt"})
        return user


class RequestView(auth_views.PasswordResetView):
    template_name = "staff/password_reset_form.html"
    email_template_name = "staff/password_reset_email.txt"
    subject_template_name = "staff/password_reset_subject.txt"
    form_class = ResetRequestForm
    success_url = reverse_lazy("password:reset_done")

    @property
    def extra_email_context(self):
        # The link starts with SITE_URL, like every e-mail's, not with the request's Host header.
        return {"site_url": settings.SITE_URL}


class DoneView(auth_views.PasswordResetDoneView):
    template_name = "staff/password_reset_done.html"


class ConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "staff/password_reset_confirm.html"
    form_class = NewPasswordForm
    success_url = reverse_lazy("password:reset_complete")


class CompleteView(auth_views.PasswordResetCompleteView):
    template_name = "staff/password_reset_complete.html"
