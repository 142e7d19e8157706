"""`lofte backup` and `lofte restore`: every row and every file back, or nothing written."""

import gzip
import io
import json
import os
import signal
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection

from lofte.core import backup as backups
from lofte.core.backup import BackupError
from lofte.demo.loader import load_demo
from lofte.promises.models import PromiseSet, SourceDocument

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    settings.MEDIA_ROOT = tmp_path / "data" / "media"
    settings.DATA_DIR.mkdir()
    return tmp_path


def all_rows() -> list[str]:
    """Every row of the database as sorted JSON lines (what a backup holds)."""
    out = io.StringIO()
    call_command("dumpdata", format="jsonl", natural_foreign=True, exclude=backups._EXCLUDED, stdout=out)
    return sorted(line for line in out.getvalue().splitlines() if line.strip())


def all_files() -> dict[str, bytes]:
    return {name: default_storage.open(name).read() for name in backups._storage_files(default_storage)}


def wipe():
    call_command("flush", interactive=False, verbosity=0)
    for name in list(backups._storage_files(default_storage)):
        default_storage.delete(name)


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_every_row_and_every_file(data_dir):
    load_demo()
    default_storage.save("findings/2021/foto.jpg", ContentFile(b"\xff\xd8 ett foto \xff\xd9"))
    assert SourceDocument.objects.exists()
    rows, files = all_rows(), all_files()
    archive = data_dir / "backup.tar.gz"
    summary = backups.backup(archive)
    assert summary.rows == len(rows) and summary.files == len(files) >= 2
    wipe()
    assert all_rows() == [] and all_files() == {}
    restored = backups.restore(archive)
    assert (restored.rows, restored.files) == (len(rows), len(files))
    after = all_rows()
    extra, missing = sorted(set(after) - set(rows)), sorted(set(rows) - set(after))
    assert not extra and not missing, "\n".join(["restored:", *extra, "backed up:", *missing])
    assert all_files() == files
    # The site works on the restored data: pages, the ledger of counted work, log-in.
    from django.test import Client

    assert Client().get("/strangnas/2021/5/").status_code == 200
    assert not (data_dir / "data" / backups.JOURNAL).exists()


@pytest.mark.django_db(transaction=True)
def test_the_manifest_names_every_member_with_its_checksum(data_dir):
    load_demo()
    archive = data_dir / "b.tar.gz"
    backups.backup(archive)
    with tarfile.open(archive) as tar:
        manifest = json.loads(tar.extractfile("manifest.json").read())
        names = {m.name for m in tar.getmembers()} - {"manifest.json"}
    assert manifest["format"] == "lofte-backup" and manifest["database"] == connection.vendor
    assert set(manifest["members"]) == names and "database.jsonl" in names
    assert manifest["rows"]["promises.promiseset"] == PromiseSet.objects.count() > 0
    assert ["promises", "0004_periods_as_dates_area_scope_titles_verdicts"] in manifest["migrations"]


@pytest.mark.django_db(transaction=True)
def test_a_database_with_data_is_refused_unless_replaced(data_dir):
    load_demo()
    archive = data_dir / "b.tar.gz"
    backups.backup(archive)
    rows = all_rows()
    with pytest.raises(BackupError, match="databasen innehåller redan data"):
        backups.restore(archive)
    assert all_rows() == rows
    backups.restore(archive, replace=True)
    assert all_rows() == rows


@pytest.mark.django_db(transaction=True)
def test_a_file_already_in_the_storage_is_refused(data_dir):
    default_storage.save("sources/2026/a.txt", ContentFile(b"original"))
    archive = data_dir / "b.tar.gz"
    backups.backup(archive)
    with pytest.raises(BackupError, match="filen «sources/2026/a.txt» finns redan"):
        backups.restore(archive)


