"""Load on loopback: two app servers behind nginx sharing PostgreSQL, Redis and S3, 200 connections.

Usage: .venv/bin/python bench/load.py [--seconds 60] [--connections 200] [--post-every 20] [--cold]

Creates a PostgreSQL database of its own on 127.0.0.1:5432 (dropped afterwards) and an S3 bucket in
moto's server, loads the demo, starts two gunicorn app servers (deploy/gunicorn.conf.py), each with
a data directory and a background worker (`lofte db_worker`) of its own, sharing the database, the
Redis on 6379 (database 14, flushed) and the bucket, nginx with deploy/nginx/lofte.conf in front of
both, and runs wrk with
bench/load.lua: public page views and, one request in --post-every, a citizen-input post (the rate
limit raised). It reports the status counts, latency percentiles (wrk's for the whole mix and
nginx's per URL, split by whether the proxy cache or an app server answered), and whether every
accepted post (302 to the receipt) was stored exactly once. Then bench/stateless.py checks that
sessions, uploads, the rate limit, the page cache and tasks work whichever server answers.
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import boto3
import psycopg
from moto import server as moto_server

sys.path.insert(0, str(Path(__file__).resolve().parent))
from slow_clients import BIN, ROOT, start_nginx, stop_process, wait_for  # noqa: E402
import stateless  # noqa: E402
from throughput import gunicorn  # noqa: E402

# lofte.demo.workspace.COORDINATOR_USERNAME, a redaktör of the municipality (not imported: that
# needs Django set up in this process).
COORDINATOR_USERNAME = "samordnare"

# The API's limit per client address for the run (the load itself reads no /api/): low, so the
# stateless check can show that two servers share one count.
API_RATE_LIMIT = 40

ADMIN = "host=127.0.0.1 port=5432 user=postgres dbname=postgres"


def settled_count(dsn: str) -> int:
    """The stored load-test inputs once the posts still in flight when wrk stopped are answered
    (nginx waits for them): the count when it has not changed for two seconds."""
    last, since = -1, time.monotonic()
    with psycopg.connect(dsn, autocommit=True) as conn:
        while True:
            count = conn.execute("SELECT count(*) FROM dialogue_citizeninput WHERE message LIKE 'Lasttest%%'"
                                 ).fetchone()[0]
            if count != last:
                last, since = count, time.monotonic()
            elif time.monotonic() - since >= 2:
                return count
            time.sleep(0.2)


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
    parser.add_argument("--cold", action="store_true", help="start with nothing in the proxy cache")
    args = parser.parse_args()
    if not (shutil.which("wrk") and shutil.which("nginx")):
        sys.exit("needs wrk and nginx (Debian: apt-get install wrk nginx-light)")
    name = f"lofte_load_{os.getpid()}"
    data_dir = Path(tempfile.mkdtemp(prefix="lofte-load-"))
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # moto's server logs every request
    failed = True
    s3 = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=args.port + 3, verbose=False)
    s3.start()
    bucket = boto3.client("s3", endpoint_url=f"http://127.0.0.1:{args.port + 3}", region_name="eu-north-1",
                          aws_access_key_id="load", aws_secret_access_key="load")
    bucket.create_bucket(Bucket=stateless.BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-north-1"})
    # Each app server (and the worker beside it) has a data directory of its own: they share only
    # PostgreSQL, Redis and the S3 bucket, as on two machines.
    env = {**os.environ, "SECRET_KEY": "bench-only-secret-key-" + "x" * 40,
           "DJANGO_SETTINGS_MODULE": "lofte.settings", "ALLOWED_HOSTS": "127.0.0.1,localhost", "LOG_LEVEL": "ERROR",
           "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{name}", "REDIS_URL": "redis://127.0.0.1:6379/14",
           "STORAGE_BACKEND": "s3", "AWS_STORAGE_BUCKET_NAME": stateless.BUCKET,
           "AWS_S3_ENDPOINT_URL": f"http://127.0.0.1:{args.port + 3}", "AWS_S3_REGION_NAME": "eu-north-1",
           "AWS_ACCESS_KEY_ID": "load", "AWS_SECRET_ACCESS_KEY": "load",
           "CITIZEN_INPUT_RATE_LIMIT": "1000000", "API_RATE_LIMIT": str(API_RATE_LIMIT), "PROXY_COUNT": "1",
           "WEB_THREADS": "16"}
    envs = [{**env, "LOFTE_DATA_DIR": str(data_dir / server)} for server in ("a", "b")]
    with psycopg.connect(ADMIN, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    servers = []
    try:
        for command in (["migrate", "--noinput", "-v0"], ["load_municipalities"], ["demo"]):
            subprocess.run([str(BIN / "lofte"), *command], env=envs[0], check=True, capture_output=True, cwd=ROOT)
        for server_env in envs:
            subprocess.run([str(BIN / "lofte"), "collectstatic", "--noinput", "-v0"], env=server_env, check=True,
                           capture_output=True, cwd=ROOT)
        subprocess.run(["redis-cli", "-n", "14", "flushdb"], check=True, capture_output=True)
        ports = [args.port, args.port + 1]
        servers = [gunicorn(server_env, port) for server_env, port in zip(envs, ports)]
        # A background worker beside each app server, as deploy/systemd/lofte-worker@.service runs it.
        servers += [subprocess.Popen([str(BIN / "lofte"), "db_worker", "--queue-name", "default", "--no-reload"],
                                     env=server_env, cwd=ROOT, start_new_session=True, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL) for server_env in envs]
        for port in ports:
            wait_for(port)
        proxy = data_dir / "nginx"
        proxy.mkdir()
        servers.append(start_nginx(proxy, args.port + 2, *ports, per_client=args.connections + 10))
        wait_for(args.port + 2)
        if not args.cold:
            # Each page once through nginx first, so the run measures pages served from the cache.
            # With --cold the run starts empty: the requests that arrive while a page's first
            # render runs wait for it (proxy_cache_lock, polled every 500 ms).
            for page in re.findall(r'"(/[^"]*)"', (ROOT / "bench/load.lua").read_text().split("local secret")[0]):
                urllib.request.urlopen(f"http://127.0.0.1:{args.port + 2}{page}").read()
        out = subprocess.run(["wrk", "-t2", f"-c{args.connections}", f"-d{args.seconds}s", "--timeout", "10s",
                              "-s", str(ROOT / "bench/load.lua"), f"http://127.0.0.1:{args.port + 2}"],
                             capture_output=True, text=True, env={**os.environ, "POST_EVERY": str(args.post_every)},
                             check=True).stdout
        print(out)
        statuses = {int(code): int(n) for code, n in re.findall(r"status (\d+) (\d+)", out)}
        stored = settled_count(f"host=127.0.0.1 port=5432 user=postgres dbname={name}")
        errors = sum(n for code, n in statuses.items() if code >= 500)
        # nginx's log of every post with the app's answer: also the posts wrk stopped waiting for
        # at the end of the run (logged 499 with the app's 302).
        logged = (proxy / "posts.log").read_text().split("\n")
        accepted = sum(1 for line in logged if line.split(" ")[-1:] == ["302"])
        print(f"server errors: {errors}; posts the app accepted (302, nginx log): {accepted} "
              f"(wrk saw {statuses.get(302, 0)}); stored rows: {stored}")
        print_latencies(proxy / "requests.log")
        password = (data_dir / "a" / "demo-password.txt").read_text().strip()
        a, b = (f"http://127.0.0.1:{port}" for port in ports)
        print("\nStateless app servers (bench/stateless.py): each check through one server, then the other")
        checks = stateless.run(a, b, env["DATABASE_URL"], COORDINATOR_USERNAME, password, API_RATE_LIMIT, bucket,
                               [data_dir / "a", data_dir / "b"])
        for check in checks:
            print(f"- {check.name}: {'passed' if check.passed else 'FAILED'} ({check.detail})")
        failed = errors or accepted != stored or not all(check.passed for check in checks)
    finally:
        for server in reversed(servers):
            stop_process(server)
        with psycopg.connect(ADMIN, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        s3.stop()
    if failed:
        sys.exit("the load run failed: server errors, posts stored other than once, or a stateless check")


if __name__ == "__main__":
    main()
