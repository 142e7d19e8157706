"""A generated EST history for Strängnäs: four invented rapportörer from three organisations report
weekly for about six months up to the current week, with a recurring place (graffiti at Läggesta
station), reckless moped driving that rises in the last two weeks, and silent weeks. Deterministic (a
fixed seed; the weeks are counted back from today), added once, marked is_demo; the weekly
indicators are rebuilt at the end.
"""

from __future__ import annotations

import random
import uuid
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from lofte.core.models import Area, Membership, Municipality, Organisation
from lofte.demo import workspace
from lofte.est.indicators import rebuild_indicators
from lofte.est.models import Category, PlaceKind, Report, TimeBand, week_of

WEEKS = 26
SEED = 486
NAMESPACE = uuid.UUID("6a1f0b52-1c1e-4d7e-9a55-0c3d8f1e2b77")
# (username, first name, last name, organisation, how often they report in a week)
REPORTERS = [
    ("est-fastighet", "Fredrik", "Fastighetsskötare", "Exempelbostäder AB (demo)", 0.9),
    ("est-vaktare", "Vera", "Väktare", "Demovakt AB (demo)", 0.8),
    ("est-fritid", "Fatima", "Fritidsledare", None, 0.7),
    ("est-buss", "Bengt", "Busschaufför", "Exempeltrafiken (demo)", 0.5),
]
CENTRES = {
    "Strängnäs": (59.3770, 17.0310), "Mariefred": (59.2600, 17.2220), "Åkers styckebruk": (59.2500, 17.0890),
    "Stallarholmen": (59.3650, 17.2030), "Läggesta": (59.3130, 17.1740),
}
STATION = (Decimal("59.313100"), Decimal("17.174200"))
TEXTS = {
    Category.VANDALISM: ["Krossad ruta i busskuren.", "Sönderslagen belysning vid gångvägen."],
    Category.GRAFFITI: ["Nya taggar på väggen.", "Klotter på elskåpet, anmält till ägaren."],
    Category.LITTER: ["Mycket skräp och flaskor efter helgen.", "Nedskräpat vid återvinningsstationen."],
    Category.UNSAFE_PLACE: ["Mörkt och skymd sikt vid gångtunneln.", "Trasig belysning, platsen känns otrygg."],
    Category.GROUPS: ["Större grupp ungdomar som störde resenärer.", "Grupp som stod vid entrén hela kvällen."],
    Category.DEALING: ["Misstänkt överlämning vid parkeringen.", "Samma bil återkommer kort stund varje kväll."],
    Category.RECKLESS_DRIVING: ["Mopeder i hög fart på gång- och cykelvägen.", "EPA-traktorer kör i centrum sent."],
    Category.FIRE: ["Brand i papperskorg, släckt.", "Anlagd brand i container."],
    Category.THREATS_TO_STAFF: ["Chauffören hotades verbalt av resenär.", "Personal knuffades vid entrén."],
    Category.OTHER: ["Övergivna cyklar vid stationen.", "Ring fastighetsjouren 070-123 45 67 vid fler skador."],
}
WEIGHTS = {Category.LITTER: 6, Category.GRAFFITI: 5, Category.VANDALISM: 4, Category.UNSAFE_PLACE: 3,
           Category.GROUPS: 3, Category.RECKLESS_DRIVING: 3, Category.DEALING: 1, Category.FIRE: 1,
           Category.THREATS_TO_STAFF: 1, Category.OTHER: 1}


def _reporters(strangnas: Municipality, kommun: Organisation) -> list:
    password = workspace.demo_password()
    users = []
    for username, first, last, organisation_name, _rate in REPORTERS:
        organisation = kommun
        if organisation_name:
            organisation, _created = Organisation.objects.get_or_create(
                name=organisation_name, defaults={"kind": Organisation.Kind.OTHER})
            organisation.municipalities.add(strangnas)
        workspace.ensure_user(username, organisation, Membership.Role.REPORTER, password, first_name=first,
                              last_name=last)
        users.append(organisation)
    from django.contrib.auth import get_user_model

    by_name = {u.username: u for u in get_user_model().objects.filter(username__in=[r[0] for r in REPORTERS])}
    return [(by_name[r[0]], organisation, r[4]) for r, organisation in zip(REPORTERS, users)]


def add_demo_est(strangnas: Municipality, areas: dict[str, Area], kommun: Organisation) -> int:
    if Report.objects.filter(municipality=strangnas, is_demo=True).exists():
        return 0
    rng = random.Random(SEED)
    reporters = _reporters(strangnas, kommun)
    this_week = week_of(timezone.localdate())
    categories, weights = list(WEIGHTS), list(WEIGHTS.values())
    reports = []
    for back in range(WEEKS, -1, -1):
        monday = this_week - timedelta(weeks=back)
        for reporter, organisation, rate in reporters:
            if rng.random() > rate:
                continue  # a silent week
            seen = rng.choice([0, 1, 1, 2, 2, 3])
            if back <= 1 and reporter.username == "est-fritid":
                seen += 2  # moped driving rises in the last weeks
            if not seen:
                reports.append(_report(strangnas, reporter, organisation, monday + timedelta(days=rng.randint(0, 4)),
                                       nothing=True, key=(back, reporter.username, 0)))
                continue
            for n in range(seen):
                category = categories[rng.choices(range(len(categories)), weights)[0]]
                if back <= 1 and reporter.username == "est-fritid" and n < 2:
                    category = Category.RECKLESS_DRIVING
                area_name = rng.choice(list(CENTRES))
                lat, lon = CENTRES[area_name]
                latitude = Decimal(str(round(lat + rng.uniform(-0.004, 0.004), 6)))
                longitude = Decimal(str(round(lon + rng.uniform(-0.006, 0.006), 6)))
                at_station = reporter.username == "est-buss" and n == 0 and back % 2 == 0
                if at_station:
                    # Graffiti at Läggesta station every other week: the analysis's recurring place.
                    category, area_name, (latitude, longitude) = Category.GRAFFITI, "Läggesta", STATION
                day = monday + timedelta(days=rng.randint(0, 6))
                if day > timezone.localdate():
                    day = timezone.localdate()
                reports.append(_report(
                    strangnas, reporter, organisation, day, category=category, area=areas.get(area_name),
                    latitude=latitude if at_station or rng.random() < 0.7 else None,
                    longitude=longitude, time_band=rng.choice(TimeBand.values), count=rng.choice([1, 1, 1, 2, 3]),
                    severity=rng.choice([1, 1, 2, 2, 3]), text=rng.choice(TEXTS[category]),
                    key=(back, reporter.username, n + 1)))
    Report.objects.bulk_create(reports, batch_size=500)
    rebuild_indicators(strangnas)
    return len(reports)


def _report(municipality, reporter, organisation, day, *, key, nothing=False, latitude=None, longitude=None,
            **fields) -> Report:
    created = timezone.make_aware(datetime.combine(day, time(16, 0)))
    has_point = latitude is not None
    return Report(
        uuid=uuid.uuid5(NAMESPACE, repr(key)), municipality=municipality, reporter=reporter,
        organisation=organisation, nothing_to_report=nothing, date=day, week=week_of(day),
        place_kind=PlaceKind.MAP if has_point else PlaceKind.AREA, latitude=latitude if has_point else None,
        longitude=longitude if has_point else None, count=0 if nothing else fields.pop("count", 1),
        is_demo=True, created_at=created, **fields,
    )
