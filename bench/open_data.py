"""Open data at national scale: the nightly export (bulk zip and DCAT catalogue) and a
municipality's CSV files, before and after loading all 290 municipalities.

Usage: .venv/bin/python bench/open_data.py [--sets 3] [--commitments 8] [--activities 15] [--runs 10]

It builds a throwaway SQLite database (or uses DATABASE_URL), loads the Strängnäs demo, times the
export (lofte.opendata.tasks.export: every table of every municipality as CSV and JSON in one zip,
then the DCAT-AP-SE file) and Strängnäs' CSV files with Django's test client, then generates the
other municipalities' sets, commitments and activities with bench/public_pages.py's generator and
times both again. A municipality's CSV must not slow down as other municipalities' data grows.
"""

from __future__ import annotations

import argparse
import statistics
import time

from public_pages import generate, keep_connection_open  # sets up Django (the same bench helpers)

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

PATHS = ["/strangnas/data/loften.csv", "/strangnas/data/insatser.csv", "/strangnas/data/fynd.csv",
         "/strangnas/flode.atom", "/flode.atom"]


def time_files(client: Client, runs: int) -> dict[str, tuple[float, int]]:
    results = {}
    for path in PATHS:
        client.get(path)
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                assert client.get(path).status_code == 200
            times.append((time.perf_counter() - start) * 1000)
        results[path] = (statistics.median(times), len(queries.captured_queries))
    return results


def time_export() -> tuple[float, str]:
    from lofte.opendata import tasks

    start = time.perf_counter()
    line = tasks.export()
    return time.perf_counter() - start, line


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", type=int, default=3)
    parser.add_argument("--commitments", type=int, default=8)
    parser.add_argument("--activities", type=int, default=15)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    call_command("load_municipalities", verbosity=0)
    from lofte.demo.loader import load_demo

    keep_connection_open()
    load_demo()
    client = Client()
    small, (small_export, small_line) = time_files(client, args.runs), time_export()
    count = generate(args.sets, args.commitments, args.activities)
    print(f"generated {count} activities for 289 municipalities ({connection.vendor})")
    large, (large_export, large_line) = time_files(client, args.runs), time_export()
    print(f"export, demo only: {small_export:.1f} s  {small_line}")
    print(f"export, national:  {large_export:.1f} s  {large_line}")
    print(f"{'file':30} {'demo only ms':>12} {'national ms':>12} {'ratio':>6} {'queries':>8}")
    for path in PATHS:
        (t1, q1), (t2, q2) = small[path], large[path]
        print(f"{path:30} {t1:12.1f} {t2:12.1f} {t2 / t1:6.2f} {q1:>3} -> {q2:<3}")


if __name__ == "__main__":
    main()
