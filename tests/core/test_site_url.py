"""The default SITE_URL follows PORT, so that `PORT=18555 make run` gives iCal, synpunkter.json and
e-mails links to the port it serves on (regression: they pointed at :8000)."""

import os
import subprocess
import sys


def site_url(tmp_path, **variables) -> str:
    env = {**os.environ, "SECRET_KEY": "x" * 50, "LOFTE_DATA_DIR": str(tmp_path), **variables}
    for name in ("SITE_URL", "PORT", "DATABASE_URL"):
        if name not in variables:
            env.pop(name, None)
    code = "import lofte.settings as s; print(s.SITE_URL)"
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                          check=True).stdout.strip()


def test_the_default_site_url_follows_the_port(tmp_path):
    assert site_url(tmp_path, PORT="18555") == "http://127.0.0.1:18555"


def test_without_a_port_it_is_the_usual_local_address(tmp_path):
    assert site_url(tmp_path) == "http://127.0.0.1:8000"


def test_a_site_url_that_is_set_wins(tmp_path):
    assert site_url(tmp_path, PORT="18555", SITE_URL="https://lofte.example.se/") == "https://lofte.example.se"


def test_the_makefile_exports_the_port_to_every_command():
    from pathlib import Path

    makefile = (Path(__file__).resolve().parents[2] / "Makefile").read_text(encoding="utf-8")
    assert "\nexport PORT ?= 8000\n" in makefile
