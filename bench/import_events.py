"""Importing police events at national scale: time and peak memory of `lofte import-events`.

Usage: .venv/bin/python bench/import_events.py [--events 1000000] [--keep FILE]

Generates a feed file in the shape of https://polisen.se/api/events (a JSON list; hours without
their leading zero, relative URLs, daily summaries, county-level events, a few unknown places),
spread over two years and all 290 municipalities in proportion to a made-up population, then
imports it into a fresh SQLite database (or DATABASE_URL) in a child process, so the peak memory
(ru_maxrss) is the import's own, and imports it a second time (every event already known).
Generation is not timed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TYPES = [
    ("Trafikolycka", 18), ("Stöld", 12), ("Inbrott", 8), ("Skadegörelse", 7), ("Misshandel", 6), ("Brand", 6),
    ("Rattfylleri", 5), ("Trafikkontroll", 5), ("Narkotikabrott", 4), ("Olaga hot", 3), ("Bråk", 3),
    ("Rån", 1), ("Bedrägeri", 2), ("Ofredande/förargelse", 2), ("Försvunnen person", 1), ("Mord/dråp", 0.2),
    ("Skottlossning", 0.3), ("Djur skadat/omhändertaget", 1), ("Räddningsinsats", 2), ("Övrigt", 3),
    ("Sammanfattning natt", 4), ("Sammanfattning kväll och natt", 2),
]


def municipalities() -> list[tuple[str, str, str]]:
    import csv

    with (ROOT / "src/lofte/core/data/kommuner.csv").open(encoding="utf-8") as handle:
        return [(r["kod"], r["namn"], r["lan"]) for r in csv.DictReader(handle)]


def generate(path: Path, count: int) -> None:
    rng = random.Random(2023)
    places = municipalities()
    weights = [rng.paretovariate(1.2) for _ in places]
    names = [p[1] for p in places]
    counties = sorted({p[2] for p in places})
    types, type_weights = zip(*TYPES)
    start = datetime(2022, 1, 1)
    with path.open("w", encoding="utf-8") as out:
        out.write("[")
        for i in range(count):
            moment = start + timedelta(seconds=rng.randrange(2 * 365 * 24 * 3600))
            event_type = rng.choices(types, type_weights)[0]
            roll = rng.random()
            if event_type.startswith("Sammanfattning") or roll < 0.08:
                place = rng.choice(counties)
            elif roll < 0.0805:
                place = "Okänd ort"
            else:
                place = rng.choices(names, weights)[0]
            offset = "+02:00" if 4 <= moment.month <= 10 else "+01:00"
            url = f"/aktuellt/handelser/{moment:%Y/%m/%d}/{i}/" if i % 3 else f"https://polisen.se/aktuellt/handelser/{i}/"
            item = {"id": 10_000_000 + i, "datetime": f"{moment:%Y-%m-%d} {moment.hour}:{moment:%M:%S} {offset}",
                    "name": f"{moment.day} {moment:%B} {moment:%H.%M}, {event_type}, {place}",
                    "summary": "En händelse som genererats för att mäta importen.", "url": url, "type": event_type,
                    "location": {"name": place, "gps": "59.377270,17.031248"}}
            out.write(("," if i else "") + json.dumps(item, ensure_ascii=False))
        out.write("]")


def child(path: str) -> None:
    """Runs in a fresh process: migrate, load municipalities, import the file twice."""
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lofte.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from lofte.situation.importing import events
    from lofte.situation.models import Observation, PoliceEvent

    call_command("migrate", verbosity=0)
    call_command("load_municipalities", verbosity=0)
    for label in ("first import", "second import (all known)"):
        start, cpu = time.perf_counter(), time.process_time()
        with open(path, "rb") as handle:
            result = events.import_events(handle, Path(path).name)
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{label}: {elapsed:.1f} s ({cpu:.1f} s CPU), peak memory {peak:.0f} MB ({connection.vendor}); "
              + "; ".join(result.lines()[:2]), flush=True)
    print(f"stored: {PoliceEvent.objects.count()} events, {Observation.objects.count()} weekly observations")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--keep", help="write the generated feed here and keep it")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    workdir = Path(tempfile.mkdtemp(prefix="lofte-bench-events-"))
    path = Path(args.keep) if args.keep else workdir / "events.json"
    start = time.perf_counter()
    generate(path, args.events)
    print(f"generated {args.events} events ({path.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - start:.0f} s")
    env = {**os.environ, "LOFTE_DATA_DIR": str(workdir / "data"), "SECRET_KEY": "bench-" + "x" * 50}
    subprocess.run([sys.executable, __file__, "--child", str(path)], env=env, check=True)


if __name__ == "__main__":
    main()
