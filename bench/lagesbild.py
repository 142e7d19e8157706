"""The lägesbild page at national scale: p95 with 290 municipalities and 1,000,000 observations.

Usage: .venv/bin/python bench/lagesbild.py [--observations 1000000] [--runs 200]

Builds a throwaway SQLite database (or uses DATABASE_URL), loads the Strängnäs demo (its promises
and its invented situation picture) and times /strangnas/lagesbild/ with Django's test client
(no proxy cache, every request a full render). Then it generates, for every municipality, county
and the country: yearly Kolada-style rates, quarterly Brå-style counts, yearly survey shares and
weekly police-event counts per type (about 60 % of the rows), until the observation table holds
the asked number of rows, and times the page again: median, p95 and query count. Charts are
rendered once and cached by content, as in production; the "cold" column clears the cache before
every request, so every chart is drawn again.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("LOFTE_DATA_DIR", tempfile.mkdtemp(prefix="lofte-bench-lagesbild-"))
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-" + "x" * 40)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lofte.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
# A per-process cache, like each gunicorn worker's in-memory view of the shared file cache.
os.environ.setdefault("CACHE_BACKEND", "django.core.cache.backends.locmem.LocMemCache")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from public_pages import keep_connection_open, profile  # noqa: E402  (the same bench helpers)

PATH = "/strangnas/lagesbild/"


def time_page(client: Client, runs: int, mode: str = "cached") -> tuple[float, float, int]:
    """mode: "cached" (the page as most requests get it), "rendered" (the page rendered again, its
    charts and indicator sections from the cache: the first request after a change elsewhere on
    the page, e.g. a recorded activity or one indicator's import),
    "drawn" (the whole cache emptied first: every chart drawn again)."""
    from lofte.site import pagecache

    pagecache.PAGE_CACHE_SECONDS = 60 * 60 if mode == "cached" else 0  # 0: expires at once
    connection.queries_log.clear()
    cache.clear()
    client.get(PATH)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(PATH)
    assert response.status_code == 200, response.status_code
    count = len(queries.captured_queries)  # now: the log is a bounded deque that later requests may shift
    samples = []
    for _ in range(runs):
        if mode == "drawn":
            cache.clear()
        start = time.perf_counter()
        client.get(PATH)
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1], count


def generate(target: int) -> int:
    """Observations for every region until the table holds `target` rows; returns how many were added."""
    from django.utils import timezone

    from lofte.core.models import Municipality
    from lofte.situation.models import ImportRun, Indicator, Observation, Series

    rng = random.Random(290)
    regions = ["00"] + sorted({m.county_code for m in Municipality.objects.all()}) + list(
        Municipality.objects.values_list("code", flat=True))
    municipality_ids = dict(Municipality.objects.values_list("code", "pk"))
    run = ImportRun.objects.create(source="other", name="bench", status=ImportRun.Status.LIVE,
                                   finished_at=timezone.now())
    plans = (
        [("bench:kolada%d" % i, "rate", "year", "crime", [date(y, 1, 1) for y in range(2005, 2025)]) for i in range(6)]
        + [("bench:bra%d" % i, "count", "quarter", "crime",
            [date(y, m, 1) for y in range(2014, 2025) for m in (1, 4, 7, 10)]) for i in range(10)]
        + [("bench:enkat%d" % i, "share", "year", "safety", [date(y, 1, 1) for y in range(2015, 2025)]) for i in range(3)]
    )
    today = date.today()
    monday = today - timedelta(days=today.weekday())
    weeks = [monday - timedelta(weeks=w) for w in range(1, 79)]
    police_types = 40
    plans += [("police:bench-%d" % i, "count", "week", "events", weeks) for i in range(police_types)]
    existing = Observation.objects.count()
    budget = target - existing
    per_region_rows = sum(len(p[4]) for p in plans)
    share = min(1.0, budget / (per_region_rows * len(regions)))
    insert = ("INSERT INTO situation_observation (series_id, period_start, value, rate, base, status, run_id) "
              "VALUES (%s, %s, %s, %s, %s, %s, %s)")
    added = 0
    for key, kind, period_kind, theme, periods in plans:
        source = "police" if key.startswith("police:") else "other"
        name = f"Bench-händelse {key[-2:]}" if source == "police" else f"Benchindikator {key}"
        indicator = Indicator.objects.create(key=key, name=name, unit="värde", kind=kind, period_kind=period_kind,
                                             theme=theme, source=source, attribution="Källa: bench")
        series = Series.objects.bulk_create([Series(indicator=indicator, region=r, municipality_id=municipality_ids.get(r))
                                             for r in regions])
        rows = []
        for s in series:
            for period in periods:
                if rng.random() <= share:
                    rows.append((s.pk, period.isoformat(), float(rng.randint(0, 40)), None, None, "", run.pk))
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(insert, rows)
        added += len(rows)
    # The police coverage the page reads: every municipality has events throughout.
    coverage = {code: [weeks[-1].isoformat(), weeks[0].isoformat()] for code in municipality_ids}
    police = ImportRun.objects.create(source="police", name="bench-police", status=ImportRun.Status.LIVE,
                                      finished_at=timezone.now(), summary={"coverage": coverage})
    Observation.objects.filter(series__indicator__source="police", series__indicator__key__startswith="police:bench").update(run=police)
    return added


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--observations", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("load_municipalities", verbosity=0)
    from lofte.demo.loader import load_demo
    from lofte.situation.models import Observation

    keep_connection_open()
    load_demo()
    client = Client()
    few = max(20, args.runs // 10)
    small = [time_page(client, args.runs), time_page(client, few, "rendered"), time_page(client, few, "drawn")]
    start = time.perf_counter()
    added = generate(args.observations)
    total = Observation.objects.count()
    print(f"generated {added} observations ({total} in all) in {time.perf_counter() - start:.0f} s ({connection.vendor})")
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    if os.environ.get("BENCH_PROFILE"):
        import cProfile
        import pstats

        client.get(PATH)
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(20):
            client.get(PATH)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)
        profile(PATH)
    large = [time_page(client, args.runs), time_page(client, few, "rendered"), time_page(client, few, "drawn")]
    print(f"{'data':28} {'request':34} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
    modes = ["page cached (ETag unchanged)", "page rendered, charts cached", "page rendered, charts drawn"]
    for data, results in (("demo only", small), (f"national, {total} obs.", large)):
        for mode, (median, p95, queries) in zip(modes, results):
            print(f"{data:28} {mode:34} {median:10.1f} {p95:8.1f} {queries:8}")


if __name__ == "__main__":
    main()
