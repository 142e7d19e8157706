"""Staff manage the meeting calendar: /personal/moten/ (registrerare and up)."""

import pytest
from django.urls import reverse

from lofte.core.models import AuditEntry
from lofte.dialogue.models import Meeting
from tests import factories
from tests.dialogue import helpers

pytestmark = pytest.mark.django_db


@pytest.fixture
def w():
    return helpers.world()


def data(w, **overrides):
    values = {"municipality": w["strangnas"].pk, "title": "Dialogmöte i Mariefred", "kind": "dialogue_meeting",
              "description": "Om tryggheten i centrum.", "date": "2027-03-11", "start": "18:00", "end": "20:00",
              "place": "Mariefreds bibliotek", "area": w["areas"][1].pk, "organiser": w["town"].pk,
              "commitment": w["commitment"].pk, "public": "on"}
    values.update(overrides)
    return values


def test_a_recorder_creates_a_meeting_in_stockholm_time(client, w):
    client.force_login(w["recorder"])
    response = client.post(reverse("staff:meeting_new"), data(w))
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.starts_at.astimezone(helpers.STOCKHOLM).hour == 18
    assert meeting.sequence == 0
    assert AuditEntry.objects.filter(object_type="dialogue.Meeting", action="create").count() == 1


@pytest.mark.parametrize("overrides,message", [
    ({"end": "17:00"}, "Mötet måste sluta efter att det börjar."),
    ({"area": "other_area"}, "Välj en kommundel i mötets kommun."),
    ({"commitment": "draft"}, "Välj ett publicerat löfte i mötets kommun."),
    ({"commitment": "other_commitment"}, "Välj ett publicerat löfte i mötets kommun."),
    ({"municipality": "other"}, "Välj en kommun där du får lägga in möten."),
    ({"date": "11/3"}, "Ange datumet som ÅÅÅÅ-MM-DD."),
    ({"title": ""}, "Ge mötet en rubrik."),
])
def test_bad_input_is_refused_next_to_its_field_and_nothing_is_saved(client, w, overrides, message):
    client.force_login(w["recorder"])
    lookups = {"other_area": w["other_area"].pk, "draft": w["draft"].pk,
               "other_commitment": w["other_commitment"].pk, "other": w["other"].pk}
    response = client.post(reverse("staff:meeting_new"), data(w, **{k: lookups.get(v, v) for k, v in overrides.items()}))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Meeting.objects.exists()


def test_editing_raises_the_sequence_and_cancel_keeps_the_meeting(client, w):
    meeting = helpers.meeting(w["strangnas"])
    client.force_login(w["recorder"])
    response = client.post(reverse("staff:meeting", args=[meeting.pk]), data(w, title="Nytt namn"))
    assert response.status_code == 302
    client.post(reverse("staff:meeting_cancel", args=[meeting.pk]))
    meeting.refresh_from_db()
    assert meeting.title == "Nytt namn" and meeting.cancelled and meeting.sequence == 2
    assert meeting.municipality == w["strangnas"]


def test_cancel_needs_post(client, w):
    meeting = helpers.meeting(w["strangnas"])
    client.force_login(w["recorder"])
    assert client.get(reverse("staff:meeting_cancel", args=[meeting.pk])).status_code == 405


def test_mark_as_held_opens_the_activity_form_filled_in(client, w):
    meeting = helpers.meeting(w["strangnas"], commitment=w["commitment"], kind="safety_walk")
    client.force_login(w["recorder"])
    response = client.post(reverse("staff:meeting_held", args=[meeting.pk]))
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith(reverse("staff:record") + "?")
    assert f"commitment={w['commitment'].pk}" in location and "type=safety_walk" in location
    assert f"meeting={meeting.pk}" in location


