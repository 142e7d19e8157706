"""Keep Municipality.content_changed_at current when anything on its public pages changes."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from lofte.core.models import Municipality
from lofte.promises.models import Approval, Assessment, Commitment, CommitmentVersion, PromiseSet, Target, Theme


def _touch(municipality_id: int | None) -> None:
    if municipality_id is not None:
        Municipality(pk=municipality_id).touch()


@receiver([post_save, post_delete], sender=PromiseSet)
def promise_set_changed(sender, instance, **kwargs):
    _touch(instance.municipality_id)


@receiver([post_save, post_delete], sender=Theme)
@receiver([post_save, post_delete], sender=Commitment)
def set_part_changed(sender, instance, **kwargs):
    _touch(PromiseSet.objects.filter(pk=instance.promise_set_id).values_list("municipality_id", flat=True).first())


@receiver([post_save, post_delete], sender=Target)
def target_changed(sender, instance, **kwargs):
    _touch(
        Commitment.objects.filter(pk=instance.commitment_id)
        .values_list("promise_set__municipality_id", flat=True)
        .first()
    )


@receiver(m2m_changed, sender=Commitment.parties.through)
def parties_changed(sender, instance, **kwargs):
    if isinstance(instance, Commitment):
        set_part_changed(sender, instance)


@receiver(m2m_changed, sender=PromiseSet.partners.through)
def partners_changed(sender, instance, **kwargs):
    if isinstance(instance, PromiseSet):
        _touch(instance.municipality_id)


@receiver([post_save, post_delete], sender=Approval)
def approval_changed(sender, instance, **kwargs):
    # Approvals are shown on the public set page ("Godkänd av … den …").
    _touch(PromiseSet.objects.filter(pk=instance.promise_set_id).values_list("municipality_id", flat=True).first())


@receiver([post_save, post_delete], sender=CommitmentVersion)
@receiver([post_save, post_delete], sender=Assessment)
def commitment_part_changed(sender, instance, **kwargs):
    # Earlier texts and assessments are shown on the public commitment page.
    target_changed(sender, instance)
