"""Findings (fynd) from safety walks: what the walkers saw, where, who owns it and what became of it.

A finding belongs to a safety walk, which is an Activity of type "safety_walk". Its status keeps
"fixed" apart from "closed" (DESIGN.md §6, FixMyStreet): a finding closed with no action, or sent on
because it is someone else's responsibility, is never counted as fixed.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lofte.activities.models import Activity
from lofte.core.geo import LAT_MAX, LAT_MIN, LON_MAX, LON_MIN
from lofte.core.models import Municipality

SAFETY_WALK = "safety_walk"



class Category(models.TextChoices):
    LIGHTING = "lighting", _("Belysning")
    VEGETATION = "vegetation", _("Vegetation")
    GRAFFITI = "graffiti", _("Klotter/skadegörelse")
    LITTER = "litter", _("Nedskräpning")
    TRAFFIC = "traffic", _("Trafikmiljö")
    UNSAFE_PLACE = "unsafe_place", _("Otrygg plats")
    OTHER = "other", _("Övrigt")


class Status(models.TextChoices):
    NEW = "new", _("Ny")
    PLANNED = "planned", _("Planerad")
    FIXED = "fixed", _("Åtgärdad")
    NO_ACTION = "no_action", _("Ingen åtgärd")
    NOT_OURS = "not_ours", _("Inte vårt ansvar")


# The three groups every public figure keeps apart.
OPEN_STATUSES = (Status.NEW, Status.PLANNED)
FIXED_STATUSES = (Status.FIXED,)
CLOSED_STATUSES = (Status.NO_ACTION, Status.NOT_OURS)


class FindingQuerySet(models.QuerySet):
    def published(self):
        """Findings of walks that are shown in public: live walks serving a published commitment.

        Asked of each finding's own walk (a correlated EXISTS), not "walk IN every published record
        of the country", which grew with other municipalities' data (bench/open_data.py)."""
        return self.filter(models.Exists(Activity.objects.published().filter(pk=models.OuterRef("walk_id"))))

    def overdue(self, today):
        """Open findings whose deadline has passed with no status change since the deadline."""
        return self.filter(
            status__in=OPEN_STATUSES,
            deadline__lt=today,
            status_changed_at__date__lte=models.F("deadline"),
            walk__deleted_at__isnull=True,
        )


