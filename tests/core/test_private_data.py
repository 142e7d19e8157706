"""The data directory and what is in it are readable by the account running Löfte only (issue 9.15).

Regression: the SQLite database (password hashes, TOTP secrets, citizens' e-mail addresses) was
created 0644 in a 0755 directory, readable by every user on the machine.
"""

import os
import stat
import subprocess
import sys
import textwrap

from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage

from lofte.core.checks import private_data_problems


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_a_new_data_directory_and_its_database_are_owner_only(tmp_path):
    """Reproduces 9.15: a fresh start under the common umask 022 left the database 0644."""
    data_dir = tmp_path / "data"
    script = textwrap.dedent("""
        import os, django
        os.umask(0o022)
        os.environ["DJANGO_SETTINGS_MODULE"] = "lofte.settings"
        django.setup()
        from django.db import connection
        with connection.cursor() as cursor:
            cursor.execute("CREATE TABLE probe (x integer)")
            cursor.execute("INSERT INTO probe VALUES (1)")
    """)
    env = {**os.environ, "LOFTE_DATA_DIR": str(data_dir)}
    for name in ("DATABASE_URL", "SECRET_KEY", "DJANGO_SETTINGS_MODULE"):
        env.pop(name, None)
    result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert mode(data_dir) == 0o700
    assert mode(data_dir / "secret_key") == 0o600
    assert mode(data_dir / "lofte.sqlite3") == 0o600
    # WAL mode: SQLite gives its side files the database file's permissions.
    for side in ("lofte.sqlite3-wal", "lofte.sqlite3-shm"):
        if (data_dir / side).exists():
            assert mode(data_dir / side) == 0o600


def test_uploaded_files_are_owner_only(tmp_path):
    storage = FileSystemStorage(location=tmp_path / "media")
    name = storage.save("sources/2024/loften.pdf", ContentFile(b"%PDF-1.4"))
    assert mode(storage.path(name)) == 0o600
    assert mode(tmp_path / "media" / "sources") == 0o700


def test_a_data_directory_others_can_read_is_reported(tmp_path):
    lax = tmp_path / "lax"
    lax.mkdir()
    lax.chmod(0o755)
    database = lax / "lofte.sqlite3"
    database.write_bytes(b"")
    database.chmod(0o644)
    ids = {warning.id for warning in private_data_problems(lax, database)}
    assert ids == {"lofte.W001", "lofte.W002"}
    lax.chmod(0o700)
    database.chmod(0o600)
    assert private_data_problems(lax, database) == []
