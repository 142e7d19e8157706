"""What one uncached public page costs the server, in-process: time, CPU, queries, and instructions.

Usage: .venv/bin/python bench/page_cost.py [PATH ...] [--runs 200] [--callgrind]

Builds a throwaway SQLite database with the Strängnäs demo, then requests each path (default: the
set page /strangnas/2022-2023/ and, as the framework's floor, the text page /sa-raknar-vi/) with
Django's test client through the whole middleware stack, the page cache off (PAGE_CACHE=false:
what the first visitor after a change waits for). It reports the minimum, tenth percentile and
median wall time and the query count.

Wall time on a shared machine moves with its load. `--callgrind` (needs valgrind, Debian's
`valgrind`) also counts the instructions of one request: it runs the same requests under
`valgrind --tool=callgrind` once with no timed request and once with 10, and divides the difference
by 10. The count is the same on a busy machine and a quiet one, so two versions of the code can be
compared anywhere (it takes about a minute per path).
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PATHS = ["/strangnas/2022-2023/", "/sa-raknar-vi/"]


def setup(data_dir: str) -> None:
    sys.path.insert(0, str(ROOT / "src"))
    os.environ["LOFTE_DATA_DIR"] = data_dir
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-" + "x" * 40)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lofte.settings")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ["PAGE_CACHE"] = "false"
    import django

    django.setup()


def prepare(data_dir: str) -> None:
    setup(data_dir)
    from django.core.management import call_command

    from lofte.demo.loader import load_demo

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("load_municipalities", verbosity=0)
    load_demo()


def requests_only(data_dir: str, path: str, count: int) -> None:
    """The body run under callgrind: two warm-up requests, then `count` more."""
    setup(data_dir)
    from django.test import Client

    client = Client()
    for _ in range(2 + count):
        assert client.get(path).status_code == 200


def instructions(data_dir: str, path: str, count: int = 10) -> int:
    totals = []
    for n in (0, count):
        out = subprocess.run(
            ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, __file__,
             "--requests-only", data_dir, path, str(n)],
            capture_output=True, text=True, check=True,
        ).stderr
        totals.append(int(re.search(r"Collected : (\d+)", out).group(1)))
    return (totals[1] - totals[0]) // count


def timings(path: str, runs: int) -> tuple[list[float], int]:
    from django.core.signals import request_started
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    # Django empties the query log when a request starts, which would leave the capture empty.
    request_started.disconnect(reset_queries)
    client = Client()
    status = client.get(path).status_code
    if status != 200:
        sys.exit(f"{path} answers {status}, not 200: give the address of a public page of the demo")
    connection.queries_log.clear()  # a bounded deque that the demo's load filled: a full one captures nothing
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    count = len(queries.captured_queries)
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        client.get(path)
        samples.append((time.perf_counter() - start) * 1000)
    return sorted(samples), count


def main() -> None:
    if sys.argv[1:2] == ["--requests-only"]:
        requests_only(sys.argv[2], sys.argv[3], int(sys.argv[4]))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=DEFAULT_PATHS)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--callgrind", action="store_true")
    args = parser.parse_args()
    data_dir = tempfile.mkdtemp(prefix="lofte-page-cost-")
    prepare(data_dir)
    print(f"| page | min ms | p10 ms | median ms | queries |{' instructions |' if args.callgrind else ''}")
    print(f"| --- | ---: | ---: | ---: | ---: |{' ---: |' if args.callgrind else ''}")
    for path in args.paths:
        samples, queries = timings(path, args.runs)
        row = (f"| `{path}` | {samples[0]:.2f} | {samples[len(samples) // 10]:.2f} | "
               f"{statistics.median(samples):.2f} | {queries} |")
        if args.callgrind:
            row += f" {instructions(data_dir, path) / 1e6:.1f} M |"
        print(row, flush=True)


if __name__ == "__main__":
    main()
