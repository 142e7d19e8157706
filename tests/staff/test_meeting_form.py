"""The new-meeting form: Swedish labels, the user's own municipality first, no internal counter
(regression: "Municipality" in English, Eskilstuna by the alphabet, "Ändrat 0 gånger")."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from lofte.dialogue.models import Meeting
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer():
    eskilstuna = factories.municipality("0484", "Eskilstuna")
    strangnas = factories.municipality()
    police = factories.organisation(eskilstuna, "police", name="LPO Eskilstuna/Strängnäs")
    police.municipalities.add(strangnas)
    factories.promise_set(strangnas, timezone.localdate().year)
    return {"user": factories.user("polis", police), "strangnas": strangnas}


def test_the_municipality_field_is_swedish_and_starts_with_the_users_own(client, officer):
    client.force_login(officer["user"])
    response = client.get(reverse("staff:meeting_new"))
    content = response.content.decode()
    assert ">Kommun</label>" in content and "Municipality" not in content
    assert response.context["form"]["municipality"].value() == officer["strangnas"].pk


def test_a_meeting_page_says_when_it_was_last_changed_not_a_counter(client, officer):
    start = timezone.now() + timedelta(days=3)
    meeting = Meeting.objects.create(municipality=officer["strangnas"], title="Dialogmöte", starts_at=start,
                                     ends_at=start + timedelta(hours=2), place="Biblioteket")
    client.force_login(officer["user"])
    content = client.get(reverse("staff:meeting", args=[meeting.pk])).content.decode()
    assert "gånger" not in content
    assert "Senast ändrat" in content
