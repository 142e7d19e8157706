"""Load on loopback: two app servers behind nginx sharing PostgreSQL and Redis, 200 connections.

Usage: .venv/bin/python bench/load.py [--seconds 60] [--connections 200] [--post-every 20]

Creates a PostgreSQL database of its own on 127.0.0.1:5432 (dropped afterwards), loads the demo,
starts two gunicorn app servers (deploy/gunicorn.conf.py) sharing it and the Redis on 6379
(database 14, flushed), nginx with deploy/nginx/lofte.conf in front of both, and runs wrk with
bench/load.lua: public page views and, one request in --post-every, a citizen-input post (the rate
limit raised). It reports the status counts, latency percentiles (wrk's for the whole mix and
nginx's per URL, split by whether the proxy cache or an app server answered), and whether every
accepted post (302 to the receipt) was stored exactly once.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))
from slow_clients import BIN, ROOT, start_nginx, stop_process, wait_for  # noqa: E402
from throughput import gunicorn  # noqa: E402

ADMIN = "host=127.0.0.1 port=5432 user=postgres dbname=postgres"


def percentile(sorted_values: list[float], share: float) -> float:
    return sorted_values[min(len(sorted_values) - 1, int(len(sorted_values) * share))]


def print_latencies(log: Path) -> None:
    """Per-URL latencies from nginx's log (wrk gives one figure for the whole mix): time from the
    request's first byte to the answer's last, and how nginx answered (HIT: from its proxy cache;
    MISS/EXPIRED/REVALIDATED: from an app server). A markdown table for bench/README.md."""
    rows: dict[tuple[str, str], list[float]] = {}
    for line in log.read_text().splitlines():
        method, path, _status, seconds, cache = (line.split(" ") + ["-"])[:5]
        kind = "post" if method == "POST" else ("proxy cache" if cache in ("HIT", "STALE", "UPDATING") else "app")
        rows.setdefault((path, kind), []).append(float(seconds) * 1000)
    print("| path | answered by | requests | p50 ms | p99 ms | max ms |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    for (path, kind), values in sorted(rows.items()):
        values.sort()
        print(f"| `{path}` | {kind} | {len(values):,} | {percentile(values, 0.5):.1f} | "
              f"{percentile(values, 0.99):.1f} | {values[-1]:.1f} |")
    for kind in ("proxy cache", "app", "post"):
        values = sorted(v for (_path, k), vs in rows.items() if k == kind for v in vs)
        if values:
            print(f"all answered by {kind}: {len(values):,} requests, p50 {percentile(values, 0.5):.1f} ms, "
                  f"p99 {percentile(values, 0.99):.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--connections", type=int, default=200)
    parser.add_argument("--post-every", type=int, default=20)
    parser.add_argument("--port", type=int, default=18960)
    args = parser.parse_args()
    if not (shutil.which("wrk") and shutil.which("nginx")):
        sys.exit("needs wrk and nginx (Debian: apt-get install wrk nginx-light)")
    name = f"lofte_load_{os.getpid()}"
    data_dir = Path(tempfile.mkdtemp(prefix="lofte-load-"))
    env = {**os.environ, "LOFTE_DATA_DIR": str(data_dir), "SECRET_KEY": "bench-only-secret-key-" + "x" * 40,
           "DJANGO_SETTINGS_MODULE": "lofte.settings", "ALLOWED_HOSTS": "127.0.0.1,localhost", "LOG_LEVEL": "ERROR",
           "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{name}", "REDIS_URL": "redis://127.0.0.1:6379/14",
           "CITIZEN_INPUT_RATE_LIMIT": "1000000", "PROXY_COUNT": "1", "WEB_THREADS": "16"}
    with psycopg.connect(ADMIN, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    servers = []
    try:
        for command in (["migrate", "--noinput", "-v0"], ["collectstatic", "--noinput", "-v0"],
                        ["load_municipalities"], ["demo"]):
            subprocess.run([str(BIN / "lofte"), *command], env=env, check=True, capture_output=True, cwd=ROOT)
        subprocess.run(["redis-cli", "-n", "14", "flushdb"], check=True, capture_output=True)
        ports = [args.port, args.port + 1]
        servers = [gunicorn(env, port) for port in ports]
        for port in ports:
            wait_for(port)
        proxy = data_dir / "nginx"
        proxy.mkdir()
        servers.append(start_nginx(proxy, args.port + 2, *ports, per_client=args.connections + 10))
        wait_for(args.port + 2)
        out = subprocess.run(["wrk", "-t2", f"-c{args.connections}", f"-d{args.seconds}s", "--timeout", "10s",
                              "-s", str(ROOT / "bench/load.lua"), f"http://127.0.0.1:{args.port + 2}"],
                             capture_output=True, text=True, env={**os.environ, "POST_EVERY": str(args.post_every)},
                             check=True).stdout
        print(out)
        statuses = {int(code): int(n) for code, n in re.findall(r"status (\d+) (\d+)", out)}
        with psycopg.connect(f"host=127.0.0.1 port=5432 user=postgres dbname={name}") as conn:
            stored = conn.execute("SELECT count(*) FROM dialogue_citizeninput WHERE message LIKE 'Lasttest%%'"
                                  ).fetchone()[0]
        errors = sum(n for code, n in statuses.items() if code >= 500)
        # nginx's log of every post with the app's answer: also the posts wrk stopped waiting for
        # at the end of the run (logged 499 with the app's 302).
        logged = (proxy / "posts.log").read_text().split("\n")
        accepted = sum(1 for line in logged if line.split(" ")[-1:] == ["302"])
        print(f"server errors: {errors}; posts the app accepted (302, nginx log): {accepted} "
              f"(wrk saw {statuses.get(302, 0)}); stored rows: {stored}")
        print_latencies(proxy / "requests.log")
    finally:
        for server in reversed(servers):
            stop_process(server)
        with psycopg.connect(ADMIN, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


if __name__ == "__main__":
    main()
