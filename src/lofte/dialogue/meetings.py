"""The meeting calendar: saving, cancelling, linking held meetings to their activity, iCalendar.

Every change raises the meeting's SEQUENCE so that calendar applications replace the event they have;
a cancelled meeting stays (STATUS:CANCELLED) rather than disappearing from subscribers' calendars.
"""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from lofte.activities.models import Activity
from lofte.core.audit import log_change, snapshot
from lofte.core.models import AuditEntry
from lofte.dialogue.models import Meeting

STOCKHOLM = ZoneInfo("Europe/Stockholm")
UTC = ZoneInfo("UTC")


class NonexistentLocalTime(ValueError):
    """A wall-clock time skipped by the change to summer time (e.g. 02:30 on 29 March 2026)."""


def local_datetime(day: date, clock: time) -> datetime:
    """The moment a Stockholm clock shows `clock` on `day`. A time that occurs twice (the change
    back to winter time) is its first occurrence; one that never occurs is refused, because
    zoneinfo would silently read it with the winter offset (02:30 and 03:30 on the day summer time
    starts then fall on the same instant)."""
    moment = datetime.combine(day, clock, tzinfo=STOCKHOLM)
    if moment.astimezone(UTC).astimezone(STOCKHOLM).replace(tzinfo=None) != moment.replace(tzinfo=None):
        raise NonexistentLocalTime(f"{day} {clock:%H:%M}")
    return moment


def single_line(text: str) -> str:
    """A one-line text (a title, a place): line breaks and runs of white space become one space."""
    return " ".join(text.split())


@transaction.atomic
def save_meeting(meeting: Meeting, user) -> Meeting:
    """Create or update a meeting (validated by the caller), raising SEQUENCE on every change."""
    creating = meeting.pk is None
    before = None if creating else snapshot(Meeting.objects.get(pk=meeting.pk))
    if creating:
        meeting.created_by = user if getattr(user, "is_authenticated", False) else None
    else:
        meeting.sequence = (before or {}).get("sequence", meeting.sequence) + 1
    meeting.save()
    log_change(user, AuditEntry.Action.CREATE if creating else AuditEntry.Action.UPDATE, meeting,
               before=before, after=snapshot(meeting), municipality_id=meeting.municipality_id)
    meeting.municipality.touch()
    return meeting


@transaction.atomic
def cancel_meeting(meeting: Meeting, user) -> Meeting:
    if meeting.cancelled:
        return meeting
    meeting.cancelled = True
    return save_meeting(meeting, user)


@transaction.atomic
def link_meeting_to_activity(meeting_id: int | str | None, activity: Activity, user=None) -> Meeting | None:
    """Link a held meeting to the activity recorded for it; the calendar then links to that record.

    Meant to be called by the record view with the `meeting` query parameter it was opened with. An
    unknown id, or a meeting of another municipality than the activity's, links nothing (None).
    """
    try:
        meeting_id = int(meeting_id)
    except (TypeError, ValueError):
        return None
    meeting = Meeting.objects.select_for_update().filter(pk=meeting_id, municipality_id=activity.municipality_id).first()
    if meeting is None:
        return None
    before = snapshot(meeting)
    Meeting.objects.filter(pk=meeting.pk).update(held_activity=activity, sequence=F("sequence") + 1,
                                                 updated_at=timezone.now())
    meeting.refresh_from_db()
    log_change(user, AuditEntry.Action.UPDATE, meeting, before=before, after=snapshot(meeting),
               municipality_id=meeting.municipality_id)
    meeting.municipality.touch()
    return meeting


def activity_initial(meeting_id: int | str | None, municipalities) -> dict:
    """Initial values of the activity form for a held meeting: its commitment, date, area and place.

    Only a meeting in one of `municipalities` (those the user may record in) fills anything in.
    """
    try:
        meeting_id = int(meeting_id)
    except (TypeError, ValueError):
        return {}
    meeting = Meeting.objects.filter(pk=meeting_id, municipality__in=municipalities).first()
    if meeting is None:
        return {}
    initial = {"date": timezone.localdate(meeting.starts_at), "place": meeting.place}
    if meeting.area_id:
        initial["area"] = meeting.area_id
    if meeting.commitment_id:
        initial["commitment"] = meeting.commitment_id
    return initial


def split_upcoming(meetings, now: datetime) -> tuple[list[Meeting], list[Meeting]]:
    """Upcoming meetings (soonest first) and past ones (latest first)."""
    upcoming = sorted((m for m in meetings if m.ends_at >= now), key=lambda m: (m.starts_at, m.pk))
    past = sorted((m for m in meetings if m.ends_at < now), key=lambda m: (m.starts_at, m.pk), reverse=True)
    return upcoming, past


# ---------------------------------------------------------------------------------------------
# iCalendar


def _event(meeting: Meeting, url: str):
    from icalendar import Event

    event = Event()
    event.add("uid", f"{meeting.uid}@lofte")
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", meeting.updated_at.astimezone(ZoneInfo("UTC")))
    event.add("last-modified", meeting.updated_at.astimezone(ZoneInfo("UTC")))
    event.add("created", meeting.created_at.astimezone(ZoneInfo("UTC")))
    event.add("dtstart", meeting.starts_at.astimezone(STOCKHOLM))
    event.add("dtend", meeting.ends_at.astimezone(STOCKHOLM))
    event.add("summary", meeting.title)
    parts = [meeting.description] if meeting.description else []
    if meeting.organiser_id:
        parts.append(f"Arrangör: {meeting.organiser.name}")
    if meeting.commitment_id:
        parts.append(f"Löfte: {meeting.commitment.text}")
    if parts:
        event.add("description", "\n\n".join(parts))
    location = meeting.place
    if meeting.area_id and meeting.area.name not in location:
        location = f"{location}, {meeting.area.name}"
    event.add("location", location)
    event.add("status", "CANCELLED" if meeting.cancelled else "CONFIRMED")
    event.add("categories", [meeting.get_kind_display()])
    # Each event links to its own meeting's page (a callable gives the address per meeting).
    event.add("url", url(meeting) if callable(url) else url)
    return event


def calendar_bytes(meetings, name: str, url: str) -> bytes:
    """An iCalendar feed of the meetings, with the Europe/Stockholm VTIMEZONE."""
    from icalendar import Calendar, vText

    cal = Calendar()
    cal.add("prodid", "-//Löfte//medborgarlöften//SV")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    # A non-standard property is not escaped by icalendar unless it is given as text: a line break
    # in a title made an invalid content line (and a 500).
    cal.add("x-wr-calname", vText(single_line(name)))
    cal.add("x-wr-timezone", "Europe/Stockholm")
    for meeting in meetings:
        cal.add_component(_event(meeting, url))
    cal.add_missing_timezones()
    if not cal.walk("VTIMEZONE"):
        # An empty feed still names its time zone, so clients know it before the first event.
        from icalendar import Timezone

        cal.add_component(Timezone.from_tzid("Europe/Stockholm"))
    return cal.to_ical()


def site_url(path: str) -> str:
    return settings.SITE_URL + path
