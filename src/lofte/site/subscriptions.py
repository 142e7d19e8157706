"""E-mail subscriptions on the public site: the form (`/<kommun>/prenumerera/`), the confirmation
link and the unsubscribe link (lofte.subscriptions does the work).

The small form on the municipality's and the set's pages carries no CSRF token, so those pages stay
cacheable by a shared proxy; its endpoint is exempt from CSRF for that reason. A cross-site post can
only ask for a confirmation mail to an address, which is all a person can do with the form anyway:
nothing is followed until the mailed link is used, posts are rate-limited per client (the same
limit as citizen input, lofte.dialogue.ratelimit) and one address gets at most one confirmation
mail per quarter of an hour. The confirmation and unsubscribe endpoints are authorised by their
signed token alone; unsubscribe takes RFC 8058's one-click POST, which comes without any token of
ours, and GET only shows a button, so a mail scanner following links changes nothing.
"""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.conf import settings
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from lofte.dialogue import ratelimit
from lofte.lib.net import client_address
from lofte.promises.models import PromiseSet
from lofte.site.views import _municipality
from lofte.subscriptions import subscribing
from lofte.subscriptions.tasks import send_confirmation

RATE_SCOPE = "subscription"


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("Din e-postadress"), max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": gettext_lazy("Skriv den e-postadress som sammanfattningen ska skickas till."),
            "invalid": gettext_lazy("Ange en giltig e-postadress, t.ex. namn@example.se."),
            "max_length": gettext_lazy("E-postadressen får vara högst %(limit_value)d tecken."),
        },
    )
    medborgarlofte = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1,
                                        error_messages={"invalid": gettext_lazy("Medborgarlöftet finns inte."),
                                                        "min_value": gettext_lazy("Medborgarlöftet finns inte.")})
    # A honeypot: hidden from people by CSS, filled in by form-filling robots.
    webbplats = forms.CharField(label=gettext_lazy("Lämna det här fältet tomt"), required=False,
                                widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}))

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipality = municipality

    def clean_medborgarlofte(self):
        pk = self.cleaned_data.get("medborgarlofte")
        if pk is None:
            return None
        found = PromiseSet.objects.published().filter(pk=pk, municipality=self.municipality).first()
        if found is None:
            raise forms.ValidationError(_("Medborgarlöftet finns inte bland kommunens publicerade medborgarlöften."))
        return found

    @property
    def is_robot(self) -> bool:
        return bool(self.data.get("webbplats", "").strip())


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request, kommun):
    municipality = _municipality(request, kommun)
    data = request.POST if request.method == "POST" else None
    initial = {"medborgarlofte": request.GET.get("medborgarlofte")} if data is None else None
    form = SubscribeForm(data, initial=initial, municipality=municipality)
    status, limited = 200, None
    if request.method == "POST" and (form.is_robot or form.is_valid()):
        limit = ratelimit.take(RATE_SCOPE, client_address(request), settings.CITIZEN_INPUT_RATE_LIMIT,
                               settings.CITIZEN_INPUT_RATE_WINDOW)
        if limit.allowed:
            if not form.is_robot:
                requested = subscribing.request_subscription(form.cleaned_data["email"], municipality,
                                                             form.cleaned_data["medborgarlofte"])
                if requested.send_confirmation:
                    pk = requested.subscription.pk
                    transaction.on_commit(lambda: send_confirmation.enqueue(pk))
            # The same answer whether the address was new, waiting or subscribed already (or a robot's).
            return redirect("site:subscribe_sent", kommun=municipality.slug)
        status, limited = 429, timezone.localtime() + timedelta(seconds=limit.retry_after)
    elif request.method == "POST":
        status = 400
    chosen = form.cleaned_data.get("medborgarlofte") if form.is_bound and form.is_valid() else None
    if chosen is None and not form.is_bound:
        chosen = _initial_set(municipality, request.GET.get("medborgarlofte"))
    response = render(request, "site/subscribe.html", {
        "municipality": municipality, "form": form, "promise_set": chosen, "limited": limited,
    }, status=status)
    if limited:
        response["Retry-After"] = str(limit.retry_after)
    return response


def _initial_set(municipality, raw) -> PromiseSet | None:
    if not raw or not str(raw).isdigit():
        return None
    return PromiseSet.objects.published().filter(pk=int(raw), municipality=municipality).first()


@never_cache
@require_safe
def subscribe_sent(request, kommun):
    return render(request, "site/subscription_message.html", {
        "municipality": _municipality(request, kommun), "state": "sent", "hours": subscribing.CONFIRM_HOURS,
    })


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    """GET shows a button (mail scanners open links), POST confirms."""
    subscription = subscribing.from_confirmation_token(token)
    if subscription is None:
        return render(request, "site/subscription_message.html", {"state": "bad_confirm",
                                                                    "hours": subscribing.CONFIRM_HOURS}, status=400)
    if request.method == "POST":
        subscribing.confirm(subscription)
        return render(request, "site/subscription_message.html", {"state": "confirmed", "subscription": subscription,
                                                                    "municipality": subscription.municipality})
    state = "confirmed" if subscription.is_confirmed else "confirm"
    return render(request, "site/subscription_message.html", {"state": state, "subscription": subscription,
                                                                "municipality": subscription.municipality})


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    """RFC 8058: a POST (from the mail program, body "List-Unsubscribe=One-Click", or from the button
    here) deletes the subscription at once; GET only asks. A token whose subscription is gone already
    is a success: the address is not kept either way."""
    if not subscribing.valid_unsubscribe_token(token):
        return render(request, "site/subscription_message.html", {"state": "bad_unsubscribe"}, status=400)
    subscription = subscribing.from_unsubscribe_token(token)
    if request.method == "POST":
        if subscription is not None:
            subscribing.unsubscribe(subscription)
        return render(request, "site/subscription_message.html", {"state": "unsubscribed"})
    if subscription is None:
        return render(request, "site/subscription_message.html", {"state": "unsubscribed"})
    return render(request, "site/subscription_message.html", {"state": "unsubscribe", "subscription": subscription,
                                                                "municipality": subscription.municipality})
