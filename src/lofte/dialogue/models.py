"""Citizen input (synpunkter) with moderation and answers, and the public meeting calendar.

Public views read through the `published()` / `public()` queryset methods only: input waiting for
moderation, rejected input and non-public meetings never reach a page or a feed.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lofte.activities.models import Activity
from lofte.core.models import Area, Municipality, Organisation
from lofte.promises.models import Commitment


class CitizenInputQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=CitizenInput.Status.PUBLISHED)

    def pending(self):
        return self.filter(status=CitizenInput.Status.PENDING)


class CitizenInput(models.Model):
    """A citizen's message (synpunkt). It becomes an official record (allmän handling) when received.

    `message` is what the citizen wrote and is shown to moderators only. `public_message` is what is
    published: the moderator's edited text with identity numbers, phone numbers and e-mail addresses
    redacted automatically. The e-mail address is used only to send the answer and is purged after
    the retention period (see lofte.dialogue.purge).
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Väntar på granskning")
        PUBLISHED = "published", _("Publicerad")
        REJECTED = "rejected", _("Avvisad")

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="citizen_inputs")
    commitment = models.ForeignKey(
        Commitment, on_delete=models.SET_NULL, null=True, blank=True, related_name="citizen_inputs",
        verbose_name=_("löfte"),
    )
    area = models.ForeignKey(
        Area, on_delete=models.SET_NULL, null=True, blank=True, related_name="citizen_inputs",
        verbose_name=_("kommundel"),
    )
    latitude = models.DecimalField(_("latitud"), max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(_("longitud"), max_digits=8, decimal_places=5, null=True, blank=True)
    message = models.TextField(_("synpunkt"), max_length=4000)
    email = models.EmailField(_("e-postadress"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    public_message = models.TextField(_("publicerad text"), blank=True, max_length=4000)
    rejection_reason = models.TextField(_("skäl att avvisa"), blank=True, max_length=1000)
    moderated_at = models.DateTimeField(_("granskad"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answer = models.TextField(_("svar"), blank=True, max_length=4000)
    answered_by = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="citizen_answers",
        verbose_name=_("svarande organisation"),
    )
    # The person who answered, as shown in public beside the organisation (never a username).
    answerer_name = models.CharField(_("besvarad av"), max_length=200, blank=True)
    answered_at = models.DateTimeField(_("besvarad"), null=True, blank=True, db_index=True)
    answer_notified_at = models.DateTimeField(_("svar skickat"), null=True, blank=True)
    contact_purged_at = models.DateTimeField(_("kontaktuppgifter rensade"), null=True, blank=True)
    created_at = models.DateTimeField(_("inkommen"), auto_now_add=True, db_index=True)
    # The random token of the form the citizen filled in: a second post of the same form (a double
    # click, a reload after a slow answer) finds it and stores nothing new.
    submission_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    objects = CitizenInputQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("synpunkt")
        verbose_name_plural = _("synpunkter")
        indexes = [
            models.Index(fields=["municipality", "status"]),
            # The API's pages of the whole country's published input, in id order: without it SQLite
            # gathers every published input of every municipality and sorts them (0.5 s at 200,000).
            models.Index(fields=["status", "id"], name="citizeninput_status_id"),
            # The feeds' latest answers (status, then answered_at), which the index above would
            # otherwise serve by reading every published input.
            models.Index(fields=["status", "answered_at"], name="citizeninput_status_answered"),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d} #{self.pk}"

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None


class MeetingQuerySet(models.QuerySet):
    def public(self):
        """Public meetings, cancelled ones included (a feed says STATUS:CANCELLED rather than
        dropping them), serving no commitment or a published one."""
        published = Commitment.objects.published()
        return self.filter(public=True).filter(
            models.Q(commitment__isnull=True) | models.Q(commitment__in=published)
        )


class Meeting(models.Model):
    """A public event in the calendar. Once held it is linked to the activity recorded for it."""

    class Kind(models.TextChoices):
        DIALOGUE = "dialogue_meeting", _("Dialogmöte")
        SAFETY_WALK = "safety_walk", _("Trygghetsvandring")
        COUNCIL = "council_meeting", _("Öppet sammanträde")

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="meetings")
    title = models.CharField(_("rubrik"), max_length=200)
    description = models.TextField(_("vad mötet handlar om"), blank=True, max_length=4000)
    starts_at = models.DateTimeField(_("börjar"))
    ends_at = models.DateTimeField(_("slutar"))
    place = models.CharField(_("plats"), max_length=300)
    area = models.ForeignKey(
        Area, on_delete=models.SET_NULL, null=True, blank=True, related_name="meetings",
        verbose_name=_("kommundel"),
    )
    organiser = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="meetings",
        verbose_name=_("arrangör"),
    )
    commitment = models.ForeignKey(
        Commitment, on_delete=models.SET_NULL, null=True, blank=True, related_name="meetings",
        verbose_name=_("löfte"),
    )
    kind = models.CharField(_("typ av möte"), max_length=30, choices=Kind.choices, default=Kind.DIALOGUE)
    public = models.BooleanField(_("visas i den publika kalendern"), default=True)
    cancelled = models.BooleanField(_("inställt"), default=False)
    # iCalendar: the UID never changes and SEQUENCE is raised on every change, so calendar
    # applications update the event they already have instead of adding a second one.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    held_activity = models.ForeignKey(
        Activity, on_delete=models.SET_NULL, null=True, blank=True, related_name="meetings",
        verbose_name=_("registrerad insats"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("möte")
        verbose_name_plural = _("möten")
        indexes = [models.Index(fields=["municipality", "starts_at"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")), name="meeting_end_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.starts_at:%Y-%m-%d}"

    @property
    def activity_type(self) -> str:
        """The activity type a held meeting is recorded as (the kinds share the registry's keys)."""
        return self.kind


class RateCounter(models.Model):
    """How many submissions one client made in one window of a public form's rate limit.

    Counted with a conditional UPDATE (see lofte.dialogue.ratelimit), so parallel posts can never
    both take the last slot. `client` is a keyed hash of the address, never the address itself.
    """

    scope = models.CharField(max_length=50)
    client = models.CharField(max_length=64)
    window_start = models.BigIntegerField()  # Unix time of the window's start
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scope", "client", "window_start"], name="rate_counter_unique"),
        ]
        indexes = [models.Index(fields=["window_start"])]

    def __str__(self) -> str:
        return f"{self.scope} {self.client[:8]} {self.window_start}: {self.count}"
