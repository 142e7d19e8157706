"""An invented district set for the demo: Mariefred's promises from July 2026 to June 2027.

Strängnäs' real documents hold only whole-year sets for the whole municipality. Big municipalities
promise per district, over periods that run from July to June, and sometimes the police promise
alone with the district administration as a partner; this invented set shows all three (an area
scope, a mid-year period and a single promising party), with invented records, one of them
registered late. Its title says it is an example. Idempotent.
"""

from __future__ import annotations

from datetime import date, datetime, time

from django.utils import timezone

from lofte.activities.models import Activity
from lofte.core.models import Area, Municipality, Organisation
from lofte.demo.records import create_demo_activity
from lofte.promises.models import Approval, Commitment, PromiseSet, Target, Theme

TITLE = "Medborgarlöfte för Mariefred 2026–2027 (påhittat exempel)"
START, END = date(2026, 7, 1), date(2027, 6, 30)
PARTNER = "Lokala BRÅ-gruppen i Mariefred"
APPROVER = "Erik Lindqvist, kommunpolis"
INTRO = (
    "Påhittat exempel i demon: ett medborgarlöfte som gäller en del av kommunen, från juli till juni, och som "
    "polisen ger ensam med den lokala BRÅ-gruppen som samverkanspart. Det bygger på vad invånarna i Mariefred "
    "har sagt om tryggheten i hamnen och centrum under sommarkvällarna."
)
THEME = "Trygghet i Mariefred"
# (number, text, targets as (count, unit, activity type, per))
COMMITMENTS = [
    (1, "Polisen lovar att genomföra minst två trygghetsvandringar per år i Mariefred tillsammans med den "
        "lokala BRÅ-gruppen.", [(2, "trygghetsvandringar", "safety_walk", "year")]),
    (2, "Polisen lovar att hålla minst fyra dialogmöten med invånare i Mariefred under perioden.",
     [(4, "dialogmöten", "dialogue_meeting", "period")]),
    (3, "Polisen lovar att vara synlig vid hamnen och i centrum under sommarens helgkvällar.", []),
]
# (commitment number, type, date, count, public note, details); recorded two days later unless
# lofte.demo.records.LATE names the day (the dialogue meeting of 20 August was registered in October).
WORK = [
    (2, "dialogue_meeting", date(2026, 8, 20), 1, "Dialogmöte om sommarkvällarna i hamnen.",
     {"place": "Mariefreds bibliotek", "attendees": 22, "organisations_present": "Polisen, lokala BRÅ-gruppen",
      "topics": "Oro i hamnen sena helgkvällar, mopeder på kajen.", "promised": "Polisen patrullerar hamnen fredagar."}),
    (1, "safety_walk", date(2026, 9, 15), 1, "Kvällsvandring från torget till hamnen.",
     {"route": "Torget – Storgatan – hamnen", "light": "dark", "participants": 12,
      "organisations_present": "Polisen, lokala BRÅ-gruppen", "pre_meeting_date": "2026-09-01",
      "follow_up_date": "2026-10-06"}),
    (2, "dialogue_meeting", date(2026, 11, 12), 1, "Dialogmöte om trygghet vid skolan.",
     {"place": "Mariefreds skola", "attendees": 17, "organisations_present": "Polisen, lokala BRÅ-gruppen"}),
]


def add_demo_district(strangnas: Municipality, areas: dict[str, Area], police: Organisation) -> str:
    """Create the invented Mariefred set once; returns a line for the demo summary."""
    if PromiseSet.objects.filter(municipality=strangnas, title=TITLE).exists():
        return "Mariefred 2026–2027 finns redan."
    partner, _ = Organisation.objects.get_or_create(name=PARTNER, kind=Organisation.Kind.OTHER)
    partner.municipalities.add(strangnas)
    promise_set = PromiseSet.objects.create(
        municipality=strangnas, area=areas["Mariefred"], start=START, end=END, title=TITLE, intro=INTRO,
        signatories="Lokalpolisområdeschef, LPO Eskilstuna/Strängnäs", status=PromiseSet.Status.PUBLISHED,
        published_at=timezone.make_aware(datetime.combine(date(2026, 6, 22), time(10, 0))),
    )
    promise_set.partners.set([partner])
    theme = Theme.objects.create(promise_set=promise_set, title=THEME, position=0)
    commitments = {}
    for number, text, targets in COMMITMENTS:
        commitment = Commitment.objects.create(promise_set=promise_set, number=number, text=text, theme=theme)
        commitment.short_title = commitment.title[:100]
        commitment.save(update_fields=["short_title"])
        commitment.parties.set([police])
        for count, unit, activity_type, per in targets:
            Target.objects.create(commitment=commitment, count=count, unit=unit, activity_type=activity_type, per=per)
        commitments[number] = commitment
    approval = Approval.objects.create(promise_set=promise_set, organisation=police, approver_name=APPROVER)
    Approval.objects.filter(pk=approval.pk).update(
        approved_at=timezone.make_aware(datetime.combine(date(2026, 6, 22), time(9, 0)))
    )
    for number, type_key, on, count, note, details in WORK:
        if on > timezone.localdate():
            continue
        create_demo_activity(
            commitment=commitments[number], type_key=type_key, on=on, area=areas["Mariefred"], count=count,
            note=note, details=details, organisations=[police],
        )
    if Activity.objects.filter(commitments__promise_set=promise_set).exists():
        strangnas.touch()
    return "Mariefred 2026–2027 (påhittat exempel) skapat."
