"""What of recorded work may be shown in public: the one entry point for every public output.

Public pages call `public_activity_figures()`; the API, feeds and exports must call it too, so that
the privacy rules of DESIGN.md §3 live in one place:

- only published, live records (never drafts, never the bin) — `Activity.objects.published()`;
- records of sensitive types (school searches, Linköpingsmodellen home visits) are never listed one
  by one, never with a date, place or text: only their total per period, and a total under
  SMALL_COUNT_THRESHOLD is shown as "färre än 5";
- staff-only fields (the school searched, internal notes) never leave the workspace.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet, Sum
from django.utils import timezone

from lofte.activities import types
from lofte.activities.models import Activity


@dataclass(frozen=True)
class PublicRecord:
    """One non-sensitive record as it may be shown in public."""

    id: int
    date: date
    type_key: str
    type_label: str
    area: str
    count: str
    note: str
    details: tuple[tuple[str, str, str], ...]  # (label, text, link or "")
    # The day the record was registered, for "registrerad i efterhand" (no one's personal data).
    recorded_on: date | None = None


@dataclass(frozen=True)
class PublicTotal:
    """The total of a sensitive type over a period, small counts suppressed."""

    type_key: str
    type_label: str
    start: date
    end: date
    count: str
    suppressed: bool


@dataclass(frozen=True)
class PublicActivities:
    records: list[PublicRecord]
    totals: list[PublicTotal]


def sensitive_type_keys() -> list[str]:
    return [t.key for t in types.all_types() if t.sensitive]


def public_figure(type_key: str, value: int) -> str:
    """Any public number about work of a type (a count or a summed figure): small sensitive ones hidden."""
    return types.public_count(type_key, value)


def is_suppressed(type_key: str | None, value: int) -> bool:
    return (
        bool(type_key) and type_key in types.REGISTRY and types.get(type_key).sensitive
        and 0 < value < types.SMALL_COUNT_THRESHOLD
    )


def public_activity_figures(activities: QuerySet[Activity], *, start: date, end: date) -> PublicActivities:
    """Everything about `activities` dated within [start, end] that may be shown in public.

    Two queries, however many records. The queryset is narrowed to published records here, so a
    caller cannot forget it.
    """
    public = activities.published().filter(date__gte=start, date__lte=end)
    sensitive = sensitive_type_keys()
    records = [
        PublicRecord(
            id=a.pk,
            date=a.date,
            type_key=a.type,
            type_label=a.type_label,
            area=a.area.name if a.area else "",
            count=public_figure(a.type, a.count),
            note=a.public_note,
            details=tuple(a.activity_type.public_details(a.details or {})),
            recorded_on=timezone.localtime(a.created_at).date() if a.created_at else None,
        )
        for a in public.exclude(type__in=sensitive).select_related("area").order_by("-date", "-pk")
        if a.type in types.REGISTRY
    ]
    return PublicActivities(records=records, totals=_totals(public, sensitive, start, end))


def public_activity_totals(activities: QuerySet[Activity], *, start: date, end: date) -> list[PublicTotal]:
    """Only the totals of `public_activity_figures` (one query): for outputs that list sensitive
    types' totals without the records, such as the open-data table of totals per period."""
    public = activities.published().filter(date__gte=start, date__lte=end)
    return _totals(public, sensitive_type_keys(), start, end)


def public_activity_totals_per_group(
    activities: QuerySet[Activity], group: str, periods: dict[int, tuple[date, date]],
) -> dict[int, list[PublicTotal]]:
    """`public_activity_totals` of several groups of records at once, in one query: `group` is the
    path from a record to its group's id ("commitments__promise_set"), `periods` the [start, end] of
    each group. A record is counted once per group it belongs to, however many links lead there
    (as in `_totals`)."""
    result: dict[int, list[PublicTotal]] = {key: [] for key in periods}
    if not periods:
        return result
    sensitive = sensitive_type_keys()
    first, last = min(s for s, _e in periods.values()), max(e for _s, e in periods.values())
    rows = (
        activities.published().filter(**{f"{group}__in": list(periods)}, type__in=sensitive,
                                      date__gte=first, date__lte=last)
        .order_by().values_list(group, "pk", "type", "count", "date").distinct()
    )
    seen: set[tuple[int, int]] = set()
    sums: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for key, pk, type_key, count, on in rows:
        start, end = periods[key]
        if start <= on <= end and (key, pk) not in seen:
            seen.add((key, pk))
            sums[key][type_key] += count or 0
    for key, per_type in sums.items():
        start, end = periods[key]
        result[key] = [
            PublicTotal(
                type_key=type_key,
                type_label=str(types.get(type_key).label),
                start=start,
                end=end,
                count=public_figure(type_key, total),
                suppressed=is_suppressed(type_key, total),
            )
            for type_key, total in sorted(per_type.items())
            if total
        ]
    return result


def _totals(public: QuerySet[Activity], sensitive: list[str], start: date, end: date) -> list[PublicTotal]:
    # Summed over the records themselves, not over the caller's query: a query through a join (all
    # records of a set's commitments) has a row per link, and a record serving two of them would be
    # summed twice (3 home visits shown as 6 instead of "färre än 5").
    records = Activity.objects.filter(pk__in=public.filter(type__in=sensitive).values("pk"))
    sums = records.values("type").annotate(total=Sum("count")).order_by("type")
    return [
        PublicTotal(
            type_key=row["type"],
            type_label=str(types.get(row["type"]).label),
            start=start,
            end=end,
            count=public_figure(row["type"], row["total"]),
            suppressed=is_suppressed(row["type"], row["total"]),
        )
        for row in sums
        if row["total"]
    ]


def public_work_per_type(activities: QuerySet[Activity], *, start: date, end: date) -> list[tuple[str, str]]:
    """How much public work of each type `activities` hold in [start, end], as (type label, count):
    non-sensitive types as the number of records, most first, then the sensitive types' totals with
    small counts suppressed (the records and totals of public_activity_figures, so the same rules
    hold). Two queries; only each record's type is read (its details, area and text are not needed
    to count it)."""
    public = activities.published().filter(date__gte=start, date__lte=end)
    sensitive = sensitive_type_keys()
    counts: dict[str, int] = {}
    # Newest first, as public_activity_figures lists them: types with as many records keep that order.
    # The id is selected so that a distinct() queryset keeps one row per record.
    for type_key, _pk in public.exclude(type__in=sensitive).order_by("-date", "-pk").values_list("type", "pk"):
        if type_key in types.REGISTRY:
            counts[type_key] = counts.get(type_key, 0) + 1
    work = [(str(types.get(k).label), str(n)) for k, n in sorted(counts.items(), key=lambda item: -item[1])]
    work += [(total.type_label, total.count) for total in _totals(public, sensitive, start, end)]
    return work


def sensitive_figures_shown(as_of: date, today: date, points: list[date]) -> bool:
    """Whether figures of sensitive types may be given as of `as_of` (the API's ?as_of=).

    Only as of today or a follow-up point, the dates the public pages show: figures as of any two
    nearby days could be compared to reveal single school searches or home visits.
    """
    return as_of == today or as_of in points
