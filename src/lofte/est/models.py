"""EST (effektiv samordning för trygghet): weekly reports from rapportörer, invitations, actions.

A **Report** is what one rapportör saw: a category, a place (a map point, the phone's position or
just an area), a date and time band, how many or how serious, and free text. "Inget att rapportera
denna vecka" is a Report too (`nothing_to_report`), so silence and calm can be told apart. Each
report carries the UUID its form generated (`uuid`), so a resend from an offline queue never
makes a second row.

Free text and exact positions are staff-only (DESIGN.md §3): the public sees the weekly counts that
lofte.est.indicators writes into the situation picture, never a Report.
"""

from __future__ import annotations

import uuid as uuid_module

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lofte.core.models import Area, Municipality, Organisation


class Category(models.TextChoices):
    VANDALISM = "skadegorelse", _("Skadegörelse")
    GRAFFITI = "klotter", _("Klotter")
    LITTER = "nedskrapning", _("Nedskräpning")
    UNSAFE_PLACE = "otrygg_plats", _("Otrygg plats")
    GROUPS = "grupperingar", _("Grupperingar som skapar oro")
    DEALING = "narkotikahandel", _("Misstänkt narkotikahandel")
    RECKLESS_DRIVING = "hansynslos_korning", _("Hänsynslös körning med moped/EPA/A-traktor")
    FIRE = "brand", _("Brand")
    THREATS_TO_STAFF = "hot_mot_personal", _("Hot eller våld mot personal")
    OTHER = "ovrigt", _("Övrigt")


class TimeBand(models.TextChoices):
    DAY = "dag", _("Dag (06–18)")
    EVENING = "kvall", _("Kväll (18–22)")
    NIGHT = "natt", _("Natt (22–06)")


class Severity(models.IntegerChoices):
    LOW = 1, _("Lindrigt")
    MEDIUM = 2, _("Allvarligt")
    HIGH = 3, _("Mycket allvarligt")


class PlaceKind(models.TextChoices):
    MAP = "map", _("Punkt på kartan")
    DEVICE = "device", _("Telefonens position")
    AREA = "area", _("Bara kommundel")


def week_of(day):
    """The Monday of the ISO week of `day`: every weekly count is grouped on it."""
    from datetime import timedelta

    return day - timedelta(days=day.weekday())


class ReportQuerySet(models.QuerySet):
    def incidents(self):
        """Reports of something seen (not "nothing to report")."""
        return self.filter(nothing_to_report=False)


class Report(models.Model):
    uuid = models.UUIDField(_("rapport-id"), unique=True, default=uuid_module.uuid4)
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="est_reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="est_reports"
    )
    # The reporter's name as an earlier tool knew it (imported history) when no account matches.
    reporter_label = models.CharField(_("rapportör (import)"), max_length=150, blank=True)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="est_reports"
    )
    nothing_to_report = models.BooleanField(_("inget att rapportera denna vecka"), default=False)
    category = models.CharField(_("kategori"), max_length=30, choices=Category.choices, blank=True)
    place_kind = models.CharField(_("plats"), max_length=10, choices=PlaceKind.choices, default=PlaceKind.AREA)
    area = models.ForeignKey(Area, on_delete=models.SET_NULL, null=True, blank=True, related_name="est_reports",
                             verbose_name=_("kommundel"))
    latitude = models.DecimalField(_("latitud"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitud"), max_digits=9, decimal_places=6, null=True, blank=True)
    date = models.DateField(_("datum"))
    week = models.DateField(_("vecka"), editable=False)
    time_band = models.CharField(_("tid på dygnet"), max_length=10, choices=TimeBand.choices, blank=True)
    count = models.PositiveSmallIntegerField(_("antal"), default=1)
    severity = models.PositiveSmallIntegerField(_("allvarlighet"), choices=Severity.choices, default=Severity.LOW)
    text = models.TextField(_("beskrivning"), max_length=2000, blank=True)
    is_demo = models.BooleanField(default=False, editable=False)
    imported = models.BooleanField(_("importerad"), default=False, editable=False)
    created_at = models.DateTimeField(_("inskickad"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("EST-rapport")
        verbose_name_plural = _("EST-rapporter")
        indexes = [
            models.Index(fields=["municipality", "week"]),
            models.Index(fields=["reporter", "week"]),
        ]

    def __str__(self) -> str:
        if self.nothing_to_report:
            return f"{self.date}: {_('Inget att rapportera')}"
        return f"{self.date}: {self.get_category_display()}"

    def save(self, *args, **kwargs):
        self.week = week_of(self.date)
        if self.nothing_to_report:
            self.category, self.count, self.text = "", 0, ""
            self.latitude = self.longitude = None
        super().save(*args, **kwargs)

    @property
    def reporter_name(self) -> str:
        if self.reporter_id:
            return self.reporter.get_full_name() or self.reporter.get_username()
        return self.reporter_label


class ReporterInvitation(models.Model):
    """A link that makes its holder a rapportör in an organisation serving the municipality.

    The link carries a signed token (lofte.est.invitations), expires after INVITATION_DAYS and
    works once: `used_at` is claimed with a conditional update.
    """

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="est_invitations")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="est_invitations")
    email = models.EmailField(_("e-post"), blank=True)
    note = models.CharField(_("för vem"), max_length=200, blank=True)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(_("gäller till"))
    used_at = models.DateTimeField(_("använd"), null=True, blank=True)
    used_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="+")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("inbjudan till EST")
        verbose_name_plural = _("inbjudningar till EST")

    def __str__(self) -> str:
        return f"{self.organisation} ({self.note or self.email})"


class ActionQuerySet(models.QuerySet):
    def open_tasks(self):
        """Owner's tasks not done yet (actions that became activities are followed up there)."""
        return self.filter(activity__isnull=True, done_at__isnull=True)


class Action(models.Model):
    """An action the EST group decided at a week's meeting: an activity (insats) serving a
    commitment, so that its follow-up lives with the promises' other work, or an owner's task with
    a deadline that the following meetings see until it is done."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="est_actions")
    week = models.DateField(_("vecka"))
    category = models.CharField(_("kategori"), max_length=30, choices=Category.choices, blank=True)
    area = models.ForeignKey(Area, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    text = models.TextField(_("beslutad åtgärd"), max_length=2000)
    activity = models.ForeignKey("activities.Activity", on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="est_actions")
    # An action that is not an activity is an owner's task: who does it, by when, and when it was done.
    owner = models.CharField(_("ansvarig"), max_length=200, blank=True)
    deadline = models.DateField(_("klart senast"), null=True, blank=True)
    done_at = models.DateTimeField(_("klar"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["week", "pk"]
        verbose_name = _("beslutad åtgärd (EST)")
        verbose_name_plural = _("beslutade åtgärder (EST)")

    def __str__(self) -> str:
        return self.text[:80]


class Reminder(models.Model):
    """One reminder e-mail per reporter and week, claimed by creating the row (several workers)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    week = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "week"], name="est_reminder_once_a_week")]
