"""The demo does not contradict itself (regression: the calendar's place differed from the recorded
activity's, a finding closed as the electricity company's was owned by "Bostadsbolaget", walk
protocols named the police twice, a 2022–2023 set said "Publicerat" on the day the demo was loaded)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from lofte.demo.loader import load_demo
from lofte.dialogue.models import Meeting
from lofte.promises.models import PromiseSet
from lofte.walks.models import Finding
from lofte.walks.public import participating_organisations

pytestmark = pytest.mark.django_db


def test_a_held_meeting_took_place_where_its_record_says():
    load_demo()
    held = Meeting.objects.filter(held_activity__isnull=False).select_related("held_activity")
    assert held.count() >= 3
    for meeting in held:
        place = (meeting.held_activity.details or {}).get("place")
        if place:
            assert meeting.place == place, meeting.title


def test_a_finding_sent_on_is_owned_by_whoever_handled_it_not_by_the_one_it_was_sent_to():
    load_demo()
    graffiti = Finding.objects.get(description="Klotter på elskåpet vid torget.")
    assert graffiti.status == "not_ours" and "Elbolaget" in graffiti.sent_to
    assert graffiti.owner != "Bostadsbolaget"
    for finding in Finding.objects.filter(status="not_ours"):
        assert finding.owner and finding.owner not in finding.sent_to
    assert Finding.objects.filter(status="no_action").exclude(no_action_reason="").exists()


def test_walk_protocols_name_each_organisation_once():
    load_demo()
    for finding in Finding.objects.select_related("walk"):
        names = participating_organisations(finding.walk)
        assert len({n.casefold() for n in names}) == len(names)
        assert "Polisen" not in names  # the police area is already listed by name


def test_the_seed_sets_were_published_when_their_periods_began_even_in_an_older_database():
    load_demo()
    PromiseSet.objects.filter(slug="2022-2023").update(published_at=timezone.now())  # as an older loader did
    load_demo()
    for promise_set in PromiseSet.objects.published():
        assert promise_set.published_at.date() <= promise_set.start + timedelta(days=31), promise_set


def test_an_older_database_gets_its_contradictions_corrected():
    load_demo()
    Finding.objects.filter(description="Klotter på elskåpet vid torget.").update(
        owner="Bostadsbolaget", status="no_action", sent_to="", no_action_reason="Elskåpet ägs av elbolaget.")
    Meeting.objects.filter(title="(Exempel) Dialogmöte om trygghet i centrum").update(place="Stadshuset")
    load_demo()
    assert Finding.objects.get(description="Klotter på elskåpet vid torget.").owner == "Gatuenheten"
    meeting = Meeting.objects.get(title="(Exempel) Dialogmöte om trygghet i centrum")
    assert meeting.place == "Strängnäs bibliotek" and meeting.sequence >= 1
