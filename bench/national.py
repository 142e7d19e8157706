"""National scale: every public page and API list at 1 and at 290 municipalities, p50/p95 and queries.

Usage: .venv/bin/python bench/national.py [--scale 1.0] [--seed 290] [--runs 40] [--keep DIR] [--only TEXT]

Builds a throwaway SQLite database (or uses DATABASE_URL), loads the Strängnäs demo and times every
public page of it and every list of the open-data API with Django's test client, every request a
full render (PAGE_CACHE=false: the server time a change costs; a cached page costs two queries; the
API's rate limit off). Then it generates, reproducibly from the seed, the rest of the country in bulk
and times the same pages again:

  290 municipalities x 3 promise sets (every fifth scoped to an area), ~8 commitments per set,
  600,000 activities of every type, 1,000,000 indicator observations, 100,000 findings and
  200,000 citizen inputs (x --scale; --scale 0.05 for a quick run).

It reports how long the generation took, and marks every page whose query count differs between
the two (a page must not do more work because other municipalities have data) and every p95 over
the 50 ms budget at 290 municipalities; the exit status is 1 when a query count differs.

--keep DIR keeps the national database for the next run instead of generating it again (the
generation takes about 13 minutes at --scale 1.0): SQLite in DIR/lofte.sqlite3, PostgreSQL the
database of DATABASE_URL (create it first: createdb -h 127.0.0.1 -U postgres lofte_national). The
scale and seed it was generated with are in DIR/national.json; a run with others stops. The
"1 municipality" figures then come from a second database built afresh every run (SQLite
DIR/small.sqlite3, PostgreSQL <name>_small), so both columns always time the same code.
--only TEXT times only the pages whose address contains TEXT (for profiling one page).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path


def _keep_dir() -> str | None:
    # Before Django is set up: the kept SQLite database is in the data directory.
    for i, arg in enumerate(sys.argv):
        if arg == "--keep" and i + 1 < len(sys.argv):
            return sys.argv[i + 1]
        if arg.startswith("--keep="):
            return arg.split("=", 1)[1]
    return None


if _keep_dir():
    Path(_keep_dir()).mkdir(parents=True, exist_ok=True)
    os.environ["LOFTE_DATA_DIR"] = str(Path(_keep_dir()).resolve())
os.environ.setdefault("PAGE_CACHE", "false")
os.environ.setdefault("API_RATE_LIMIT", "0")
sys.path.insert(0, str(Path(__file__).resolve().parent))
import public_pages  # noqa: E402  (sets up Django on a throwaway data directory)
from lagesbild import generate as generate_observations  # noqa: E402

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

# Every kind of public page, file and API list, at addresses of the Strängnäs demo; {meeting},
# {walk}, and {report} are the demo's first public one (resolve()); the demo has no approved photo, so
# /<kommun>/fynd/foto/<id>.jpg (a file read) is not timed.
PAGES = [
    # National pages
    "/", "/?q=s%C3%B6dermanland", "/sa-raknar-vi/", "/tillganglighet/", "/statistik/", "/data/", "/flode.atom",
    "/datasets/dcat",
    # The municipality's pages
    "/strangnas/", "/strangnas/2022-2023/", "/strangnas/2021/", "/strangnas/2022-2023/1/", "/strangnas/2021/5/",
    "/strangnas/mariefred/2026-2027/", "/strangnas/mariefred/2026-2027/1/", "/strangnas/2022-2023/kalla/",
    "/strangnas/lagesbild/", "/strangnas/fynd/", "/strangnas/fynd/karta.json", "/strangnas/fynd.geojson",
    "/strangnas/fynd/vandring/{walk}/",
    "/strangnas/synpunkter/", "/strangnas/synpunkter.json",
    "/strangnas/kalender/", "/strangnas/kalender.ics", "/strangnas/kalender/{meeting}/",
    "/strangnas/kalender/{meeting}.ics", "/strangnas/uppfoljning/", "/strangnas/uppfoljning/{report}/",
    "/strangnas/flode.atom", "/strangnas/prenumerera/",
    # Open-data files of the municipality (every table of lofte.opendata.tables)
    "/strangnas/data/medborgarloften.csv", "/strangnas/data/loften.csv", "/strangnas/data/insatser.csv",
    "/strangnas/data/insatser-summerade.csv", "/strangnas/data/fynd.csv", "/strangnas/data/moten.csv",
    "/strangnas/data/synpunkter.csv", "/strangnas/data/indikatorer.csv", "/strangnas/data/observationer.csv",
    # Rendered once per version of the data, then from the cache: what a visitor gets
    "/strangnas/2022-2023/dela.png", "/strangnas/2022-2023/affisch-a4.pdf", "/strangnas/lagesbild.pdf",
    "/strangnas/uppfoljning/{report}.pdf",
    # Every list of the open-data API, first page at the default size (50), the whole country
    "/api/v1/municipalities", "/api/v1/promise-sets", "/api/v1/themes", "/api/v1/commitments",
    "/api/v1/activities", "/api/v1/activity-totals", "/api/v1/activity-types", "/api/v1/findings",
    "/api/v1/meetings", "/api/v1/citizen-input", "/api/v1/indicators", "/api/v1/observations", "/api/v1/reports",
    # ... and of one municipality
    "/api/v1/promise-sets?municipality=0486", "/api/v1/commitments?municipality=0486",
    "/api/v1/activities?municipality=0486", "/api/v1/findings?municipality=0486",
    "/api/v1/citizen-input?municipality=0486", "/api/v1/observations?municipality=0486",
]
BUDGET_MS = 50
FULL = {"activities": 600_000, "observations": 1_000_000, "findings": 100_000, "inputs": 200_000}
BATCH = 5000


def resolve() -> dict[str, str]:
    """The demo's first public meeting, walk with findings and report."""
    from lofte.core.models import Municipality
    from lofte.dialogue.public import public_meetings
    from lofte.reports.public import published_reports
    from lofte.walks.public import public_findings

    m = Municipality.objects.get(slug="strangnas")
    findings = public_findings(m)
    return {"meeting": str(public_meetings(m).order_by("pk").values_list("pk", flat=True).first()),
            "walk": str(findings.order_by("walk_id").values_list("walk_id", flat=True).first()),
            "report": published_reports(m).order_by("pk").first().slug}


