"""A subscriber's address and what it follows: a whole municipality, or one promise set."""

from __future__ import annotations

import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lofte.core.models import Municipality
from lofte.promises.models import PromiseSet


def new_key() -> str:
    """A random key the mails' signed tokens name: a deleted subscription's links never match a new one."""
    return secrets.token_urlsafe(24)


class SubscriptionQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def unconfirmed(self):
        return self.filter(confirmed_at__isnull=True)


class Subscription(models.Model):
    """One address following a municipality (promise_set empty) or one of its sets.

    Private: the address is used for the confirmation and the weekly digest only, never shown
    anywhere public, and the row is deleted on unsubscribe (and when it was never confirmed).
    """

    email = models.EmailField(_("e-postadress"), max_length=254)
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+",
                                     verbose_name=_("kommun"))
    promise_set = models.ForeignKey(PromiseSet, on_delete=models.CASCADE, null=True, blank=True, related_name="+",
                                    verbose_name=_("medborgarlöfte"))
    key = models.CharField(max_length=64, unique=True, default=new_key, editable=False)
    created_at = models.DateTimeField(_("anmäld"), default=timezone.now)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    confirmed_at = models.DateTimeField(_("bekräftad"), null=True, blank=True, db_index=True)
    # The last digest covered what changed up to this moment (the confirmation before the first one).
    covered_until = models.DateTimeField(null=True, blank=True, editable=False)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("prenumeration")
        verbose_name_plural = _("prenumerationer")
        constraints = [
            # NULL never equals NULL in a unique index, so municipality-wide subscriptions need their own.
            models.UniqueConstraint(fields=["email", "municipality"], condition=models.Q(promise_set__isnull=True),
                                    name="subscription_unique_municipality"),
            models.UniqueConstraint(fields=["email", "promise_set"], condition=models.Q(promise_set__isnull=False),
                                    name="subscription_unique_set"),
        ]

    def __str__(self) -> str:
        # Never the address: admin lists and logs may be read over someone's shoulder.
        return f"Prenumeration {self.pk} ({self.municipality})"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None

    @property
    def subject_name(self) -> str:
        """What is followed, in words: "Strängnäs" or "Medborgarlöfte 2022–2023, Strängnäs"."""
        if self.promise_set_id:
            return f"{self.promise_set.title}, {self.municipality.name}"
        return self.municipality.name

    @property
    def subject_phrase(self) -> str:
        """The same for a sentence: "medborgarlöftena i Strängnäs", "Medborgarlöfte 2022–2023 i Strängnäs"."""
        if self.promise_set_id:
            return f"{self.promise_set.title} i {self.municipality.name}"
        return f"medborgarlöftena i {self.municipality.name}"

    def followed_url(self) -> str:
        if self.promise_set_id:
            return self.promise_set.get_absolute_url()
        from django.urls import reverse

        return reverse("site:municipality", args=[self.municipality.slug])
