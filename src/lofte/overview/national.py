"""Figures across all municipalities for the national overview (`/statistik/`).

Every number comes from the same sources as the municipalities' own pages: published sets and
commitments only (`published()` querysets), statuses computed by lofte.promises.status through
lofte.activities.progress, as of one date.

No league tables: municipalities are never ranked or listed by how they do. A county's status
distribution is shown only when it pools the commitments of at least MIN_MUNICIPALITIES
municipalities, and a theme is named only when at least that many municipalities promise about it
(the others are counted together), so no small municipality is singled out by a figure of a few
items. The page says so.

Speed: the whole computation is a fixed handful of queries per chunk of SET_CHUNK sets (the
commitments, targets, counted work and verdicts as plain rows: lofte.activities.progress.
current_statuses), then pure Python; at 290 municipalities with several sets each that is a few
chunks (bench/statistik.py). The result is cached per day and
per version of the data (`cached_overview()`): the first request of a day computes it, and after
a change a background task does while the figures from before the change are shown.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max

from lofte.activities.progress import current_statuses
from lofte.core.models import Area, Municipality
from lofte.promises.models import Commitment, PromiseSet, Theme
from lofte.promises.status import Status
from lofte.reports.public import published_reports as public_reports

# A county's status distribution, or a theme, needs at least this many municipalities behind it.
MIN_MUNICIPALITIES = 3
# Sets per prefetch: keeps every IN (...) list far below SQLite's variable limit.
SET_CHUNK = 400
# Themes named on the page (the most common first); the rest are counted together.
THEMES_SHOWN = 15
CACHE_SECONDS = 60 * 60 * 24
# After a change, at most one background recomputation per this many seconds.
REFRESH_LOCK_SECONDS = 60
_CODE = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:12]


@dataclass(frozen=True)
class StatusShare:
    status: Status
    count: int
    percent: int


@dataclass(frozen=True)
class Distribution:
    """How many commitments have each status, pooled over `municipalities` municipalities."""

    municipalities: int
    commitments: int
    counts: tuple[tuple[Status, int], ...]

    @property
    def shown(self) -> bool:
        return self.municipalities >= MIN_MUNICIPALITIES and self.commitments > 0

    @property
    def shares(self) -> list[StatusShare]:
        return [StatusShare(s, n, percent(n, self.commitments)) for s, n in self.counts]


@dataclass(frozen=True)
class CountyFigures:
    code: str
    name: str
    municipalities: int
    with_current: int
    current: Distribution

    @property
    def percent(self) -> int:
        return percent(self.with_current, self.municipalities)


@dataclass(frozen=True)
class ThemeFigure:
    title: str
    municipalities: int


@dataclass
class NationalOverview:
    as_of: date
    municipalities: int
    # Municipalities with a published set whose period includes the date, and with any published set.
    with_current: int
    with_published: int
    counties: list[CountyFigures]
    themes: list[ThemeFigure]
    # Themes promised about by fewer than MIN_MUNICIPALITIES municipalities (or beyond THEMES_SHOWN).
    other_themes: int
    # Published commitments of current sets, and how many of them have a measurable target.
    commitments: int
    measurable: int
    current: Distribution
    ended: Distribution
    # Published follow-up reports (lofte.reports.public).
    reports: ReportFigures
    threshold: int = MIN_MUNICIPALITIES
    sets_current: int = 0
    sets_ended: int = 0

    @property
    def measurable_percent(self) -> int:
        return percent(self.measurable, self.commitments)

    @property
    def current_percent(self) -> int:
        return percent(self.with_current, self.municipalities)


@dataclass(frozen=True)
class ReportFigures:
    reports: int
    municipalities: int


def percent(part: int, whole: int) -> int:
    """A whole percentage, rounded half up (0 for an empty whole)."""
    return int(part * 100 / whole + 0.5) if whole else 0


def theme_key(title: str) -> str:
    """Titles that differ only in case, spacing or punctuation are the same theme."""
    return re.sub(r"[\W_]+", " ", title.casefold()).strip()


def report_figures() -> ReportFigures:
    """Published follow-up reports across the country, and how many municipalities published one."""
    reports = public_reports()
    return ReportFigures(reports.count(), reports.order_by().values("municipality_id").distinct().count())


def _distribution(evaluations: list[tuple[int, Status]]) -> Distribution:
    """From (municipality id, status) pairs."""
    counts = Counter(status for _m, status in evaluations)
    return Distribution(
        municipalities=len({m for m, _s in evaluations}),
        commitments=len(evaluations),
        counts=tuple((s, counts[s]) for s in Status if counts[s]),
    )


def _chunks(items: list, size: int):
    for start in range(0, len(items), size):
        yield items[start:start + size]


def national_overview(as_of: date) -> NationalOverview:
    """The overview as of a date, computed from the database (see cached_overview())."""
    municipalities = list(Municipality.objects.only("id", "name", "county", "county_code"))
    county_of = {m.pk: (m.county_code, m.county) for m in municipalities}
    areas = dict(Area.objects.values("municipality_id").annotate(n=Count("pk")).values_list("municipality_id", "n"))
    published = list(PromiseSet.objects.published().only("id", "municipality_id", "start", "end", "area_id"))
    current_sets = [s for s in published if s.dates.contains(as_of) and not s.dates.has_ended(as_of)]
    ended_sets = [s for s in published if s.dates.has_ended(as_of)]
    # A set on its last day is over at the end of it: it counts as current for "has promises now"
    # and among the ended sets' verdicts, as the set's own page does ("Slutresultat").
    with_current = {s.municipality_id for s in published if s.dates.contains(as_of)}

    current_status: list[tuple[int, Status]] = []
    ended_status: list[tuple[int, Status]] = []
    measurable = 0
    counted = [(s, current_status) for s in current_sets] + [(s, ended_status) for s in ended_sets]
    for chunk in _chunks(counted, SET_CHUNK):
        sets = {s.pk: (s, bucket) for s, bucket in chunk}
        for set_id, evaluations in current_statuses([s for s, _b in chunk], as_of, areas).items():
            promise_set, bucket = sets[set_id]
            for evaluation in evaluations:
                bucket.append((promise_set.municipality_id, evaluation.status))
                if bucket is current_status and evaluation.progress is not None:
                    measurable += 1

    by_county: dict[str, list[tuple[int, Status]]] = defaultdict(list)
    for municipality_id, status in current_status:
        by_county[county_of[municipality_id][0]].append((municipality_id, status))
    county_names: dict[str, str] = {}
    county_sizes: Counter = Counter()
    county_current: Counter = Counter()
    for m in municipalities:
        county_names[m.county_code] = m.county
        county_sizes[m.county_code] += 1
        county_current[m.county_code] += m.pk in with_current
    counties = [
        CountyFigures(code, county_names[code], county_sizes[code], county_current[code],
                      _distribution(by_county.get(code, [])))
        for code in sorted(county_names)
    ]
    themes, other_themes = _themes([s.pk for s in current_sets])
    return NationalOverview(
        as_of=as_of,
        municipalities=len(municipalities),
        with_current=len(with_current),
        with_published=len({s.municipality_id for s in published}),
        counties=counties,
        themes=themes,
        other_themes=other_themes,
        commitments=len(current_status),
        measurable=measurable,
        current=_distribution(current_status),
        ended=_distribution(ended_status),
        reports=report_figures(),
        sets_current=len(current_sets),
        sets_ended=len(ended_sets),
    )


def _themes(set_ids: list[int]) -> tuple[list[ThemeFigure], int]:
    """The themes of the given sets with published commitments, by how many municipalities use them."""
    municipalities: dict[str, set[int]] = defaultdict(set)
    spellings: dict[str, Counter] = defaultdict(Counter)
    for chunk in _chunks(set_ids, SET_CHUNK):
        rows = (
            Theme.objects.filter(promise_set__in=chunk, commitments__in=Commitment.objects.published())
            .values_list("title", "promise_set__municipality_id").distinct()
        )
        for title, municipality_id in rows:
            key = theme_key(title)
            if key:
                municipalities[key].add(municipality_id)
                spellings[key][title.strip()] += 1
    ranked = sorted(municipalities, key=lambda k: (-len(municipalities[k]), k))
    shown = [k for k in ranked if len(municipalities[k]) >= MIN_MUNICIPALITIES][:THEMES_SHOWN]
    figures = [ThemeFigure(spellings[k].most_common(1)[0][0], len(municipalities[k])) for k in shown]
    return figures, len(ranked) - len(shown)


def data_version() -> str:
    """Changes whenever anything shown on any municipality's pages changes (content_changed_at is
    bumped by signals on every change of sets, commitments, activities and assessments)."""
    agg = Municipality.objects.aggregate(changed=Max("content_changed_at"), n=Count("pk"))
    changed = agg["changed"].isoformat() if agg["changed"] else "-"
    return f"{agg['n']}|{changed}"


def _cache_key(as_of: date) -> str:
    raw = f"{as_of.isoformat()}|{settings.LOFTE_RELEASE}|{settings.FOLLOW_UP_GRACE_DAYS}|{_CODE}"
    return "national-overview:" + hashlib.sha256(raw.encode()).hexdigest()[:32]


def refresh_overview(as_of: date) -> NationalOverview:
    """Compute the overview and keep it in the cache with the data version it was computed from."""
    version = data_version()
    overview = national_overview(as_of)
    cache.set(_cache_key(as_of), (version, overview), CACHE_SECONDS)
    return overview


def cached_overview(as_of: date) -> NationalOverview:
    """The overview, computed once per day and then again after each change of the data.

    Computing it takes seconds at national scale (bench/statistik.py), and any change on any
    municipality's pages is a new version of the data. So the first request of a day computes it
    (there is nothing to show before), and after a change the request is answered with the figures
    from before the change while a background task computes the new ones (one task per change
    burst: a lock in the cache). With the immediate task backend the new figures are there at once.
    """
    key = _cache_key(as_of)
    entry = cache.get(key)
    if entry is None:
        return refresh_overview(as_of)
    version, overview = entry
    if version != data_version() and cache.add(key + ":refreshing", True, REFRESH_LOCK_SECONDS):
        from lofte.overview.tasks import refresh_national_overview

        refresh_national_overview.enqueue(as_of.isoformat())
        entry = cache.get(key) or entry
    return entry[1]
