"""Staff record activities from a phone: /personal/insatser/ny/."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from lofte.activities.models import Activity
from lofte.core.models import Membership
from tests import factories

URL = reverse("staff:record")
pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    """Strängnäs with a published set, a police recorder, and a second municipality with its own set."""
    strangnas = factories.municipality()
    areas = factories.areas(strangnas)
    police = factories.organisation(strangnas)
    ps = factories.promise_set(strangnas, 2021, title="Medborgarlöfte 2021")
    walks = factories.commitment(
        ps, number=5, text="Minst fyra trygghetsvandringar.", parties=[police],
        targets=[{"count": 4, "unit": "trygghetsvandringar", "activity_type": "safety_walk"}],
    )
    recorder = factories.user("polis", police)
    other = factories.municipality("0180", "Stockholm", county="Stockholms län", county_code="01")
    other_area = factories.areas(other, ["Kungsholmen"])[0]
    other_set = factories.promise_set(other, 2021)
    foreign = factories.commitment(other_set, number=1, text="Stockholms löfte.")
    return {"strangnas": strangnas, "areas": areas, "walks": walks, "recorder": recorder, "police": police,
            "foreign": foreign, "other_area": other_area}


def post_data(commitment, **overrides):
    data = {"commitment": commitment.pk, "type": "safety_walk", "date": "2021-09-20", "area": "",
            "count": "1", "public_note": "Kvällsvandring."}
    data.update(overrides)
    return data


def test_it_redirects_anonymous_visitors_to_the_login_page(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("staff:login"))


def test_it_redirects_anonymous_visitors_from_the_start_page(client):
    response = client.get(reverse("staff:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("staff:login"))


def test_a_police_officer_logs_in_and_sees_the_record_button(client, world):
    response = client.post(reverse("staff:login"), {"username": "polis", "password": "korrekt-hast-batteri"})
    assert response.status_code == 302
    page = client.get(reverse("staff:home"))
    assert "Registrera insats" in page.content.decode()


def test_a_wrong_password_is_refused_with_a_message(client, world):
    response = client.post(reverse("staff:login"), {"username": "polis", "password": "fel"})
    assert response.status_code == 200
    assert "Ange ett korrekt användarnamn och lösenord" in response.content.decode()


def test_the_form_offers_only_the_users_municipalitys_commitments(client, world):
    client.force_login(world["recorder"])
    content = client.get(URL, {"type": "safety_walk", "avslutade": "1"}).content.decode()
    assert "5. Minst fyra trygghetsvandringar" in content
    assert "Stockholms löfte" not in content
    assert 'type="date"' in content


def test_the_form_lists_current_sets_grouped_by_set_and_theme_and_ended_sets_behind_a_choice(client, world):
    year = timezone.localdate().year
    current = factories.promise_set(world["strangnas"], year, title="Aktuellt")
    theme = factories.theme(current, "Trygg trafikmiljö")
    factories.commitment(current, 1, "Polisen lovar att genomföra minst två trafikinsatser per år.", theme_=theme)
    client.force_login(world["recorder"])
    content = client.get(URL, {"type": "safety_walk"}).content.decode()
    assert f'<optgroup label="{current.years_label} · Trygg trafikmiljö">' in content
    assert "1. Minst två trafikinsatser per år" in content
    assert "Minst fyra trygghetsvandringar" not in content
    assert "Visa även avslutade perioder" in content
    shown = client.get(URL, {"type": "safety_walk", "avslutade": "1"}).content.decode()
    assert shown.index("Minst två trafikinsatser") < shown.index("Minst fyra trygghetsvandringar")


@pytest.mark.parametrize("day", ["2026-12-01", "2020-12-31", "0001-01-01"])
def test_a_date_outside_the_commitments_period_is_refused_naming_the_period(client, world, day):
    """Reproduces: an activity dated 0001-01-01 (or after the period) was accepted and counted nowhere."""
    client.force_login(world["recorder"])
    response = client.post(URL, post_data(world["walks"], date=day))
    content = response.content.decode()
    assert f"Datumet {day} ligger utanför löftets period 2021-01-01–2021-12-31" in content
    assert not Activity.objects.exists()


def test_recording_saves_the_activity_and_changes_the_public_status(client, world):
    client.force_login(world["recorder"])
    commitment = world["walks"]
    for day in ("2021-03-01", "2021-04-01", "2021-05-01", "2021-06-01"):
        response = client.post(URL, post_data(commitment, date=day, area=world["areas"][1].pk))
        assert response.status_code == 302
    activity = Activity.objects.filter(commitments=commitment).first()
    assert activity.created_by == world["recorder"]
    assert activity.municipality == world["strangnas"]
    assert list(activity.organisations.all()) == [world["police"]]
    assert Activity.objects.filter(commitments=commitment).count() == 4
    public = client.get(commitment.get_absolute_url())
    assert "Uppfyllt" in public.content.decode()


def test_another_municipalitys_commitment_is_refused(client, world):
    client.force_login(world["recorder"])
    response = client.post(URL, post_data(world["foreign"]))
    assert response.status_code == 200
    assert "Välj ett löfte i din kommun." in response.content.decode()
    assert not Activity.objects.exists()


def test_an_area_of_another_municipality_is_refused(client, world):
    client.force_login(world["recorder"])
    response = client.post(URL, post_data(world["walks"], area=world["other_area"].pk))
    assert "Välj en kommundel i löftets kommun." in response.content.decode()
    assert not Activity.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("date", "20-09-2021x", "Ange datumet som ÅÅÅÅ-MM-DD."),
        ("participants", "-1", "Kontrollera att detta värde är större än eller lika med 0."),
        ("participants", "abc", "Fyll i ett heltal."),
        ("type", "alien_visit", "Välj ett giltigt alternativ."),
        ("public_note", "x" * 2001, "har som mest 2000 tecken"),
    ],
)
def test_bad_values_are_rejected_with_a_message_next_to_the_field(client, world, field, value, message):
    client.force_login(world["recorder"])
    response = client.post(URL, post_data(world["walks"], **{field: value}))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Activity.objects.exists()


def test_a_future_date_is_refused(client, world):
    client.force_login(world["recorder"])
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post(URL, post_data(world["walks"], date=tomorrow))
    assert "Datumet kan inte ligga i framtiden" in response.content.decode()
    assert not Activity.objects.exists()


def test_what_was_typed_is_kept_when_validation_fails(client, world):
    client.force_login(world["recorder"])
    response = client.post(URL, post_data(world["walks"], date="fel", public_note="Min anteckning", route="Torget"))
    content = response.content.decode()
    assert "Min anteckning" in content
    assert 'value="Torget"' in content


def test_a_post_without_csrf_token_is_refused(world):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(world["recorder"])
    response = client.post(URL, post_data(world["walks"]))
    assert response.status_code == 403
    assert not Activity.objects.exists()


def test_a_reader_may_not_record(client, world):
    reader = factories.user("lasare", world["police"], role=Membership.Role.READER)
    client.force_login(reader)
    assert client.get(URL).status_code == 403
    assert client.post(URL, post_data(world["walks"])).status_code == 403
    assert not Activity.objects.exists()


def test_a_user_without_membership_may_not_record(client, world):
    client.force_login(factories.user("utomstaende"))
    assert client.get(URL).status_code == 403


def test_the_start_page_lists_my_recent_records(client, world):
    client.force_login(world["recorder"])
    client.post(URL, post_data(world["walks"]))
    content = client.get(reverse("staff:home")).content.decode()
    assert "Trygghetsvandring" in content
    assert date(2021, 9, 20).strftime("%Y") in content


def test_prefilled_commitment_and_type_from_the_query_string(client, world):
    client.force_login(world["recorder"])
    content = client.get(URL, {"commitment": world["walks"].pk, "type": "parent_meeting"}).content.decode()
    assert f'<option value="{world["walks"].pk}" selected>' in content
    assert '<input type="hidden" name="type" value="parent_meeting"' in content
    assert "Föräldraträff" in content
