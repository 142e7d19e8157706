"""Load the Strängnäs demo, idempotently.

The promises of 2021 and 2022–2023 are real (the seed document kept in core/data/demo/); the
activity records, assessments and one more set are invented: records are marked is_demo, every page
says so while any exist, and the invented set (Mariefred's, lofte.demo.district) says so in its
title. The records are spread over the periods so that the set pages show every status, now or at a
follow-up point (see DEMO_WORK for which record gives which status), including a record
registered late ("registrerad i efterhand") and final verdicts after the periods.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from lofte.activities.models import Activity
from lofte.core.models import Area, Municipality, Organisation
from lofte.core.reference import load_municipalities
from lofte.demo.dialogue import add_demo_dialogue
from lofte.demo.district import add_demo_district
from lofte.demo.est import add_demo_est
from lofte.demo.records import create_demo_activity
from lofte.demo.findings import add_demo_findings
from lofte.demo.reports import add_demo_links, add_demo_report
from lofte.demo.situation import add_demo_situation
from lofte.demo import workspace
from lofte.promises.importing import import_text_file
from lofte.promises.models import Assessment, Commitment, PromiseSet

SEED = Path(__file__).resolve().parent.parent / "core" / "data" / "demo" / "strangnas-medborgarloften.txt"
STRANGNAS, ESKILSTUNA = "0486", "0484"
AREAS = ["Strängnäs", "Mariefred", "Åkers styckebruk", "Stallarholmen", "Läggesta"]
POLICE_AREA = "LPO Eskilstuna/Strängnäs"
SEED_PERIODS = ("2021", "2022-2023")
DEMO_USERNAME = workspace.DEMO_USERNAME
COORDINATOR_USERNAME = workspace.COORDINATOR_USERNAME

# (period, commitment number, type, date, area or None, count, public note, type-specific details).
# Each record is registered two days after its date, except where lofte.demo.records.LATE says otherwise.
# 2021: the parent meetings keep pace (Enligt plan at 30 April, Uppfyllt by year end); the safety
# walks start late (I riskzonen at 31 August, Delvis uppfyllt with three of four at the year's end)
# and a fourth walk of 10 December was registered only in March 2022: the final result is Uppfyllt
# while the 31 December point keeps showing three of four. The information campaign starts in May
# (Ej påbörjat at 30 April, Uppfyllt by 31 August); the rest have no numeric target (Pågående
# during the year, then a final assessment's verdict or "Slutbedömning saknas").
# 2022–2023: dialogue meetings reach every area in 2023 (Uppfyllt); the rest are qualitative.
# Every activity type appears with realistic figures. Sensitive types carry only what the registry
# allows: the school searched and internal notes are staff-only (DEMO_STAFF_ONLY lists them so that
# a test can prove none reaches a public page), home visits are monthly counts dated the 1st.
DEMO_SCHOOLS = ["Demoskolan i Mariefred", "Exempelskolan i Strängnäs"]
DEMO_STAFF_NOTES = [
    "Intern: sök i omklädningsrummen, skolans rektor närvarande.",
    "Intern: två besök gjordes gemensamt med socialtjänstens fältgrupp.",
]
DEMO_STAFF_ONLY = DEMO_SCHOOLS + DEMO_STAFF_NOTES


def _walk(route, light, participants, organisations, before, after):
    return {"route": route, "light": light, "participants": participants, "organisations_present": organisations,
            "pre_meeting_date": before, "follow_up_date": after}


def _traffic(focus, place, hours, checked, reports, fines, bans, informed):
    return {"focus": focus, "place": place, "hours": hours, "checked": checked, "reports": reports, "fines": fines,
            "driving_bans": bans, "informed": informed}


def _search(outside, informed, find, school, note=""):
    details = {"outside_school_hours": outside, "informed_beforehand": informed, "find": find, "school": school}
    if note:
        details["staff_note"] = note
    return details


DEMO_WORK = [
    ("2021", 1, "council_meeting", date(2021, 2, 10), None, 1, "BRÅ-möte med skola, socialtjänst och polis.",
     {"body": "bra", "organisations_present": "Polisen, Strängnäs kommun, socialtjänsten, skolan"}),
    ("2021", 1, "council_meeting", date(2021, 5, 12), None, 1, "EST-möte: veckans lägesbild gicks igenom.",
     {"body": "est", "organisations_present": "Polisen, Strängnäs kommun, Strängnäs Bostads AB, Securitas"}),
    ("2021", 1, "council_meeting", date(2021, 9, 8), "Stallarholmen", 1, "Möte med lokala BRÅ-gruppen.",
     {"body": "bra", "organisations_present": "Polisen, lokala BRÅ-gruppen i Stallarholmen"}),
    ("2021", 2, "school_drug_search", date(2021, 3, 18), None, 1, "",
     _search(True, True, False, DEMO_SCHOOLS[0], DEMO_STAFF_NOTES[0])),
    ("2021", 2, "school_drug_search", date(2021, 10, 21), None, 2, "", _search(True, True, True, DEMO_SCHOOLS[1])),
    ("2021", 3, "home_visit", date(2021, 4, 1), None, 2, "", {}),
    ("2021", 3, "home_visit", date(2021, 9, 1), None, 4, "", {"staff_note": DEMO_STAFF_NOTES[1]}),
    ("2021", 4, "parent_meeting", date(2021, 3, 15), "Strängnäs", 1, "Tema: droger och sociala medier.",
     {"theme": "Droger och sociala medier", "attendees": 46, "police_took_part": True}),
    ("2021", 4, "parent_meeting", date(2021, 10, 5), "Mariefred", 1, "Tema: trygghet i skolan.",
     {"theme": "Trygghet i skolan", "attendees": 31, "police_took_part": True}),
    ("2021", 5, "safety_walk", date(2021, 9, 20), "Strängnäs", 1, "Kvällsvandring i centrum.",
     _walk("Resecentrum – Storgatan – Stora torget", "dark", 14, "Polisen, Strängnäs kommun, fastighetsägare",
           "2021-08-31", "2021-10-11")),
    ("2021", 5, "safety_walk", date(2021, 10, 12), "Åkers styckebruk", 1, "Belysning vid gångtunneln noterades.",
     _walk("Centrum – gångtunneln – skolan", "dark", 11, "Polisen, Strängnäs kommun, lokala BRÅ-gruppen",
           "2021-09-28", "2021-11-02")),
    ("2021", 5, "safety_walk", date(2021, 11, 2), "Läggesta", 1, "Vandring kring stationen.",
     _walk("Läggesta station – pendlarparkeringen", "daylight", 8, "Polisen, Strängnäs kommun, Trafikverket",
           "2021-10-19", "2021-11-23")),
    ("2021", 5, "safety_walk", date(2021, 12, 10), "Stallarholmen", 1, "Vandring i Stallarholmens centrum.",
     _walk("Bygdegården – Stallarholmens centrum – färjeläget", "dark", 9, "Polisen, lokala BRÅ-gruppen",
           "2021-11-25", "2022-01-13")),
    ("2021", 6, "information_campaign", date(2021, 5, 20), None, 1, "Brev till föräldrar om mopedbilar och EPA-traktorer.",
     {"channel": "Brev hem och skolans lärplattform", "audience": "Föräldrar till elever i åk 8–9 och gymnasiet",
      "reach": 1450, "link": "https://www.example.se/demo/mopedbilar-och-epa-traktorer"}),
    ("2021", 7, "traffic_operation", date(2021, 6, 4), "Strängnäs", 1, "Kontroll av mopedbilar och EPA-traktorer.",
     _traffic(["moped_cars", "a_tractors"], "Eskilstunavägen", 4, 37, 6, 5, 2, 40)),
    ("2021", 7, "traffic_operation", date(2021, 8, 27), "Mariefred", 1, "Hastighetskontroll av EPA-traktorer.",
     _traffic(["a_tractors", "speed"], "Infarten vid Gripsholmsvägen", 3, 22, 3, 2, 1, 22)),
    ("2022-2023", 1, "dialogue_meeting", date(2022, 3, 24), "Strängnäs", 1, "Dialogmöte om trygghet i centrum.",
     {"place": "Strängnäs bibliotek", "attendees": 38, "organisations_present": "Polisen, Strängnäs kommun",
      "topics": "Ungdomsgäng vid resecentrum, belysning i Västerviksparken.",
      "promised": "Kvällspatrullering vid resecentrum under våren; belysningen ses över."}),
    ("2022-2023", 1, "dialogue_meeting", date(2022, 10, 6), "Mariefred", 1, "Dialogmöte om ungdomars fritid.",
     {"place": "Mariefreds skola, aulan", "attendees": 24, "organisations_present": "Polisen, fritidsgården",
      "topics": "Fritidsgårdens öppettider, mopedåkning i centrum.",
      "promised": "Fritidsgården prövar fredagsöppet till 23."}),
    ("2022-2023", 1, "dialogue_meeting", date(2023, 2, 16), "Åkers styckebruk", 1, "Dialogmöte om belysning och trafik.",
     {"place": "Folkets hus", "attendees": 19, "organisations_present": "Polisen, Strängnäs kommun",
      "topics": "Mörk gångtunnel, fortkörning på Bruksvägen.", "promised": "Hastighetskontroller under våren."}),
    ("2022-2023", 1, "dialogue_meeting", date(2023, 5, 11), "Stallarholmen", 1, "Dialogmöte i bygdegården.",
     {"place": "Bygdegården", "attendees": 27, "organisations_present": "Polisen, lokala BRÅ-gruppen"}),
    ("2022-2023", 1, "dialogue_meeting", date(2023, 9, 14), "Läggesta", 1, "Dialogmöte om pendlarparkeringen.",
     {"place": "Läggesta station", "attendees": 12, "organisations_present": "Polisen, Strängnäs kommun, Trafikverket",
      "topics": "Cykelstölder vid pendlarparkeringen.", "promised": "Fler cykelställ med ram att låsa fast i."}),
    ("2022-2023", 2, "school_drug_search", date(2022, 4, 7), None, 3, "", _search(True, True, False, DEMO_SCHOOLS[0])),
    ("2022-2023", 2, "parent_meeting", date(2022, 11, 15), "Strängnäs", 1, "Föräldraträff om narkotika bland unga.",
     {"theme": "Narkotika bland unga", "attendees": 58, "police_took_part": True}),
    ("2022-2023", 2, "home_visit", date(2023, 2, 1), None, 6, "", {}),
    ("2022-2023", 3, "training", date(2022, 5, 19), None, 1, "Utbildning om våld i nära relationer för kommunens personal.",
     {"audience": "Kommunens personal i hemtjänst och skola", "participants": 64}),
    ("2022-2023", 3, "information_campaign", date(2022, 11, 25), None, 1, "Kampanj kring Orange Day.",
     {"channel": "Sociala medier och affischer", "audience": "Allmänheten", "reach": 8200}),
    ("2022-2023", 4, "training", date(2023, 4, 20), None, 1, "Föreläsning om sexuell exploatering av unga för fritidsledare.",
     {"audience": "Fritidsledare", "participants": 23}),
    ("2022-2023", 5, "traffic_operation", date(2022, 9, 1), "Strängnäs", 1, "Skolstartskontroller vid övergångsställen.",
     _traffic(["pedestrians", "speed"], "Övergångsställen vid skolorna", 6, 140, 9, 9, 0, 210)),
    ("2022-2023", 6, "council_meeting", date(2022, 3, 2), None, 1, "Trafiksäkerhetsrådet med räddningstjänst och bussbolag.",
     {"body": "traffic_safety_council",
      "organisations_present": "Polisen, räddningstjänsten, stadsmiljöenheten, bussbolaget, taxibolaget"}),
    ("2022-2023", 6, "council_meeting", date(2023, 3, 1), None, 1, "Trafiksäkerhetsrådet: uppföljning av skolvägar.",
     {"body": "traffic_safety_council", "organisations_present": "Polisen, räddningstjänsten, stadsmiljöenheten"}),
    ("2022-2023", 7, "traffic_operation", date(2022, 5, 13), "Mariefred", 1, "Kontroll av trimmade mopeder.",
     _traffic(["mopeds"], "Mariefreds centrum", 3, 18, 4, 2, 3, 18)),
    ("2022-2023", 7, "traffic_operation", date(2023, 6, 9), "Stallarholmen", 1, "Kontroll av A-traktorer.",
     _traffic(["a_tractors"], "Stallarholmsvägen", 4, 26, 5, 3, 2, 26)),
    ("2022-2023", 8, "traffic_operation", date(2023, 8, 24), "Strängnäs", 1, "Cykelkontroller och information om cykelhjälm.",
     _traffic(["cyclists"], "Nygatan och Eskilstunavägen", 5, 95, 2, 7, 0, 160)),
    ("2022-2023", 8, "other", date(2023, 10, 3), None, 2, "Reflexutdelning till gångtrafikanter vid resecentrum, två kvällar.",
     {}),
]


@dataclass
class DemoSummary:
    import_message: str = ""
    activities_created: int = 0
    password: str | None = None
    notes: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"Medborgarlöften: {self.import_message}", f"Demoinsatser: {self.activities_created} nya."]
        out += self.notes
        if self.password:
            out.append(f"Demoinloggning: användare {DEMO_USERNAME!r} (registrerare, polisen) eller "
                       f"{COORDINATOR_USERNAME!r} (samordnare och redaktör, kommunen), lösenord {self.password!r}")
        return out


def _ensure_places() -> tuple[Municipality, dict[str, Area], Organisation, Organisation]:
    if not Municipality.objects.filter(code=STRANGNAS).exists():
        load_municipalities()
    strangnas = Municipality.objects.get(code=STRANGNAS)
    areas = {
        name: Area.objects.get_or_create(municipality=strangnas, slug=slugify(name), defaults={"name": name})[0]
        for name in AREAS
    }
    police, _ = Organisation.objects.get_or_create(name=POLICE_AREA, kind=Organisation.Kind.POLICE)
    police.municipalities.add(strangnas, *Municipality.objects.filter(code=ESKILSTUNA))
    kommun, _ = Organisation.objects.get_or_create(name="Strängnäs kommun", kind=Organisation.Kind.MUNICIPALITY)
    kommun.municipalities.add(strangnas)
    return strangnas, areas, police, kommun


def _add_demo_work(strangnas: Municipality, areas: dict[str, Area], police, kommun) -> int:
    if Activity.objects.filter(municipality=strangnas, is_demo=True).exists():
        return 0
    sets = {ps.period: ps for ps in PromiseSet.objects.filter(municipality=strangnas)}
    commitments = {
        (c.promise_set.period, c.number): c
        for c in Commitment.objects.filter(promise_set__in=sets.values()).select_related("promise_set")
    }
    created = 0
    for period, number, type_key, on, area, count, note, details in DEMO_WORK:
        commitment = commitments.get((period, number))
        if commitment is None:
            continue
        create_demo_activity(
            commitment=commitment, type_key=type_key, on=on, area=areas[area] if area else None, count=count,
            note=note, details=details, organisations=[police, kommun],
        )
        created += 1
    return created


# Invented people who sign the demo's approvals and assessments (a name and organisation are shown).
DEMO_PEOPLE = {"police": "Erik Lindqvist, kommunpolis", "kommun": "Maria Sandberg, trygghetssamordnare"}
DEMO_EVIDENCE = "https://www.example.se/demo/uppfoljning-medborgarloften"

# (period, commitment number, date, "police" or "kommun", verdict or "", text): invented written
# assessments of qualitative commitments (Pågående during the period), signed by a person and the
# organisation as the public page shows. Those with a verdict are final assessments after the
# period; the qualitative commitments left without one read "Slutbedömning saknas".
DEMO_ASSESSMENTS = [
    ("2021", 1, date(2021, 12, 20), "kommun", "",
     "BRÅ och EST har mötts regelbundet under året. Lägesbilden från EST har använts för att välja "
     "platser för trygghetsvandringar och polisens närvaro."),
    ("2021", 1, date(2022, 1, 28), "kommun", "achieved",
     "Samverkan genom regelbundna möten, BRÅ och EST har pågått hela året enligt löftet, med tre "
     "protokollförda möten och en gemensam lägesbild."),
    ("2021", 2, date(2022, 1, 28), "police", "achieved",
     "Narkotikasök med hund har gjorts på skolor under våren och hösten, i förväg aviserat till elever och "
     "vårdnadshavare."),
    ("2022-2023", 2, date(2022, 12, 15), "police", "",
     "Arbetet mot narkotika bland unga har kommit igång: sök med hund på skolor och en föräldraträff. "
     "Samverkan med socialtjänsten kring hembesök behöver utvecklas under 2023."),
    ("2022-2023", 2, date(2023, 6, 30), "police", "",
     "Hembesöken enligt Linköpingsmodellen är nu en fast rutin. Vi bedömer att löftet genomförs som planerat."),
    ("2022-2023", 2, date(2024, 1, 31), "police", "achieved",
     "Sök med hund, en föräldraträff och hembesök enligt Linköpingsmodellen har genomförts under perioden, "
     "som löftet sa."),
    ("2022-2023", 3, date(2023, 6, 30), "kommun", "",
     "Kommunens personal har utbildats om våld i nära relationer och kampanjen kring Orange Day nådde "
     "många. Fler utbildningstillfällen planeras till hösten."),
    ("2022-2023", 3, date(2024, 1, 31), "kommun", "partly",
     "Utbildningen och kampanjen genomfördes, men utbildningstillfällena som planerades till hösten 2023 "
     "blev inte av."),
    ("2022-2023", 4, date(2024, 1, 31), "kommun", "missed",
     "En föreläsning för fritidsledare hölls. Informationsinsatserna mot sexuell exploatering som planerades "
     "för skolorna genomfördes inte under perioden."),
    ("2022-2023", 6, date(2024, 1, 31), "police", "achieved",
     "Trafiksäkerhetsrådet har mötts båda åren och utvecklat arbetet med skolvägar."),
]


def _add_demo_assessments(strangnas: Municipality, police: Organisation, kommun: Organisation) -> int:
    """Invented assessments of qualitative commitments, added once (marked is_demo)."""
    if Assessment.objects.filter(commitment__promise_set__municipality=strangnas, is_demo=True).exists():
        return 0
    commitments = {
        (c.promise_set.period, c.number): c
        for c in Commitment.objects.filter(promise_set__municipality=strangnas).select_related("promise_set")
    }
    organisations = {"police": police, "kommun": kommun}
    created = 0
    for period, number, on, who, verdict, text in DEMO_ASSESSMENTS:
        commitment = commitments.get((period, number))
        if commitment is None:
            continue
        assessment = Assessment.objects.create(
            commitment=commitment, text=text, assessed_on=on, organisation=organisations[who],
            author_name=DEMO_PEOPLE[who], is_demo=True, verdict=verdict,
            evidence=DEMO_EVIDENCE if verdict else "",
        )
        # Written on its date, so a follow-up point knows the verdict only from then.
        Assessment.objects.filter(pk=assessment.pk).update(
            created_at=timezone.make_aware(datetime.combine(on, time(10, 0)))
        )
        created += 1
    return created


def _plausible_publication_dates(strangnas: Municipality) -> None:
    """The seed's sets were published when their periods began, not when the demo was loaded.

    Applied to the seed's sets on every load, so a database loaded by an older version (which
    said "Publicerat" with the day of loading) gets plausible dates too; idempotent.
    """
    for promise_set in PromiseSet.objects.published().filter(municipality=strangnas, area=None,
                                                             slug__in=SEED_PERIODS):
        published = timezone.make_aware(datetime.combine(promise_set.start.replace(day=20), time(10, 0)))
        if promise_set.published_at != published:
            PromiseSet.objects.filter(pk=promise_set.pk).update(published_at=published)


def load_demo() -> DemoSummary:
    summary = DemoSummary()
    with transaction.atomic():
        strangnas, areas, police, kommun = _ensure_places()
        result = import_text_file(SEED, strangnas, publish=True)
        summary.import_message = "; ".join(result.lines())
        _plausible_publication_dates(strangnas)
        summary.activities_created = _add_demo_work(strangnas, areas, police, kommun)
        summary.notes.append("Demoområde: %s" % add_demo_district(strangnas, areas, police))
        summary.notes.append("Demomöten och synpunkter: %d nya möten, %d nya synpunkter." % add_demo_dialogue(strangnas, areas, police, kommun))
        summary.notes.append("Demobedömningar: %d nya." % _add_demo_assessments(strangnas, police, kommun))
        summary.notes.append("Demofynd från trygghetsvandringar: %d nya." % add_demo_findings(strangnas))
        summary.notes.append("Demolägesbild (påhittade värden och händelser): %d nya." % add_demo_situation(strangnas))
        links = add_demo_links(strangnas)
        summary.notes.append("Demouppföljning och indikatorer per löfte: %d nya kopplingar, %s." % (
            links, "en ny publicerad uppföljning" if add_demo_report(strangnas, police, kommun) else "ingen ny uppföljning"))
        summary.password = workspace.ensure_users(police, kommun)
        summary.notes.append("Demo-EST (påhittade rapporter, ett halvår): %d nya." % add_demo_est(strangnas, areas, kommun))
        ready = workspace.add_ready_set(strangnas, areas, police, kommun)
        unheld = workspace.add_unheld_meeting(strangnas, areas, kommun)
        summary.notes.append("Demo för samordnaren: %d nya." % (int(ready) + int(unheld)))
    return summary
