"""Production settings pass Django's deployment checklist."""

import os
import subprocess
import sys


def test_production_settings_pass_check_deploy(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lofte.settings",
        "DEBUG": "false",
        "HTTPS": "true",
        "SECRET_KEY": "a-long-random-production-secret-key-0123456789-abcdefghijklmnop",
        "ALLOWED_HOSTS": "lofte.example.se",
        "LOFTE_DATA_DIR": str(tmp_path),
    }
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests for their own process
    result = subprocess.run(
        [sys.executable, "-m", "lofte.manage", "check", "--deploy", "--fail-level", "WARNING"],
        env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_debug_must_be_true_or_false(tmp_path):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "lofte.settings", "DEBUG": "maybe", "LOFTE_DATA_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "lofte.manage", "check"], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr
