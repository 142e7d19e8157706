"""/<kommun>/synpunkter/ takes input only where someone in Löfte can read it (regression: it took
input for municipalities with nobody to moderate it and promised "Kommunen och Polisen läser alla
synpunkter")."""

import pytest

from lofte.core.models import Membership
from lofte.dialogue.models import CitizenInput
from tests import factories

pytestmark = pytest.mark.django_db
URL = "/eskilstuna/synpunkter/"


@pytest.fixture
def eskilstuna():
    return factories.municipality("0484", "Eskilstuna")


def test_without_anyone_to_read_it_there_is_no_form_and_no_promise(client, eskilstuna):
    content = client.get(URL).content.decode()
    assert "Eskilstuna tar ännu inte emot synpunkter via Löfte." in content
    assert "<form" not in content
    assert "läser alla synpunkter" not in content


def test_a_post_there_is_refused_and_stores_nothing(client, eskilstuna):
    response = client.post(URL, {"message": "Hej"})
    assert response.status_code == 403
    assert not CitizenInput.objects.exists()


def test_a_registrerare_alone_cannot_moderate_so_it_still_takes_none(client, eskilstuna):
    factories.user("polis", factories.organisation(eskilstuna, "police"), Membership.Role.RECORDER)
    assert "tar ännu inte emot synpunkter" in client.get(URL).content.decode()


def test_with_a_redaktor_the_form_is_there(client, eskilstuna):
    factories.user("redaktor", factories.organisation(eskilstuna, "municipality"), Membership.Role.EDITOR)
    content = client.get(URL).content.decode()
    assert "<form" in content and "läser alla synpunkter" in content
    assert "tar ännu inte emot" not in content
