"""Demo meetings and citizen input for Strängnäs, all invented and marked as examples.

Idempotent: meetings are found by title and citizen input by its message, so loading the demo again
adds nothing. Past meetings are linked to the demo activity recorded on the same day; one upcoming
meeting is cancelled so that the calendar and its feed show STATUS:CANCELLED.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import F
from django.utils import timezone

from lofte.activities.models import Activity
from lofte.core.models import Area, Municipality, Organisation
from lofte.dialogue.models import CitizenInput, Meeting
from lofte.dialogue.redaction import redact
from lofte.promises.models import Commitment

STOCKHOLM = ZoneInfo("Europe/Stockholm")
PREFIX = "(Exempel) "

# (title, kind, day, start hour, area, place, description, cancelled, period, commitment number)
MEETINGS = [
    # Held meetings are where the recorded activity says they were (lofte.demo.loader.DEMO_WORK).
    ("Dialogmöte om trygghet i centrum", "dialogue_meeting", date(2022, 3, 24), 18, "Strängnäs", "Strängnäs bibliotek",
     "Påhittat exempelmöte: samtal om tryggheten i centrum.", False, "2022-2023", 1),
    ("Dialogmöte om ungdomars fritid", "dialogue_meeting", date(2022, 10, 6), 18, "Mariefred", "Mariefreds skola, aulan",
     "Påhittat exempelmöte om fritidsaktiviteter för unga.", False, "2022-2023", 1),
    ("Dialogmöte om pendlarparkeringen", "dialogue_meeting", date(2023, 9, 14), 17, "Läggesta", "Läggesta station",
     "Påhittat exempelmöte om pendlarparkeringen.", False, "2022-2023", 1),
    ("Trygghetsvandring i Åkers styckebruk", "safety_walk", date(2026, 12, 3), 18, "Åkers styckebruk",
     "Samling vid Åkers station", "Påhittad exempelvandring: vi går genom centrum och noterar belysning och buskage.",
     False, None, None),
    ("Dialogmöte i Stallarholmen", "dialogue_meeting", date(2027, 2, 11), 18, "Stallarholmen", "Bygdegården",
     "Påhittat exempelmöte: kom och berätta vad som gör dig trygg eller otrygg.", False, None, None),
    ("Öppet möte i trafiksäkerhetsrådet", "council_meeting", date(2027, 4, 15), 15, None, "Stadshuset, sal A",
     "Påhittat exempel på ett öppet sammanträde om skolvägar.", False, None, None),
    ("Trygghetsvandring i Mariefred", "safety_walk", date(2027, 1, 21), 18, "Mariefred", "Torget i Mariefred",
     "Påhittad exempelvandring som har ställts in.", True, None, None),
]

# (message, area, answer or "", days ago, published)
INPUTS = [
    ("Det är väldigt mörkt på gångvägen mellan stationen och skolan på kvällarna. Ring mig gärna på 070-123 45 67.",
     "Läggesta", "Gatuenheten har satt upp tre nya belysningsstolpar längs gångvägen.", 60, True),
    ("Mopederna kör fort genom parken på fredagskvällar.", "Strängnäs",
     "Polisen har gjort två kontroller i parken och fortsätter under våren.", 40, True),
    ("Buskarna vid busshållplatsen skymmer sikten.", "Åkers styckebruk", "", 10, True),
    ("Jag undrar när nästa dialogmöte i Mariefred blir?", "Mariefred", "", 2, False),
]


def _local(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour, 0), tzinfo=STOCKHOLM)


def add_demo_dialogue(strangnas: Municipality, areas: dict[str, Area], police: Organisation,
                      kommun: Organisation) -> tuple[int, int]:
    """Add the demo meetings and input (once). Returns how many of each were created."""
    commitments = {
        (c.promise_set.period, c.number): c
        for c in Commitment.objects.published().filter(promise_set__municipality=strangnas).select_related("promise_set")
    }
    meetings = 0
    for title, kind, day, hour, area, place, description, cancelled, period, number in MEETINGS:
        title = PREFIX + title
        if Meeting.objects.filter(municipality=strangnas, title=title).exists():
            # A meeting loaded by an earlier version took place somewhere else than its record says.
            Meeting.objects.filter(municipality=strangnas, title=title).exclude(place=place).update(
                place=place, sequence=F("sequence") + 1)
            continue
        held = None
        if day < timezone.localdate():
            held = Activity.objects.filter(municipality=strangnas, date=day, type=kind, is_demo=True).first()
        Meeting.objects.create(
            municipality=strangnas, title=title, kind=kind, description=description,
            starts_at=_local(day, hour), ends_at=_local(day, hour) + timedelta(hours=2), place=place,
            area=areas.get(area) if area else None,
            organiser=police if kind == "safety_walk" else kommun,
            commitment=commitments.get((period, number)) if period else None,
            cancelled=cancelled, sequence=1 if cancelled else 0, held_activity=held,
        )
        meetings += 1
    inputs = 0
    now = timezone.now()
    for message, area, answer, days_ago, published in INPUTS:
        message = PREFIX + message
        if CitizenInput.objects.filter(municipality=strangnas, message=message).exists():
            continue
        item = CitizenInput.objects.create(
            municipality=strangnas, message=message, area=areas.get(area),
            status=CitizenInput.Status.PUBLISHED if published else CitizenInput.Status.PENDING,
            public_message=redact(message) if published else "",
            moderated_at=now - timedelta(days=days_ago - 1) if published else None,
            answer=answer, answered_by=(kommun if "Gatuenheten" in answer else police) if answer else None,
            answerer_name=("Maria Sandberg, trygghetssamordnare" if "Gatuenheten" in answer
                           else "Erik Lindqvist, kommunpolis") if answer else "",
            answered_at=now - timedelta(days=days_ago - 5) if answer else None,
        )
        CitizenInput.objects.filter(pk=item.pk).update(created_at=now - timedelta(days=days_ago))
        inputs += 1
    if meetings or inputs:
        strangnas.touch()
    return meetings, inputs
