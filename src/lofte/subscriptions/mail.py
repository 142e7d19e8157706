"""Every subscription mail: plain text, the unsubscribe link at the end, and the List-Unsubscribe
and List-Unsubscribe-Post headers (RFC 2369, RFC 8058) so a mail program can offer one-click
unsubscribe. Links start with SITE_URL, like every e-mail's."""

from __future__ import annotations

from django.core.mail import EmailMessage
from django.urls import reverse

from lofte.dialogue.meetings import site_url
from lofte.subscriptions.models import Subscription
from lofte.subscriptions.subscribing import unsubscribe_token


def unsubscribe_url(subscription: Subscription) -> str:
    return site_url(reverse("site:unsubscribe", args=[unsubscribe_token(subscription)]))


def send(subscription: Subscription, subject: str, lines: list[str]) -> None:
    link = unsubscribe_url(subscription)
    body = "\n".join([*lines, "", "Vill du inte få fler mejl? Avsluta prenumerationen (din adress raderas):", link,
                      "", "Det här mejlet går inte att svara på."])
    EmailMessage(
        subject=subject, body=body, to=[subscription.email],
        headers={"List-Unsubscribe": f"<{link}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    ).send()
