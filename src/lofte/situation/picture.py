"""The situation picture of one municipality, assembled for the lägesbild page and its PDF.

Plain functions the site's view (and tests) call. Every value read goes through
`Observation.objects.live()`, so nothing of an unfinished import is ever shown. A fixed number of
queries, however many municipalities, indicators and observations the instance holds:

1. the series of the municipality, its county and the country (police event types excluded);
2. their live observations;
3. the runs those came from (demo or not, when imported);
4-6. the police events: event-type series of the three places, their sums over the window, and the
   latest police run (the coverage of the events history).

Rates per 100,000 inhabitants: a source's own rate where it gives one (Kolada's rate KPIs, Brå's
"per 100 000 invånare"), otherwise the count divided by SCB's population of the period's year (or
the latest earlier year), for the municipality, the county and the country alike.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from lofte.core.models import Area, Municipality
from lofte.situation import charts
from lofte.situation.importing import periods
from lofte.situation.models import COUNTRY, POPULATION_KEY, ImportRun, Indicator, Observation, Series

# How many periods a chart shows, per period kind.
SHOWN_PERIODS = {"year": 10, "quarter": 12, "tertial": 12, "month": 24, "week": 52}
THEME_ORDER = [Indicator.Theme.CRIME, Indicator.Theme.SAFETY, Indicator.Theme.TRAFFIC, Indicator.Theme.OTHER]
EVENT_WINDOW = timedelta(weeks=52)
# County and country comparisons of police events need events from (nearly) all their
# municipalities over the window, or the comparison would rest on a part of the place.
EVENT_COVERAGE = 0.9
TOP_EVENT_TYPES = 12


@dataclass
class Column:
    heading: str
    values: list[str]


@dataclass
class TableRow:
    label: str
    cells: list[str]


@dataclass
class IndicatorView:
    indicator: Indicator
    chart: str
    chart_id: str
    unit_label: str
    headings: list[str]
    rows: list[TableRow]
    latest_label: str
    latest_value: str
    updated: date | None
    is_demo: bool
    note: str = ""

    @property
    def caption(self) -> str:
        """The table's caption: the name, with the unit unless the name or the headings say it."""
        name = self.indicator.name
        unit = self.unit_label
        said = not unit or unit.split()[0].casefold() in name.casefold() or ("100 000" in unit and "100 000" in name)
        if self.indicator.kind == Indicator.Kind.COUNT or said:
            return name
        return f"{name} ({unit})"

    @property
    def fingerprint(self) -> str:
        """A hash of everything the indicator's section shows, so its rendered HTML can be cached
        and reused while other parts of the page change."""
        parts = (self.indicator.pk, self.indicator.updated_at.isoformat() if self.indicator.updated_at else "",
                 self.chart, self.headings, [(r.label, r.cells) for r in self.rows], self.latest_label,
                 self.latest_value, str(self.updated), self.is_demo, self.note, self.unit_label)
        return hashlib.sha1(repr(parts).encode()).hexdigest()

    @property
    def wide(self) -> bool:
        """A table with more than three columns of values gets the whole width, under its chart."""
        return len(self.headings) > 3


@dataclass
class ThemeView:
    key: str
    label: str
    indicators: list[IndicatorView]


@dataclass
class EventRow:
    type: str
    count: int
    rate: str
    county_rate: str
    country_rate: str


@dataclass
class EventsView:
    start: date
    end: date
    rows: list[EventRow]
    total: int
    chart: str
    county_compared: bool
    country_compared: bool
    is_demo: bool
    shorter_than_a_year: bool


@dataclass
class Population:
    value: int
    year: int
    is_demo: bool

    @property
    def display(self) -> str:
        return charts.swedish_number(self.value)


@dataclass
class SituationPicture:
    municipality: Municipality
    county: str
    population: Population | None
    themes: list[ThemeView] = field(default_factory=list)
    events: EventsView | None = None
    is_demo: bool = False

    @property
    def has_data(self) -> bool:
        return bool(self.themes or self.events)


