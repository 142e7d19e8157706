"""All-or-nothing imports written in short transactions: the ImportRun machinery.

SQLite has one writer at a time. An import of a large file in one transaction would make every
public write (a citizen's input, a recorded activity) wait for it, so imports write in batches of
BATCH rows, each its own short transaction, and stay invisible until they are complete:

1. **Validate** the whole file first (the importers do; nothing is written while a problem exists).
2. **Stage**: a run is created in status `staging`; its observations are written batch by batch
   with `run` pointing at it. A value that changes a live one does not overwrite it: the new row
   is added and the old row gets `replaced_by = run`. Public pages read through
   `Observation.objects.live()`, which shows rows of live runs only and ignores `replaced_by`
   until that run is live too, so nothing staged is visible yet.
3. **Flip**: one short transaction turns the run `live` (and applies changed indicator texts and
   bumps the affected municipalities' `content_changed_at`). From this instant every new value is
   visible and every replaced one hidden: the whole file, at once.
4. **Tidy**: replaced rows are deleted in batches (already invisible), and series' `last_period`
   is recomputed.

Killed or failing before the flip, the run's rows are garbage that no page reads: `fail_run`
deletes them (and clears `replaced_by`), and the next import sweeps runs whose heartbeat stopped.
Killed after the flip, the data is complete; only tidying is left, which the next import does.
Only one import writes at a time: a second one is refused while a run's heartbeat is fresh.

Importing the same file again writes nothing: values equal to the live ones are counted as
unchanged and not staged.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import connection, transaction
from django.db.models import Max, OuterRef, Subquery
from django.utils import timezone

from lofte.core import generation
from lofte.core.models import Municipality
from lofte.situation.models import COUNTRY, ImportRun, Indicator, Observation, Series

from .errors import IndicatorImportError

BATCH = 2000
# A staging run that has not written for this long was killed (a batch takes well under a second).
ABANDONED_AFTER = timedelta(minutes=10)

_INSERT = (
    f"INSERT INTO {Observation._meta.db_table} (series_id, period_start, value, rate, base, status, run_id) "
    "VALUES (%s, %s, %s, %s, %s, %s, %s)"
)
_INDICATOR_FIELDS = ("name", "description", "unit", "kind", "period_kind", "theme", "source", "source_ref",
                     "source_url", "attribution", "licence", "decimals", "position")


@dataclass
class IndicatorSpec:
    """What an importer knows about an indicator; created at once, texts updated at the flip."""

    key: str
    name: str
    unit: str
    kind: str
    period_kind: str
    source: str
    attribution: str
    theme: str = Indicator.Theme.OTHER
    source_ref: str = ""
    source_url: str = ""
    licence: str = ""
    description: str = ""
    decimals: int = 0
    position: int = 1000


@dataclass(slots=True)
class Value:
    """One value to import: indicator key, place (SCB region, optional area id), gender, period."""

    indicator: str
    region: str
    period_start: date
    value: float | None
    area_id: int | None = None
    gender: str = "T"
    rate: float | None = None
    base: int | None = None
    status: str = ""

    @property
    def key(self) -> tuple:
        return (self.indicator, self.region, self.area_id, self.gender, self.period_start)


@dataclass
class RunResult:
    run: ImportRun
    created: int = 0
    changed: int = 0
    unchanged: int = 0
    indicators: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        if self.created or self.changed:
            head = f"{self.created} nya värden, {self.changed} ändrade, {self.unchanged} oförändrade"
        else:
            head = f"oförändrat: alla {self.unchanged} värden fanns redan"
        return [head, *self.notes]


class NullProgress:
    def update(self, n: int = 1) -> None:
        pass

    def close(self) -> None:
        pass


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-12)


def delete_in_batches(queryset, size: int = BATCH * 5) -> int:
    """Delete the rows of `queryset` a batch per transaction; returns how many."""
    model = queryset.model
    total = 0
    while True:
        pks = list(queryset.values_list("pk", flat=True)[:size])
        if not pks:
            return total
        with transaction.atomic():
            model.objects.filter(pk__in=pks).delete()
        total += len(pks)


def fail_run(run: ImportRun, problem: str = "") -> None:
    """Mark a run failed and remove everything it staged; nothing of it was ever visible."""
    from lofte.situation.models import PoliceEvent, StagedPoliceEvent

    with transaction.atomic():
        summary = dict(run.summary or {})
        if problem:
            summary["problem"] = problem[:2000]
        ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.FAILED, finished_at=timezone.now(),
                                                   summary=summary)
    run.status = ImportRun.Status.FAILED
    delete_in_batches(Observation.objects.filter(run=run))
    while True:
        pks = list(Observation.objects.filter(replaced_by=run).values_list("pk", flat=True)[: BATCH * 5])
        if not pks:
            break
        with transaction.atomic():
            Observation.objects.filter(pk__in=pks).update(replaced_by=None)
    delete_in_batches(StagedPoliceEvent.objects.filter(run=run))
    # Events the run saw first were written straight to PoliceEvent, after every row that existed
    # before it (summary["first_new"]); they go again. Known events were only staged.
    first_new = (run.summary or {}).get("first_new")
    if first_new is not None:
        last = PoliceEvent.objects.filter(pk__gte=first_new).aggregate(last=Max("pk"))["last"] or 0
        for low in range(first_new, last + 1, BATCH * 5):
            with transaction.atomic():
                PoliceEvent.objects.filter(pk__gte=low, pk__lt=low + BATCH * 5, run=run).delete()


def sweep_abandoned(now=None) -> int:
    """Fail the staging runs of killed processes; tidy after live runs whose tidying was cut short."""
    now = now or timezone.now()
    stale = list(ImportRun.objects.filter(status=ImportRun.Status.STAGING, heartbeat_at__lt=now - ABANDONED_AFTER))
    for run in stale:
        fail_run(run, "avbruten: processen slutade svara")
    # Replaced rows of live runs are invisible already; deleting them is housekeeping.
    delete_in_batches(Observation.objects.filter(replaced_by__status=ImportRun.Status.LIVE))
    return len(stale)


def check_no_other_import(now=None) -> None:
    now = now or timezone.now()
    busy = ImportRun.objects.filter(
        status__in=[ImportRun.Status.STAGING, ImportRun.Status.READY], heartbeat_at__gte=now - ABANDONED_AFTER
    ).first()
    if busy is not None:
        raise IndicatorImportError(
            f"en annan import pågår ({busy.get_source_display()}, {busy.name[:80]}, startad "
            f"{timezone.localtime(busy.started_at):%Y-%m-%d %H:%M}); försök igen när den är klar"
        )


class ImportRunner:
    """Stage values under one run, then make them visible at once (see the module docstring)."""

    def __init__(self, source: str, name: str, *, checksum: str = "", is_demo: bool = False, progress=None,
                 batch: int = BATCH):
        self.source = source
        self.name = name[:500]
        self.checksum = checksum
        self.is_demo = is_demo
        self.progress = progress if progress is not None else NullProgress()
        self.batch = batch
        self.run: ImportRun | None = None
        self.result: RunResult | None = None
        self._indicator_ids: dict[str, int] = {}
        self._pending_texts: dict[int, dict] = {}
        self._series: dict[tuple, int] = {}
        self._loaded_indicators: set[int] = set()
        self._touched_series: set[int] = set()
        self._regions: set[str] = set()
        self._buffer: list[Value] = []

    # -- lifecycle -------------------------------------------------------------------------

    def start(self) -> ImportRun:
        sweep_abandoned()
        check_no_other_import()
        self.run = ImportRun.objects.create(source=self.source, name=self.name, checksum=self.checksum,
                                            is_demo=self.is_demo)
        self.result = RunResult(self.run)
        return self.run

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None and self.run is not None and self.run.status != ImportRun.Status.LIVE:
            fail_run(self.run, str(exc) if exc else "")
        return False

    def indicators(self, specs: Iterable[IndicatorSpec]) -> None:
        """Create missing indicators now (an indicator without live values is never shown) and keep
        changed texts of existing ones for the flip."""
        specs = list(specs)
        existing = {i.key: i for i in Indicator.objects.filter(key__in=[s.key for s in specs])}
        for spec in specs:
            values = {f: getattr(spec, f) for f in _INDICATOR_FIELDS}
            current = existing.get(spec.key)
            if current is None:
                current = Indicator.objects.create(key=spec.key, **values)
                existing[spec.key] = current
            elif any(getattr(current, f) != v for f, v in values.items()):
                self._pending_texts[current.pk] = values
            self._indicator_ids[spec.key] = current.pk
            self.result.indicators.append(spec.key)

    def write(self, values: Iterable[Value]) -> None:
        for value in values:
            self._buffer.append(value)
            if len(self._buffer) >= self.batch:
                self._flush()

    def finish(self) -> RunResult:
        """Write what is buffered, flip the run live, tidy up. Returns the counts."""
        self._flush()
        self.flip()
        self.tidy()
        return self.result

    # -- staging ---------------------------------------------------------------------------

    def _load_series(self, indicator_id: int) -> None:
        if indicator_id in self._loaded_indicators:
            return
        for pk, region, area_id, gender in Series.objects.filter(indicator_id=indicator_id).values_list(
            "pk", "region", "area_id", "gender"
        ):
            self._series[(indicator_id, region, area_id, gender)] = pk
        self._loaded_indicators.add(indicator_id)

    def _series_ids(self, values: list[Value]) -> list[int]:
        keys = []
        missing = {}
        for v in values:
            indicator_id = self._indicator_ids[v.indicator]
            self._load_series(indicator_id)
            key = (indicator_id, v.region, v.area_id, v.gender)
            keys.append(key)
            if key not in self._series and key not in missing:
                municipality_id = self._municipality_id(v.region)
                missing[key] = Series(indicator_id=indicator_id, region=v.region, area_id=v.area_id,
                                      gender=v.gender, municipality_id=municipality_id)
        if missing:
            created = Series.objects.bulk_create(list(missing.values()), batch_size=1000)
            for key, series in zip(missing, created):
                self._series[key] = series.pk
        return [self._series[k] for k in keys]

    def _municipality_id(self, region: str) -> int | None:
        if len(region) != 4:
            return None
        if not hasattr(self, "_municipality_ids"):
            self._municipality_ids = dict(Municipality.objects.values_list("code", "pk"))
        return self._municipality_ids.get(region)

    def _flush(self) -> None:
        if not self._buffer:
            return
        chunk, self._buffer = self._buffer, []
        with transaction.atomic():
            series_ids = self._series_ids(chunk)
            periods = {v.period_start for v in chunk}
            live = {
                (s, p): (pk, value, rate, base, status)
                for pk, s, p, value, rate, base, status in Observation.objects.live()
                .filter(series_id__in=set(series_ids), period_start__in=periods)
                .values_list("pk", "series_id", "period_start", "value", "rate", "base", "status")
            }
            new_rows, replaced = [], []
            adapt_date = connection.ops.adapt_datefield_value
            for series_id, v in zip(series_ids, chunk):
                current = live.get((series_id, v.period_start))
                if current is not None:
                    pk, value, rate, base, status = current
                    if _same(value, v.value) and _same(rate, v.rate) and base == v.base and status == v.status:
                        self.result.unchanged += 1
                        continue
                    replaced.append(pk)
                    self.result.changed += 1
                else:
                    self.result.created += 1
                new_rows.append((series_id, adapt_date(v.period_start), v.value, v.rate, v.base, v.status, self.run.pk))
                self._touched_series.add(series_id)
                self._regions.add(v.region)
            if new_rows:
                # Plain executemany: model instances for hundreds of thousands of weekly counts would
                # cost more than the database work itself (bench/README.md).
                with connection.cursor() as cursor:
                    cursor.executemany(_INSERT, new_rows)
            if replaced:
                Observation.objects.filter(pk__in=replaced).update(replaced_by=self.run)
            ImportRun.objects.filter(pk=self.run.pk).update(heartbeat_at=timezone.now())
        self.progress.update(len(chunk))

    # -- flip and tidy ---------------------------------------------------------------------

    def flip(self, extra_summary: dict | None = None) -> None:
        result = self.result
        summary = {**(extra_summary or {}), "created": result.created, "changed": result.changed,
                   "unchanged": result.unchanged, "indicators": len(set(result.indicators))}
        with transaction.atomic():
            for pk, values in self._pending_texts.items():
                Indicator.objects.filter(pk=pk).update(**values, updated_at=timezone.now())
            ImportRun.objects.filter(pk=self.run.pk).update(status=ImportRun.Status.LIVE, finished_at=timezone.now(),
                                                           summary=summary)
            touch_regions(self._regions | ({"00"} if self._pending_texts else set()))
        self.run.status = ImportRun.Status.LIVE
        self.run.summary = summary

    def tidy(self) -> None:
        delete_in_batches(Observation.objects.filter(replaced_by=self.run))
        update_last_periods(self._touched_series)
        refresh_planner_statistics(self.result.created + self.result.changed)


# After this many new or changed values SQLite's planner statistics are brought up to date.
STATISTICS_AFTER = 10_000


def refresh_planner_statistics(written: int) -> None:
    """SQLite keeps no statistics of its own (PostgreSQL's autovacuum analyzes by itself): after a
    large import its planner chose full scans for the lägesbild's observation queries (0.45 s each
    at national scale; under 7 ms after ANALYZE, bench/README.md). Only the tables an import
    writes, sampled (`analysis_limit`), so it takes milliseconds even at a million values."""
    if written < STATISTICS_AFTER or connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA analysis_limit=1000")
        for model in (Observation, Series):
            cursor.execute(f'ANALYZE "{model._meta.db_table}"')


def update_last_periods(series_ids: Iterable[int]) -> None:
    """Recompute Series.last_period (the newest live period with a value), one UPDATE per batch."""
    ids = list(series_ids)
    newest = (
        Observation.objects.live().filter(series=OuterRef("pk"), value__isnull=False)
        .order_by("-period_start").values("period_start")[:1]
    )
    for start in range(0, len(ids), BATCH):
        with transaction.atomic():
            Series.objects.filter(pk__in=ids[start:start + BATCH]).update(last_period=Subquery(newest))


def touch_regions(regions: set[str]) -> None:
    """Bump content_changed_at of every municipality whose lägesbild shows one of `regions`: the
    municipality itself, every municipality of a county, every municipality for the country."""
    if not regions:
        return
    generation.bump()
    now = timezone.now()
    if COUNTRY in regions:
        Municipality.objects.update(content_changed_at=now)
        return
    codes = {r for r in regions if len(r) == 4}
    counties = {r for r in regions if len(r) == 2}
    Municipality.objects.filter(code__in=codes).update(content_changed_at=now)
    if counties:
        Municipality.objects.filter(county_code__in=counties).update(content_changed_at=now)
