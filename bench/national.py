"""National scale: every public page at 1 and at 290 municipalities, p50/p95 server time and queries.

Usage: .venv/bin/python bench/national.py [--scale 1.0] [--seed 290] [--runs 40]

Builds a throwaway SQLite database (or uses DATABASE_URL), loads the Strängnäs demo and times every
public page of it with Django's test client, every request a full render (PAGE_CACHE=false: the
server time a change costs; a cached page costs two queries). Then it generates, reproducibly from
the seed, the rest of the country in bulk and times the same pages again:

  290 municipalities x 3 promise sets (every fifth scoped to an area), ~8 commitments per set,
  600,000 activities of every type, 1,000,000 indicator observations, 100,000 findings and
  200,000 citizen inputs (x --scale; --scale 0.05 for a quick run).

It reports how long the generation took. A page that does not depend on other municipalities' data
keeps its query count; its time should stay close.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("PAGE_CACHE", "false")
sys.path.insert(0, str(Path(__file__).resolve().parent))
import public_pages  # noqa: E402  (sets up Django on a throwaway data directory)
from lagesbild import generate as generate_observations  # noqa: E402

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

PAGES = [
    "/", "/sa-raknar-vi/", "/strangnas/", "/strangnas/2022-2023/", "/strangnas/2021/5/",
    "/strangnas/mariefred/2026-2027/", "/strangnas/lagesbild/", "/strangnas/fynd/", "/strangnas/synpunkter/",
    "/strangnas/synpunkter.json", "/strangnas/kalender/", "/strangnas/kalender.ics",
]
FULL = {"activities": 600_000, "observations": 1_000_000, "findings": 100_000, "inputs": 200_000}
BATCH = 5000


def time_pages(client: Client, runs: int) -> dict[str, tuple[float, float, int]]:
    results = {}
    for path in PAGES:
        client.get(path)
        connection.queries_log.clear()  # a bounded deque: once full, a capture's length stays 0
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        count = len(queries.captured_queries)
        samples = []
        for _ in range(runs):
            start = time.perf_counter()
            client.get(path)
            samples.append((time.perf_counter() - start) * 1000)
        samples.sort()
        results[path] = (statistics.median(samples), samples[max(0, int(len(samples) * 0.95) - 1)], count)
    return results


def generate(scale: float, seed: int) -> dict[str, int]:
    """The rest of the country, in bulk; returns the rows made per kind."""
    from django.utils import timezone

    from lofte.activities.models import Activity, CountedWork
    from lofte.activities.types import REGISTRY
    from lofte.core.models import Area, Municipality
    from lofte.dialogue.models import CitizenInput
    from lofte.promises.models import Commitment, PromiseSet, Target
    from lofte.walks.models import Finding

    rng = random.Random(seed)
    types = sorted(REGISTRY)
    others = list(Municipality.objects.exclude(code="0486").order_by("code"))
    Area.objects.bulk_create([Area(municipality=m, name=f"Område {m.code}", slug=f"omrade-{m.code}") for m in others],
                             batch_size=BATCH)
    area_of = dict(Area.objects.filter(municipality__in=others).values_list("municipality_id", "pk"))
    sets = [
        PromiseSet(municipality=m, start=date(2020 + 2 * i, 1, 1), end=date(2021 + 2 * i, 12, 31),
                   slug=f"{2020 + 2 * i}-{2021 + 2 * i}", title=f"Medborgarlöfte {2020 + 2 * i}",
                   status=PromiseSet.Status.PUBLISHED, area_id=area_of[m.pk] if (n + i) % 5 == 0 else None)
        for n, m in enumerate(others) for i in range(3)
    ]
    PromiseSet.objects.bulk_create(sets, batch_size=BATCH)
    commitments = [Commitment(promise_set=s, number=k + 1, text=f"Polisen och kommunen lovar insats {k + 1}.")
                   for s in sets for k in range(rng.choice((7, 8, 8, 9)))]
    Commitment.objects.bulk_create(commitments, batch_size=BATCH)
    Target.objects.bulk_create([Target(commitment=c, count=rng.randint(2, 12), unit="insatser",
                                       activity_type=rng.choice(types)) for c in commitments], batch_size=BATCH)
    set_of = {s.pk: s for s in sets}
    Through = Activity.commitments.through
    made = {"sets": len(sets), "commitments": len(commitments), "activities": 0, "findings": 0, "inputs": 0}
    walks: list[Activity] = []
    wanted = int(FULL["activities"] * scale)
    while made["activities"] < wanted:
        chunk = min(BATCH * 4, wanted - made["activities"])
        picked = [rng.choice(commitments) for _ in range(chunk)]
        activities = []
        for c in picked:
            s = set_of[c.promise_set_id]
            activities.append(Activity(type=rng.choice(types), date=s.start + timedelta(days=rng.randrange(730)),
                                       municipality_id=s.municipality_id, area_id=s.area_id,
                                       count=rng.randint(1, 5)))
        Activity.objects.bulk_create(activities, batch_size=BATCH)
        Through.objects.bulk_create([Through(activity_id=a.pk, commitment_id=c.pk) for a, c in zip(activities, picked)],
                                    batch_size=BATCH)
        # bulk_create bypasses the signals that keep the ledger of counted work (lofte.activities.ledger).
        CountedWork.objects.bulk_create(
            [CountedWork(commitment_id=c.pk, activity_id=a.pk, date=a.date, type=a.type, count=a.count,
                         known_from=a.created_at) for a, c in zip(activities, picked)], batch_size=BATCH)
        walks += [a for a in activities if a.type == "safety_walk"]
        made["activities"] += chunk
    findings = [
        Finding(walk=walk, municipality_id=walk.municipality_id, category="lighting",
                description="Trasig gatlampa.", latitude=Decimal("59.3"), longitude=Decimal("17.0"),
                deadline=walk.date + timedelta(days=30))
        for walk in (rng.choice(walks) for _ in range(int(FULL["findings"] * scale) if walks else 0))
    ]
    Finding.objects.bulk_create(findings, batch_size=BATCH)
    made["findings"] = len(findings)
    statuses = [CitizenInput.Status.PENDING, CitizenInput.Status.PUBLISHED, CitizenInput.Status.REJECTED]
    for start in range(0, int(FULL["inputs"] * scale), BATCH * 4):
        n = min(BATCH * 4, int(FULL["inputs"] * scale) - start)
        rows = []
        for _ in range(n):
            m = rng.choice(others)
            status = rng.choice(statuses)
            rows.append(CitizenInput(municipality=m, message="Det är mörkt vid busshållplatsen.", status=status,
                                     public_message="Det är mörkt vid busshållplatsen." if status == "published" else ""))
        CitizenInput.objects.bulk_create(rows, batch_size=BATCH)
        made["inputs"] += n
    Municipality.objects.update(content_changed_at=timezone.now())
    made["observations"] = generate_observations(int(FULL["observations"] * scale))
    # The planner's statistics, as after any large load (PostgreSQL's autovacuum gathers them
    # itself; SQLite only on ANALYZE): without them two lägesbild queries took 0.45 s each.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=290)
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("load_municipalities", verbosity=0)
    from lofte.demo.loader import load_demo

    public_pages.keep_connection_open()
    load_demo()
    client = Client()
    small = time_pages(client, args.runs)
    start = time.perf_counter()
    made = generate(args.scale, args.seed)
    print(f"generated in {time.perf_counter() - start:.0f} s ({connection.vendor}, seed {args.seed}, "
          f"scale {args.scale}): " + ", ".join(f"{v:,} {k}" for k, v in made.items()), flush=True)
    large = time_pages(client, args.runs)
    print(f"| page | p50 ms (1) | p95 ms (1) | queries (1) | p50 ms (290) | p95 ms (290) | queries (290) |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for path in PAGES:
        (a50, a95, aq), (b50, b95, bq) = small[path], large[path]
        print(f"| `{path}` | {a50:.1f} | {a95:.1f} | {aq} | {b50:.1f} | {b95:.1f} | {bq} |")


if __name__ == "__main__":
    main()
