"""What the public may see of EST: counts per category, area and month, read from the EST
indicators of the situation picture (live observations only), small counts suppressed.

The public never reads a Report: the indicators carry no free text and no position finer than an
area, so nothing here can leak either. A count from 1 to SMALL_COUNT_THRESHOLD − 1 is shown as
"färre än 5", as the activities' sensitive figures are (lofte.activities.types).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from lofte.activities.types import SMALL_COUNT_THRESHOLD
from lofte.core.models import Area, Municipality
from lofte.est.models import Category
from lofte.situation.models import Indicator, Observation

# Months shown on the lägesbild.
SHOWN_MONTHS = 6
MONTHS = ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]


def shown(count: int | float | None) -> str:
    """A count as the public sees it: 0, "färre än 5", or the number."""
    count = int(count or 0)
    if 0 < count < SMALL_COUNT_THRESHOLD:
        return _("färre än %(n)s") % {"n": SMALL_COUNT_THRESHOLD}
    return str(count)


@dataclass
class PublicRow:
    label: str
    cells: list[str]
    total: str


@dataclass
class PublicEst:
    months: list[str]
    by_month: list[PublicRow]
    areas: list[str]
    by_area: list[PublicRow]
    first_month: str
    last_month: str
    is_demo: bool


def _month(period: date) -> tuple[int, int]:
    # A week is counted in the month of its Monday.
    return (period.year, period.month)


def public_est(municipality: Municipality, today: date) -> PublicEst | None:
    """Counts per category and month (the whole municipality) and per category and area (the
    months shown together) for the last SHOWN_MONTHS months up to today, or None without EST data."""
    last = (today.year, today.month)
    months = []
    year, month = last
    for _i in range(SHOWN_MONTHS):
        months.insert(0, (year, month))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    first = date(months[0][0], months[0][1], 1)
    rows = list(
        Observation.objects.live().filter(series__indicator__source=Indicator.Source.EST,
                                          series__region=municipality.code, period_start__gte=first,
                                          period_start__lte=today)
        .values_list("series__indicator__key", "series__area_id", "period_start", "value", "run__is_demo")
    )
    if not rows or not any(value for _k, _a, _p, value, _d in rows):
        return None
    by_month: dict[str, dict[tuple, float]] = defaultdict(lambda: defaultdict(float))
    by_area: dict[str, dict[int, float]] = defaultdict(lambda: defaultdict(float))
    for key, area_id, period, value, _demo in rows:
        category = key.split(":", 1)[1]
        if area_id is None:
            by_month[category][_month(period)] += value or 0
        else:
            by_area[category][area_id] += value or 0
    labels = dict(Category.choices)
    areas = list(Area.objects.filter(municipality=municipality).order_by("name").values_list("pk", "name"))
    month_rows = [
        PublicRow(str(labels[c]), [shown(by_month[c].get(m)) for m in months], shown(sum(by_month[c].values())))
        for c in Category.values if c in by_month and sum(by_month[c].values())
    ]
    area_rows = [
        PublicRow(str(labels[c]), [shown(by_area[c].get(pk)) for pk, _n in areas], shown(sum(by_area[c].values())))
        for c in Category.values if c in by_area and sum(by_area[c].values())
    ]
    names = [f"{MONTHS[m - 1]} {y}" for y, m in months]
    return PublicEst(months=names, by_month=month_rows, areas=[n for _pk, n in areas], by_area=area_rows,
                     first_month=names[0], last_month=names[-1], is_demo=any(d for *_rest, d in rows))
