"""Recorded work (insatser): one thing done, on a date, serving one or more commitments."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lofte.activities import types
from lofte.core.models import Area, Municipality, Organisation
from lofte.promises.models import Commitment


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
        links = Activity.commitments.through.objects.filter(
            activity_id=models.OuterRef("pk"),
            commitment__in=Commitment.objects.published(),
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

