"""What deploy/ ships agrees with the application, and parses (issue 9.1, 9.9)."""

import re
import runpy
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[1]
NGINX = ROOT / "deploy/nginx/lofte.conf"
UNITS = [ROOT / "deploy/systemd/lofte-web@.service", ROOT / "deploy/systemd/lofte-worker@.service"]


def _size(value: str) -> int:
    number, unit = re.fullmatch(r"(\d+)([kKmM]?)", value).groups()
    return int(number) * {"": 1, "k": 1024, "m": 1024 * 1024}[unit.lower()]


def _body_limits() -> dict[str, int]:
    """client_max_body_size per location ("" for the server's own)."""
    limits, location = {}, ""
    for line in NGINX.read_text().splitlines():
        line = line.split("#")[0].strip()
        if match := re.match(r"location\s+(\S+)\s*\{", line):
            location = match.group(1)
        elif line == "}":
            location = ""
        elif match := re.match(r"client_max_body_size\s+(\S+);", line):
            limits[location] = _size(match.group(1))
    return limits


def test_nginx_caps_bodies_where_django_does():
    limits = _body_limits()
    assert limits[""] == settings.REQUEST_MAX_BYTES_PUBLIC
    assert limits["/personal/"] == limits["/admin/"] == settings.REQUEST_MAX_BYTES


def test_nginx_buffers_requests_and_times_out_slow_clients():
    text = NGINX.read_text()
    for directive in ("proxy_request_buffering on;", "client_body_timeout 10s;", "client_header_timeout 10s;",
                      "proxy_set_header X-Forwarded-For $remote_addr;"):
        assert directive in text


def _location(name: str) -> str:
    text = NGINX.read_text()
    return re.search(r"location " + re.escape(name) + r" \{(.*?)\n    \}", text, re.S).group(1)


def test_nginx_caches_public_pages_revalidating_by_etag_and_never_for_staff():
    public = _location("/")
    for directive in ("proxy_cache lofte_pages;", "proxy_cache_revalidate on;", "proxy_cache_lock on;"):
        assert directive in public
    cookie = f"$cookie_{settings.SESSION_COOKIE_NAME}"
    assert re.search(r"proxy_cache_bypass [^;]*" + re.escape(cookie), public)
    assert re.search(r"proxy_no_cache [^;]*" + re.escape(cookie), public)
    # The uploads' locations do not cache (a staff page answers a logged-in user).
    assert "proxy_cache " not in _location("/personal/") and "proxy_cache " not in _location("/admin/")


def test_nginx_balances_two_app_servers():
    upstream = re.search(r"upstream lofte_app \{(.*?)\}", NGINX.read_text(), re.S).group(1)
    servers = re.findall(r"^\s*server (\S+)", upstream, re.M)
    assert len(servers) >= 2


def test_gunicorn_runs_threads_that_a_slow_client_cannot_starve():
    config = runpy.run_path(str(ROOT / "deploy/gunicorn.conf.py"))
    assert config["worker_class"] == "gthread"
    assert config["workers"] * config["threads"] >= 16


def test_the_worker_unit_restarts_and_never_gives_up():
    unit = UNITS[1].read_text()
    assert "Restart=always" in unit and "StartLimitIntervalSec=0" in unit
    assert "lofte db_worker" in unit and "check-files --interrupted-only --delete" in unit


@pytest.mark.skipif(shutil.which("nginx") is None, reason="nginx is not installed")
def test_the_nginx_config_passes_nginx_t(tmp_path):
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=t",
                    "-keyout", str(tmp_path / "key.pem"), "-out", str(tmp_path / "cert.pem")],
                   check=True, capture_output=True)
    site = NGINX.read_text().replace("/etc/letsencrypt/live/lofte.example.se/fullchain.pem", str(tmp_path / "cert.pem"))
    site = site.replace("/etc/letsencrypt/live/lofte.example.se/privkey.pem", str(tmp_path / "key.pem"))
    site = site.replace("/var/cache/nginx/lofte", str(tmp_path / "cache"))
    (tmp_path / "site.conf").write_text(site)
    temp = " ".join(f"{kind}_temp_path {tmp_path / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path / 'nginx.pid'}; error_log {tmp_path / 'error.log'}; events {{}}\n"
        f"http {{ access_log off; {temp} include {tmp_path / 'site.conf'}; }}\n"
    )
    result = subprocess.run(["nginx", "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_the_systemd_units_verify(tmp_path):
    env = tmp_path / "lofte.env"
    env.write_text((ROOT / "deploy/systemd/lofte.env.example").read_text())
    paths = []
    for unit in UNITS:
        text = unit.read_text().replace("/opt/lofte", str(ROOT)).replace("/etc/lofte/lofte.env", str(env))
        text = text.replace("User=lofte", "User=root").replace("Group=lofte", "Group=root")
        path = tmp_path / unit.name.replace("@.", "@1.")  # an instance of the template
        path.write_text(text)
        paths.append(str(path))
    result = subprocess.run(["systemd-analyze", "verify", "--man=no", *paths], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout + result.stderr == "", result.stdout + result.stderr
