"""Meetings: SEQUENCE raised on every change, cancel keeps the meeting, linking to the held activity."""

from datetime import date

import pytest

from lofte.core.models import AuditEntry
from lofte.dialogue.meetings import cancel_meeting, link_meeting_to_activity, save_meeting
from lofte.dialogue.models import Meeting
from tests import factories
from tests.dialogue import helpers

pytestmark = pytest.mark.django_db


def test_every_change_raises_the_sequence_and_is_logged():
    w = helpers.world()
    meeting = helpers.meeting(w["strangnas"])
    assert meeting.sequence == 0
    meeting.title = "Dialogmöte om belysning"
    save_meeting(meeting, w["recorder"])
    save_meeting(meeting, w["recorder"])
    meeting.refresh_from_db()
    assert meeting.sequence == 2
    assert AuditEntry.objects.filter(object_type="dialogue.Meeting", object_id=str(meeting.pk)).count() == 2


def test_cancelling_keeps_the_meeting_and_raises_the_sequence():
    w = helpers.world()
    meeting = helpers.meeting(w["strangnas"])
    uid = meeting.uid
    cancel_meeting(meeting, w["recorder"])
    meeting = Meeting.objects.get(pk=meeting.pk)
    assert meeting.cancelled and meeting.sequence == 1 and meeting.uid == uid


def test_linking_a_meeting_to_its_activity():
    w = helpers.world()
    meeting = helpers.meeting(w["strangnas"], commitment=w["commitment"])
    activity = factories.activity(w["commitment"], type="dialogue_meeting", on=date(2026, 12, 10))
    linked = link_meeting_to_activity(str(meeting.pk), activity, w["recorder"])
    assert linked.held_activity == activity and linked.sequence == 1


def test_linking_refuses_another_municipalitys_meeting_and_junk_ids():
    w = helpers.world()
    foreign = helpers.meeting(w["other"])
    activity = factories.activity(w["commitment"], type="dialogue_meeting")
    assert link_meeting_to_activity(foreign.pk, activity) is None
    assert link_meeting_to_activity("abc", activity) is None
    assert link_meeting_to_activity(None, activity) is None
    foreign.refresh_from_db()
    assert foreign.held_activity is None
