"""The situation picture (lägesbild): indicators, their observations, police events, import runs.

An **Indicator** is what is measured (reported violent crimes per 100,000 inhabitants, share of
residents who feel unsafe, the police's "Inbrott" events per week), with its unit, period kind,
source, licence and how it is measured. A **Series** is one indicator for one place: the country
("00"), a county ("04") or a municipality ("0486"), named by its SCB region code, optionally one
area (kommundel) of a municipality, and one gender (Kolada's T/K/M; T is the total). An
**Observation** is one value of a series for one period.

Population (SCB's BE0101N1, "Folkmängd") is the indicator POPULATION_KEY, so it is imported,
versioned and published exactly like every other series (lofte.situation.population reads it).

Every import writes through an **ImportRun** (see lofte.situation.importing.runs): its rows stay
invisible until the run turns live in one short transaction, so a page shows either everything a
file brought or nothing of it, while the writing itself happens in short transactions that never
make a public write wait long on SQLite. `Observation.objects.live()` is the only way public code
reads observations.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lofte.core.models import Area, Municipality
from lofte.promises.models import Commitment

COUNTRY = "00"
POPULATION_KEY = "scb:folkmangd"


class Indicator(models.Model):
    class Source(models.TextChoices):
        KOLADA = "kolada", "Kolada"
        SCB = "scb", "SCB"
        POLICE = "police", _("Polisens händelser")
        BRA = "bra", "Brå"
        SURVEY = "survey", _("Enkät")
        # Weekly counts of EST reports (lofte.est.indicators); shown in public only through
        # lofte.est.public, with small counts suppressed.
        EST = "est", _("EST-rapporter")
        OTHER = "other", _("Annan källa")

    class PeriodKind(models.TextChoices):
        WEEK = "week", _("vecka")
        MONTH = "month", _("månad")
        QUARTER = "quarter", _("kvartal")
        TERTIAL = "tertial", _("tertial")
        YEAR = "year", _("år")

    class Kind(models.TextChoices):
        # A count is shown per 100,000 inhabitants too when the population is known.
        COUNT = "count", _("antal")
        RATE = "rate", _("per 100 000 invånare")
        SHARE = "share", _("andel (%)")
        OTHER = "other", _("annat mått")

    class Theme(models.TextChoices):
        CRIME = "crime", _("Anmälda brott")
        SAFETY = "safety", _("Trygghet och otrygghet")
        TRAFFIC = "traffic", _("Trafik")
        EVENTS = "events", _("Polisens händelser")
        POPULATION = "population", _("Befolkning")
        OTHER = "other", _("Övriga indikatorer")

    # Stable identity across imports: "kolada:N07403", "police:Inbrott", "bra:skadegorelsebrott".
    key = models.CharField(_("nyckel"), max_length=120, unique=True)
    name = models.CharField(_("namn"), max_length=300)
    description = models.TextField(_("hur det mäts"), blank=True)
    unit = models.CharField(_("enhet"), max_length=100)
    kind = models.CharField(_("typ av mått"), max_length=10, choices=Kind.choices, default=Kind.OTHER)
    period_kind = models.CharField(_("periodtyp"), max_length=10, choices=PeriodKind.choices)
    theme = models.CharField(_("tema"), max_length=20, choices=Theme.choices, default=Theme.OTHER)
    source = models.CharField(_("källa"), max_length=10, choices=Source.choices)
    # The source's own id (a Kolada KPI, an SCB table, a Brå category), shown beside the source.
    source_ref = models.CharField(_("källans beteckning"), max_length=100, blank=True)
    source_url = models.URLField(_("källans webbadress"), blank=True)
    attribution = models.CharField(_("källhänvisning"), max_length=200)
    licence = models.CharField(_("licens"), max_length=100, blank=True)
    decimals = models.PositiveSmallIntegerField(_("decimaler"), default=0)
    position = models.PositiveIntegerField(_("ordning"), default=1000)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("indikator")
        verbose_name_plural = _("indikatorer")
        indexes = [models.Index(fields=["source"])]

    def __str__(self) -> str:
        return self.name


class ImportRun(models.Model):
    """One import of one file or one fetch: the unit that becomes visible all at once, or never.

    staging -> (ready ->) live, or -> failed. `ready` is the commit point of a police-events run whose
    events are validated and staged but not yet applied: such a run is finished by the next import
    (roll forward) if the process was killed while applying it.
    """

    class Status(models.TextChoices):
        STAGING = "staging", _("skrivs")
        READY = "ready", _("granskad, tillämpas")
        LIVE = "live", _("publicerad")
        FAILED = "failed", _("misslyckad")

    source = models.CharField(_("källa"), max_length=10, choices=Indicator.Source.choices)
    name = models.CharField(_("fil eller adress"), max_length=500)
    checksum = models.CharField(_("kontrollsumma (SHA-256)"), max_length=64, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.STAGING)
    is_demo = models.BooleanField(_("demodata"), default=False)
    started_at = models.DateTimeField(_("startad"), default=timezone.now)
    # Refreshed after every written batch: a staging run whose heartbeat stopped was killed.
    heartbeat_at = models.DateTimeField(_("senast aktiv"), default=timezone.now)
    finished_at = models.DateTimeField(_("klar"), null=True, blank=True)
    summary = models.JSONField(_("sammanfattning"), default=dict, blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = _("import")
        verbose_name_plural = _("importer")
        indexes = [models.Index(fields=["status"])]

    def __str__(self) -> str:
        return f"{self.get_source_display()} {self.name} ({self.get_status_display()})"


class Series(models.Model):
    """One indicator for one place (country, county, municipality or area) and gender."""

    class Gender(models.TextChoices):
        TOTAL = "T", _("totalt")
        WOMEN = "K", _("kvinnor")
        MEN = "M", _("män")

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="series")
    # SCB's region code: "00" Sweden, two digits a county, four digits a municipality.
    region = models.CharField(_("regionkod"), max_length=4)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, null=True, blank=True, related_name="indicator_series"
    )
    area = models.ForeignKey(Area, on_delete=models.CASCADE, null=True, blank=True, related_name="indicator_series")
    gender = models.CharField(_("kön"), max_length=1, choices=Gender.choices, default=Gender.TOTAL)
    # The newest period with a live value, kept by the importer (coverage checks and listings).
    last_period = models.DateField(_("senaste period"), null=True, blank=True)

    class Meta:
        verbose_name = _("tidsserie")
        verbose_name_plural = _("tidsserier")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "region", "gender"], condition=models.Q(area__isnull=True),
                name="series_unique_place",
            ),
            models.UniqueConstraint(
                fields=["indicator", "area", "gender"], condition=models.Q(area__isnull=False),
                name="series_unique_area",
            ),
        ]
        indexes = [
            models.Index(fields=["region", "indicator"]),
            models.Index(fields=["municipality", "indicator"]),
        ]

    def __str__(self) -> str:
        place = self.area.name if self.area_id else self.region
        return f"{self.indicator_id} {place} {self.gender}"


# Sources whose series the public sees only aggregated (small counts suppressed), never value by value.
AGGREGATED_ONLY_SOURCES = ["est"]


def _not_replaced() -> models.Q:
    return models.Q(replaced_by__isnull=True) | ~models.Q(replaced_by__status=ImportRun.Status.LIVE)


class ObservationQuerySet(models.QuerySet):
    def live(self):
        """Values of live runs that no newer live run has replaced: what the public sees."""
        return self.filter(run__status=ImportRun.Status.LIVE).filter(_not_replaced())

    def public_series(self):
        """Live values that may be published one by one (the API, downloads): all but the sources
        whose raw counts are shown only aggregated with small counts suppressed (EST, through
        lofte.est.public)."""
        # The same rule as live(), the run's status as a correlated EXISTS rather than a join: the
        # API pages through the whole country's values in id order, and with the join SQLite starts
        # from the few runs, reads every live value to sort them and then keeps 100 (30 ms at 50,000
        # values, growing with the table); with EXISTS it walks the values in id order and stops.
        live_run = ImportRun.objects.filter(pk=models.OuterRef("run_id"), status=ImportRun.Status.LIVE)
        return (
            self.filter(models.Exists(live_run)).filter(_not_replaced())
            .exclude(series__indicator__source__in=AGGREGATED_ONLY_SOURCES)
        )


class Observation(models.Model):
    # No index of its own: the unique constraint's index starts with the series (and serves every
    # read, which is by series and period). Fewer indexes make the weekly counts of a large police
    # import cheaper to write (bench/README.md).
    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="observations", db_index=False)
    # The first day of the period (a Monday for weeks); the indicator's period kind says how long it is.
    period_start = models.DateField(_("period"))
    # None: the source says the value is missing or withheld (see `status`).
    value = models.FloatField(_("värde"), null=True, blank=True)
    # Per 100,000 inhabitants as the source gives it beside a count (Brå); otherwise computed.
    rate = models.FloatField(_("per 100 000 invånare"), null=True, blank=True)
    # How many the value rests on: respondents of a survey question, Kolada's count.
    base = models.PositiveIntegerField(_("underlag"), null=True, blank=True)
    # The source's own flag: Kolada's status ("" or e.g. "Saknas"), ".." in Brå's tables.
    status = models.CharField(_("statusflagga"), max_length=30, blank=True)
    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="observations")
    # Set while staging a new value for the same series and period; effective once that run is live,
    # after which the import deletes this row.
    replaced_by = models.ForeignKey(
        ImportRun, on_delete=models.SET_NULL, null=True, blank=True, related_name="replaced_observations",
        db_index=False,
    )

    objects = ObservationQuerySet.as_manager()

    class Meta:
        verbose_name = _("observation")
        verbose_name_plural = _("observationer")
        constraints = [
            models.UniqueConstraint(fields=["series", "period_start", "run"], name="observation_unique_per_run"),
        ]
        indexes = [
            # Only the few rows waiting to be tidied away are in it.
            models.Index(fields=["replaced_by"], condition=models.Q(replaced_by__isnull=False),
                         name="observation_replaced"),
        ]

    def __str__(self) -> str:
        return f"{self.series_id} {self.period_start}: {self.value}"


class PoliceEvent(models.Model):
    """One event from the police's public events feed, kept after the feed has forgotten it.

    Upserted on the feed's id. `region` is where the feed places it: a municipality (by
    `location.name`), a county ("Södermanlands län"), or "00" when the name matched neither. The
    feed's GPS point is only the centre of that municipality or county, never the place itself.
    """

    event_id = models.BigIntegerField(_("händelse-id"), unique=True)
    occurred_at = models.DateTimeField(_("tidpunkt"))
    # Monday of the event's ISO week in Swedish time: the counts per week are grouped on it.
    week = models.DateField(_("vecka"))
    type = models.CharField(_("typ"), max_length=100)
    name = models.CharField(_("rubrik"), max_length=300)
    summary = models.TextField(_("sammanfattning"), blank=True)
    url = models.CharField(_("länk"), max_length=500, blank=True)
    location_name = models.CharField(_("plats"), max_length=100)
    gps = models.CharField(_("ortens mittpunkt"), max_length=40, blank=True)
    region = models.CharField(_("regionkod"), max_length=4)
    # Neither foreign key is indexed: events are read by week (recounts) and id (upserts) only, and
    # each index would slow every upsert of a large import.
    municipality = models.ForeignKey(
        Municipality, on_delete=models.SET_NULL, null=True, blank=True, related_name="police_events", db_index=False
    )
    # "Sammanfattning natt" and the like: the police's daily round-ups, not incidents; never counted.
    is_summary = models.BooleanField(_("sammanfattning"), default=False)
    run = models.ForeignKey(ImportRun, on_delete=models.SET_NULL, null=True, related_name="+", db_index=False)

    class Meta:
        ordering = ["-occurred_at"]
        # Covers the weekly recount (GROUP BY week, type, region WHERE NOT is_summary) on its own,
        # so counting a million events never sorts or reads the table (bench/README.md).
        indexes = [models.Index(fields=["week", "type", "region", "is_summary"], name="policeevent_week_count")]
        verbose_name = _("polisens händelse")
        verbose_name_plural = _("polisens händelser")

    def __str__(self) -> str:
        return self.name


class StagedPoliceEvent(models.Model):
    """A validated event waiting for its run to be applied; never read by a public page."""

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="staged_events")
    event_id = models.BigIntegerField()
    occurred_at = models.DateTimeField()
    week = models.DateField()
    type = models.CharField(max_length=100)
    name = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True)
    location_name = models.CharField(max_length=100)
    gps = models.CharField(max_length=40, blank=True)
    region = models.CharField(max_length=4)
    municipality = models.ForeignKey(Municipality, on_delete=models.DO_NOTHING, null=True, blank=True, related_name="+",
                                     db_index=False, db_constraint=False)
    is_summary = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("händelse under import")
        verbose_name_plural = _("händelser under import")


class FetchCall(models.Model):
    """One call to a source's API, kept so that the published rate limits hold across processes."""

    source = models.CharField(max_length=10, choices=Indicator.Source.choices)
    at = models.DateTimeField(default=timezone.now)
    url = models.CharField(max_length=500)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["source", "at"])]
        verbose_name = _("anrop")
        verbose_name_plural = _("anrop")


class CommitmentIndicator(models.Model):
    """An indicator a commitment should move ("Effekter per löfte"): the link lives here, beside the
    indicators, so that promises never needs to know about situation (DESIGN.md §4)."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="indicator_links")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="commitment_links")
    # The area whose series is meant, when the commitment concerns one kommundel.
    area = models.ForeignKey(Area, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)

    class Meta:
        ordering = ["commitment", "position", "pk"]
        verbose_name = _("indikator för löfte")
        verbose_name_plural = _("indikatorer för löften")
        constraints = [
            models.UniqueConstraint(fields=["commitment", "indicator"], name="commitmentindicator_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.commitment_id} → {self.indicator_id}"
