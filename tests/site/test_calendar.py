"""The public meeting calendar: /<kommun>/kalender/ and its iCalendar feeds, parsed back."""

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from lofte.dialogue.meetings import cancel_meeting, link_meeting_to_activity, save_meeting
from tests import factories
from tests.dialogue import helpers
from tests.site.helpers import assert_accessible_page

pytestmark = pytest.mark.django_db


def _future(days=10):
    return timezone.localtime() + timedelta(days=days)


def test_upcoming_meetings_come_first_then_past_ones_with_a_link_to_what_was_recorded(client):
    w = helpers.world()
    past = helpers.meeting(w["strangnas"], title="Förra mötet", start=_future(-30), commitment=w["commitment"])
    activity = factories.activity(w["commitment"], type="dialogue_meeting", on=past.starts_at.date())
    link_meeting_to_activity(past.pk, activity)
    helpers.meeting(w["strangnas"], title="Nästa möte", start=_future(5), area=w["areas"][1], organiser=w["town"])
    helpers.meeting(w["strangnas"], title="Hemligt möte", start=_future(6), public=False)
    helpers.meeting(w["strangnas"], title="Om ett utkast", start=_future(7), commitment=w["draft"])
    helpers.meeting(w["other"], title="Stockholmsmöte", start=_future(8))
    response = client.get("/strangnas/kalender/")
    assert response.status_code == 200
    content = response.content.decode()
    assert content.index("Nästa möte") < content.index("Förra mötet")
    assert "Mariefred" in content and "Strängnäs kommun" in content
    assert w["commitment"].get_absolute_url() in content
    assert "se vad som registrerades" in content
    for hidden in ("Hemligt möte", "Om ett utkast", "Stockholmsmöte"):
        assert hidden not in content
    assert "public" in response["Cache-Control"]
    assert_accessible_page(response)


def test_script_in_a_meeting_is_escaped(client):
    w = helpers.world()
    helpers.meeting(w["strangnas"], title="<script>alert(1)</script>", start=_future(), description="<img src=x>")
    content = client.get("/strangnas/kalender/").content.decode()
    assert "<script>alert(1)</script>" not in content and "&lt;img src=x&gt;" in content


def test_the_feed_parses_back_with_timezone_uid_sequence_and_cancellation(client):
    w = helpers.world()
    start = datetime(2026, 12, 10, 18, 0, tzinfo=helpers.STOCKHOLM)
    meeting = helpers.meeting(w["strangnas"], start=start, commitment=w["commitment"], organiser=w["police"])
    cancelled = helpers.meeting(w["strangnas"], title="Inställd vandring", start=start + timedelta(days=7),
                                kind="safety_walk")
    cancel_meeting(cancelled, w["recorder"])
    meeting.place = "Stadshuset"
    save_meeting(meeting, w["recorder"])
    response = client.get("/strangnas/kalender.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    cal = Calendar.from_ical(response.content)
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/Stockholm"]
    events = {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}
    event = events["Dialogmöte om trygghet"]
    assert str(event["UID"]) == f"{meeting.uid}@lofte"
    assert int(event["SEQUENCE"]) == 1
    assert event["DTSTART"].params["TZID"] == "Europe/Stockholm"
    assert event.decoded("DTSTART") == start
    assert event.decoded("DTEND") == start + timedelta(hours=2)
    assert "DTSTAMP" in event
    assert str(event["LOCATION"]).startswith("Stadshuset")
    assert str(event["STATUS"]) == "CONFIRMED"
    gone = events["Inställd vandring"]
    assert str(gone["STATUS"]) == "CANCELLED" and int(gone["SEQUENCE"]) == 1


def test_the_uid_stays_and_the_sequence_rises_between_two_fetches(client):
    w = helpers.world()
    meeting = helpers.meeting(w["strangnas"])
    url = f"/strangnas/kalender/{meeting.pk}.ics"
    first = Calendar.from_ical(client.get(url).content).walk("VEVENT")[0]
    meeting.title = "Nytt namn"
    save_meeting(meeting, w["recorder"])
    second = Calendar.from_ical(client.get(url).content).walk("VEVENT")[0]
    assert first["UID"] == second["UID"]
    assert int(second["SEQUENCE"]) == int(first["SEQUENCE"]) + 1
    assert str(second["SUMMARY"]) == "Nytt namn"


def test_a_meeting_of_another_municipality_or_not_public_is_404(client):
    w = helpers.world()
    foreign = helpers.meeting(w["other"])
    hidden = helpers.meeting(w["strangnas"], public=False)
    assert client.get(f"/strangnas/kalender/{foreign.pk}.ics").status_code == 404
    assert client.get(f"/strangnas/kalender/{hidden.pk}.ics").status_code == 404
    assert client.get("/ingenstans/kalender/").status_code == 404


def test_an_empty_feed_still_names_its_time_zone(client):
    helpers.world()
    cal = Calendar.from_ical(client.get("/strangnas/kalender.ics").content)
    assert cal.walk("VEVENT") == []
    assert cal.walk("VTIMEZONE")


def test_the_calendar_page_has_a_constant_number_of_queries(client):
    from tests.site.helpers import query_count

    w = helpers.world()
    helpers.meeting(w["strangnas"], start=_future(3), commitment=w["commitment"])
    few = query_count(client, "/strangnas/kalender/")
    for i in range(10):
        m = helpers.meeting(w["strangnas"], title=f"Möte {i}", start=_future(-i - 1), commitment=w["commitment"],
                            area=w["areas"][0], organiser=w["town"])
        link_meeting_to_activity(m.pk, factories.activity(w["commitment"], type="dialogue_meeting", on=date(2026, 1, 1)))
    assert query_count(client, "/strangnas/kalender/") <= few + 2
