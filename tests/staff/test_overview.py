"""The coordinator's overview at /personal/: counts per status per current set, and what waits for
this user (approvals of their organisation, input, photos, overdue findings, missing final
assessments, meetings to mark as held), the next meetings, in a number of queries that does not
grow with the data."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lofte.core.models import Membership
from lofte.dialogue.models import CitizenInput, Meeting
from lofte.promises import workflow
from lofte.promises.models import Approval, PromiseSet
from lofte.walks.models import FindingPhoto
from tests import factories
from tests.walks.helpers import finding, jpeg_bytes

URL = reverse("staff:home")
STOCKHOLM = ZoneInfo("Europe/Stockholm")
pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    kommun = factories.municipality()
    areas = factories.areas(kommun)
    police = factories.organisation(kommun, "police", name="LPO Strängnäs")
    town = factories.organisation(kommun, "municipality", name="Strängnäs kommun")
    year = timezone.localdate().year
    current = factories.promise_set(kommun, year, title="Aktuellt")
    behind = factories.commitment(current, 1, "Polisen lovar många trafikinsatser.", parties=[police], targets=[
        {"count": 500, "unit": "trafikinsatser", "activity_type": "traffic_operation"}])
    factories.commitment(current, 2, "Polisen lovar regelbundna möten.", parties=[police])
    ended = factories.promise_set(kommun, year - 2, title="Avslutat")
    qualitative = factories.commitment(ended, 1, "Kommunen lovar samverkan.", parties=[town])
    walk = factories.activity(factories.commitment(ended, 2, "Minst en trygghetsvandring.", parties=[police],
                                                   targets=[{"count": 1, "unit": "trygghetsvandringar",
                                                             "activity_type": "safety_walk"}]),
                              "safety_walk", on=date(year - 2, 9, 1), area=areas[0])
    ready = factories.promise_set(kommun, year + 1, status=PromiseSet.Status.READY, title="Klart för godkännande")
    factories.commitment(ready, 1, "Polisen och kommunen lovar dialogmöten.", parties=[police, town])
    coordinator = factories.user("samordnare", town, Membership.Role.EDITOR, full_name="Maria Sandberg")
    police_editor = factories.user("polisredaktor", police, Membership.Role.EDITOR, full_name="Erik Lindqvist")
    recorder = factories.user("polis", police, Membership.Role.RECORDER)
    other = factories.municipality("0180", "Stockholm", county="Stockholms län", county_code="01")
    factories.organisation(other, "police", name="LPO Stockholm")
    return {"kommun": kommun, "areas": areas, "police": police, "town": town, "current": current, "behind": behind,
            "ended": ended, "qualitative": qualitative, "walk": walk, "ready": ready, "coordinator": coordinator,
            "police_editor": police_editor, "recorder": recorder, "other": other}


def page(client, user) -> str:
    client.force_login(user)
    response = client.get(URL)
    assert response.status_code == 200
    return response.content.decode()


def waiting(content: str) -> str:
    return content[content.index('id="vantar"'):content.index('id="aktuella"')]


def test_each_current_set_shows_its_counts_per_status_lagging_first(client, world):
    content = page(client, world["recorder"])
    section = content[content.index('id="aktuella"'):]
    counts = section[section.index('class="count-row"'):section.index("</ul>", section.index('class="count-row"'))]
    if timezone.localdate() >= date(timezone.localdate().year, 2, 1):
        # 500 traffic operations a year are behind pace from February on: I riskzonen before Pågående.
        assert counts.index("I riskzonen") < counts.index("Pågående")
    assert "Pågående</span> <strong>1</strong>" in counts


def test_the_second_approver_sees_that_the_set_waits_for_them(client, world):
    workflow.approve(world["ready"], world["police"], world["police_editor"])
    content = waiting(page(client, world["coordinator"]))
    assert "Godkänn ”Klart för godkännande” för Strängnäs kommun" in content
    assert "LPO Strängnäs godkände" in content and "Erik Lindqvist" in content
    assert f'href="{reverse("staff:promise_set", args=[world["ready"].pk])}#godkannande"' in content


def test_the_first_approver_sees_whom_the_set_waits_for_and_nothing_to_do(client, world):
    workflow.approve(world["ready"], world["police"], world["police_editor"])
    content = waiting(page(client, world["police_editor"]))
    assert "klart för godkännande, väntar på Strängnäs kommun" in content
    assert "Godkänn ”Klart för godkännande”" not in content


def test_before_anyone_approved_both_parties_redaktorer_are_asked(client, world):
    assert "Godkänn ”Klart för godkännande” för LPO Strängnäs" in waiting(page(client, world["police_editor"]))
    assert "Godkänn ”Klart för godkännande” för Strängnäs kommun" in waiting(page(client, world["coordinator"]))


def test_a_registrerare_is_not_asked_to_approve_moderate_or_assess(client, world):
    CitizenInput.objects.create(municipality=world["kommun"], message="Mörkt vid stationen.")
    content = waiting(page(client, world["recorder"]))
    assert "Godkänn" not in content and "klart för godkännande" not in content
    assert "synpunkt" not in content
    assert "Slutbedömning" not in content


def test_input_to_moderate_and_to_answer_is_counted_for_a_redaktor(client, world):
    CitizenInput.objects.create(municipality=world["kommun"], message="Mörkt vid stationen.")
    CitizenInput.objects.create(municipality=world["kommun"], message="Fort i parken.")
    CitizenInput.objects.create(municipality=world["kommun"], message="Buskar.", status=CitizenInput.Status.PUBLISHED,
                                public_message="Buskar.")
    CitizenInput.objects.create(municipality=world["other"], message="Stockholm.")
    content = waiting(page(client, world["coordinator"]))
    assert "2 synpunkter att granska" in content
    assert "1 publicerad synpunkt saknar svar" in content


def test_photos_to_approve_are_counted_for_a_redaktor(client, world):
    item = finding(world["walk"])
    FindingPhoto.objects.create(finding=item, image=ContentFile(jpeg_bytes(), name="a.jpg"), width=40, height=30)
    assert "1 foto att godkänna" in waiting(page(client, world["coordinator"]))
    assert "foto att godkänna" not in waiting(page(client, world["recorder"]))


def test_overdue_findings_wait_for_those_who_record(client, world):
    item = finding(world["walk"], deadline=timezone.localdate() - timedelta(days=3), status="new")
    item.__class__.objects.filter(pk=item.pk).update(status_changed_at=timezone.now() - timedelta(days=10))
    content = waiting(page(client, world["recorder"]))
    assert "Fynd försenat: Belysning – Gångtunneln vid Nygatan" in content


def test_ended_sets_without_final_assessments_wait_for_a_redaktor(client, world):
    content = waiting(page(client, world["coordinator"]))
    assert "Slutbedömning saknas för 1 löfte i ”Avslutat”" in content
    assert reverse("staff:commitment_assess", args=[world["qualitative"].pk]) in content


def test_meetings_that_ended_unmarked_wait_to_be_marked_as_held(client, world):
    start = timezone.now() - timedelta(days=3)
    Meeting.objects.create(municipality=world["kommun"], title="Dialogmöte i Mariefred", starts_at=start,
                           ends_at=start + timedelta(hours=2), place="Biblioteket")
    Meeting.objects.create(municipality=world["kommun"], title="Inställt möte", starts_at=start,
                           ends_at=start + timedelta(hours=2), place="Torget", cancelled=True)
    content = waiting(page(client, world["recorder"]))
    assert "Markera som genomfört: Dialogmöte i Mariefred" in content
    assert "Inställt möte" not in content


def test_the_next_meetings_are_listed_soonest_first(client, world):
    soon = timezone.now() + timedelta(days=2)
    for title, offset in (("Senare möte", 20), ("Nästa möte", 0)):
        Meeting.objects.create(municipality=world["kommun"], title=title, starts_at=soon + timedelta(days=offset),
                               ends_at=soon + timedelta(days=offset, hours=2), place="Stadshuset")
    content = page(client, world["recorder"])
    upcoming = content[content.index('id="moten"'):content.index('id="senaste"')]
    assert upcoming.index("Nästa möte") < upcoming.index("Senare möte")


def test_nothing_waiting_says_so(client, world):
    PromiseSet.objects.filter(pk=world["ready"].pk).delete()
    reader = factories.user("lasare", world["police"], Membership.Role.READER)
    assert "Inget väntar på dig just nu." in waiting(page(client, reader))


def test_the_overview_needs_the_same_number_of_queries_however_much_waits(client, world):
    client.force_login(world["coordinator"])
    client.get(URL)
    with CaptureQueriesContext(connection) as first:
        client.get(URL)
    workflow.approve(world["ready"], world["police"], world["police_editor"])
    for number in range(3):
        second_ready = factories.promise_set(world["kommun"], timezone.localdate().year + 3 + number,
                                             status=PromiseSet.Status.READY, title=f"Klart {number}")
        factories.commitment(second_ready, 1, "Löfte.", parties=[world["police"], world["town"]])
        Approval.objects.create(promise_set=second_ready, organisation=world["police"], approver_name="Erik")
        CitizenInput.objects.create(municipality=world["kommun"], message=f"Synpunkt {number}.")
        start = timezone.now() + timedelta(days=number - 5)
        Meeting.objects.create(municipality=world["kommun"], title=f"Möte {number}", starts_at=start,
                               ends_at=start + timedelta(hours=1), place="Biblioteket")
        item = finding(world["walk"], deadline=timezone.localdate() - timedelta(days=3))
        FindingPhoto.objects.create(finding=item, image=ContentFile(jpeg_bytes(), name=f"{number}.jpg"), width=40,
                                    height=30)
        factories.commitment(world["ended"], 10 + number, f"Kvalitativt löfte {number}.", parties=[world["town"]])
    with CaptureQueriesContext(connection) as second:
        content = client.get(URL).content.decode()
    assert "Klart 2" in content and "Kvalitativt löfte 2" in content
    assert len(second.captured_queries) == len(first.captured_queries)
