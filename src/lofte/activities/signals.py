"""Recorded work changes progress and status on the municipality's pages: keep the ledger of counted
work in step (lofte.activities.ledger) and bump the municipality's timestamp."""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver

from lofte.activities import ledger
from lofte.activities.models import Activity
from lofte.core.models import Municipality


@receiver(post_save, sender=Activity)
def activity_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        ledger.sync(instance)
    Municipality(pk=instance.municipality_id).touch()


@receiver(pre_delete, sender=Activity)
def activity_deleting(sender, instance, **kwargs):
    ledger.close([instance.pk])


@receiver(post_delete, sender=Activity)
def activity_deleted(sender, instance, **kwargs):
    Municipality(pk=instance.municipality_id).touch()


@receiver(m2m_changed, sender=Activity.commitments.through)
def activity_commitments_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if not action.startswith("post_"):
        if action == "pre_clear" and not isinstance(instance, Activity):
            # commitment.activities.clear(): the activities are not named afterwards.
            instance._clearing_activities = list(instance.activities.values_list("pk", flat=True))
        return
    if isinstance(instance, Activity):
        ledger.sync(instance)
        Municipality(pk=instance.municipality_id).touch()
        return
    # From the commitment's side (commitment.activities.add/remove/clear).
    ids = pk_set if pk_set is not None else getattr(instance, "_clearing_activities", [])
    for activity in Activity.objects.filter(pk__in=ids or ()):
        ledger.sync(activity)
        Municipality(pk=activity.municipality_id).touch()