@dataclass
class _Obs:
    period: date
    value: float | None
    rate: float | None
    run_id: int


def _county_name(municipality: Municipality) -> str:
    return municipality.county


def _place_name(series: Series, municipality: Municipality, areas: dict[int, str]) -> str:
    if series.area_id:
        name = areas.get(series.area_id, "")
        # The town that shares the municipality's name (Strängnäs in Strängnäs) is one of its areas.
        return _("%(name)s (kommundelen)") % {"name": name} if name == municipality.name else name
    if series.region == COUNTRY:
        return _("Riket")
    if len(series.region) == 2:
        return _county_name(municipality)
    return municipality.name


def _population_lookup(by_region: dict[str, dict[int, float]]):
    def population(region: str, year: int) -> float | None:
        years = by_region.get(region) or {}
        usable = [y for y in years if y <= year]
        return years[max(usable)] if usable else None

    return population


def situation_picture(municipality: Municipality, today: date) -> SituationPicture:
    county = municipality.county_code
    regions = [municipality.code, county, COUNTRY]
    areas = dict(Area.objects.filter(municipality=municipality).values_list("pk", "name"))
    series_list = list(
        Series.objects.filter(region__in=regions, gender=Series.Gender.TOTAL)
        # Police events and EST counts have sections of their own (EST's with small counts hidden).
        .exclude(indicator__source__in=[Indicator.Source.POLICE, Indicator.Source.EST])
        .select_related("indicator")
    )
    observations: dict[int, list[_Obs]] = defaultdict(list)
    for series_id, period, value, rate, run_id in (
        Observation.objects.live().filter(series__in=[s.pk for s in series_list])
        .order_by("period_start").values_list("series_id", "period_start", "value", "rate", "run_id")
    ):
        observations[series_id].append(_Obs(period, value, rate, run_id))
    run_ids = {o.run_id for values in observations.values() for o in values}
    police_run = _latest_police_run()
    runs = {r.pk: r for r in ImportRun.objects.filter(pk__in=run_ids)} if run_ids else {}

    by_indicator: dict[int, list[Series]] = defaultdict(list)
    for series in series_list:
        if observations.get(series.pk):
            by_indicator[series.indicator_id].append(series)
    population_by_region: dict[str, dict[int, float]] = defaultdict(dict)
    population_series = [s for s in series_list if s.indicator.key == POPULATION_KEY and not s.area_id]
    for series in population_series:
        for o in observations.get(series.pk, []):
            if o.value is not None:
                population_by_region[series.region][o.period.year] = o.value
    population = _population_lookup(population_by_region)

    picture = SituationPicture(municipality, _county_name(municipality), None)
    own = population_by_region.get(municipality.code)
    if own:
        year = max(own)
        series = next(s for s in population_series if s.region == municipality.code)
        demo = any(runs[o.run_id].is_demo for o in observations[series.pk] if o.run_id in runs)
        picture.population = Population(int(own[year]), year, demo)

    themes: dict[str, list[IndicatorView]] = defaultdict(list)
    for group in by_indicator.values():
        indicator = group[0].indicator
        if indicator.key == POPULATION_KEY:
            continue
        # Only indicators with values for this municipality (or its areas) belong on its page.
        if not any(s.region == municipality.code for s in group):
            continue
        view = _indicator_view(indicator, group, observations, runs, municipality, areas, population)
        if view is not None:
            themes[indicator.theme].append(view)
    for key in THEME_ORDER:
        if themes.get(key):
            views = sorted(themes[key], key=lambda v: (v.indicator.position, v.indicator.name))
            picture.themes.append(ThemeView(key, str(Indicator.Theme(key).label), views))
    picture.events = _events_view(municipality, today, population, police_run)
    picture.is_demo = (
        any(v.is_demo for t in picture.themes for v in t.indicators)
        or bool(picture.events and picture.events.is_demo)
        or bool(picture.population and picture.population.is_demo)
    )
    return picture


