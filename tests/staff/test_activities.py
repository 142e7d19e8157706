"""Staff record each activity type with its own form, edit, delete to the bin and restore."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from lofte.activities import types
from lofte.activities.models import BIN_DAYS, Activity
from lofte.core.models import AuditEntry, Membership
from tests import factories

RECORD = reverse("staff:record")
pytestmark = pytest.mark.django_db


def build_world():
    """Strängnäs with a published set, a recorder and a reader; Stockholm with its own record."""
    strangnas = factories.municipality()
    areas = factories.areas(strangnas)
    police = factories.organisation(strangnas)
    ps = factories.promise_set(strangnas, 2021)
    walks = factories.commitment(
        ps, number=5, text="Minst fyra trygghetsvandringar.", parties=[police],
        targets=[{"count": 2, "unit": "trygghetsvandringar", "activity_type": "safety_walk"}],
    )
    visits = factories.commitment(ps, number=3, text="Linköpingsmodellen.", parties=[police])
    other = factories.municipality("0180", "Stockholm", county="Stockholms län", county_code="01")
    other_police = factories.organisation(other)
    foreign_commitment = factories.commitment(factories.promise_set(other, 2021), number=1, text="Stockholms löfte.")
    foreign = factories.activity(foreign_commitment, type="safety_walk", on=date(2021, 5, 1), note="Stockholms vandring")
    return {
        "strangnas": strangnas, "areas": areas, "police": police, "walks": walks, "visits": visits,
        "recorder": factories.user("polis", police),
        "reader": factories.user("lasare", police, role=Membership.Role.READER),
        "outsider": factories.user("stockholmare", other_police),
        "foreign": foreign, "foreign_commitment": foreign_commitment,
    }


@pytest.fixture
def world():
    return build_world()


def walk_data(world, **overrides):
    data = {"type": "safety_walk", "commitment": world["walks"].pk, "date": "2021-09-20",
            "area": world["areas"][1].pk, "route": "Torget – stationen", "light": "dark", "participants": "14",
            "organisations_present": "Polisen, kommunen", "pre_meeting_date": "2021-09-01",
            "follow_up_date": "2021-10-05", "public_note": "Kvällsvandring."}
    data.update(overrides)
    return data


# --- Choosing a type ---------------------------------------------------------------------------

def test_the_record_page_first_offers_every_type_as_a_link(client, world):
    client.force_login(world["recorder"])
    content = client.get(RECORD, {"commitment": world["walks"].pk}).content.decode()
    for activity_type in types.all_types():
        assert str(activity_type.label) in content
        assert f'href="?type={activity_type.key}&amp;commitment={world["walks"].pk}"' in content
    assert "<script" not in content


def test_a_one_tap_link_opens_the_types_form_with_the_commitment_chosen(client, world):
    client.force_login(world["recorder"])
    content = client.get(RECORD, {"type": "traffic_operation", "commitment": world["walks"].pk}).content.decode()
    assert f'<option value="{world["walks"].pk}" selected>' in content
    for label in ("Inriktning", "Trimmade mopeder", "A-traktorer/EPA-traktorer", "Körförbud", "Ordningsböter"):
        assert label in content
    assert "<fieldset" in content and "<legend>Inriktning</legend>" in content
    assert 'name="route"' not in content


def test_an_unknown_type_shows_the_choice_again_with_a_message(client, world):
    client.force_login(world["recorder"])
    response = client.get(RECORD, {"type": "alien_visit"})
    assert response.status_code == 200
    assert "Välj ett giltigt alternativ." in response.content.decode()


# --- Recording each type -----------------------------------------------------------------------

def test_a_safety_walk_is_recorded_with_its_own_fields(client, world):
    client.force_login(world["recorder"])
    response = client.post(RECORD, walk_data(world))
    assert response.status_code == 302
    activity = Activity.objects.get(municipality=world["strangnas"])
    assert activity.type == "safety_walk" and activity.area == world["areas"][1]
    assert activity.details == {
        "route": "Torget – stationen", "light": "dark", "participants": 14,
        "organisations_present": "Polisen, kommunen", "pre_meeting_date": "2021-09-01", "follow_up_date": "2021-10-05",
    }
    assert AuditEntry.objects.filter(action="create", object_id=str(activity.pk)).exists()


def test_errors_of_a_types_fields_are_shown_next_to_them_and_nothing_is_lost(client, world):
    client.force_login(world["recorder"])
    response = client.post(RECORD, walk_data(world, follow_up_date="2021-09-01", participants="många"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Fyll i ett heltal." in content
    assert 'value="Torget – stationen"' in content and 'value="dark" selected' in content
    assert not Activity.objects.filter(municipality=world["strangnas"]).exists()
    response = client.post(RECORD, walk_data(world, follow_up_date="2021-09-01"))
    assert "Uppföljningsmötet kan inte ligga före vandringen." in response.content.decode()
    assert not Activity.objects.filter(municipality=world["strangnas"]).exists()


def test_a_school_search_keeps_the_school_for_staff_and_asks_no_place(client, world):
    client.force_login(world["recorder"])
    form = client.get(RECORD, {"type": "school_drug_search"}).content.decode()
    assert 'name="area"' not in form and 'name="public_note"' not in form
    assert "Visas bara för personal" in form
    response = client.post(RECORD, {
        "type": "school_drug_search", "commitment": world["walks"].pk, "date": "2021-03-18",
        "outside_school_hours": "ja", "informed_beforehand": "ja", "find": "nej", "school": "Hemliga skolan",
        "area": world["areas"][0].pk, "public_note": "Smugglad text",
    })
    assert response.status_code == 302
    activity = Activity.objects.get(municipality=world["strangnas"])
    assert activity.details["school"] == "Hemliga skolan" and activity.details["find"] is False
    assert activity.area is None and activity.public_note == ""
    public = client.get(world["walks"].get_absolute_url()).content.decode()
    assert "Hemliga skolan" not in public and "2021-03-18" not in public


def test_a_school_search_must_answer_the_yes_no_questions(client, world):
    client.force_login(world["recorder"])
    response = client.post(RECORD, {"type": "school_drug_search", "commitment": world["walks"].pk,
                                    "date": "2021-03-18"})
    assert response.content.decode().count("Detta fält måste fyllas i.") >= 3
    assert not Activity.objects.filter(municipality=world["strangnas"]).exists()


def test_home_visits_are_recorded_as_a_count_for_a_month(client, world):
    client.force_login(world["recorder"])
    form = client.get(RECORD, {"type": "home_visit"}).content.decode()
    assert 'type="month"' in form and 'type="date"' not in form
    assert "Antal hembesök under månaden" in form
    response = client.post(RECORD, {"type": "home_visit", "commitment": world["visits"].pk, "date": "2021-04",
                                    "count": "3"})
    assert response.status_code == 302
    activity = Activity.objects.get(municipality=world["strangnas"])
    assert activity.date == date(2021, 4, 1) and activity.count == 3 and activity.details == {}


def test_home_visits_for_a_future_month_are_refused(client, world):
    client.force_login(world["recorder"])
    next_month = (timezone.localdate().replace(day=28) + timedelta(days=7)).strftime("%Y-%m")
    response = client.post(RECORD, {"type": "home_visit", "commitment": world["visits"].pk, "date": next_month,
                                    "count": "3"})
    assert "Månaden kan inte ligga i framtiden" in response.content.decode()


def test_a_campaign_link_must_be_a_web_address(client, world):
    client.force_login(world["recorder"])
    response = client.post(RECORD, {"type": "information_campaign", "commitment": world["walks"].pk,
                                    "date": "2021-05-20", "link": "javascript:alert(1)"})
    assert "Ange en webbadress som börjar med https://" in response.content.decode()
    assert not Activity.objects.filter(municipality=world["strangnas"]).exists()


def test_other_work_needs_a_description(client, world):
    client.force_login(world["recorder"])
    response = client.post(RECORD, {"type": "other", "commitment": world["walks"].pk, "date": "2021-05-20",
                                    "count": "2", "public_note": ""})
    assert "Beskrivning" in response.content.decode() and not Activity.objects.filter(municipality=world["strangnas"]).exists()
    client.post(RECORD, {"type": "other", "commitment": world["walks"].pk, "date": "2021-05-20", "count": "2",
                         "public_note": "Reflexutdelning."})
    assert Activity.objects.get(municipality=world["strangnas"]).count == 2


@pytest.mark.parametrize("type_key", list(types.REGISTRY))
def test_every_types_form_renders_for_a_phone(client, world, type_key):
    client.force_login(world["recorder"])
    content = client.get(RECORD, {"type": type_key}).content.decode()
    assert 'name="viewport"' in content and 'name="csrfmiddlewaretoken"' in content
    assert f'<input type="hidden" name="type" value="{type_key}"' in content
    assert "style=" not in content and "onclick" not in content


def test_a_changed_type_between_get_and_post_cannot_smuggle_other_fields(client, world):
    client.force_login(world["recorder"])
    client.post(RECORD, walk_data(world, school="Smugglad skola"))
    assert "school" not in Activity.objects.get(municipality=world["strangnas"]).details


# --- Detail, edit, delete, restore -------------------------------------------------------------

def recorded_walk(client, world):
    client.force_login(world["recorder"])
    client.post(RECORD, walk_data(world))
    return Activity.objects.get(municipality=world["strangnas"])


def test_the_detail_page_shows_every_field_and_marks_staff_only_ones(client, world):
    client.force_login(world["recorder"])
    client.post(RECORD, {"type": "school_drug_search", "commitment": world["walks"].pk, "date": "2021-03-18",
                         "outside_school_hours": "ja", "informed_beforehand": "ja", "find": "ja",
                         "school": "Hemliga skolan"})
    activity = Activity.objects.get(municipality=world["strangnas"])
    content = client.get(reverse("staff:activity", args=[activity.pk])).content.decode()
    assert "Hemliga skolan" in content and "visas inte publikt" in content


def test_a_safety_walks_page_links_to_its_findings(client, world):
    activity = recorded_walk(client, world)
    content = client.get(reverse("staff:activity", args=[activity.pk])).content.decode()
    assert reverse("staff:walk_findings", args=[activity.pk]) in content


def test_editing_keeps_the_type_and_logs_before_and_after(client, world):
    activity = recorded_walk(client, world)
    url = reverse("staff:activity_edit", args=[activity.pk])
    form = client.get(url).content.decode()
    assert 'value="Torget – stationen"' in form and 'value="2021-09-20"' in form
    response = client.post(url, walk_data(world, participants="20", type="home_visit"))
    assert "Typen av insats ändrades" in response.content.decode()
    response = client.post(url, walk_data(world, participants="20"))
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.details["participants"] == 20 and activity.type == "safety_walk"
    entry = AuditEntry.objects.get(action="update")
    assert entry.before["details"]["participants"] == 14 and entry.after["details"]["participants"] == 20


def test_deleting_asks_first_then_moves_to_the_bin_and_restoring_brings_it_back(client, world):
    activity = recorded_walk(client, world)
    delete = reverse("staff:activity_delete", args=[activity.pk])
    assert "Flytta till papperskorgen" in client.get(delete).content.decode()
    assert client.post(delete).status_code == 302
    activity.refresh_from_db()
    assert activity.deleted_at is not None
    assert "2021-09-20" not in client.get(world["walks"].get_absolute_url()).content.decode()
    bin_page = client.get(reverse("staff:activity_bin")).content.decode()
    assert "Trygghetsvandring" in bin_page and "Återställ" in bin_page
    assert client.get(reverse("staff:activity_edit", args=[activity.pk])).status_code == 404
    assert client.post(reverse("staff:activity_restore", args=[activity.pk])).status_code == 302
    activity.refresh_from_db()
    assert activity.deleted_at is None
    assert "2021-09-20" in client.get(world["walks"].get_absolute_url()).content.decode()
    assert [e.action for e in AuditEntry.objects.order_by("pk")] == ["create", "delete", "restore"]


def test_a_record_too_long_in_the_bin_cannot_be_restored_and_is_not_listed(client, world):
    activity = recorded_walk(client, world)
    Activity.objects.filter(pk=activity.pk).update(deleted_at=timezone.now() - timedelta(days=BIN_DAYS + 1))
    assert client.post(reverse("staff:activity_restore", args=[activity.pk])).status_code == 404
    assert "Papperskorgen är tom." in client.get(reverse("staff:activity_bin")).content.decode()


def test_restore_answers_only_post(client, world):
    activity = recorded_walk(client, world)
    assert client.get(reverse("staff:activity_restore", args=[activity.pk])).status_code == 405


# --- Roles and tenancy -------------------------------------------------------------------------

WRITE_VIEWS = ["staff:activity_edit", "staff:activity_delete", "staff:activity_restore"]


@pytest.mark.parametrize("name", ["staff:activity", *WRITE_VIEWS])
def test_another_municipalitys_activity_is_a_404(client, world, name):
    client.force_login(world["recorder"])
    url = reverse(name, args=[world["foreign"].pk])
    assert client.get(url).status_code in (404, 405)
    assert client.post(url).status_code in (404, 405)
    world["foreign"].refresh_from_db()
    assert world["foreign"].deleted_at is None


def test_a_reader_may_see_but_not_change_an_activity(client, world):
    activity = recorded_walk(client, world)
    client.force_login(world["reader"])
    assert client.get(reverse("staff:activity", args=[activity.pk])).status_code == 200
    for name in WRITE_VIEWS:
        assert client.post(reverse(name, args=[activity.pk])).status_code == 403
    assert client.get(RECORD).status_code == 403
    activity.refresh_from_db()
    assert activity.deleted_at is None


def test_anonymous_visitors_are_sent_to_log_in(client, world):
    for url in (RECORD, reverse("staff:activities"), reverse("staff:activity_bin"),
                reverse("staff:activity", args=[world["foreign"].pk])):
        response = client.get(url)
        assert response.status_code == 302 and reverse("staff:login") in response["Location"]


def test_areas_are_named_with_their_municipality_for_staff_of_several(client, world):
    other = world["foreign"].municipality
    factories.areas(other, ["Kungsholmen"])
    world["police"].municipalities.add(other)
    client.force_login(world["recorder"])
    content = client.get(RECORD, {"type": "safety_walk"}).content.decode()
    assert "Kungsholmen (Stockholm)" in content and "Mariefred (Strängnäs)" in content
