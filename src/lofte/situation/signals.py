"""An indicator's texts (name, how it is measured, source, licence) are shown on every
municipality's lägesbild: an edit in the admin makes them all new versions. Imports change
observations through their runs, which bump the municipalities concerned themselves (runs.py)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from lofte.core import generation
from lofte.core.models import Municipality
from lofte.promises.models import PromiseSet
from lofte.situation.models import CommitmentIndicator, Indicator


@receiver([post_save, post_delete], sender=Indicator)
def indicator_changed(sender, instance, created=False, **kwargs):
    # A new indicator has no live values yet, so no page shows it.
    if not created:
        Municipality.objects.update(content_changed_at=timezone.now())
        generation.bump()


@receiver([post_save, post_delete], sender=CommitmentIndicator)
def commitment_indicator_changed(sender, instance, **kwargs):
    # The commitment's public page shows its linked indicators ("Effekter per löfte").
    municipality_id = (PromiseSet.objects.filter(commitments=instance.commitment_id)
                       .values_list("municipality_id", flat=True).first())
    if municipality_id is not None:
        Municipality(pk=municipality_id).touch()