def time_pages(client: Client, runs: int, pages: list[str]) -> dict[str, tuple[float, float, int, float]]:
    """Per page: median and p95 ms, query count and the first request's ms (it may fill caches)."""
    cache.clear()  # nothing left from another database (the kept one, the small one)
    names = resolve()
    results = {}
    for page in pages:
        path = page.format(**names)
        start = time.perf_counter()
        client.get(path)
        first = (time.perf_counter() - start) * 1000
        connection.queries_log.clear()  # a bounded deque: once full, a capture's length stays 0
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        count = len(queries.captured_queries)
        samples = []
        for _ in range(runs):
            start = time.perf_counter()
            response = client.get(path)
            samples.append((time.perf_counter() - start) * 1000)
            if hasattr(response, "streaming_content"):
                b"".join(response.streaming_content)
                response.close()
        samples.sort()
        results[page] = (statistics.median(samples), samples[max(0, int(len(samples) * 0.95) - 1)], count, first)
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
    # PostgreSQL: VACUUM too, as autovacuum does after many inserts (index-only scans need its visibility map).
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE" if connection.vendor == "sqlite" else "VACUUM ANALYZE")
    return made


def prepare() -> None:
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("load_municipalities", verbosity=0)
    from lofte.demo.loader import load_demo

    load_demo()


def use_database(name: str) -> None:
    """Point the default connection at another database (the same server)."""
    connection.close()
    connection.settings_dict["NAME"] = name


def fresh_small_database(main_name: str) -> str:
    """An empty database beside the kept one, for the "1 municipality" column."""
    if connection.vendor == "sqlite":
        name = str(Path(main_name).with_name("small.sqlite3"))
        for suffix in ("", "-wal", "-shm"):
            Path(name + suffix).unlink(missing_ok=True)
        return name
    name = f"{main_name}_small"
    connection.ensure_connection()
    with connection.cursor() as cursor:  # autocommit: CREATE DATABASE runs outside a transaction
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    return name


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=290)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--keep", metavar="DIR", help="keep the national database for the next run (see above)")
    parser.add_argument("--only", metavar="TEXT", help="time only the pages whose address contains TEXT")
    args = parser.parse_args()
    pages = [p for p in PAGES if not args.only or args.only in p]

    public_pages.keep_connection_open()
    client = Client()
    main_name = connection.settings_dict["NAME"]
    made = None
    if args.keep:
        stamp_file = Path(args.keep) / "national.json"
        stamp = {"scale": args.scale, "seed": args.seed, "vendor": connection.vendor, "database": str(main_name)}
        kept = json.loads(stamp_file.read_text()) if stamp_file.exists() else None
        if kept is not None and {k: kept.get(k) for k in stamp} != stamp:
            sys.exit(f"{stamp_file} holds {kept}, not {stamp}: another --keep directory, or delete it")
        use_database(fresh_small_database(main_name))
        prepare()
        small = time_pages(client, args.runs, pages)
        use_database(main_name)
        if kept is None:
            prepare()
            start = time.perf_counter()
            made = generate(args.scale, args.seed)
            stamp["made"] = made
            stamp["seconds"] = round(time.perf_counter() - start)
            stamp_file.write_text(json.dumps(stamp))
        else:
            call_command("migrate", verbosity=0)  # new migrations of the code under test (they keep data)
            print(f"reusing the national database of {stamp_file}: generated in {kept['seconds']} s: "
                  + ", ".join(f"{v:,} {k}" for k, v in kept["made"].items()), flush=True)
    else:
        prepare()
        small = time_pages(client, args.runs, pages)
    if made is None and not args.keep:
        start = time.perf_counter()
        made = generate(args.scale, args.seed)
    if made is not None:
        print(f"generated in {time.perf_counter() - start:.0f} s ({connection.vendor}, seed {args.seed}, "
              f"scale {args.scale}): " + ", ".join(f"{v:,} {k}" for k, v in made.items()), flush=True)
    large = time_pages(client, args.runs, pages)
    print(f"{connection.vendor}, {args.runs} runs; first request ms in brackets where it filled a cache (> 3 x p50)")
    print("| page | p50 ms (1) | p95 ms (1) | queries (1) | p50 ms (290) | p95 ms (290) | queries (290) |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    differ, over = [], []
    for page in pages:
        (a50, a95, aq, _a1), (b50, b95, bq, b1) = small[page], large[page]
        first = f" ({b1:.0f})" if b1 > 3 * b50 else ""
        mark_q = " **DIFFERS**" if aq != bq else ""
        mark_t = " **over**" if b95 > BUDGET_MS else ""
        print(f"| `{page}` | {a50:.1f} | {a95:.1f} | {aq} | {b50:.1f}{first} | {b95:.1f}{mark_t} | {bq}{mark_q} |")
        differ += [page] if aq != bq else []
        over += [page] if b95 > BUDGET_MS else []
    print(f"query counts: {'all identical' if not differ else 'DIFFER for ' + ', '.join(differ)}")
    print(f"p95 <= {BUDGET_MS} ms at 290: {'all' if not over else 'OVER for ' + ', '.join(over)}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
