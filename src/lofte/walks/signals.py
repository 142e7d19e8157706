"""Findings and their photos are shown on the municipality's public pages: bump its timestamp."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from lofte.core.models import Municipality
from lofte.walks.models import Finding, FindingPhoto


@receiver([post_save, post_delete], sender=Finding)
def finding_changed(sender, instance, **kwargs):
    Municipality(pk=instance.municipality_id).touch()


@receiver([post_save, post_delete], sender=FindingPhoto)
def photo_changed(sender, instance, **kwargs):
    Municipality(pk=instance.finding.municipality_id).touch()
