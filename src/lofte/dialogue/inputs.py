"""Citizen input: receiving it, moderating it and answering it. Views and tests call these.

Every moderator action is written to the audit log. Snapshots leave the e-mail address out, so the
append-only log never keeps contact details past their purge.
"""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

from lofte.core import people
from lofte.core.audit import log_change, snapshot
from lofte.core.models import Area, AuditEntry, Municipality, Organisation
from lofte.dialogue.models import CitizenInput
from lofte.dialogue.redaction import redact
from lofte.lib.text import strip_bidi_controls
from lofte.promises.models import Commitment

PRIVATE_FIELDS = ("email",)


def _snapshot(citizen_input: CitizenInput) -> dict:
    return snapshot(citizen_input, exclude=PRIVATE_FIELDS)


def submit_input(
    *,
    municipality: Municipality,
    message: str,
    commitment: Commitment | None = None,
    area: Area | None = None,
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    email: str = "",
    token: uuid.UUID | None = None,
) -> tuple[CitizenInput, bool]:
    """Store a citizen's message as received, and whether it is new. Callers validate (the public
    form does). A `token` already stored (the same form posted twice, even at the same moment)
    stores nothing and returns the first submission."""
    if token is not None:
        existing = CitizenInput.objects.filter(submission_token=token).first()
        if existing is not None:
            return existing, False
    try:
        with transaction.atomic():
            return CitizenInput.objects.create(
                municipality=municipality, message=message, commitment=commitment, area=area,
                latitude=latitude, longitude=longitude, email=email, submission_token=token,
            ), True
    except IntegrityError:
        if token is None:
            raise
        return CitizenInput.objects.get(submission_token=token), False


def publication_text(citizen_input: CitizenInput, edited: str | None = None) -> str:
    """What would be published: the moderator's edited text (or the message), redacted and without
    bidirectional control characters."""
    return strip_bidi_controls(redact(edited if edited and edited.strip() else citizen_input.message)).strip()


@transaction.atomic
def approve_input(citizen_input: CitizenInput, user, edited_text: str = "") -> CitizenInput:
    before = _snapshot(citizen_input)
    citizen_input.public_message = publication_text(citizen_input, edited_text)
    citizen_input.status = CitizenInput.Status.PUBLISHED
    citizen_input.rejection_reason = ""
    citizen_input.moderated_at = timezone.now()
    citizen_input.moderated_by = user
    citizen_input.save()
    log_change(user, AuditEntry.Action.PUBLISH, citizen_input, before=before, after=_snapshot(citizen_input),
               municipality_id=citizen_input.municipality_id)
    citizen_input.municipality.touch()
    return citizen_input


@transaction.atomic
def reject_input(citizen_input: CitizenInput, user, reason: str) -> CitizenInput:
    before = _snapshot(citizen_input)
    citizen_input.status = CitizenInput.Status.REJECTED
    citizen_input.rejection_reason = reason.strip()
    citizen_input.public_message = ""
    citizen_input.moderated_at = timezone.now()
    citizen_input.moderated_by = user
    citizen_input.save()
    log_change(user, AuditEntry.Action.UPDATE, citizen_input, before=before, after=_snapshot(citizen_input),
               municipality_id=citizen_input.municipality_id)
    citizen_input.municipality.touch()
    return citizen_input


@transaction.atomic
def answer_input(citizen_input: CitizenInput, user, text: str, organisation: Organisation) -> CitizenInput:
    """Store the responsible party's answer and, after commit, e-mail the sender (if they gave an address).

    The answer is signed in public with the person's full name (lofte.core.people.NameRequired when
    the account has none) and the organisation.
    """
    from lofte.dialogue.tasks import notify_answered

    name = people.require_full_name(user)
    before = _snapshot(citizen_input)
    first_answer = citizen_input.answered_at is None
    citizen_input.answer = text.strip()
    citizen_input.answered_by = organisation
    citizen_input.answerer_name = name[:200]
    citizen_input.answered_at = timezone.now()
    citizen_input.save()
    log_change(user, AuditEntry.Action.UPDATE, citizen_input, before=before, after=_snapshot(citizen_input),
               municipality_id=citizen_input.municipality_id)
    citizen_input.municipality.touch()
    if first_answer and citizen_input.email:
        input_id = citizen_input.pk
        transaction.on_commit(lambda: notify_answered.enqueue(input_id))
    return citizen_input
