"""A report's public pages (and the set page that links it) change when a report is published or
removed: bump its municipality's content_changed_at, which the pages' ETags are made of."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from lofte.core.models import Municipality
from lofte.reports.models import FollowUpReport


@receiver([post_save, post_delete], sender=FollowUpReport)
def report_changed(sender, instance, **kwargs):
    if instance.municipality_id is not None:
        Municipality(pk=instance.municipality_id).touch()
