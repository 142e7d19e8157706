"""Throughput of the cached set page against a bare Django view, under the same gunicorn, on loopback.

Usage: .venv/bin/python bench/throughput.py [--seconds 10] [--connections 32] [--redis]

Builds a throwaway SQLite database with the Strängnäs demo, starts gunicorn with
deploy/gunicorn.conf.py (2 gthread workers x 16 threads) and measures with wrk (-t2):
the set page served from the page cache (lofte.site.pagecache), the same page rendered on every
request (PAGE_CACHE=false), and bench/bare_django.py (a view returning a body of the same size, no
middleware, no database). With --redis the cache is the Redis on 127.0.0.1:6379 (database 15,
flushed first) instead of files. If nginx is installed, also the page through deploy/nginx/lofte.conf
with its proxy cache, and nginx serving a saved copy as a static file.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from slow_clients import BIN, ROOT, prepare, start_nginx, stop_process, wait_for  # noqa: E402

PAGE = "/strangnas/2022-2023/"


def wrk(url: str, seconds: float, connections: int) -> tuple[float, str]:
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{int(seconds)}s", "--latency", url],
                         capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+(\S+)", out).group(1)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rate, p99 + (f", {errors.group(1)} errors" if errors else "")


def gunicorn(env: dict, port: int, app: str = "lofte.wsgi", chdir: Path = ROOT) -> subprocess.Popen:
    return subprocess.Popen(
        [str(BIN / "gunicorn"), app, "--config", str(ROOT / "deploy/gunicorn.conf.py"), "--chdir", str(chdir),
         "--bind", f"127.0.0.1:{port}", "--access-logfile", "/dev/null", "--error-logfile", "/dev/null"],
        env=env, cwd=chdir, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def measure(label: str, url: str, args, results: list) -> None:
    urllib.request.urlopen(url).read()  # warm: the first request renders and stores the page
    rate, p99 = wrk(url, args.seconds, args.connections)
    results.append((label, rate, p99))
    print(f"{label:52} {rate:9.0f} req/s  p99 {p99}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--port", type=int, default=18940)
    parser.add_argument("--redis", action="store_true")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (Debian: apt-get install wrk)")
    data_dir = Path(tempfile.mkdtemp(prefix="lofte-throughput-"))
    env = prepare(data_dir)
    if args.redis:
        env["REDIS_URL"] = "redis://127.0.0.1:6379/15"
        subprocess.run(["redis-cli", "-n", "15", "flushdb"], check=True, capture_output=True)
    results: list = []
    port = args.port
    setups = [("Löfte, set page, page cache (" + ("Redis" if args.redis else "files") + ")", {}),
              ("Löfte, set page, rendered every time (PAGE_CACHE=false)", {"PAGE_CACHE": "false"})]
    for label, extra in setups:
        server = gunicorn({**env, **extra}, port)
        try:
            wait_for(port)
            size = len(urllib.request.urlopen(f"http://127.0.0.1:{port}{PAGE}").read())
            measure(label, f"http://127.0.0.1:{port}{PAGE}", args, results)
            if not extra and shutil.which("nginx"):
                proxy = data_dir / "nginx"
                proxy.mkdir(exist_ok=True)
                (proxy / "saved.html").write_bytes(urllib.request.urlopen(f"http://127.0.0.1:{port}{PAGE}").read())
                nginx = start_nginx(proxy, port + 1, port, static=proxy / "saved.html")
                try:
                    wait_for(port + 1)
                    measure("nginx proxy cache in front (deploy/nginx/lofte.conf)", f"http://127.0.0.1:{port + 1}{PAGE}",
                            args, results)
                    measure("nginx serving a saved copy (static file)", f"http://127.0.0.1:{port + 1}/saved.html",
                            args, results)
                finally:
                    stop_process(nginx)
        finally:
            stop_process(server)
    bare_env = {"PATH": env["PATH"], "BARE_BODY_BYTES": str(size)}
    server = gunicorn(bare_env, port, app="bare_django:application", chdir=ROOT / "bench")
    try:
        wait_for(port, path="/")
        measure("bare Django view, same body size (bench/bare_django.py)", f"http://127.0.0.1:{port}/", args, results)
    finally:
        stop_process(server)
    bare = results[-1][1]
    print()
    for label, rate, p99 in results:
        print(f"| {label} | {rate:,.0f} | {rate / bare:.0%} | {p99} |")


if __name__ == "__main__":
    main()
