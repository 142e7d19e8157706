"""Moderation: approve (redacted, edited), reject with a reason, answer; every action logged."""

import pytest

from lofte.core.models import AuditEntry
from lofte.dialogue.inputs import answer_input, approve_input, reject_input
from lofte.dialogue.models import CitizenInput
from lofte.dialogue.redaction import PERSONAL_NUMBER_NOTE, PHONE_NOTE
from tests.dialogue import helpers

pytestmark = pytest.mark.django_db


def test_approving_publishes_a_redacted_copy_and_keeps_the_original():
    w = helpers.world()
    item = helpers.citizen_input(w["strangnas"], message="Jag heter Kalle, 811218-9876, ring 070-123 45 67.")
    approve_input(item, w["editor"], "Jag heter [namn borttaget], 811218-9876, ring 070-123 45 67.")
    item.refresh_from_db()
    assert item.status == CitizenInput.Status.PUBLISHED
    assert item.public_message == f"Jag heter [namn borttaget], {PERSONAL_NUMBER_NOTE}, ring {PHONE_NOTE}."
    assert "Kalle" in item.message
    assert CitizenInput.objects.published().count() == 1


def test_rejecting_keeps_the_reason_and_publishes_nothing():
    w = helpers.world()
    item = helpers.citizen_input(w["strangnas"])
    reject_input(item, w["editor"], "Handlar om en enskild person.")
    item.refresh_from_db()
    assert item.status == CitizenInput.Status.REJECTED and item.rejection_reason == "Handlar om en enskild person."
    assert not CitizenInput.objects.published().exists()


def test_every_action_is_logged_without_the_email_address():
    w = helpers.world()
    item = helpers.citizen_input(w["strangnas"], email="hemlig@example.se")
    approve_input(item, w["editor"])
    answer_input(item, w["editor"], "Åtgärdat.", w["town"])
    entries = AuditEntry.objects.filter(object_type="dialogue.CitizenInput", object_id=str(item.pk))
    assert entries.count() == 2
    assert all("hemlig@example.se" not in str(e.before) + str(e.after) for e in entries)