def _order(series: Series, municipality_code: str) -> tuple:
    if series.area_id:
        return (1, series.area_id)
    return ({municipality_code: 0, COUNTRY: 3}.get(series.region, 2), 0)


def _indicator_view(indicator, group, observations, runs, municipality, areas, population) -> IndicatorView | None:
    group = sorted(group, key=lambda s: _order(s, municipality.code))
    kind = indicator.period_kind
    all_periods = sorted({o.period for s in group for o in observations[s.pk]})
    shown = all_periods[-SHOWN_PERIODS.get(kind, 10):]
    if not shown:
        return None
    count_based = indicator.kind == Indicator.Kind.COUNT
    decimals = indicator.decimals
    headings: list[str] = []
    columns: list[list[str]] = []
    lines: list[charts.Line] = []
    latest: tuple[date, float] | None = None
    used_runs: set[int] = set()
    rate_decimals = 0
    own = next((s for s in group if s.region == municipality.code and not s.area_id), None)
    # The latest value shown: the municipality's, or its first area's when only areas have values.
    headline = own or next((s for s in group if s.area_id), None)
    for series in group:
        by_period = {o.period: o for o in observations[series.pk]}
        used_runs |= {by_period[p].run_id for p in shown if p in by_period}
        name = _place_name(series, municipality, areas)
        if count_based:
            rates = [_rate(by_period.get(p), series.region, p, population) for p in shown]
            if series is own:
                headings.append(_("Antal, %(place)s") % {"place": name})
                columns.append([charts.swedish_number(by_period[p].value if p in by_period else None) for p in shown])
            if any(r is not None for r in rates):
                headings.append(_("Per 100 000 inv., %(place)s") % {"place": name})
                columns.append([charts.swedish_number(r, rate_decimals) for r in rates])
                lines.append(charts.Line(name, tuple(rates)))
            elif series is own:
                lines.append(charts.Line(name, tuple(by_period[p].value if p in by_period else None for p in shown)))
        else:
            values = [by_period[p].value if p in by_period else None for p in shown]
            headings.append(name)
            columns.append([charts.swedish_number(v, decimals) for v in values])
            lines.append(charts.Line(name, tuple(values)))
        if series is headline:
            for o in reversed(observations[series.pk]):
                if o.value is not None:
                    latest = (o.period, o.value)
                    break
    labels = [periods.short_label(kind, p) for p in shown]
    unit = (_("per 100 000 invånare") if count_based and len(lines) and any(h.startswith("Per 100") for h in headings)
            else indicator.unit)
    chart_id = "diagram-" + "".join(ch if ch.isalnum() else "-" for ch in indicator.key)
    places = ", ".join(line.name for line in lines)
    first, last = periods.period_label(kind, shown[0]), periods.period_label(kind, shown[-1])
    description = _("%(name)s, %(unit)s, %(first)s–%(last)s: %(places)s. Samma siffror finns i tabellen under diagrammet.") % {
        "name": indicator.name, "unit": unit, "first": first, "last": last, "places": places}
    chart = charts.line_chart(chart_id, indicator.name, description, labels, lines,
                              decimals=rate_decimals if count_based else decimals) if lines else ""
    rows = [TableRow(periods.period_label(kind, p), [column[i] for column in columns]) for i, p in enumerate(shown)]
    used = [runs[r] for r in used_runs if r in runs]
    finished = [timezone.localtime(r.finished_at).date() for r in used if r.finished_at]
    note = ""
    if count_based and any(h.startswith("Per 100") for h in headings):
        note = _("Per 100 000 invånare: källans egen uppgift där den finns, annars antalet delat med SCB:s folkmängd.")
    return IndicatorView(
        indicator=indicator, chart=chart, chart_id=chart_id, unit_label=unit, headings=headings, rows=rows,
        latest_label=periods.period_label(kind, latest[0]) if latest else "",
        latest_value=charts.swedish_number(latest[1], decimals) if latest else "",
        updated=max(finished) if finished else None,
        is_demo=any(r.is_demo for r in used), note=note,
    )


