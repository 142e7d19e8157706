"""Recording work: the domain side of the staff form, callable from tests and commands."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from lofte.activities.models import Activity
from lofte.core.models import Area, Organisation
from lofte.promises.models import Commitment


@transaction.atomic
def record_activity(
    *,
    user,
    commitment: Commitment,
    type: str,
    on: date,
    area: Area | None = None,
    count: int = 1,
    public_note: str = "",
) -> Activity:
    """Store one activity serving `commitment`, done by the user's organisations in its municipality.

    Callers validate permissions and values (the staff form does); this only writes.
    """
    municipality_id = commitment.promise_set.municipality_id
    activity = Activity.objects.create(
        type=type,
        date=on,
        municipality_id=municipality_id,
        area=area,
        count=count,
        public_note=public_note,
        created_by=user,
    )
    activity.commitments.add(commitment)
    organisations = Organisation.objects.filter(memberships__user=user, municipalities=municipality_id)
    activity.organisations.set(organisations)
    return activity
