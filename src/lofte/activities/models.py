"""Recorded work (insatser): one thing done, on a date, serving one or more commitments."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lofte.activities import types
from lofte.core.models import Area, Municipality, Organisation
from lofte.promises.models import Commitment, published_commitment


class ActivityQuerySet(models.QuerySet):
    def live(self):
        """Activities not in the bin: the ones that count towards targets."""
        return self.filter(deleted_at__isnull=True)

    def in_bin(self):
        return self.filter(deleted_at__isnull=False)

    def published(self):
        """Live activities serving at least one published commitment: the only ones shown in public."""
        # A correlated EXISTS, not "id IN (every published link in the country)": the outer query
        # is usually narrowed to one commitment or municipality already (bench/public_pages.py).
        # The commitment's rule joined in (published_commitment), not "commitment IN (every published
        # commitment)", which SQLite evaluated again for every outer row (bench/open_data.py).
        links = Activity.commitments.through.objects.filter(
            published_commitment("commitment__"), activity_id=models.OuterRef("pk"),
        )
        return self.live().filter(models.Exists(links))


BIN_DAYS = 30


class Activity(models.Model):
    type = models.CharField(_("aktivitetstyp"), max_length=50, choices=types.choices)
    date = models.DateField(_("datum"))
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="activities")
    area = models.ForeignKey(
        Area, on_delete=models.SET_NULL, null=True, blank=True, related_name="activities",
        verbose_name=_("kommundel"),
    )
    organisations = models.ManyToManyField(
        Organisation, blank=True, related_name="activities", verbose_name=_("organisationer")
    )
    commitments = models.ManyToManyField(Commitment, related_name="activities", verbose_name=_("löften"))
    count = models.PositiveIntegerField(_("antal"), default=1)
    public_note = models.TextField(_("offentlig kommentar"), blank=True, max_length=2000)
    # Type-specific figures (attendees, vehicles checked, …), validated by the type registry.
    details = models.JSONField(_("uppgifter"), default=dict, blank=True)
    # Demo records are invented examples; every page says so while any exist.
    is_demo = models.BooleanField(default=False, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False,
        related_name="activities_created",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Deleting moves a record to the bin for BIN_DAYS; it can be restored until then.
    # No index of its own: almost every row has NULL here, and an index tempts SQLite's planner to
    # scan the whole table through it instead of joining from the commitment (bench/public_pages.py).
    deleted_at = models.DateTimeField(_("borttagen"), null=True, blank=True, editable=False)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False,
        related_name="+",
    )

    objects = ActivityQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("insats")
        verbose_name_plural = _("insatser")
        indexes = [
            models.Index(fields=["municipality", "date"]),
            models.Index(fields=["is_demo"]),
            # The feeds' latest recorded work (lofte.opendata.feeds), of the whole country and of one
            # municipality: without them the database sorts every record to find the newest 50, or
            # (PostgreSQL) walks the country's index backwards past every other municipality's.
            models.Index(fields=["updated_at", "id"], name="activity_updated"),
            models.Index(fields=["municipality", "updated_at", "id"], name="activity_municipality_updated"),
            # The API's pages of one municipality's records in id order: without it PostgreSQL walks
            # the primary key through the whole country when a municipality has less than a page.
            models.Index(fields=["municipality", "id"], name="activity_municipality_id"),
        ]

    def __str__(self) -> str:
        return f"{self.type_label} {self.date:%Y-%m-%d}"

    @property
    def activity_type(self) -> types.ActivityType:
        return types.get(self.type)

    @property
    def type_label(self) -> str:
        return str(types.get(self.type).label)

    @property
    def is_sensitive(self) -> bool:
        return types.get(self.type).sensitive



class CountedWork(models.Model):
    """One activity's contribution to one commitment, as it was known from `known_from` until
    `known_until` (a ledger that is only ever appended to and closed).

    Status is computed from these rows, never from the activities directly: a follow-up point counts
    the rows that were open at its cutoff (the point plus the grace period), so recording, correcting
    or deleting work later never changes what a passed point showed. A row is closed, never
    updated, when its activity is edited, moved to the bin or unlinked, and a new row opens with the
    new values (lofte.activities.ledger keeps the rows in step with the activities). Purging the bin
    keeps the rows: the history does not depend on the record.
    """

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="counted_work")
    activity = models.ForeignKey(Activity, on_delete=models.SET_NULL, null=True, related_name="counted_work")
    date = models.DateField()
    type = models.CharField(max_length=50)
    count = models.PositiveIntegerField(default=1)
    area_id = models.BigIntegerField(null=True, blank=True)
    # The type's figures that targets may sum (attendees, checked, …), as {name: value}.
    figures = models.JSONField(default=dict, blank=True)
    known_from = models.DateTimeField()
    known_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("räknad insats")
        verbose_name_plural = _("räknade insatser")
        indexes = [
            models.Index(fields=["commitment", "date"]),
            models.Index(fields=["activity", "known_until"]),
        ]

    def __str__(self) -> str:
        return f"{self.type} {self.date} → {self.commitment_id}"
