"""The open-data API at national scale: server time of list endpoints, and what django-ninja costs.

Usage: .venv/bin/python bench/api.py [--sets 3] [--commitments 8] [--activities 15] [--runs 30]

It builds a throwaway SQLite database (or uses DATABASE_URL), loads the Strängnäs demo and the
national data of bench/public_pages.py, then times full pages (limit 50 and 200) of list endpoints
with Django's test client (no network; the time is the server's, middleware included). Beside each
it times the same page built by the same functions (lofte.api.reads) and returned as a plain Django
JsonResponse, so the difference is django-ninja's own cost (parameter parsing, validating the items
against the schema, rendering). It also times a page with the rate limit on (one counter UPDATE).
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
spec = importlib.util.spec_from_file_location("public_pages", HERE / "public_pages.py")
public_pages = importlib.util.module_from_spec(spec)
spec.loader.exec_module(public_pages)  # sets up Django like every bench script

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.core.serializers.json import DjangoJSONEncoder  # noqa: E402
from django.db import connection  # noqa: E402
from django.http import JsonResponse  # noqa: E402
from django.test import Client, RequestFactory  # noqa: E402

ENDPOINTS = ["/api/v1/promise-sets", "/api/v1/commitments", "/api/v1/activities"]


def plain(path: str, limit: int):
    """The same page as the endpoint, without django-ninja: the baseline."""
    from lofte.api import pagination, reads
    from lofte.activities.models import Activity

    request = RequestFactory().get(path, {"limit": limit})
    if path.endswith("promise-sets"):
        page = pagination.paginate(request, reads.promise_sets(), cursor=None, limit=limit,
                                   build=reads.promise_set_items)
    elif path.endswith("commitments"):
        page = pagination.paginate(request, reads.commitments(), cursor=None, limit=limit,
                                   build=lambda rows: [item for _id, item in reads.commitment_items(rows)])
    else:
        page = pagination.paginate(request, reads.public_records(Activity.objects.all()), cursor=None,
                                   limit=limit, build=reads.activity_items)
    return JsonResponse({"items": page.items, "next": page.next}, encoder=DjangoJSONEncoder)


def median_ms(fn, runs: int) -> float:
    fn()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", type=int, default=3)
    parser.add_argument("--commitments", type=int, default=8)
    parser.add_argument("--activities", type=int, default=15)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    call_command("load_municipalities", verbosity=0)
    from lofte.demo.loader import load_demo

    public_pages.keep_connection_open()
    load_demo()
    count = public_pages.generate(args.sets, args.commitments, args.activities)
    print(f"{count} activities in 290 municipalities ({connection.vendor}); medians of {args.runs} runs")
    settings.API_RATE_LIMIT = 0
    client = Client()
    print(f"{'endpoint':28} {'limit':>5} {'ninja ms':>9} {'plain ms':>9} {'ninja/plain':>11}")
    for path in ENDPOINTS:
        for limit in (50, 200):
            response = client.get(path, {"limit": limit})
            assert response.status_code == 200, response.content[:300]
            ninja = median_ms(lambda: client.get(path, {"limit": limit}), args.runs)
            baseline = median_ms(lambda: plain(path, limit), args.runs)
            print(f"{path:28} {limit:5} {ninja:9.1f} {baseline:9.1f} {ninja / baseline:11.2f}")
    from lofte.dialogue import ratelimit

    counting = median_ms(lambda: ratelimit.take("api", "192.0.2.1", 1_000_000, 60), args.runs)
    print(f"the rate limit's counter (one UPDATE in its own transaction): {counting:.1f} ms a request")


if __name__ == "__main__":
    main()
