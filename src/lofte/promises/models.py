"""Promise sets, their themes, commitments and measurable targets.

Public views read through the `published()` queryset methods only: a draft never reaches a page.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lofte.core.models import Municipality, Organisation


class SourceDocument(models.Model):
    """An imported promise document, kept as uploaded ("Källa") with its checksum."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="source_documents")
    file = models.FileField(_("fil"), upload_to="sources/%Y/")
    name = models.CharField(_("filnamn"), max_length=300)
    content_type = models.CharField(_("filtyp"), max_length=100, blank=True)
    checksum = models.CharField(_("kontrollsumma (SHA-256)"), max_length=64, db_index=True)
    uploaded_at = models.DateTimeField(_("uppladdad"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("källdokument")
        verbose_name_plural = _("källdokument")

    def __str__(self) -> str:
        return self.name


class PromiseSetQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=PromiseSet.Status.PUBLISHED)


class PromiseSet(models.Model):
    """One set of medborgarlöften for a period of one or more years."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        READY = "ready", _("Klar för godkännande")
        PUBLISHED = "published", _("Publicerad")

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="promise_sets")
    first_year = models.PositiveSmallIntegerField(_("första år"))
    last_year = models.PositiveSmallIntegerField(_("sista år"))
    title = models.CharField(_("rubrik"), max_length=300)
    intro = models.TextField(_("inledning"), blank=True)
    signatories = models.TextField(_("undertecknat av"), blank=True, help_text=_("En per rad."))
    source_name = models.CharField(_("källdokument"), max_length=300, blank=True)
    source_checksum = models.CharField(_("kontrollsumma (SHA-256)"), max_length=64, blank=True)
    source_document = models.ForeignKey(
        SourceDocument, on_delete=models.SET_NULL, null=True, blank=True, related_name="promise_sets",
        verbose_name=_("källa"),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(_("publicerad"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PromiseSetQuerySet.as_manager()

    class Meta:
        ordering = ["municipality", "-last_year", "-first_year"]
        verbose_name = _("medborgarlöfte")
        verbose_name_plural = _("medborgarlöften")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "first_year", "last_year"], name="promiseset_unique_period"
            ),
            models.CheckConstraint(
                condition=models.Q(last_year__gte=models.F("first_year")), name="promiseset_year_order"
            ),
        ]
        indexes = [models.Index(fields=["municipality", "status"])]

    def __str__(self) -> str:
        return f"{self.municipality}: {self.title}"

    @property
    def period(self) -> str:
        """The period as it appears in URLs: "2021" or "2022-2023"."""
        if self.first_year == self.last_year:
            return str(self.first_year)
        return f"{self.first_year}-{self.last_year}"

    @property
    def period_label(self) -> str:
        if self.first_year == self.last_year:
            return str(self.first_year)
        return f"{self.first_year}–{self.last_year}"

    @property
    def years(self) -> list[int]:
        return list(range(self.first_year, self.last_year + 1))

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def get_absolute_url(self) -> str:
        return reverse("site:promise_set", args=[self.municipality.slug, self.period])


class Theme(models.Model):
    """A heading inside a set (fokusområde)."""

    promise_set = models.ForeignKey(PromiseSet, on_delete=models.CASCADE, related_name="themes")
    title = models.CharField(_("rubrik"), max_length=300)
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)

    class Meta:
        ordering = ["promise_set", "position"]
        verbose_name = _("tema")
        verbose_name_plural = _("teman")

    def __str__(self) -> str:
        return self.title


class CommitmentQuerySet(models.QuerySet):
    def published(self):
        return self.filter(promise_set__status=PromiseSet.Status.PUBLISHED, archived=False)


class Commitment(models.Model):
    """One promise (löfte/åtagande) of a set: its text, its parties, its theme and targets."""

    promise_set = models.ForeignKey(PromiseSet, on_delete=models.CASCADE, related_name="commitments")
    theme = models.ForeignKey(
        Theme, on_delete=models.SET_NULL, null=True, blank=True, related_name="commitments"
    )
    number = models.PositiveSmallIntegerField(_("nummer"))
    text = models.TextField(_("text"))
    parties = models.ManyToManyField(Organisation, related_name="commitments", verbose_name=_("parter"))
    # A commitment that disappeared from a re-imported document is archived, never deleted, so the
    # activities recorded against it are kept.
    archived = models.BooleanField(_("arkiverad"), default=False)

    objects = CommitmentQuerySet.as_manager()

    class Meta:
        ordering = ["promise_set", "number"]
        verbose_name = _("löfte")
        verbose_name_plural = _("löften")
        constraints = [
            models.UniqueConstraint(fields=["promise_set", "number"], name="commitment_unique_number"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:80]}"

    def get_absolute_url(self) -> str:
        return reverse(
            "site:commitment",
            args=[self.promise_set.municipality.slug, self.promise_set.period, self.number],
        )


class Target(models.Model):
    """A measurable target: a count of activities (of a type) per period or per year.

    A coverage target ("i olika kommundelar") counts distinct areas instead of activities; with no
    count it asks for every area of the municipality.
    """

    class Per(models.TextChoices):
        PERIOD = "period", _("under perioden")
        YEAR = "year", _("per år")

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="targets")
    count = models.PositiveIntegerField(_("antal"), null=True, blank=True)
    # Empty: the target counts activities (each record's count). Otherwise the name of a figure of
    # the activity type's records that is summed instead, e.g. "attendees" (see the type registry).
    figure = models.CharField(_("mätetal"), max_length=50, blank=True)
    unit = models.CharField(_("enhet"), max_length=100)
    activity_type = models.CharField(_("aktivitetstyp"), max_length=50, blank=True)
    per = models.CharField(_("per"), max_length=10, choices=Per.choices, default=Per.PERIOD)
    covers_areas = models.BooleanField(_("täcker kommundelar"), default=False)

    class Meta:
        ordering = ["commitment", "pk"]
        verbose_name = _("mål")
        verbose_name_plural = _("mål")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(count__isnull=False) | models.Q(covers_areas=True),
                name="target_count_or_coverage",
            ),
        ]

    def __str__(self) -> str:
        if self.count is None:
            return f"{self.unit} i alla kommundelar"
        per = " per år" if self.per == self.Per.YEAR else ""
        return f"minst {self.count} {self.unit}{per}"


class Approval(models.Model):
    """A redaktör's approval of a set on behalf of one promising party ("Godkänd av … den …")."""

    promise_set = models.ForeignKey(PromiseSet, on_delete=models.CASCADE, related_name="approvals")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="approvals")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    approver_name = models.CharField(_("godkänd av"), max_length=200)
    approved_at = models.DateTimeField(_("godkänd"), auto_now_add=True)

    class Meta:
        ordering = ["approved_at"]
        verbose_name = _("godkännande")
        verbose_name_plural = _("godkännanden")
        constraints = [
            models.UniqueConstraint(fields=["promise_set", "organisation"], name="approval_unique_party"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.approver_name} {self.approved_at:%Y-%m-%d}"


class CommitmentVersion(models.Model):
    """An earlier text of a published commitment: published texts are frozen, changes add versions."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveSmallIntegerField(_("version"))
    text = models.TextField(_("text"))
    valid_from = models.DateTimeField(_("gäller från"))
    valid_until = models.DateTimeField(_("gällde till"), auto_now_add=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    reason = models.TextField(_("skäl till ändringen"), blank=True)

    class Meta:
        ordering = ["commitment", "version"]
        verbose_name = _("löftesversion")
        verbose_name_plural = _("löftesversioner")
        constraints = [
            models.UniqueConstraint(fields=["commitment", "version"], name="commitmentversion_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.commitment_id} v{self.version}"


class Assessment(models.Model):
    """A dated, signed written assessment of a commitment (for qualitative ones above all)."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="assessments")
    text = models.TextField(_("bedömning"), max_length=5000)
    assessed_on = models.DateField(_("datum"))
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="assessments",
                                     verbose_name=_("organisation"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    author_name = models.CharField(_("skriven av"), max_length=200)
    # Demo assessments are invented examples, like demo activity records.
    is_demo = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-assessed_on", "-pk"]
        verbose_name = _("bedömning")
        verbose_name_plural = _("bedömningar")

    def __str__(self) -> str:
        return f"{self.assessed_on}: {self.text[:60]}"
