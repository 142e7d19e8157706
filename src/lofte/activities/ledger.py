"""The ledger of counted work (CountedWork): what each activity contributed to each commitment, and
from when until when that was known.

Signals keep it in step with the activities (lofte.activities.signals): whenever an activity is
saved, linked to or unlinked from a commitment, or deleted, `sync()` closes the rows that no longer
match and opens rows for what the activity contributes now. Code that writes activities in bulk,
bypassing signals (bulk_create, data generators, migrations), calls `rebuild()` afterwards.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from lofte.activities import types
from lofte.activities.models import Activity, CountedWork

_COMPARED = ("date", "type", "count", "area_id", "figures")


def figures_of(activity: Activity) -> dict[str, int]:
    """The activity's figures that targets may sum, from its type's fields."""
    if activity.type not in types.REGISTRY:
        return {}
    return dict(sorted(types.get(activity.type).figure_values(activity.details or {}).items()))


def contribution(activity: Activity) -> dict:
    """What the activity counts for each of its commitments, as CountedWork field values."""
    return {
        "date": activity.date,
        "type": activity.type,
        "count": activity.count,
        "area_id": activity.area_id,
        "figures": figures_of(activity),
    }


def _row_values(row: CountedWork) -> dict:
    return {name: getattr(row, name) for name in _COMPARED}


def sync(activity: Activity, at: datetime | None = None) -> None:
    """Bring the activity's open ledger rows in line with the activity as stored now.

    The first rows of an activity are known from when it was recorded (its created_at); later
    changes from `at` (now by default).
    """
    if activity.pk is None:
        return
    with transaction.atomic():
        open_rows = list(CountedWork.objects.select_for_update().filter(activity=activity, known_until__isnull=True))
        first_time = not open_rows and not CountedWork.objects.filter(activity=activity).exists()
        at = activity.created_at if first_time and activity.created_at else (at or timezone.now())
        wanted = {}
        if activity.deleted_at is None:
            values = contribution(activity)
            wanted = {pk: values for pk in activity.commitments.values_list("pk", flat=True)}
        closing = []
        for row in open_rows:
            if wanted.get(row.commitment_id) == _row_values(row):
                del wanted[row.commitment_id]
            else:
                closing.append(row.pk)
        if closing:
            CountedWork.objects.filter(pk__in=closing).update(known_until=at)
        CountedWork.objects.bulk_create(
            CountedWork(commitment_id=commitment_id, activity=activity, known_from=at, **values)
            for commitment_id, values in wanted.items()
        )


def close(activity_ids: Iterable[int], at: datetime | None = None) -> None:
    """Close the open rows of activities that are being deleted for good."""
    CountedWork.objects.filter(activity_id__in=list(activity_ids), known_until__isnull=True).update(
        known_until=at or timezone.now()
    )


def rebuild(activities: Iterable[Activity] | None = None) -> int:
    """Write the ledger afresh for activities written without signals (all of them by default).

    Each activity's rows become one row per commitment, known from its created_at, closed at its
    deleted_at when it is in the bin. The history of earlier edits is lost for these activities, so
    this is for bulk loads and migrations, not for activities that have been edited. Returns the
    number of rows written.
    """
    queryset = Activity.objects.all() if activities is None else Activity.objects.filter(
        pk__in=[a.pk for a in activities]
    )
    rows = []
    links = Activity.commitments.through.objects.filter(activity__in=queryset).values_list("activity_id", "commitment_id")
    by_activity: dict[int, list[int]] = {}
    for activity_id, commitment_id in links:
        by_activity.setdefault(activity_id, []).append(commitment_id)
    with transaction.atomic():
        CountedWork.objects.filter(activity__in=queryset).delete()
        for activity in queryset.iterator(chunk_size=2000):
            values = contribution(activity)
            for commitment_id in by_activity.get(activity.pk, ()):
                rows.append(CountedWork(
                    commitment_id=commitment_id, activity=activity, known_from=activity.created_at,
                    known_until=activity.deleted_at, **values,
                ))
            if len(rows) >= 5000:
                CountedWork.objects.bulk_create(rows)
                rows = []
        CountedWork.objects.bulk_create(rows)
    return CountedWork.objects.filter(activity__in=queryset).count()
