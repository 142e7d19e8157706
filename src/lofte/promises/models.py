"""Promise sets, their themes, commitments and measurable targets.

Public views read through the `published()` queryset methods only: a draft never reaches a page.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lofte.core.models import Area, Municipality, Organisation
from lofte.promises import periods, titles
from lofte.promises.status import Period


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

    def current(self, today: date):
        """Sets whose period includes `today`."""
        return self.filter(start__lte=today, end__gte=today)

    def ended(self, today: date):
        """Sets whose period is over at the end of `today` (see Period.has_ended)."""
        return self.filter(end__lte=today)


class PromiseSet(models.Model):
    """One set of medborgarlöften for a period (first and last day), optionally for one area.

    Big municipalities promise per district: a set may be scoped to an area, and several sets may
    share a period when their scopes differ. The public address is `/<kommun>/<slug>/`, or
    `/<kommun>/<area>/<slug>/` for an area's set, where the slug is made of the period's years
    (lofte.promises.periods) and stored, so it stays what people linked to.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        READY = "ready", _("Klar för godkännande")
        PUBLISHED = "published", _("Publicerad")

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="promise_sets")
    start = models.DateField(_("första dag"))
    end = models.DateField(_("sista dag"))
    area = models.ForeignKey(
        Area, on_delete=models.PROTECT, null=True, blank=True, related_name="promise_sets",
        verbose_name=_("område"), help_text=_("Tomt: medborgarlöftet gäller hela kommunen."),
    )
    slug = models.CharField(_("period i webbadressen"), max_length=40, editable=False)
    title = models.CharField(_("rubrik"), max_length=300)
    intro = models.TextField(_("inledning"), blank=True)
    signatories = models.TextField(_("undertecknat av"), blank=True, help_text=_("En per rad."))
    # Organisations that take part without promising (a district administration beside the police):
    # named on the page, never asked to approve.
    partners = models.ManyToManyField(
        Organisation, blank=True, related_name="partner_in_sets", verbose_name=_("i samverkan med"),
    )
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
        ordering = ["municipality", "-end", "-start"]
        verbose_name = _("medborgarlöfte")
        verbose_name_plural = _("medborgarlöften")
        constraints = [
            # NULL never equals NULL in a unique index, so the municipality-wide sets (no area) need
            # constraints of their own.
            models.UniqueConstraint(
                fields=["municipality", "slug"], condition=models.Q(area__isnull=True),
                name="promiseset_unique_slug",
            ),
            models.UniqueConstraint(
                fields=["municipality", "area", "slug"], condition=models.Q(area__isnull=False),
                name="promiseset_unique_area_slug",
            ),
            models.UniqueConstraint(
                fields=["municipality", "start", "end"], condition=models.Q(area__isnull=True),
                name="promiseset_unique_period",
            ),
            models.UniqueConstraint(
                fields=["municipality", "area", "start", "end"], condition=models.Q(area__isnull=False),
                name="promiseset_unique_area_period",
            ),
            models.CheckConstraint(condition=models.Q(end__gte=models.F("start")), name="promiseset_date_order"),
        ]
        indexes = [models.Index(fields=["municipality", "status"])]

    def __str__(self) -> str:
        return f"{self.municipality}: {self.title}"

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = periods.free_slug(self.dates, self.slug_taken)
        super().save(*args, **kwargs)

    def slug_taken(self, slug: str) -> bool:
        """Whether another set of the same municipality and area has this address."""
        others = PromiseSet.objects.filter(municipality_id=self.municipality_id, area_id=self.area_id, slug=slug)
        return others.exclude(pk=self.pk).exists() if self.pk else others.exists()

    @property
    def dates(self) -> Period:
        return Period(self.start, self.end)

    @property
    def first_year(self) -> int:
        return self.start.year

    @property
    def last_year(self) -> int:
        return self.end.year

    @property
    def period(self) -> str:
        """The period as it appears in the set's address: "2021", "2022-2023" (or with a suffix)."""
        return self.slug

    @property
    def years_label(self) -> str:
        """"2022–2023"."""
        return periods.years_label(self.dates)

    @property
    def period_label(self) -> str:
        """The period in words: "2022–2023", or its dates when it does not run over whole years."""
        return periods.dates_label(self.dates)

    @property
    def years(self) -> list[int]:
        return list(range(self.first_year, self.last_year + 1))

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def _url(self, name: str, *extra) -> str:
        # Kept per instance: a set page links each commitment twice and its share image twice, and
        # reverse() is a good part of drawing it. An instance lives for one request (or one
        # command), and a change of slug or area saves through a form that loads the set afresh.
        memo = self.__dict__.setdefault("_url_memo", {})
        key = (name, self.municipality_id, self.area_id, self.slug, *extra)
        url = memo.get(key)
        if url is None:
            if self.area_id:
                url = reverse(f"site:area_{name}", args=[self.municipality.slug, self.area.slug, self.slug, *extra])
            else:
                url = reverse(f"site:{name}", args=[self.municipality.slug, self.slug, *extra])
            memo[key] = url
        return url

    def get_absolute_url(self) -> str:
        return self._url("promise_set")

    def source_url(self) -> str:
        return self._url("source_document")

    def commitment_url(self, number: int) -> str:
        return self._url("commitment", number)

    def share_image_url(self) -> str:
        return self._url("share_image")

    def poster_url(self, size: str = "a4") -> str:
        return self._url("poster", size)


