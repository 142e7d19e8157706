"""A walk's protocol page /<kommun>/fynd/vandring/<id>/: route, participants, findings, follow-up."""

import pytest

from tests.site.helpers import parse, text_of
from tests.walks import helpers

pytestmark = pytest.mark.django_db


def url(w):
    return f"/strangnas/fynd/vandring/{w['walk'].pk}/"


def test_it_shows_route_participants_organisations_and_the_follow_up_meeting(client):
    w = helpers.world()
    helpers.finding(w["walk"], status="fixed")
    doc = parse(client.get(url(w)).content)
    text = text_of(doc)
    assert "Stationen – gångtunneln – torget" in text
    assert "14 personer" in text
    assert "LPO Strängnäs" in text and "Bostadsbolaget" in text
    assert "2021-10-11" in text
    assert "Mörker" in text
    assert "Trasig gatlampa vid gångtunneln." in text and "Åtgärdad" in text


def test_it_names_no_people():
    # The protocol is built from counts and organisations only; there is no field for names.
    from lofte.walks.public import Protocol

    assert "participant_names" not in Protocol.__dataclass_fields__


def test_another_municipalitys_walk_is_a_404(client):
    w = helpers.world()
    assert client.get(f"/strangnas/fynd/vandring/{w['other_walk'].pk}/").status_code == 404


def test_an_activity_that_is_not_a_walk_is_a_404(client):
    from tests import factories

    w = helpers.world()
    meeting = factories.activity(w["commitment"], type="dialogue_meeting")
    assert client.get(f"/strangnas/fynd/vandring/{meeting.pk}/").status_code == 404
    assert client.get("/strangnas/fynd/vandring/999999/").status_code == 404


def test_a_walk_without_details_still_renders(client):
    w = helpers.world()
    w["walk"].details = {}
    w["walk"].save()
    response = client.get(url(w))
    assert response.status_code == 200
    assert "inte bestämt" in response.content.decode()
