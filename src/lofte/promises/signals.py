"""Keep Municipality.content_changed_at current when anything on its public pages changes."""

import contextvars
from contextlib import contextmanager
from functools import wraps

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from lofte.core.models import Municipality
from lofte.promises.models import Approval, Assessment, Commitment, CommitmentVersion, PromiseSet, Target, Theme


_IN_BULK = contextvars.ContextVar("lofte_promises_in_bulk", default=False)


@contextmanager
def writing_in_bulk():
    """Within the block, saving a set's parts does not touch its municipality row by row (two
    queries per row: half of a large import's time, all of it holding SQLite's write lock). The
    caller touches the municipality once when it is done, as the importer does."""
    token = _IN_BULK.set(True)
    try:
        yield
    finally:
        _IN_BULK.reset(token)


def _unless_in_bulk(handler):
    @wraps(handler)
    def wrapper(*args, **kwargs):
        if not _IN_BULK.get():
            handler(*args, **kwargs)

    return wrapper


def _touch(municipality_id: int | None) -> None:
    if municipality_id is not None:
        Municipality(pk=municipality_id).touch()


@receiver([post_save, post_delete], sender=PromiseSet)
@_unless_in_bulk
def promise_set_changed(sender, instance, **kwargs):
    _touch(instance.municipality_id)


@receiver([post_save, post_delete], sender=Theme)
@receiver([post_save, post_delete], sender=Commitment)
@_unless_in_bulk
def set_part_changed(sender, instance, **kwargs):
    _touch(PromiseSet.objects.filter(pk=instance.promise_set_id).values_list("municipality_id", flat=True).first())


@receiver([post_save, post_delete], sender=Target)
@_unless_in_bulk
def target_changed(sender, instance, **kwargs):
    _touch(
        Commitment.objects.filter(pk=instance.commitment_id)
        .values_list("promise_set__municipality_id", flat=True)
        .first()
    )


@receiver(m2m_changed, sender=Commitment.parties.through)
@_unless_in_bulk
def parties_changed(sender, instance, **kwargs):
    if isinstance(instance, Commitment):
        set_part_changed(sender, instance)


@receiver(m2m_changed, sender=PromiseSet.partners.through)
def partners_changed(sender, instance, **kwargs):
    if isinstance(instance, PromiseSet):
        _touch(instance.municipality_id)


@receiver([post_save, post_delete], sender=Approval)
@_unless_in_bulk
def approval_changed(sender, instance, **kwargs):
    # Approvals are shown on the public set page ("Godkänd av … den …").
    _touch(PromiseSet.objects.filter(pk=instance.promise_set_id).values_list("municipality_id", flat=True).first())


@receiver([post_save, post_delete], sender=CommitmentVersion)
@receiver([post_save, post_delete], sender=Assessment)
@_unless_in_bulk
def commitment_part_changed(sender, instance, **kwargs):
    # Earlier texts and assessments are shown on the public commitment page.
    target_changed(sender, instance)
