"""The national overview (/statistik/) at national scale: computing it cold, and serving it cached.

Usage: .venv/bin/python bench/statistik.py [--sets 3] [--commitments 8] [--activities 15] [--runs 5]

Builds a throwaway SQLite database (or uses DATABASE_URL), loads the Strängnäs demo, then the other
289 municipalities' sets, commitments, targets and activities (bench/public_pages.generate), and
times lofte.overview.national.national_overview() (what the first request of a day, or the first
after a change, pays) and /statistik/ from the cache (every other request).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from public_pages import generate, keep_connection_open  # noqa: E402  (sets up Django)

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402


def measure(runs: int) -> tuple[float, float]:
    """Median ms of the cold computation and of the cached page (query counts: tests/overview)."""
    from lofte.overview.national import national_overview

    today = timezone.localdate()
    cold = []
    for _ in range(runs):
        start = time.perf_counter()
        national_overview(today)
        cold.append(time.perf_counter() - start)
    client = Client()
    cache.clear()
    assert client.get("/statistik/").status_code == 200
    warm = []
    for _ in range(runs * 10):
        start = time.perf_counter()
        client.get("/statistik/")
        warm.append(time.perf_counter() - start)
    return statistics.median(cold) * 1000, statistics.median(warm) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", type=int, default=3)
    parser.add_argument("--commitments", type=int, default=8)
    parser.add_argument("--activities", type=int, default=15)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("load_municipalities", verbosity=0)
    from lofte.demo.loader import load_demo

    keep_connection_open()
    load_demo()
    small = measure(args.runs)
    count = generate(args.sets, args.commitments, args.activities)
    print(f"generated {count} activities for 289 municipalities ({connection.vendor})")
    large = measure(args.runs)
    print(f"{'':28} {'demo only':>12} {'national':>12}")
    print(f"{'computed (cold), ms':28} {small[0]:12.1f} {large[0]:12.1f}")
    print(f"{'/statistik/ cached, ms':28} {small[1]:12.1f} {large[1]:12.1f}")


if __name__ == "__main__":
    main()
