"""Load the Strängnäs demo, idempotently.

The promises are real (the seed document kept in core/data/demo/), the activity records are
invented: they are marked is_demo, and every page says so while any exist. The records are
spread over both periods so that the two set pages show each of the six statuses, now or at a
follow-up point (see DEMO_WORK for which record gives which status).
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.text import slugify

from lofte.activities.models import Activity
from lofte.core.models import Area, Membership, Municipality, Organisation
from lofte.core.reference import load_municipalities
from lofte.promises.importing import import_text_file
from lofte.promises.models import Commitment, PromiseSet

SEED = Path(__file__).resolve().parent.parent / "core" / "data" / "demo" / "strangnas-medborgarloften.txt"
STRANGNAS, ESKILSTUNA = "0486", "0484"
AREAS = ["Strängnäs", "Mariefred", "Åkers styckebruk", "Stallarholmen", "Läggesta"]
POLICE_AREA = "LPO Eskilstuna/Strängnäs"
DEMO_USERNAME = "demo"

# (period, commitment number, type, date, area or None, count, public note).
# 2021: the parent meetings keep pace (Enligt plan at 30 April, Uppfyllt by year end); the safety
# walks start late (I riskzonen in spring, Ej uppfyllt with three of four); the information
# campaign starts in May (Ej påbörjat at 30 April, Uppfyllt by 31 August); the rest have no
# numeric target (Pågående).
# 2022–2023: dialogue meetings reach every area in 2023 (Uppfyllt); the rest are qualitative.
DEMO_WORK = [
    ("2021", 1, "council_meeting", date(2021, 2, 10), None, 1, "BRÅ-möte med skola, socialtjänst och polis."),
    ("2021", 1, "council_meeting", date(2021, 5, 12), None, 1, "EST-möte: veckans lägesbild gicks igenom."),
    ("2021", 1, "council_meeting", date(2021, 9, 8), "Stallarholmen", 1, "Möte med lokala BRÅ-gruppen."),
    ("2021", 2, "school_drug_search", date(2021, 3, 18), None, 1, ""),
    ("2021", 2, "school_drug_search", date(2021, 10, 21), None, 2, ""),
    ("2021", 3, "home_visit", date(2021, 4, 30), None, 2, ""),
    ("2021", 3, "home_visit", date(2021, 9, 30), None, 4, ""),
    ("2021", 4, "parent_meeting", date(2021, 3, 15), "Strängnäs", 1, "Tema: droger och sociala medier."),
    ("2021", 4, "parent_meeting", date(2021, 10, 5), "Mariefred", 1, "Tema: trygghet i skolan."),
    ("2021", 5, "safety_walk", date(2021, 9, 20), "Strängnäs", 1, "Kvällsvandring i centrum."),
    ("2021", 5, "safety_walk", date(2021, 10, 12), "Åkers styckebruk", 1, "Belysning vid gångtunneln noterades."),
    ("2021", 5, "safety_walk", date(2021, 11, 2), "Läggesta", 1, "Vandring kring stationen."),
    ("2021", 6, "information_campaign", date(2021, 5, 20), None, 1, "Brev till föräldrar om mopedbilar och EPA-traktorer."),
    ("2021", 7, "traffic_operation", date(2021, 6, 4), "Strängnäs", 1, "Kontroll av mopedbilar och EPA-traktorer."),
    ("2021", 7, "traffic_operation", date(2021, 8, 27), "Mariefred", 1, "Hastighetskontroll av EPA-traktorer."),
    ("2022-2023", 1, "dialogue_meeting", date(2022, 3, 24), "Strängnäs", 1, "Dialogmöte om trygghet i centrum."),
    ("2022-2023", 1, "dialogue_meeting", date(2022, 10, 6), "Mariefred", 1, "Dialogmöte om ungdomars fritid."),
    ("2022-2023", 1, "dialogue_meeting", date(2023, 2, 16), "Åkers styckebruk", 1, "Dialogmöte om belysning och trafik."),
    ("2022-2023", 1, "dialogue_meeting", date(2023, 5, 11), "Stallarholmen", 1, "Dialogmöte i bygdegården."),
    ("2022-2023", 1, "dialogue_meeting", date(2023, 9, 14), "Läggesta", 1, "Dialogmöte om pendlarparkeringen."),
    ("2022-2023", 2, "school_drug_search", date(2022, 4, 7), None, 3, ""),
    ("2022-2023", 2, "parent_meeting", date(2022, 11, 15), "Strängnäs", 1, "Föräldraträff om narkotika bland unga."),
    ("2022-2023", 2, "home_visit", date(2023, 3, 31), None, 6, ""),
    ("2022-2023", 3, "training", date(2022, 5, 19), None, 1, "Utbildning om våld i nära relationer för kommunens personal."),
    ("2022-2023", 3, "information_campaign", date(2022, 11, 25), None, 1, "Kampanj kring Orange Day."),
    ("2022-2023", 4, "training", date(2023, 4, 20), None, 1, "Föreläsning om sexuell exploatering av unga för fritidsledare."),
    ("2022-2023", 5, "traffic_operation", date(2022, 9, 1), "Strängnäs", 1, "Skolstartskontroller vid övergångsställen."),
    ("2022-2023", 6, "council_meeting", date(2022, 3, 2), None, 1, "Trafiksäkerhetsrådet med räddningstjänst och bussbolag."),
    ("2022-2023", 6, "council_meeting", date(2023, 3, 1), None, 1, "Trafiksäkerhetsrådet: uppföljning av skolvägar."),
    ("2022-2023", 7, "traffic_operation", date(2022, 5, 13), "Mariefred", 1, "Kontroll av trimmade mopeder."),
    ("2022-2023", 7, "traffic_operation", date(2023, 6, 9), "Stallarholmen", 1, "Kontroll av A-traktorer."),
    ("2022-2023", 8, "traffic_operation", date(2023, 8, 24), "Strängnäs", 1, "Cykelkontroller och information om cykelhjälm."),
    ("2022-2023", 8, "other", date(2023, 10, 3), None, 1, "Reflexutdelning till gångtrafikanter."),
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
            out.append(f"Demoinloggning: användare {DEMO_USERNAME!r}, lösenord {self.password!r}")
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
    for period, number, type_key, on, area, count, note in DEMO_WORK:
        commitment = commitments.get((period, number))
        if commitment is None:
            continue
        activity = Activity.objects.create(
            type=type_key,
            date=on,
            municipality=strangnas,
            area=areas[area] if area else None,
            count=count,
            public_note=note,
            is_demo=True,
        )
        activity.commitments.add(commitment)
        activity.organisations.set([police, kommun])
        created += 1
    return created


def _password_file() -> Path:
    return Path(settings.DATA_DIR) / "demo-password.txt"


def _ensure_user(police: Organisation) -> str:
    """The demo staff user (a registrerare in the police area); its password is kept in the data dir."""
    User = get_user_model()
    user, created = User.objects.get_or_create(username=DEMO_USERNAME, defaults={"first_name": "Demo"})
    path = _password_file()
    password = path.read_text(encoding="utf-8").strip() if path.exists() else ""
    if created or not password or not user.check_password(password):
        password = secrets.token_urlsafe(9)
        user.set_password(password)
        user.save()
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(password)
    Membership.objects.get_or_create(user=user, organisation=police, defaults={"role": Membership.Role.RECORDER})
    return password


def load_demo() -> DemoSummary:
    summary = DemoSummary()
    with transaction.atomic():
        strangnas, areas, police, kommun = _ensure_places()
        result = import_text_file(SEED, strangnas, publish=True)
        summary.import_message = "; ".join(result.lines())
        summary.activities_created = _add_demo_work(strangnas, areas, police, kommun)
        summary.password = _ensure_user(police)
    return summary
