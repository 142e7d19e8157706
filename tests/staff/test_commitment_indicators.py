"""Redaktörer link a commitment to the indicators it should move, from the staff commitment page."""

from datetime import date

import pytest
from django.urls import reverse

from lofte.core.models import AuditEntry, Membership
from lofte.situation.models import CommitmentIndicator
from tests import factories
from tests.site.helpers import strangnas_set

pytestmark = pytest.mark.django_db
VALUES = {date(2021, 1, 1): 180, date(2023, 1, 1): 140}


@pytest.fixture
def world():
    kommun, ps, commitments, areas = strangnas_set(2022, 2023)
    town = commitments[0].parties.get(kind="municipality")
    indicator = factories.indicator_values(kommun, values=VALUES)
    return {"kommun": kommun, "commitment": commitments[0], "indicator": indicator, "areas": areas,
            "editor": factories.user("redaktor", town, role=Membership.Role.EDITOR),
            "reader": factories.user("lasare", town, role=Membership.Role.READER)}


def url(commitment, name="commitment_indicators"):
    return reverse(f"staff:{name}", kwargs={"commitment_id": commitment.pk})


def test_an_editor_links_an_indicator_for_an_area_and_removes_it_again(client, world):
    client.force_login(world["editor"])
    page = client.get(url(world["commitment"], "commitment")).content.decode()
    assert "Indikatorer som löftet ska påverka" in page and world["indicator"].name in page
    response = client.post(url(world["commitment"]), {"action": "add", "indicator": world["indicator"].pk,
                                                      "area": world["areas"][1].pk})
    assert response.status_code == 302
    link = CommitmentIndicator.objects.get()
    assert (link.indicator, link.area) == (world["indicator"], world["areas"][1])
    assert AuditEntry.objects.filter(action="create", object_type="situation.CommitmentIndicator",
                                     municipality_id=world["kommun"].pk).exists()
    client.post(url(world["commitment"]), {"action": "remove", "link": link.pk})
    assert not CommitmentIndicator.objects.exists()
    assert AuditEntry.objects.filter(action="delete", object_type="situation.CommitmentIndicator").exists()


def test_a_reader_may_not_link(client, world):
    client.force_login(world["reader"])
    assert "Koppla indikatorn" not in client.get(url(world["commitment"], "commitment")).content.decode()
    response = client.post(url(world["commitment"]), {"action": "add", "indicator": world["indicator"].pk})
    assert response.status_code == 403
    assert not CommitmentIndicator.objects.exists()


def test_a_hostile_post_gets_a_swedish_error_and_changes_nothing(client, world):
    client.force_login(world["editor"])
    other = factories.municipality(code="0484", name="Eskilstuna")
    elsewhere = factories.indicator_values(other, key="bra:bostadsinbrott", values=VALUES)
    response = client.post(url(world["commitment"]), {"action": "add", "indicator": elsewhere.pk}, follow=True)
    assert "Välj en indikator med värden för kommunen." in response.content.decode()
    response = client.post(url(world["commitment"]), {"action": "remove", "link": "12345"}, follow=True)
    assert "Kopplingen finns inte (längre)." in response.content.decode()
    assert not CommitmentIndicator.objects.exists()


def test_the_public_commitment_page_shows_before_after_the_chart_and_that_it_is_no_proof(client, world):
    CommitmentIndicator.objects.create(commitment=world["commitment"], indicator=world["indicator"])
    response = client.get(world["commitment"].get_absolute_url())
    page = response.content.decode()
    assert "Indikatorer som löftet ska påverka" in page
    assert "Minskade med 22 %: från 180 (2021) till 140 (2023)." in page
    assert "bevisar inte att löftet har haft effekt" in page
    assert '<svg' in page and 'role="img"' in page
    assert "Källa: Brå" in page and "CC BY 4.0" in page
    assert "situation/effects" in page
    from tests.site.helpers import assert_accessible_page

    assert_accessible_page(response)


def test_a_commitment_without_links_shows_no_effects_section(client, world):
    page = client.get(world["commitment"].get_absolute_url()).content.decode()
    assert "Indikatorer som löftet ska påverka" not in page


def test_a_new_link_makes_the_commitment_page_a_new_version(client, world):
    before = client.get(world["commitment"].get_absolute_url())["ETag"]
    CommitmentIndicator.objects.create(commitment=world["commitment"], indicator=world["indicator"])
    assert client.get(world["commitment"].get_absolute_url())["ETag"] != before
