"""EST counts as indicators of the situation picture: a weekly series per category, for the
municipality and for each of its areas, so that commitments can be linked to them
(situation.CommitmentIndicator) like any other indicator.

`rebuild_indicators()` recounts a municipality's reports and writes the counts through the
situation picture's ImportRunner, which stores only what changed and makes the new counts visible
at once; running it twice writes nothing the second time. Every week from the first report to the
current one gets a value (zero included), so a report moved to another category or week lowers the
old count as well. It runs in the background after reports arrive (lofte.est.tasks).
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from django.utils import timezone

from lofte.core.models import Area, Municipality
from lofte.est.models import Category, Report, week_of
from lofte.situation.importing.runs import ImportRunner, IndicatorSpec, RunResult, Value
from lofte.situation.models import ImportRun, Indicator, Observation

KEY_PREFIX = "est:"
ATTRIBUTION = "EST-rapportörer (Löfte)"


def indicator_key(category: str) -> str:
    return KEY_PREFIX + category


def specs() -> list[IndicatorSpec]:
    return [
        IndicatorSpec(
            key=indicator_key(category.value), name=f"EST-rapporter: {category.label}", unit="rapporter",
            kind=Indicator.Kind.COUNT, period_kind=Indicator.PeriodKind.WEEK, source=Indicator.Source.EST,
            attribution=ATTRIBUTION, theme=Indicator.Theme.SAFETY, source_ref="EST",
            description=("Antal rapporter per vecka från kommunens EST-rapportörer (effektiv samordning "
                         "för trygghet) i kategorin."),
            position=5000 + position,
        )
        for position, category in enumerate(Category)
    ]


def weekly_counts(municipality: Municipality) -> tuple[Counter, list]:
    """(category, area id or None, week) -> number of reports; None is the whole municipality.
    Also returns the weeks, from the first report's to the current one."""
    rows = list(Report.objects.incidents().filter(municipality=municipality)
                .values_list("category", "area_id", "week"))
    counts: Counter = Counter()
    for category, area_id, week in rows:
        counts[(category, None, week)] += 1
        if area_id is not None:
            counts[(category, area_id, week)] += 1
    if not rows:
        return counts, []
    first = min(week for _c, _a, week in rows)
    last = max(week_of(timezone.localdate()), max(week for _c, _a, week in rows))
    weeks = []
    while first <= last:
        weeks.append(first)
        first += timedelta(days=7)
    return counts, weeks


def rebuild_indicators(municipality: Municipality) -> RunResult | None:
    """Write the municipality's weekly EST counts; None when it has no reports and no series."""
    counts, weeks = weekly_counts(municipality)
    area_ids = list(Area.objects.filter(municipality=municipality).values_list("pk", flat=True))
    # Periods already stored (a report since moved or corrected) get their new count, zero too.
    stored = set(
        Observation.objects.live().filter(series__indicator__source=Indicator.Source.EST,
                                          series__region=municipality.code)
        .values_list("series__indicator__key", "series__area_id", "period_start")
    )
    if not weeks and not stored:
        return None
    periods = sorted(set(weeks) | {period for _k, _a, period in stored})
    is_demo = Report.objects.filter(municipality=municipality, is_demo=True).exists()
    values = []
    for category in Category.values:
        for area_id in [None, *area_ids]:
            for week in periods:
                values.append(Value(indicator=indicator_key(category), region=municipality.code, area_id=area_id,
                                    period_start=week, value=float(counts.get((category, area_id, week), 0))))
    with ImportRunner(Indicator.Source.EST, f"EST {municipality.name}", is_demo=is_demo) as runner:
        runner.indicators(specs())
        runner.write(values)
        result = runner.finish()
    if not result.created and not result.changed:
        # Nothing new: the run holds no rows, so it need not stay in the import list either.
        ImportRun.objects.filter(pk=result.run.pk, observations__isnull=True).delete()
    return result
