"""Recording work: the domain side of the staff forms, callable from tests and commands.

Every change here is written to the audit log (lofte.core.audit.log_change) with snapshots of the
record before and after, in the same transaction as the change: a change without its log entry
cannot be stored. Status and progress are computed from live records when a page is shown, so moving
a record to the bin or back changes figures and statuses at once.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from lofte.activities.models import BIN_DAYS, Activity
from lofte.core.audit import log_change, snapshot
from lofte.core.models import Area, AuditEntry, Organisation
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
    details: dict | None = None,
    organisations=None,
    actor: str = "",
) -> Activity:
    """Store one activity serving `commitment`, done by the user's organisations in its municipality.

    Without a user (an API key), `organisations` did the work and `actor` names the key in the
    audit log. Callers validate permissions and values (ActivityForm does); this only writes and logs.
    """
    municipality_id = commitment.promise_set.municipality_id
    activity = Activity.objects.create(
        type=type,
        date=on,
        municipality_id=municipality_id,
        area=area,
        count=count,
        public_note=public_note,
        details=details or {},
        created_by=user,
    )
    activity.commitments.add(commitment)
    if organisations is None:
        organisations = Organisation.objects.filter(memberships__user=user, municipalities=municipality_id)
    activity.organisations.set(organisations)
    log_change(user, AuditEntry.Action.CREATE, activity, after=snapshot(activity), municipality_id=municipality_id,
               actor=actor)
    return activity


@transaction.atomic
def update_activity(
    activity: Activity,
    *,
    user,
    commitment: Commitment,
    on: date,
    area: Area | None,
    count: int,
    public_note: str,
    details: dict,
) -> Activity:
    """Change a live record. Its type stays: a different type is different work with other fields."""
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    before = snapshot(activity)
    current = list(activity.commitments.order_by("pk"))
    if commitment not in current:
        # The form edits the record's first commitment; others (linked elsewhere) are kept.
        if current:
            activity.commitments.remove(current[0])
        activity.commitments.add(commitment)
    activity.municipality_id = commitment.promise_set.municipality_id
    activity.date = on
    activity.area = area
    activity.count = count
    activity.public_note = public_note
    activity.details = details
    activity.save()
    log_change(
        user, AuditEntry.Action.UPDATE, activity, before=before, after=snapshot(activity),
        municipality_id=activity.municipality_id,
    )
    return activity


@transaction.atomic
def move_to_bin(activity: Activity, *, user) -> Activity:
    """Delete a record the way staff delete: into the bin for BIN_DAYS, restorable until then."""
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    before = snapshot(activity)
    activity.deleted_at = timezone.now()
    activity.deleted_by = user if getattr(user, "is_authenticated", False) else None
    activity.save(update_fields=["deleted_at", "deleted_by", "updated_at"])
    log_change(
        user, AuditEntry.Action.DELETE, activity, before=before, after=snapshot(activity),
        municipality_id=activity.municipality_id,
    )
    return activity


def restorable_until(activity: Activity):
    return activity.deleted_at + timedelta(days=BIN_DAYS) if activity.deleted_at else None


def can_restore(activity: Activity, now=None) -> bool:
    now = now or timezone.now()
    return activity.deleted_at is not None and now < restorable_until(activity)


@transaction.atomic
def restore_from_bin(activity: Activity, *, user) -> Activity:
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    if not can_restore(activity):
        raise ValueError("The activity is not in the bin or its time there is over.")
    before = snapshot(activity)
    activity.deleted_at = None
    activity.deleted_by = None
    activity.save(update_fields=["deleted_at", "deleted_by", "updated_at"])
    log_change(
        user, AuditEntry.Action.RESTORE, activity, before=before, after=snapshot(activity),
        municipality_id=activity.municipality_id,
    )
    return activity


def purge_bin(now=None) -> int:
    """Delete for good every record that has been in the bin longer than BIN_DAYS; returns how many.

    Each record is deleted in its own transaction with its log entry, so a failure halfway keeps
    what was done and loses nothing else.
    """
    cutoff = (now or timezone.now()) - timedelta(days=BIN_DAYS)
    purged = 0
    for pk in Activity.objects.in_bin().filter(deleted_at__lt=cutoff).values_list("pk", flat=True):
        with transaction.atomic():
            activity = Activity.objects.select_for_update().filter(pk=pk, deleted_at__lt=cutoff).first()
            if activity is None:  # restored or purged meanwhile
                continue
            before = snapshot(activity)
            municipality_id = activity.municipality_id
            label = str(activity)
            activity.delete()
            log_change(
                None, AuditEntry.Action.DELETE, None, before=before, after=None, municipality_id=municipality_id,
                object_type=Activity._meta.label, object_id=str(pk), object_repr=f"{label} (papperskorgen tömd)",
            )
            purged += 1
    return purged
