"""The staff start page /personal/: current commitments, lagging first, one-tap recording, my records."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lofte.activities.models import Activity
from lofte.core.models import Membership
from lofte.promises.models import PromiseSet
from lofte.staff.views import current_sets
from tests import factories

URL = reverse("staff:home")
pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    """A current set with an at-risk, a not-started, an on-track and a qualitative commitment."""
    kommun = factories.municipality()
    areas = factories.areas(kommun)
    police = factories.organisation(kommun, "police")
    year = timezone.localdate().year
    old = factories.promise_set(kommun, year - 3, title="Gammalt")
    factories.commitment(old, 1, "Gammalt löfte.", parties=[police])
    ps = factories.promise_set(kommun, year, year + 1, title="Aktuellt")
    qualitative = factories.commitment(ps, 1, "Polisen lovar regelbundna möten.", parties=[police])
    # Due at least once a month: with nothing done it is at risk from February on, and in January
    # the tolerance keeps it not started at worst.
    at_risk = factories.commitment(ps, 2, "Polisen lovar många trafikinsatser.", parties=[police], targets=[
        {"count": 200, "unit": "trafikinsatser", "activity_type": "traffic_operation"}])
    not_started = factories.commitment(ps, 3, "Polisen lovar en föreläsning.", parties=[police], targets=[
        {"count": 1, "unit": "utbildningar", "activity_type": "training", "per": "period"}])
    on_track = factories.commitment(ps, 4, "Polisen lovar trygghetsvandringar.", parties=[police], targets=[
        {"count": 1, "unit": "trygghetsvandringar", "activity_type": "safety_walk"}])
    factories.activity(on_track, "safety_walk", on=date(year, 1, 1), area=areas[0])
    draft = factories.promise_set(kommun, year + 2, status=PromiseSet.Status.DRAFT, title="Utkast")
    factories.commitment(draft, 1, "Utkastets löfte.", parties=[police])
    recorder = factories.user("polis", police)
    other = factories.municipality("0180", "Stockholm", county="Stockholms län", county_code="01")
    other_set = factories.promise_set(other, year)
    factories.commitment(other_set, 1, "Stockholms löfte.")
    return {"kommun": kommun, "police": police, "set": ps, "qualitative": qualitative, "at_risk": at_risk,
            "not_started": not_started, "on_track": on_track, "recorder": recorder, "areas": areas}


def test_it_shows_the_current_sets_commitments_only(client, world):
    client.force_login(world["recorder"])
    content = client.get(URL).content.decode()
    for key in ("qualitative", "at_risk", "not_started", "on_track"):
        assert world[key].title in content
    assert "Gammalt löfte." not in content
    assert "Utkastets löfte." not in content
    assert "Stockholms löfte." not in content


def test_lagging_commitments_come_first(client, world):
    client.force_login(world["recorder"])
    content = client.get(URL).content.decode()
    positions = [content.index(world[key].title) for key in ("at_risk", "not_started", "on_track", "qualitative")]
    if timezone.localdate().month == 1:
        # In January the large target is not yet behind pace beyond the tolerance.
        positions = positions[1:]
    assert positions == sorted(positions)


def test_each_commitment_offers_recording_of_its_target_type(client, world):
    client.force_login(world["recorder"])
    content = client.get(URL).content.decode()
    record = reverse("staff:record")
    assert f'href="{record}?commitment={world["at_risk"].pk}&amp;type=traffic_operation"' in content
    assert f'href="{record}?commitment={world["on_track"].pk}&amp;type=safety_walk"' in content
    assert f'href="{record}?commitment={world["qualitative"].pk}"' in content


def test_a_reader_gets_no_record_links(client, world):
    reader = factories.user("lasare", world["police"], role=Membership.Role.READER)
    client.force_login(reader)
    content = client.get(URL).content.decode()
    assert world["at_risk"].title in content
    assert f'{reverse("staff:record")}?commitment=' not in content


def test_the_status_labels_are_shown(client, world):
    client.force_login(world["recorder"])
    content = client.get(URL).content.decode()
    # One safety walk meets the target of one: Uppfyllt; the commitment without a number: Pågående.
    assert ">Uppfyllt<" in content and ">Pågående<" in content


def test_the_latest_set_is_used_when_none_is_current():
    sets = [PromiseSet(pk=1, municipality_id=1, start=date(2019, 1, 1), end=date(2020, 12, 31)),
            PromiseSet(pk=2, municipality_id=1, start=date(2021, 1, 1), end=date(2021, 12, 31)),
            PromiseSet(pk=3, municipality_id=2, start=date(2022, 1, 1), end=date(2023, 12, 31))]
    chosen = current_sets(sets, date(2023, 5, 1))
    assert sorted(s.pk for s in chosen) == [2, 3]


def test_a_set_running_from_july_is_current_by_its_dates():
    sets = [PromiseSet(pk=1, municipality_id=1, start=date(2022, 1, 1), end=date(2022, 12, 31)),
            PromiseSet(pk=2, municipality_id=1, start=date(2022, 7, 1), end=date(2023, 6, 30))]
    assert [s.pk for s in current_sets(sets, date(2023, 3, 1))] == [2]


def test_the_latest_registrations_in_the_municipality_are_listed_with_who_made_them(client, world):
    client.force_login(world["recorder"])
    mine = factories.activity(world["on_track"], "safety_walk", on=date(timezone.localdate().year, 1, 1))
    Activity.objects.filter(pk=mine.pk).update(created_by=world["recorder"])
    colleague = factories.user("kollega", world["police"], full_name="Karin Kollega")
    theirs = factories.activity(world["at_risk"], "traffic_operation", on=date(timezone.localdate().year, 1, 2))
    Activity.objects.filter(pk=theirs.pk).update(created_by=colleague)
    content = client.get(URL).content.decode()
    recent = content[content.index('id="senaste"'):]
    assert "registrerad av dig" in recent and "registrerad av Karin Kollega" in recent
    assert "Trafikinsats" in recent and "Trygghetsvandring" in recent


def test_the_number_of_queries_does_not_grow_with_commitments_or_municipalities(client, world):
    client.force_login(world["recorder"])
    client.get(URL)
    with CaptureQueriesContext(connection) as first:
        client.get(URL)
    second_town = factories.municipality("0484", "Eskilstuna")
    world["police"].municipalities.add(second_town)
    year = timezone.localdate().year
    ps = factories.promise_set(second_town, year)
    for number in range(1, 6):
        c = factories.commitment(ps, number, f"Eskilstunas löfte {number}.", parties=[world["police"]], targets=[
            {"count": 3, "unit": "dialogmöten", "activity_type": "dialogue_meeting"}])
        factories.activity(c, "dialogue_meeting", on=date(year, 1, 1))
    with CaptureQueriesContext(connection) as second:
        content = client.get(URL).content.decode()
    assert "Eskilstunas löfte 5" in content
    assert len(second.captured_queries) == len(first.captured_queries)


def test_without_a_municipality_it_says_so(client):
    client.force_login(factories.user("ensam"))
    assert "Du är inte kopplad till någon kommun" in client.get(URL).content.decode()


def test_records_in_the_bin_are_not_among_the_latest_registrations(client, world):
    client.force_login(world["recorder"])
    Activity.objects.update(deleted_at=timezone.now())
    content = client.get(URL).content.decode()
    assert "Inga registreringar ännu." in content