class Finding(models.Model):
    walk = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="findings", verbose_name=_("trygghetsvandring"),
        limit_choices_to={"type": SAFETY_WALK},
    )
    # The walk's municipality, kept on the finding so that lists and permission checks need no join.
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="findings", editable=False)
    latitude = models.DecimalField(_("latitud"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitud"), max_digits=9, decimal_places=6, null=True, blank=True)
    address = models.CharField(_("adress eller plats"), max_length=200, blank=True)
    category = models.CharField(_("kategori"), max_length=20, choices=Category.choices)
    description = models.TextField(_("beskrivning"), max_length=2000)
    owner = models.CharField(
        _("ansvarig"), max_length=200, blank=True,
        help_text=_("Organisation eller förvaltning, t.ex. Gatuenheten eller Bostadsbolaget."),
    )
    owner_email = models.EmailField(_("ansvarigs e-post"), blank=True)
    deadline = models.DateField(_("åtgärdas senast"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NEW)
    no_action_reason = models.TextField(_("skäl till ingen åtgärd"), max_length=1000, blank=True)
    sent_to = models.CharField(_("skickat vidare till"), max_length=200, blank=True)
    status_changed_at = models.DateTimeField(_("status ändrad"), default=timezone.now)
    feedback_date = models.DateField(_("återkoppling till vandrarna"), null=True, blank=True)
    # Set when the owner was reminded of a passed deadline; cleared when the deadline or status
    # changes, so that a new deadline can be reminded of again.
    reminded_at = models.DateTimeField(_("påmind"), null=True, blank=True, editable=False)
    is_demo = models.BooleanField(default=False, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = FindingQuerySet.as_manager()

    class Meta:
        ordering = ["walk__date", "walk_id", "pk"]
        verbose_name = _("fynd")
        verbose_name_plural = _("fynd")
        indexes = [
            models.Index(fields=["municipality", "status"]),
            models.Index(fields=["status", "deadline"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {self.description[:60]}"

    @property
    def is_fixed(self) -> bool:
        return self.status in FIXED_STATUSES

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def has_point(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    def clean(self):
        errors = place_errors(self.latitude, self.longitude, self.address)
        walk = self.walk if self.walk_id else None
        if walk is not None and walk.type != SAFETY_WALK:
            errors.setdefault("walk", []).append(_("Fynd kan bara höra till en trygghetsvandring."))
        if walk is not None and self.deadline is not None and self.deadline < walk.date:
            errors.setdefault("deadline", []).append(
                _("Sista dag kan inte ligga före vandringen (%(date)s).") % {"date": walk.date.isoformat()}
            )
        if self.status == Status.NO_ACTION and not self.no_action_reason.strip():
            errors.setdefault("no_action_reason", []).append(
                _("Skriv varför ingen åtgärd görs: skälet visas för invånarna.")
            )
        if self.status == Status.NOT_OURS and not self.sent_to.strip():
            errors.setdefault("sent_to", []).append(_("Skriv vem fyndet har skickats vidare till."))
        if errors:
            raise ValidationError(errors)

    def is_late(self, today) -> bool:
        """Still open (ny, planerad) after its deadline: shown as "försenad" in public."""
        return self.is_open and self.deadline is not None and self.deadline < today

    def is_overdue(self, today) -> bool:
        return (
            self.is_open
            and self.deadline is not None
            and self.deadline < today
            and timezone.localdate(self.status_changed_at) <= self.deadline
        )


def _photo_path(instance, filename: str) -> str:
    # The stored name is random: the uploader's file name may carry personal data.
    import uuid

    return f"findings/{uuid.uuid4().hex}.jpg"


class FindingPhoto(models.Model):
    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="photos")
    # Always a JPEG re-encoded by lofte.walks.photos (no EXIF), kept outside any public URL: it is
    # served only through views that check approval (public) or the user's access (staff).
    image = models.FileField(upload_to=_photo_path, max_length=200)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    alt_text = models.CharField(
        _("beskrivning av fotot"), max_length=300, blank=True,
        help_text=_("Kort text för den som inte ser bilden, t.ex. ”Trasig gatlampa vid gångtunneln”."),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
    )
    uploaded_at = models.DateTimeField(default=timezone.now)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
    )
    approved_at = models.DateTimeField(_("godkänt"), null=True, blank=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("foto")
        verbose_name_plural = _("foton")

    def __str__(self) -> str:
        return f"Foto {self.pk} till fynd {self.finding_id}"

    @property
    def is_approved(self) -> bool:
        return self.approved_at is not None


def place_errors(latitude, longitude, address: str) -> dict[str, list[str]]:
    """What is wrong with a finding's place, per field: both coordinates or none, inside Sweden,
    and at least a point or an address."""
    errors: dict[str, list[str]] = {}
    if (latitude is None) != (longitude is None):
        missing = "latitude" if latitude is None else "longitude"
        errors[missing] = [_("Ange både latitud och longitud, eller ingen av dem.")]
        return errors
    if latitude is not None:
        if not LAT_MIN <= Decimal(latitude) <= LAT_MAX:
            errors["latitude"] = [
                _("Platsen ligger utanför Sverige: latituden ska vara mellan %(min)s och %(max)s (t.ex. 59,377).")
                % {"min": str(LAT_MIN).replace(".", ","), "max": str(LAT_MAX).replace(".", ",")}
            ]
        if not LON_MIN <= Decimal(longitude) <= LON_MAX:
            errors["longitude"] = [
                _("Platsen ligger utanför Sverige: longituden ska vara mellan %(min)s och %(max)s (t.ex. 17,03).")
                % {"min": str(LON_MIN).replace(".", ","), "max": str(LON_MAX).replace(".", ",")}
            ]
    elif not (address or "").strip():
        errors["address"] = [
            _("Ange var fyndet finns: välj en punkt på kartan, använd din position eller skriv en adress.")
        ]
    return errors
