"""Invented activity records for the demo, registered when a real record would have been."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from lofte.activities.models import Activity
from lofte.core.models import Area
from lofte.promises.models import Commitment

RECORDING_DELAY = timedelta(days=2)
# Records registered late: (date of the work, type) -> the day it was registered ("registrerad i
# efterhand"). The 2021 walk shows a passed follow-up point that a late record does not change; the
# Mariefred dialogue meeting shows the same in a set that is still running.
LATE = {
    (date(2021, 12, 10), "safety_walk"): date(2022, 3, 1),
    (date(2026, 8, 20), "dialogue_meeting"): date(2026, 10, 5),
}


def recorded_at(on: date, type_key: str) -> datetime:
    """When an invented record was registered: two days after its date, or its LATE day."""
    day = LATE.get((on, type_key), on + RECORDING_DELAY)
    return timezone.make_aware(datetime.combine(day, time(15, 0)))


def create_demo_activity(*, commitment: Commitment, type_key: str, on: date, area: Area | None, count: int,
                         note: str, details: dict, organisations) -> Activity:
    """One invented record (is_demo), registered when a real one would have been (see recorded_at)."""
    activity = Activity.objects.create(
        type=type_key, date=on, municipality=commitment.promise_set.municipality, area=area, count=count,
        public_note=note, details=details, is_demo=True,
    )
    # Backdated before the commitment is linked, so the ledger counts it from then (lofte.activities.ledger).
    activity.created_at = recorded_at(on, type_key)
    Activity.objects.filter(pk=activity.pk).update(created_at=activity.created_at)
    activity.commitments.add(commitment)
    activity.organisations.set(organisations)
    return activity
