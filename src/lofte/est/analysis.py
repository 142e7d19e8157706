"""Tertial and year analysis of EST reports: trends per category and area, the places that recur,
reporting coverage, and the exports (CSV of counts, a PDF appendix for the follow-up report).

Exports carry counts only: no free text and no position finer than an area ever leaves the staff
pages (DESIGN.md §3). Charts are drawn with pygal through lofte.situation.charts.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from lofte.core.models import Area, Municipality
from lofte.est.models import Category, Report, week_of
from lofte.est.weekly import NO_AREA, coverage
from lofte.lib.pdf import render_pdf
from lofte.lib.spreadsheets import csv_bytes
from lofte.situation import charts

MONTHS = ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
# A place recurs when reports near it (a grid cell of about 100 m) came in at least this many weeks.
RECURRING_WEEKS = 3
GRID = Decimal("0.001")
# At most this many categories drawn in the trend chart (all are in the table).
CHART_CATEGORIES = 4


@dataclass(frozen=True)
class Period:
    kind: str  # "tertial" or "year"
    year: int
    number: int = 0  # the tertial, 1–3

    @property
    def start(self) -> date:
        return date(self.year, 1 + 4 * (self.number - 1), 1) if self.kind == "tertial" else date(self.year, 1, 1)

    @property
    def end(self) -> date:
        if self.kind == "tertial" and self.number < 3:
            return date(self.year, 1 + 4 * self.number, 1) - timedelta(days=1)
        return date(self.year, 12, 31)

    @property
    def label(self) -> str:
        if self.kind == "tertial":
            return _("tertial %(n)s %(year)s") % {"n": self.number, "year": self.year}
        return str(self.year)

    @property
    def slug(self) -> str:
        return f"{self.year}-t{self.number}" if self.kind == "tertial" else str(self.year)

    def previous(self) -> Period:
        if self.kind == "tertial":
            return Period("tertial", self.year - 1, 3) if self.number == 1 else Period("tertial", self.year, self.number - 1)
        return Period("year", self.year - 1)

    def months(self) -> list[date]:
        first, result = self.start, []
        while first <= self.end:
            result.append(first)
            first = date(first.year + first.month // 12, first.month % 12 + 1, 1)
        return result


def parse_period(text: str | None, today: date) -> Period:
    """"2026", "2026-t2" (or nothing: the current tertial)."""
    text = (text or "").strip().lower()
    try:
        if "-t" in text:
            year, number = text.split("-t")
            if int(number) in (1, 2, 3):
                return Period("tertial", int(year), int(number))
        elif text:
            return Period("year", int(text))
    except ValueError:
        pass
    return Period("tertial", today.year, (today.month - 1) // 4 + 1)


@dataclass
class Row:
    label: str
    cells: list[int]
    total: int
    previous: int

    @property
    def change(self) -> str:
        if not self.previous:
            return _("ny") if self.total else "–"
        percent = round(100 * (self.total - self.previous) / self.previous)
        return f"{percent:+d} %".replace("-", "−")


@dataclass
class RecurringPlace:
    area: str
    category: str
    weeks: int
    reports: int
    latitude: Decimal
    longitude: Decimal


@dataclass
class Analysis:
    municipality: Municipality
    period: Period
    month_labels: list[str]
    by_category: list[Row]
    by_area: list[Row]
    recurring: list[RecurringPlace]
    reported: dict[str, int]
    silent: list[str]
    weeks: int
    total: int
    previous_total: int
    nothing_count: int
    chart: str

    @property
    def chart_id(self) -> str:
        return "est-trend"


def _weeks(period: Period, today: date) -> list[date]:
    first, last = week_of(period.start), week_of(min(period.end, today))
    weeks = []
    while first <= last:
        weeks.append(first)
        first += timedelta(days=7)
    return weeks


def analysis(municipality: Municipality, period: Period, today: date) -> Analysis:
    reports = list(Report.objects.filter(municipality=municipality, date__gte=period.start, date__lte=period.end)
                   .select_related("area"))
    previous = period.previous()
    before = list(Report.objects.incidents().filter(municipality=municipality, date__gte=previous.start,
                                                   date__lte=previous.end).values_list("category", "area_id"))
    incidents = [r for r in reports if not r.nothing_to_report]
    months = period.months()
    index = {(m.year, m.month): i for i, m in enumerate(months)}
    labels = dict(Category.choices)
    per_category: dict[str, list[int]] = {c: [0] * len(months) for c in Category.values}
    areas = {a.pk: a.name for a in Area.objects.filter(municipality=municipality)}
    area_names = sorted(areas.values()) + [str(NO_AREA)]
    per_area: dict[str, list[int]] = {name: [0] * len(months) for name in area_names}
    for report in incidents:
        i = index[(report.date.year, report.date.month)]
        per_category[report.category][i] += 1
        per_area[areas.get(report.area_id, str(NO_AREA))][i] += 1
    before_category = Counter(c for c, _a in before)
    before_area = Counter(areas.get(a, str(NO_AREA)) for _c, a in before)
    by_category = [Row(str(labels[c]), per_category[c], sum(per_category[c]), before_category.get(c, 0))
                   for c in Category.values]
    by_area = [Row(name, per_area[name], sum(per_area[name]), before_area.get(name, 0)) for name in area_names
               if sum(per_area[name]) or before_area.get(name)]
    weeks = _weeks(period, today)
    reported, silent = coverage(municipality, weeks)
    # A period lies within one year (its label says which), so the month's name is enough.
    month_labels = [MONTHS[m.month - 1] for m in months]
    drawn = sorted((r for r in by_category if r.total), key=lambda r: -r.total)[:CHART_CATEGORIES]
    chart = ""
    if drawn:
        description = _("EST-rapporter per månad, %(period)s, de vanligaste kategorierna: %(list)s. Alla siffror "
                        "finns i tabellen.") % {"period": period.label,
                                                 "list": ", ".join(f"{r.label} {r.total}" for r in drawn)}
        chart = charts.line_chart("est-trend", _("EST-rapporter per månad"), description, month_labels,
                                  [charts.Line(_short(r.label), tuple(r.cells)) for r in drawn])
    return Analysis(
        municipality=municipality, period=period, month_labels=month_labels, by_category=by_category,
        by_area=by_area, recurring=recurring_places(incidents, areas, labels), reported=reported, silent=silent,
        weeks=len(weeks), total=len(incidents), previous_total=len(before),
        nothing_count=len(reports) - len(incidents), chart=chart,
    )


def _short(label: str, length: int = 24) -> str:
    """A legend label that fits beside the next one (the table has the full name)."""
    return label if len(label) <= length else label[:length - 1].rstrip() + "…"


def recurring_places(incidents: list[Report], areas: dict[int, str], labels: dict) -> list[RecurringPlace]:
    """Grid cells of about 100 m where reports of one category came in RECURRING_WEEKS weeks or more
    (staff only: the cell is finer than an area)."""
    groups: dict[tuple, list[Report]] = defaultdict(list)
    for report in incidents:
        if report.latitude is None:
            continue
        cell = (report.category, report.latitude.quantize(GRID), report.longitude.quantize(GRID))
        groups[cell].append(report)
    found = []
    for (category, lat, lon), group in groups.items():
        weeks = {r.week for r in group}
        if len(weeks) >= RECURRING_WEEKS:
            area = Counter(areas.get(r.area_id, str(NO_AREA)) for r in group).most_common(1)[0][0]
            found.append(RecurringPlace(area, str(labels[category]), len(weeks), len(group), lat, lon))
    return sorted(found, key=lambda p: (-p.weeks, -p.reports, p.area))


def csv_export(result: Analysis) -> bytes:
    """Counts per category and month, then per area and month: no text, no position."""
    header = [_("Uppdelning"), _("Namn"), *result.month_labels, _("Summa"), _("Föregående period")]
    rows = [header]
    rows += [[_("Kategori"), r.label, *r.cells, r.total, r.previous] for r in result.by_category]
    rows += [[_("Kommundel"), r.label, *r.cells, r.total, r.previous] for r in result.by_area]
    return csv_bytes(rows)


_PDF_CSS = """
table { border-collapse: collapse; width: 100%; font-size: 8.5pt; margin-bottom: 5mm; }
th, td { border-bottom: 0.5pt solid #c4ccd4; padding: 1mm 1.5mm; text-align: left; }
td.num, th.num { text-align: right; }
svg.chart { width: 160mm; }
.muted { color: #4a5560; }
"""


def pdf_appendix(result: Analysis) -> bytes:
    """The analysis as an A4 PDF appendix (WeasyPrint), to attach to the follow-up report."""
    chart = charts.for_print(result.chart)
    html = render_to_string("est/analysis_pdf.html", {"a": result, "chart": chart})
    return render_pdf(html, stylesheets=(_PDF_CSS,))


def years_with_reports(municipality: Municipality, start: date, end: date) -> list[int]:
    """The calendar years between `start` and `end` in which the municipality has EST reports: the
    years a follow-up report of a set with that period can take the EST analysis as an appendix."""
    years = (Report.objects.filter(municipality=municipality, date__gte=start, date__lte=end)
             .dates("date", "year"))
    return [d.year for d in years]
