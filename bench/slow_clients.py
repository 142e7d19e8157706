"""Slow clients against the app server: do public pages stay fast while clients trickle bodies?

Usage: .venv/bin/python bench/slow_clients.py [--seconds 15] [--port 18910]

Builds a throwaway SQLite database with the Strängnäs demo, then for each setup starts the server,
opens N "slow clients" (each starts a POST to the citizen form announcing a 100 kB body and then
sends one byte a second, as the probe of issue 9.9 did) and meanwhile fetches /strangnas/ every
0.25 s with a 10 s timeout. It reports the median and slowest page time and how many fetches failed.

Setups: gunicorn with 2 sync workers (what `make run` used), gunicorn with deploy/gunicorn.conf.py
(2 gthread workers x 16 threads; also with 8 threads for comparison), and, if nginx is installed,
deploy/nginx/lofte.conf in front of it (without TLS, on a local port), which buffers every request
before gunicorn sees it. The slow clients come from the loopback addresses 127.0.0.2 and up, the
page fetches from 127.0.0.1, so nginx's per-address connection cap sees them as different clients.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def _env(data_dir: Path) -> dict:
    env = {**os.environ, "LOFTE_DATA_DIR": str(data_dir), "SECRET_KEY": "bench-only-secret-key-" + "x" * 40,
           "DJANGO_SETTINGS_MODULE": "lofte.settings", "ALLOWED_HOSTS": "127.0.0.1,localhost",
           "LOG_LEVEL": "ERROR"}
    env.pop("DATABASE_URL", None)
    return env


def prepare(data_dir: Path) -> dict:
    env = _env(data_dir)
    for command in (["migrate", "--noinput", "-v0"], ["collectstatic", "--noinput", "-v0"],
                    ["load_municipalities"], ["demo"]):
        subprocess.run([str(BIN / "lofte"), *command], env=env, check=True, capture_output=True, cwd=ROOT)
    return env


def wait_for(port: int, timeout: float = 30, path: str = "/strangnas/") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5).read()
            return
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.3)
    raise RuntimeError(f"nothing answers on port {port}")


def start_gunicorn(env: dict, port: int, mode: str) -> subprocess.Popen:
    if mode == "sync":
        args = ["--worker-class", "sync", "--workers", "2"]
    else:
        args = ["--config", str(ROOT / "deploy/gunicorn.conf.py")]
        env = {**env, "WEB_THREADS": mode.removeprefix("gthread-")} if mode.startswith("gthread-") else env
    return subprocess.Popen([str(BIN / "gunicorn"), "lofte.wsgi", *args, "--bind", f"127.0.0.1:{port}",
                             "--access-logfile", "/dev/null", "--error-logfile", "/dev/null"],
                            env=env, cwd=ROOT, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def start_nginx(directory: Path, port: int, upstream: int, *more_upstreams: int,
                static: Path | None = None, per_client: int | None = None) -> subprocess.Popen:
    """deploy/nginx/lofte.conf without TLS on a local port, its cache in `directory`, its app
    servers on the given ports; `static`: also serve that file at its name (the static ceiling);
    `per_client`: another connection cap per address (a load generator is one address); with it,
    POSTs are logged to `directory`/posts.log with the app's status, and every request to
    `directory`/requests.log with its path, status, time and cache status (the per-URL latencies)."""
    site = (ROOT / "deploy/nginx/lofte.conf").read_text()
    if per_client is not None:
        site = re.sub(r"limit_conn lofte_per_client \d+;", f"limit_conn lofte_per_client {per_client};", site)
        site = site.replace("limit_conn_zone", "map $request_method $is_post { POST 1; default 0; }\n"
                            "log_format posts '$status $upstream_status';\n"
                            "log_format timed '$request_method $uri $status $request_time $upstream_cache_status';\n"
                            "limit_conn_zone", 1)
        # nginx waits for the app's answer even when the client has gone (wrk closing its
        # connections at the end), so the log names the app's status of every post it received.
        site = site.replace("    location / {", f"    access_log {directory / 'posts.log'} posts if=$is_post;\n"
                            f"    access_log {directory / 'requests.log'} timed buffer=256k flush=1s;\n"
                            "    proxy_ignore_client_abort on;\n    location / {", 1)
    site = site.replace("/var/cache/nginx/lofte", str(directory / "cache"))
    site = re.sub(r"\n\s*server 127\.0\.0\.1:8001[^;]*;", "", site)
    servers = "".join(f"\n    server 127.0.0.1:{extra};" for extra in more_upstreams)
    site = re.sub(r"server 127\.0\.0\.1:8000[^;]*;", f"server 127.0.0.1:{upstream};{servers}", site)
    if static is not None:
        site = site.replace("    location / {", f"    location = /{static.name} {{ root {static.parent}; }}\n    location / {{", 1)
    site = re.sub(r"server \{\s*listen 80;.*?\n\}\n", "", site, count=1, flags=re.S)  # the redirect to https
    site = re.sub(r"\n\s*listen \[::\]:443 ssl http2;", "", site)
    site = site.replace("listen 443 ssl http2;", f"listen 127.0.0.1:{port};")
    site = re.sub(r"\n\s*ssl_[a-z_]+ [^;]+;", "", site)
    (directory / "site.conf").write_text(site)
    temp = " ".join(f"{kind}_temp_path {directory / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    user = "user root;" if os.geteuid() == 0 else ""
    # The main settings of Debian's /etc/nginx/nginx.conf, which includes the site file in a real
    # installation: a worker per core, sendfile (off by nginx's own default) and tcp_nopush.
    (directory / "nginx.conf").write_text(
        f"{user} daemon off; worker_processes auto; pid {directory / 'nginx.pid'}; error_log {directory / 'error.log'};\n"
        f"events {{ worker_connections 1024; }}\n"
        f"http {{ sendfile on; tcp_nopush on; access_log off; {temp} include {directory / 'site.conf'}; }}\n"
    )
    return subprocess.Popen(["nginx", "-p", str(directory), "-c", str(directory / "nginx.conf")], start_new_session=True)


def slow_client(port: int, stop: threading.Event, source: str) -> None:
    """Announce a 100 kB form post, then send one byte a second until told to stop. It carries a
    CSRF cookie, as a browser that loaded the form does, so Django must read the body to find the
    form's token (without one it refuses the post before reading anything)."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=5, source_address=(source, 0)) as sock:
            sock.sendall(b"POST /strangnas/synpunkter/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                         b"Cookie: csrftoken=" + b"k" * 32 + b"\r\n"
                         b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\n")
            while not stop.wait(1.0):
                sock.sendall(b"a")
    except OSError:
        pass  # The server closed it (a timeout): that is the point.


def probe(port: int, seconds: float) -> tuple[list[float], int]:
    times, failures = [], 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        started = time.monotonic()
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/strangnas/", timeout=10).read()
            times.append(time.monotonic() - started)
        except (urllib.error.URLError, ConnectionError, OSError):
            failures += 1
        time.sleep(0.25)
    return times, failures


def measure(port: int, slow: int, seconds: float, per_address: int) -> str:
    """Page times while `slow` slow clients trickle, `per_address` of them from each loopback
    address 127.0.0.2, 127.0.0.3 … (the page fetches come from 127.0.0.1, another client)."""
    stop = threading.Event()
    clients = [threading.Thread(target=slow_client, args=(port, stop, f"127.0.0.{2 + n // per_address}"), daemon=True)
               for n in range(slow)]
    for client in clients:
        client.start()
    time.sleep(1.5)  # let them connect and start trickling
    times, failures = probe(port, seconds)
    stop.set()
    for client in clients:
        client.join(timeout=5)
    label = f"{slow:>4} slow clients ({min(slow, per_address) if slow else 0} per address)"
    if not times:
        return f"{label}: every fetch failed ({failures} tries of 10 s)"
    return (f"{label}: {len(times):>3} fetched, median {statistics.median(times) * 1000:>6.0f} ms, "
            f"slowest {max(times) * 1000:>6.0f} ms, failed {failures}")


def stop_process(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(process.pid, signal.SIGKILL)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--port", type=int, default=18910)
    parser.add_argument("--only", help="run only the setups whose title contains this")
    args = parser.parse_args()
    data_dir = Path(tempfile.mkdtemp(prefix="lofte-slow-"))
    env = prepare(data_dir)
    app_port, proxy_port = args.port, args.port + 1
    # (title, worker class, nginx in front, [(slow clients, of them per source address)])
    setups = [("gunicorn, 2 sync workers", "sync", False, [(0, 1), (2, 1)]),
              ("gunicorn, deploy/gunicorn.conf.py with WEB_THREADS=8 (2 x 8 gthread)", "gthread-8", False,
               [(2, 1), (6, 1), (12, 1), (20, 1)]),
              ("gunicorn, deploy/gunicorn.conf.py (2 x 16 gthread)", "gthread", False,
               [(0, 1), (2, 1), (12, 1), (20, 1), (30, 1)])]
    if shutil.which("nginx"):
        setups.append(("nginx (deploy/nginx/lofte.conf) + gthread", "gthread", True,
                       [(0, 1), (20, 1), (200, 25), (200, 200)]))
    for title, mode, with_nginx, counts in setups:
        if args.only and args.only not in title:
            continue
        print(title)
        server = start_gunicorn(env, app_port, mode)
        proxy = None
        try:
            wait_for(app_port)
            port = app_port
            if with_nginx:
                proxy = start_nginx(Path(tempfile.mkdtemp(prefix="lofte-nginx-")), proxy_port, app_port)
                wait_for(proxy_port)
                port = proxy_port
            for count, per_address in counts:
                print("  " + measure(port, count, args.seconds, per_address), flush=True)
        finally:
            if proxy is not None:
                stop_process(proxy)
            stop_process(server)
    shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