class PromiseSetAlias(models.Model):
    """An address a set had before (its period or area changed): it redirects to the set's address."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    area = models.ForeignKey(Area, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    slug = models.CharField(max_length=40)
    promise_set = models.ForeignKey(PromiseSet, on_delete=models.CASCADE, related_name="aliases")

    class Meta:
        verbose_name = _("tidigare webbadress")
        verbose_name_plural = _("tidigare webbadresser")
        indexes = [models.Index(fields=["municipality", "slug"])]

    def __str__(self) -> str:
        return self.slug


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


def published_commitment(prefix: str = "") -> models.Q:
    """The rule for a published commitment (its set published, itself not archived) as a filter,
    for commitments (prefix "") or for rows that reach one through `prefix` ("commitment__"): a
    join in the query rather than `commitment__in=Commitment.objects.published()`, which SQLite
    evaluates again for every row of a correlated subquery (the national feed took 66 s)."""
    return models.Q(**{f"{prefix}promise_set__status": PromiseSet.Status.PUBLISHED, f"{prefix}archived": False})


class CommitmentQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_commitment())


class Commitment(models.Model):
    """One promise (löfte/åtagande) of a set: its text, its parties, its theme and targets."""

    promise_set = models.ForeignKey(PromiseSet, on_delete=models.CASCADE, related_name="commitments")
    theme = models.ForeignKey(
        Theme, on_delete=models.SET_NULL, null=True, blank=True, related_name="commitments"
    )
    number = models.PositiveSmallIntegerField(_("nummer"))
    # A name for headings, links and lists ("Minst fyra trygghetsvandringar i kommunen"), derived
    # from the text on import (lofte.promises.titles) and editable by redaktörer.
    short_title = models.CharField(_("kort rubrik"), max_length=100, blank=True)
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
        return f"{self.number}. {self.title}"

    @property
    def title(self) -> str:
        """The short title, or the start of the text for a commitment that has none yet."""
        return self.short_title or titles.short_title(self.text)

    def get_absolute_url(self) -> str:
        return self.promise_set.commitment_url(self.number)


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
    """A dated, signed written assessment of a commitment (for qualitative ones above all).

    After the period a final assessment gives a verdict (Uppfyllt, Delvis uppfyllt, Ej uppfyllt) with
    its reasoning and evidence: the verdict of a commitment without a measurable target.
    """

    class Verdict(models.TextChoices):
        ACHIEVED = "achieved", _("Uppfyllt")
        PARTLY = "partly", _("Delvis uppfyllt")
        MISSED = "missed", _("Ej uppfyllt")

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="assessments")
    text = models.TextField(_("bedömning"), max_length=5000)
    verdict = models.CharField(_("slutbedömning"), max_length=20, choices=Verdict.choices, blank=True)
    # Links to what the verdict rests on (minutes, reports, pages), one per line.
    evidence = models.TextField(_("underlag"), blank=True, max_length=5000)
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

    @property
    def is_final(self) -> bool:
        return bool(self.verdict)

    @property
    def evidence_links(self) -> list[str]:
        return [line.strip() for line in self.evidence.splitlines() if line.strip()]
