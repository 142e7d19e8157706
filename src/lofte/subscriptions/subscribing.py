"""Subscribing with double opt-in, confirming and unsubscribing, by signed tokens.

A subscription is stored unconfirmed and a confirmation link is mailed; only the link (signed,
expiring after CONFIRM_HOURS) makes it receive digests. Every mail carries an unsubscribe link
whose signed token never expires (RFC 8058 one-click must keep working for old mails); using it
deletes the row, address and all. Tokens name the subscription's random key, not its id, so a
link of a deleted subscription never matches a later one.

Nothing here tells a caller whether an address was subscribed already: the form's answer is the
same either way, so the form cannot be used to learn who follows what.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone

from lofte.core.models import Municipality
from lofte.promises.models import PromiseSet
from lofte.subscriptions.models import Subscription

CONFIRM_HOURS = 72
# A second confirmation mail to the same address and subject waits this long (no mail bombing).
RESEND_AFTER = timedelta(minutes=15)

_CONFIRM_SALT = "lofte.subscriptions.confirm"
_UNSUBSCRIBE_SALT = "lofte.subscriptions.unsubscribe"


def normalised(email: str) -> str:
    """Addresses are compared in lower case, so one person cannot subscribe twice by case."""
    return email.strip().lower()


@dataclass(frozen=True)
class Requested:
    subscription: Subscription
    # Whether a confirmation mail should go out now (not for a confirmed one, not twice in a row).
    send_confirmation: bool


def request_subscription(email: str, municipality: Municipality, promise_set: PromiseSet | None = None,
                         now: datetime | None = None) -> Requested:
    """Store an unconfirmed subscription (or find the existing one) for the address."""
    now = now or timezone.now()
    email = normalised(email)
    lookup = {"email": email, "municipality": municipality, "promise_set": promise_set}
    with transaction.atomic():
        subscription = Subscription.objects.select_for_update().filter(**lookup).first()
        if subscription is None:
            try:
                with transaction.atomic():
                    subscription = Subscription.objects.create(**lookup, created_at=now)
            except IntegrityError:
                # A parallel post created it a moment ago.
                subscription = Subscription.objects.get(**lookup)
        if subscription.is_confirmed:
            return Requested(subscription, False)
        sent = subscription.confirmation_sent_at
        if sent is not None and now - sent < RESEND_AFTER:
            return Requested(subscription, False)
        Subscription.objects.filter(pk=subscription.pk).update(confirmation_sent_at=now)
        return Requested(subscription, True)


def confirmation_token(subscription: Subscription) -> str:
    return signing.dumps(subscription.key, salt=_CONFIRM_SALT)


def unsubscribe_token(subscription: Subscription) -> str:
    return signing.dumps(subscription.key, salt=_UNSUBSCRIBE_SALT)


def _by_token(token: str, salt: str, max_age: int | None = None) -> Subscription | None:
    try:
        key = signing.loads(token, salt=salt, max_age=max_age)
    except signing.BadSignature:  # also SignatureExpired
        return None
    if not isinstance(key, str):
        return None
    return Subscription.objects.select_related("municipality", "promise_set").filter(key=key).first()


def from_confirmation_token(token: str) -> Subscription | None:
    """The subscription a confirmation link names, if the link is genuine and not expired."""
    return _by_token(token, _CONFIRM_SALT, CONFIRM_HOURS * 3600)


def valid_unsubscribe_token(token: str) -> bool:
    """Whether the token is one of ours (its subscription may be gone: unsubscribing twice is fine)."""
    try:
        return isinstance(signing.loads(token, salt=_UNSUBSCRIBE_SALT), str)
    except signing.BadSignature:
        return False


def from_unsubscribe_token(token: str) -> Subscription | None:
    return _by_token(token, _UNSUBSCRIBE_SALT)


def confirm(subscription: Subscription, now: datetime | None = None) -> bool:
    """Confirm once; the first digest covers what changes from now on. False if it was confirmed."""
    now = now or timezone.now()
    done = Subscription.objects.filter(pk=subscription.pk, confirmed_at__isnull=True).update(
        confirmed_at=now, covered_until=now
    )
    subscription.refresh_from_db()
    return bool(done)


def unsubscribe(subscription: Subscription) -> None:
    """Delete the subscription, and with it the address (no trace is kept)."""
    Subscription.objects.filter(pk=subscription.pk).delete()


def purge_unconfirmed(now: datetime | None = None) -> int:
    """Delete subscriptions whose confirmation link has expired unused; returns how many."""
    cutoff = (now or timezone.now()) - timedelta(hours=CONFIRM_HOURS)
    expired = Subscription.objects.unconfirmed().filter(created_at__lt=cutoff).exclude(confirmation_sent_at__gte=cutoff)
    deleted, _ = expired.delete()
    return deleted
