"""Recorded work changes progress and status on the municipality's pages: bump its timestamp."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from lofte.activities.models import Activity
from lofte.core.models import Municipality


@receiver([post_save, post_delete], sender=Activity)
def activity_changed(sender, instance, **kwargs):
    Municipality(pk=instance.municipality_id).touch()


@receiver(m2m_changed, sender=Activity.commitments.through)
def activity_commitments_changed(sender, instance, **kwargs):
    if isinstance(instance, Activity):
        Municipality(pk=instance.municipality_id).touch()
