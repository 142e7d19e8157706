"""The calendar subscribes with webcal://, and each event of the feed links to its own meeting's page
(regression: an https download only, and every event linked to the list)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from tests.dialogue import helpers
from tests.site.helpers import assert_accessible_page

pytestmark = pytest.mark.django_db


def future(days=10):
    return timezone.localtime() + timedelta(days=days)


def test_the_page_offers_a_webcal_subscription_and_the_file(client, settings):
    settings.SITE_URL = "https://lofte.example.se"
    helpers.world()
    content = client.get("/strangnas/kalender/").content.decode()
    assert 'href="webcal://lofte.example.se/strangnas/kalender.ics"' in content
    assert 'href="/strangnas/kalender.ics"' in content


def test_each_event_links_to_its_own_meeting(client, settings):
    settings.SITE_URL = "https://lofte.example.se"
    w = helpers.world()
    first = helpers.meeting(w["strangnas"], title="Första", start=future(3))
    second = helpers.meeting(w["strangnas"], title="Andra", start=future(4))
    feed = Calendar.from_ical(client.get("/strangnas/kalender.ics").content)
    urls = {str(e["summary"]): str(e["url"]) for e in feed.walk("VEVENT")}
    assert urls == {"Första": f"https://lofte.example.se/strangnas/kalender/{first.pk}/",
                    "Andra": f"https://lofte.example.se/strangnas/kalender/{second.pk}/"}
    one = Calendar.from_ical(client.get(f"/strangnas/kalender/{first.pk}.ics").content)
    assert str(one.walk("VEVENT")[0]["url"]).endswith(f"/strangnas/kalender/{first.pk}/")


def test_a_meeting_has_a_page_of_its_own(client):
    w = helpers.world()
    meeting = helpers.meeting(w["strangnas"], title="Dialogmöte i Mariefred", start=future(3))
    response = client.get(f"/strangnas/kalender/{meeting.pk}/")
    assert response.status_code == 200
    assert_accessible_page(response)
    content = response.content.decode()
    assert "<h1>Dialogmöte i Mariefred</h1>" in content
    assert f'href="/strangnas/kalender/{meeting.pk}.ics"' in content
    assert f'href="/strangnas/kalender/{meeting.pk}/"' in client.get("/strangnas/kalender/").content.decode()


def test_a_hidden_or_foreign_meeting_has_no_page(client):
    w = helpers.world()
    hidden = helpers.meeting(w["strangnas"], title="Hemligt", start=future(3), public=False)
    foreign = helpers.meeting(w["other"], title="Stockholm", start=future(3))
    assert client.get(f"/strangnas/kalender/{hidden.pk}/").status_code == 404
    assert client.get(f"/strangnas/kalender/{foreign.pk}/").status_code == 404
