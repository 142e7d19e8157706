"""A plausible, invented situation picture for the Strängnäs demo.

Every value here is made up. The files are built in the real shapes of the sources (Kolada's v3
JSON, SCB's json-stat2 for BE0101N1, Brå's export, a trygghetsmätning table and the police's events
feed) and imported through the real importers, with their runs marked as demo: the lägesbild then
says on every indicator that the values are invented, as the rest of the demo does for activities.
The police events fall in the twelve months before the day the demo is loaded.
"""

from __future__ import annotations

import io
import json
import random
from datetime import date, datetime, timedelta

from django.utils import timezone

from lofte.core.models import Municipality
from lofte.situation.importing import bra, events, kolada, population, surveys
from lofte.situation.models import ImportRun

YEARS = list(range(2015, 2025))
# (region, population 2015, population 2024): invented, in the neighbourhood of the real ones.
POPULATION = {"0486": (35_100, 38_900), "04": (284_000, 301_500), "00": (9_851_000, 10_588_000)}
# Kolada KPIs with their demo levels per 100,000 inhabitants (municipality, county, country).
KOLADA = {
    "N07540": ("Anmälda brott totalt, antal/100 000 inv", (8_600, 10_400, 13_900)),
    "N07403": ("Anmälda våldsbrott, antal/100 000 inv", (820, 990, 1_060)),
}
# Brå categories with demo counts per year in Strängnäs.
BRA = {"Bostadsinbrott": 95, "Skadegörelsebrott": 430, "Narkotikabrott": 175}
QUESTION = "Hur trygg känner du dig ute ensam sent en kväll i ditt bostadsområde?"
ANSWER = "Mycket eller ganska otrygg"
AREA_SHARES = {"": 21.0, "Strängnäs": 23.5, "Mariefred": 15.0, "Åkers styckebruk": 24.5, "Stallarholmen": 12.0}
EVENT_TYPES = [
    ("Trafikolycka", 62), ("Stöld", 48), ("Inbrott", 34), ("Skadegörelse", 31), ("Misshandel", 24),
    ("Brand", 21), ("Rattfylleri", 19), ("Trafikkontroll", 18), ("Narkotikabrott", 14), ("Olaga hot", 12),
    ("Ofredande/förargelse", 9), ("Försvunnen person", 5), ("Sammanfattning natt", 40),
]


def _population(region: str, year: int) -> int:
    first, last = POPULATION[region]
    return round(first + (last - first) * (year - YEARS[0]) / (YEARS[-1] - YEARS[0]))


def _wobble(rng: random.Random, level: float, year: int, trend: float = 0.0) -> float:
    return level * (1 + trend * (year - 2020)) * rng.uniform(0.93, 1.07)


def kolada_files(rng: random.Random) -> list[tuple[str, bytes]]:
    files = [("demo-kpi.json", json.dumps({"count": len(KOLADA), "next_page": None, "values": [
        {"id": kpi, "title": title, "description": "Demo: påhittade värden i Koladas format."}
        for kpi, (title, _levels) in KOLADA.items()]}).encode())]
    for kpi, (_title, levels) in KOLADA.items():
        entries = []
        for region, level in zip(("0486", "0004", "0000"), levels):
            for year in YEARS:
                value = round(_wobble(rng, level, year, -0.01), 1)
                entries.append({"kpi": kpi, "municipality": region, "period": year,
                                "values": [{"count": 1, "gender": "T", "status": "", "value": value}]})
        files.append((f"demo-{kpi}.json", json.dumps({"count": len(entries), "next_page": None,
                                                       "previous_page": None, "values": entries}).encode()))
    return files