def test_mark_as_held_is_refused_for_a_meeting_outside_the_commitments_period(client, w):
    """Reproduces: a meeting held after its commitment's period opened a form whose record counted nowhere."""
    from datetime import datetime

    meeting = helpers.meeting(w["strangnas"], commitment=w["commitment"], kind="dialogue_meeting",
                              start=datetime(2028, 2, 1, 18, 0, tzinfo=helpers.STOCKHOLM))
    client.force_login(w["recorder"])
    response = client.post(reverse("staff:meeting_held", args=[meeting.pk]))
    assert response["Location"] == reverse("staff:meeting", args=[meeting.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Datumet 2028-02-01 ligger utanför löftets period 2026-01-01–2027-12-31" in page


def test_a_reader_may_not_change_meetings(client, w):
    meeting = helpers.meeting(w["strangnas"])
    client.force_login(w["reader"])
    assert client.get(reverse("staff:meetings")).status_code == 403
    assert client.post(reverse("staff:meeting", args=[meeting.pk]), data(w)).status_code == 403
    assert client.post(reverse("staff:meeting_cancel", args=[meeting.pk])).status_code == 403
    meeting.refresh_from_db()
    assert not meeting.cancelled


def test_it_refuses_another_municipalitys_meeting(client, w):
    meeting = helpers.meeting(w["strangnas"])
    client.force_login(w["outsider"])
    for name in ("staff:meeting", "staff:meeting_cancel", "staff:meeting_held"):
        assert client.post(reverse(name, args=[meeting.pk]), data(w)).status_code == 404
    meeting.refresh_from_db()
    assert not meeting.cancelled and meeting.sequence == 0


def test_recording_a_held_meeting_links_it_and_the_calendar_shows_the_link(client):
    """The whole round trip: mark as held, record the activity, see the link in the public calendar."""
    from datetime import datetime

    from tests.staff.test_activities import build_world, walk_data

    world = build_world()
    start = datetime(2021, 9, 20, 18, 0, tzinfo=helpers.STOCKHOLM)
    meeting = helpers.meeting(world["strangnas"], title="Kvällsvandring", start=start, kind="safety_walk",
                              commitment=world["walks"])
    client.force_login(world["recorder"])
    location = client.post(reverse("staff:meeting_held", args=[meeting.pk]))["Location"]
    assert f"meeting={meeting.pk}" in location
    response = client.post(reverse("staff:record"), walk_data(world, meeting=str(meeting.pk)))
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.held_activity is not None and meeting.held_activity.date.isoformat() == "2021-09-20"
    content = client.get("/strangnas/kalender/").content.decode()
    assert "se vad som registrerades" in content
    assert world["walks"].get_absolute_url() in content


def test_the_activity_form_opened_for_a_held_meeting_has_its_date_area_and_place(client):
    from datetime import datetime

    from tests.staff.test_activities import build_world

    world = build_world()
    area = world["strangnas"].areas.first()
    start = datetime(2021, 9, 20, 18, 0, tzinfo=helpers.STOCKHOLM)
    meeting = helpers.meeting(world["strangnas"], start=start, kind="dialogue", commitment=world["walks"])
    meeting.area, meeting.place = area, "Biblioteket"
    meeting.save()
    client.force_login(world["recorder"])
    content = client.get(reverse("staff:record"), {"type": "dialogue_meeting", "meeting": meeting.pk}).content.decode()
    assert 'value="2021-09-20"' in content
    assert f'<option value="{area.pk}" selected>' in content
    assert 'value="Biblioteket"' in content


def test_another_municipalitys_meeting_fills_nothing_in(client):
    from tests.staff.test_activities import build_world

    world = build_world()
    other = factories.municipality("0180", "Stockholm")
    meeting = helpers.meeting(other, kind="dialogue")
    meeting.place = "Hemlig plats"
    meeting.save()
    client.force_login(world["recorder"])
    content = client.get(reverse("staff:record"), {"type": "dialogue_meeting", "meeting": meeting.pk}).content.decode()
    assert "Hemlig plats" not in content


def test_a_meeting_inside_the_spring_dst_gap_is_refused_with_a_message(client, w):
    """Reproduces 9.10: 02:30–03:30 on 29 March 2026 (clocks jump from 02:00 to 03:00) passed the
    form, then hit the end-after-start constraint (both are 01:30 UTC): a 500."""
    client.force_login(w["recorder"])
    response = client.post(reverse("staff:meeting_new"), data(w, date="2026-03-29", start="02:30", end="03:30"))
    assert response.status_code == 400
    content = response.content.decode()
    assert "Klockan 02:30 finns inte den 29 mars 2026" in content
    assert not Meeting.objects.exists()


def test_a_meeting_across_the_spring_dst_change_lasts_its_real_length(client, w):
    client.force_login(w["recorder"])
    response = client.post(reverse("staff:meeting_new"), data(w, date="2026-03-29", start="01:30", end="03:30"))
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert (meeting.ends_at - meeting.starts_at).total_seconds() == 3600


def test_an_autumn_meeting_in_the_repeated_hour_is_its_first_occurrence(client, w):
    client.force_login(w["recorder"])
    response = client.post(reverse("staff:meeting_new"), data(w, date="2026-10-25", start="02:15", end="02:45"))
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.starts_at.astimezone(helpers.STOCKHOLM).utcoffset().total_seconds() == 7200


def test_a_title_with_a_line_break_is_stored_on_one_line_and_its_calendar_works(client, w):
    """Reproduces 9.10: a meeting title containing a newline broke its .ics (X-WR-CALNAME): a 500."""
    client.force_login(w["recorder"])
    response = client.post(reverse("staff:meeting_new"), data(w, title="Dialogmöte\r\nBEGIN:VEVENT", place="A\nB"))
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert (meeting.title, meeting.place) == ("Dialogmöte BEGIN:VEVENT", "A B")
    ics = client.get(f"/strangnas/kalender/{meeting.pk}.ics")
    assert ics.status_code == 200
    assert b"X-WR-CALNAME:Dialogm\xc3\xb6te BEGIN:VEVENT\r\n" in ics.content


def test_a_stored_title_with_a_line_break_still_gives_a_valid_calendar(client, w):
    from icalendar import Calendar

    meeting = helpers.meeting(w["strangnas"], title="Rad ett\nRad två; tre, fyra")
    response = client.get(f"/strangnas/kalender/{meeting.pk}.ics")
    assert response.status_code == 200
    # The name is one escaped TEXT line; the event's summary keeps its line break, escaped.
    assert "X-WR-CALNAME:Rad ett Rad två\\; tre\\, fyra\r\n".encode() in response.content
    calendar = Calendar.from_ical(response.content)
    assert str(calendar.walk("VEVENT")[0]["SUMMARY"]) == "Rad ett\nRad två; tre, fyra"