def _rate(observation: _Obs | None, region: str, period: date, population) -> float | None:
    if observation is None or observation.value is None:
        return None
    if observation.rate is not None:
        return observation.rate
    people = population(region, period.year)
    return observation.value / people * 100_000 if people else None


# ------------------------------------------------------------------------------------ police events


def _latest_police_run() -> ImportRun | None:
    return ImportRun.objects.filter(source=Indicator.Source.POLICE, status=ImportRun.Status.LIVE).order_by("-pk").first()


def _covered(coverage: dict[str, list[str]], codes: list[str], start: date) -> bool:
    if not codes:
        return False
    start_text = start.isoformat()
    covered = sum(1 for code in codes if code in coverage and coverage[code][1] >= start_text)
    return covered / len(codes) >= EVENT_COVERAGE


def _events_view(municipality: Municipality, today: date, population, latest_run: ImportRun | None) -> EventsView | None:
    if latest_run is None:
        return None
    coverage = (latest_run.summary or {}).get("coverage") or {}
    own = coverage.get(municipality.code)
    if not own:
        return None
    end = periods.week_of(today) - timedelta(days=1)
    start = periods.week_of(end - EVENT_WINDOW + timedelta(days=1))
    earliest = date.fromisoformat(min(c[0] for c in coverage.values()))
    shorter = earliest > start
    start = max(start, earliest)
    regions = [municipality.code, municipality.county_code, COUNTRY]
    series = {
        s.pk: s for s in Series.objects.filter(indicator__source=Indicator.Source.POLICE, region__in=regions,
                                                area__isnull=True).select_related("indicator")
    }
    totals = dict(
        Observation.objects.live().filter(series__in=list(series), period_start__gte=start, period_start__lte=end)
        .values("series_id").annotate(total=Sum("value")).values_list("series_id", "total")
    )
    by_type: dict[str, dict[str, float]] = defaultdict(dict)
    for pk, total in totals.items():
        s = series[pk]
        by_type[s.indicator.name][s.region] = total or 0
    county_codes = list(Municipality.objects.filter(county_code=municipality.county_code).values_list("code", flat=True))
    all_codes = list(Municipality.objects.values_list("code", flat=True))
    county_ok = _covered(coverage, county_codes, start)
    country_ok = _covered(coverage, all_codes, start)
    year = end.year
    people = {r: population(r, year) for r in regions}

    def rate(value, region):
        if value is None or not people[region]:
            return "–"
        per = value / people[region] * 100_000
        return charts.swedish_number(per, 1 if per < 10 else 0)

    rows = []
    for event_type, values in by_type.items():
        count = int(values.get(municipality.code, 0))
        if not count:
            continue
        rows.append(EventRow(
            type=event_type, count=count, rate=rate(count, municipality.code),
            county_rate=rate(values.get(municipality.county_code), municipality.county_code) if county_ok else "",
            country_rate=rate(values.get(COUNTRY), COUNTRY) if country_ok else "",
        ))
    if not rows:
        return None
    rows.sort(key=lambda r: (-r.count, r.type))
    top = rows[:TOP_EVENT_TYPES]
    label = _("Polisens händelser i %(name)s per typ, %(start)s–%(end)s") % {
        "name": municipality.name, "start": start.isoformat(), "end": end.isoformat()}
    description = _("Antal händelser per typ, de %(n)s vanligaste: %(list)s. Alla typer finns i tabellen.") % {
        "n": len(top), "list": ", ".join(f"{r.type} {r.count}" for r in top)}
    chart = charts.bar_chart("diagram-polisens-handelser", label, description,
                             [r.type for r in reversed(top)], [r.count for r in reversed(top)])
    return EventsView(start=start, end=end, rows=rows, total=sum(r.count for r in rows), chart=chart,
                      county_compared=county_ok, country_compared=country_ok, is_demo=latest_run.is_demo,
                      shorter_than_a_year=shorter)