def population_file() -> bytes:
    regions = list(POPULATION)
    return json.dumps({
        "class": "dataset", "label": "Folkmängd efter region och år (demo)", "source": "SCB",
        "id": ["Region", "ContentsCode", "Tid"], "size": [len(regions), 1, len(YEARS)],
        "dimension": {
            "Region": {"category": {"index": {r: i for i, r in enumerate(regions)}}},
            "ContentsCode": {"category": {"index": {"BE0101N1": 0}, "label": {"BE0101N1": "Folkmängd"}}},
            "Tid": {"category": {"index": {str(y): i for i, y in enumerate(YEARS)}}},
        },
        "value": [_population(r, y) for r in regions for y in YEARS],
    }).encode()


def bra_file(rng: random.Random) -> bytes:
    lines = ["Region;Brottskategori;År;Antal;Per 100 000 invånare"]
    for category, level in BRA.items():
        for year in YEARS[-6:]:
            count = round(_wobble(rng, level, year))
            for name, region, factor in (("0486 Strängnäs", "0486", 1.0), ("Södermanlands län", "04", 9.4),
                                         ("Riket", "00", 380.0)):
                n = round(count * factor * rng.uniform(0.95, 1.05))
                rate = round(n / _population(region, year) * 100_000)
                lines.append(f"{name};{category};{year};{n};{rate}")
    return "\n".join(lines).encode("utf-8-sig")


def survey_file(rng: random.Random) -> bytes:
    lines = ["Undersökning;Fråga;Svar;Kommun;Område;År;Andel;Antal svarande"]
    for year in YEARS[-6:]:
        for area, share in AREA_SHARES.items():
            value = f"{share * rng.uniform(0.9, 1.1):.1f}".replace(".", ",")
            lines.append(f"Polisens trygghetsmätning (demo);{QUESTION};{ANSWER};Strängnäs;{area};{year};{value};"
                         f"{rng.randint(150, 400) if area else rng.randint(900, 1300)}")
        county = f"{23.0 * rng.uniform(0.95, 1.05):.1f}".replace(".", ",")
        lines.append(f"Polisens trygghetsmätning (demo);{QUESTION};{ANSWER};Södermanlands län;;{year};{county};"
                     f"{rng.randint(8000, 10000)}")
    return "\n".join(lines).encode("utf-8-sig")


def events_file(rng: random.Random, today: date) -> bytes:
    items = []
    event_id = 900_000_000
    for event_type, count in EVENT_TYPES:
        for _ in range(count):
            event_id += 1
            day = today - timedelta(days=rng.randint(1, 360))
            moment = datetime(day.year, day.month, day.day, rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59))
            offset = "+02:00" if 4 <= day.month <= 10 else "+01:00"
            place = "Södermanlands län" if event_type.startswith("Sammanfattning") else "Strängnäs"
            # The feed's own quirks: the hour without its leading zero, a relative link.
            stamp = f"{moment:%Y-%m-%d} {moment.hour}:{moment:%M:%S} {offset}"
            items.append({
                "id": event_id, "datetime": stamp, "name": f"{day.day} {day:%m}, {event_type}, {place}",
                "summary": "Demo: påhittad händelse.", "url": f"/aktuellt/handelser/demo/{event_id}/",
                "type": event_type, "location": {"name": place, "gps": "59.377270,17.031248"},
            })
    items.sort(key=lambda item: item["datetime"], reverse=True)
    return json.dumps(items, ensure_ascii=False).encode()


def add_demo_situation(strangnas: Municipality) -> int:
    """Import the invented situation picture once; returns how many values were added."""
    if ImportRun.objects.filter(is_demo=True, status=ImportRun.Status.LIVE).exists():
        return 0
    rng = random.Random(486)
    added = 0
    added += population.import_file(population_file(), "demo-folkmangd.json", is_demo=True).created
    added += kolada.import_files(kolada_files(rng), is_demo=True).created
    added += bra.import_file(bra_file(rng), "demo-bra.csv", is_demo=True).created
    added += surveys.import_file(survey_file(rng), "demo-trygghetsmatning.csv", is_demo=True).created
    result = events.import_events(io.BytesIO(events_file(rng, timezone.localdate())), "demo-handelser.json",
                                  is_demo=True)
    return added + result.events
