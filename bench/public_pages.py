"""Public pages at national scale: medians before and after loading all 290 municipalities.

Usage: .venv/bin/python bench/public_pages.py [--sets 3] [--commitments 8] [--activities 15] [--runs 30]

It builds a throwaway SQLite database (or uses DATABASE_URL), loads the Strängnäs demo, times the
public pages with Django's test client (no network, no proxy cache, every request a full render),
then generates the other municipalities' promise sets, commitments, targets and activities in bulk
and times the same pages again. A page that does not slow down as other municipalities' data grows
shows a ratio near 1.0 and the same query count.
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
os.environ.setdefault("LOFTE_DATA_DIR", tempfile.mkdtemp(prefix="lofte-bench-"))
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-" + "x" * 40)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lofte.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
# Every request a full render: what a page costs the first time after a change (lofte.site.pagecache).
os.environ.setdefault("PAGE_CACHE", "false")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

PATHS = ["/", "/strangnas/", "/strangnas/2022-2023/", "/strangnas/2021/5/"]
TYPES = ["dialogue_meeting", "safety_walk", "parent_meeting", "traffic_operation", "council_meeting"]


def keep_connection_open() -> None:
    """Like Django's test runner: one connection for the run, so its queries can be counted."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections, reset_queries

    request_started.disconnect(reset_queries)
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)


def time_pages(client: Client, runs: int) -> dict[str, tuple[float, int]]:
    results = {}
    for path in PATHS:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        query_count = len(queries)
        assert response.status_code == 200, (path, response.status_code)
        samples = []
        for _ in range(runs):
            start = time.perf_counter()
            client.get(path)
            samples.append(time.perf_counter() - start)
        results[path] = (statistics.median(samples) * 1000, query_count)
    return results


def generate(sets: int, commitments: int, activities: int) -> int:
    """Bulk-create promise data for every municipality but Strängnäs; returns the activity count."""
    from lofte.activities.models import Activity, CountedWork
    from lofte.core.models import Municipality
    from lofte.promises.models import Commitment, PromiseSet, Target

    rng = random.Random(290)
    others = list(Municipality.objects.exclude(code="0486"))
    new_sets = [
        PromiseSet(municipality=m, start=date(2016 + 2 * i, 1, 1), end=date(2017 + 2 * i, 12, 31),
                   slug=f"{2016 + 2 * i}-{2017 + 2 * i}", title=f"Medborgarlöfte {i}",
                   status=PromiseSet.Status.PUBLISHED)
        for m in others for i in range(sets)
    ]
    PromiseSet.objects.bulk_create(new_sets, batch_size=500)
    new_commitments = [
        Commitment(promise_set=s, number=n + 1, text=f"Polisen och kommunen lovar insats {n + 1}.")
        for s in new_sets for n in range(commitments)
    ]
    Commitment.objects.bulk_create(new_commitments, batch_size=1000)
    Target.objects.bulk_create(
        [Target(commitment=c, count=4, unit="insatser", activity_type=rng.choice(TYPES)) for c in new_commitments],
        batch_size=2000,
    )
    set_of = {s.pk: s for s in new_sets}
    new_activities, links = [], []
    for c in new_commitments:
        s = set_of[c.promise_set_id]
        for _ in range(activities):
            on = s.start + timedelta(days=rng.randrange(700))
            new_activities.append(Activity(type=rng.choice(TYPES), date=on, municipality_id=s.municipality_id))
            links.append(c)
    Activity.objects.bulk_create(new_activities, batch_size=2000)
    Through = Activity.commitments.through
    Through.objects.bulk_create(
        [Through(activity_id=a.pk, commitment_id=c.pk) for a, c in zip(new_activities, links)], batch_size=5000
    )
    # bulk_create bypasses the signals that keep the ledger of counted work (lofte.activities.ledger).
    CountedWork.objects.bulk_create(
        [CountedWork(commitment_id=c.pk, activity_id=a.pk, date=a.date, type=a.type, count=a.count,
                     known_from=a.created_at) for a, c in zip(new_activities, links)],
        batch_size=5000,
    )
    return len(new_activities)


def profile(path: str) -> None:  # pragma: no cover - a diagnostic
    """Print the slowest queries of one page (BENCH_PROFILE=/strangnas/)."""
    with CaptureQueriesContext(connection) as queries:
        Client().get(path)
    for q in sorted(queries.captured_queries, key=lambda q: -float(q["time"]))[:5]:
        print(q["time"], q["sql"][:400])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", type=int, default=3)
    parser.add_argument("--commitments", type=int, default=8)
    parser.add_argument("--activities", type=int, default=15)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("load_municipalities", verbosity=0)
    from lofte.demo.loader import load_demo

    keep_connection_open()
    load_demo()
    client = Client()
    small = time_pages(client, args.runs)
    start = time.perf_counter()
    count = generate(args.sets, args.commitments, args.activities)
    print(f"generated {count} activities for 289 municipalities in {time.perf_counter() - start:.1f} s "
          f"({connection.vendor})")
    large = time_pages(client, args.runs)
    if os.environ.get("BENCH_PROFILE"):
        profile(os.environ["BENCH_PROFILE"])
    print(f"{'page':28} {'demo only ms':>12} {'national ms':>12} {'ratio':>6} {'queries':>8}")
    for path in PATHS:
        (t1, q1), (t2, q2) = small[path], large[path]
        print(f"{path:28} {t1:12.1f} {t2:12.1f} {t2 / t1:6.2f} {q1:>3} -> {q2:<3}")


if __name__ == "__main__":
    main()