def _rewrite(archive: Path, change) -> Path:
    """A copy of the archive with one member's bytes changed by `change(name, data)`."""
    out = archive.with_name("changed.tar.gz")
    with tarfile.open(archive) as source, tarfile.open(out, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            data = change(member.name, data)
            member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    return out


@pytest.mark.django_db(transaction=True)
def test_a_damaged_archive_is_refused_before_anything_is_written(data_dir):
    load_demo()
    archive = data_dir / "b.tar.gz"
    backups.backup(archive)
    wipe()
    damaged = _rewrite(archive, lambda name, data: data.replace(b"Str", b"Xtr", 1) if name == "database.jsonl" else data)
    with pytest.raises(BackupError, match="kontrollsumman för «database.jsonl» stämmer inte"):
        backups.restore(damaged)
    assert all_rows() == [] and all_files() == {}
    truncated = data_dir / "truncated.tar.gz"
    truncated.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    with pytest.raises(BackupError, match="avkortad eller skadad|saknar"):
        backups.restore(truncated)
    assert all_rows() == [] and all_files() == {}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("content, message", [
    (b"inte ett arkiv", "ingen säkerhetskopia från Löfte"),
    (gzip.compress(b"inte heller en tar"), "ingen säkerhetskopia från Löfte"),
])
def test_a_file_that_is_no_backup_is_refused_by_name(data_dir, content, message):
    path = data_dir / "x.tar.gz"
    path.write_bytes(content)
    with pytest.raises(BackupError, match=message):
        backups.restore(path)


@pytest.mark.django_db(transaction=True)
def test_a_failing_restore_leaves_no_rows_and_no_files(data_dir, monkeypatch):
    load_demo()
    default_storage.save("findings/2021/foto.jpg", ContentFile(b"foto"))
    archive = data_dir / "b.tar.gz"
    backups.backup(archive)
    wipe()
    real = backups.call_command

    def failing(name, *args, **kwargs):
        if name == "loaddata":
            real(name, *args, **kwargs)
            raise RuntimeError("strömavbrott mitt i inläsningen")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(backups, "call_command", failing)
    with pytest.raises(RuntimeError):
        backups.restore(archive)
    assert all_rows() == [] and all_files() == {}


@pytest.mark.django_db(transaction=True)
def test_the_commands_speak_swedish(data_dir, capsys):
    archive = data_dir / "b.tar.gz"
    call_command("backup", str(archive))
    assert "Säkerhetskopian" in capsys.readouterr().out
    with pytest.raises(CommandError, match="finns inte"):
        call_command("restore", str(data_dir / "saknas.tar.gz"))


def _lofte(env, *args, **kwargs):
    return subprocess.run([sys.executable, "-m", "lofte.manage", *args], env=env, cwd=ROOT, capture_output=True,
                          text=True, timeout=300, **kwargs)


def test_a_restore_killed_halfway_leaves_nothing_once_undone(tmp_path):
    """SIGKILL while the files are written: no rows (nothing committed) and, after the next restore
    or --undo-interrupted, no files."""
    source, target = tmp_path / "source", tmp_path / "target"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "lofte.settings", "LOFTE_DATA_DIR": str(source),
           "SECRET_KEY": "x" * 50, "TASKS_IMMEDIATE": "true"}
    env.pop("DATABASE_URL", None)
    assert _lofte(env, "migrate", "--noinput").returncode == 0
    script = ("from django.core.files.base import ContentFile\n"
              "from django.core.files.storage import default_storage\n"
              "for i in range(3000):\n    default_storage.save(f'findings/x/{i:05d}.jpg', ContentFile(b'x' * 2000))\n")
    assert _lofte(env, "shell", "-c", script).returncode == 0
    archive = tmp_path / "b.tar.gz"
    assert _lofte(env, "backup", str(archive)).returncode == 0, "backup failed"
    env["LOFTE_DATA_DIR"] = str(target)
    assert _lofte(env, "migrate", "--noinput").returncode == 0
    process = subprocess.Popen([sys.executable, "-m", "lofte.manage", "restore", str(archive)], env=env, cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    journal = target / backups.JOURNAL
    media = target / "media" / "findings" / "x"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not (media.exists() and any(media.iterdir())):
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert journal.exists() and any(media.iterdir())
    undone = _lofte(env, "restore", "--undo-interrupted")
    assert "En avbruten återställning togs bort" in undone.stdout
    assert not journal.exists() and not any(media.iterdir())
    # The database never got a row, and a fresh restore then succeeds.
    assert _lofte(env, "restore", str(archive)).returncode == 0
    assert len(list(media.iterdir())) == 3000


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="moves an SQLite backup into PostgreSQL")
def test_an_sqlite_backup_restores_into_postgresql(data_dir, tmp_path):
    """How a municipality moves from the embedded default to production (README: Backup and restore)."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "lofte.settings", "LOFTE_DATA_DIR": str(tmp_path / "sqlite"),
           "SECRET_KEY": "x" * 50, "TASKS_IMMEDIATE": "true"}
    env.pop("DATABASE_URL", None)
    for args in (("migrate", "--noinput"), ("demo",), ("backup", str(tmp_path / "sqlite.tar.gz"))):
        result = _lofte(env, *args)
        assert result.returncode == 0, result.stderr
    summary = backups.restore(tmp_path / "sqlite.tar.gz")
    with tarfile.open(tmp_path / "sqlite.tar.gz") as tar:
        manifest = json.loads(tar.extractfile("manifest.json").read())
    assert manifest["database"] == "sqlite" and summary.rows == sum(manifest["rows"].values())
    counts = {}
    for line in all_rows():
        model = json.loads(line)["model"]
        counts[model] = counts.get(model, 0) + 1
    assert counts == manifest["rows"]
    from django.test import Client

    assert Client().get("/strangnas/mariefred/2026-2027/").status_code == 200
    # New rows get fresh ids after the restored ones (PostgreSQL's sequences were reset).
    from lofte.core.models import Area, Municipality

    area = Area.objects.create(municipality=Municipality.objects.get(code="0486"), name="Ny", slug="ny")
    assert area.pk > max(Area.objects.exclude(pk=area.pk).values_list("pk", flat=True))


@pytest.mark.django_db(transaction=True)
def test_times_come_back_to_the_microsecond(data_dir):
    """Django's JSON cut times to milliseconds: 1 timestamp in 1,000 came back changed."""
    from datetime import datetime, timezone

    from lofte.core.models import Municipality

    exact = datetime(2026, 12, 1, 12, 0, 0, 400, tzinfo=timezone.utc)
    Municipality.objects.create(code="0486", name="Strängnäs", slug="strangnas", county="Södermanlands län",
                                county_code="04", content_changed_at=exact)
    archive = data_dir / "exact.tar.gz"
    backups.backup(archive)
    wipe()
    backups.restore(archive)
    assert Municipality.objects.get(code="0486").content_changed_at == exact
