"""Stored files live and die with their rows, even when the process is killed (issue 9.7)."""

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import TestCase

from lofte.lib.files import check_files
from lofte.promises.importing import import_text
from lofte.promises.models import SourceDocument
from tests import factories

TEXT = "Medborgarlöfte 2024\n\nTrygg trafik\n• Polisen lovar minst fyra trafikkontroller.\n"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path / "media"


def files_under(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


@pytest.mark.django_db
def test_the_kept_original_appears_only_when_the_import_commits(media):
    kommun = factories.municipality()
    with TestCase.captureOnCommitCallbacks(execute=False) as callbacks:
        import_text(TEXT.encode(), "loften.txt", kommun)
        name = SourceDocument.objects.get().file.name
        # Before the commit only a temporary file exists, under a name no row refers to.
        assert not (media / name).exists()
        assert [Path(f).name.endswith(".partial") for f in files_under(media)] == [True]
    for callback in callbacks:
        callback()
    assert files_under(media) == [name]
    assert (media / name).read_bytes() == TEXT.encode()


@pytest.mark.django_db
def test_check_files_reports_and_removes_unreferenced_and_names_missing_files(media):
    kommun = factories.municipality()
    with TestCase.captureOnCommitCallbacks(execute=True):
        import_text(TEXT.encode(), "loften.txt", kommun)
    kept = SourceDocument.objects.get().file.name
    orphan = media / "sources" / "2024" / "kvarlamnad.pdf"
    orphan.parent.mkdir(parents=True, exist_ok=True)
    orphan.write_bytes(b"%PDF-1.4")
    gone = SourceDocument.objects.create(municipality=kommun, file="sources/2020/borta.txt", name="borta.txt",
                                         checksum="1" * 64)
    report = check_files(media)
    assert report.unreferenced == ["sources/2024/kvarlamnad.pdf"]
    assert report.missing == [gone.file.name]
    with pytest.raises(CommandError, match="1 filer utan rad, 1 saknade filer"):
        call_command("check_files", stdout=StringIO())
    out = StringIO()
    with pytest.raises(CommandError, match="1 rader pekar på filer som saknas"):
        call_command("check_files", "--delete", stdout=out)
    assert "borttagen: sources/2024/kvarlamnad.pdf" in out.getvalue()
    assert files_under(media) == [kept]


@pytest.mark.django_db
def test_a_stale_temporary_file_is_removed_and_a_fresh_one_is_left_to_its_transaction(media):
    folder = media / "sources" / "2024"
    folder.mkdir(parents=True)
    stale = folder / ".loften_1a2b3c4d.txt.0badc0de.partial"
    fresh = folder / ".loften_5e6f7a8b.txt.c0ffee00.partial"
    for path in (stale, fresh):
        path.write_bytes(b"x")
    old = time.time() - 7200
    os.utime(stale, (old, old))
    report = check_files(media, delete=True, interrupted_only=True)
    assert report.removed == ["sources/2024/.loften_1a2b3c4d.txt.0badc0de.partial"]
    assert fresh.exists() and not stale.exists()


# ------------------------------------------------------------------ a process killed mid-import

_KILLED_IMPORT = textwrap.dedent("""
    import os, signal, sys
    os.environ["DJANGO_SETTINGS_MODULE"] = "lofte.settings"
    import django
    django.setup()
    from lofte.lib import files
    from lofte.promises.importing import import_text, store

    moment = sys.argv[1]
    if moment == "before-commit":
        # Killed while the transaction is open: the file is staged, the rows are not committed.
        store._Importer.write = lambda self: os.kill(os.getpid(), signal.SIGKILL)
    else:
        # Killed after the commit, before the file got its final name.
        files._finish = lambda temporary, final: os.kill(os.getpid(), signal.SIGKILL)
    text = "Medborgarlöfte %s\\n\\nTrygg trafik\\n• Polisen lovar minst fyra trafikkontroller.\\n" % sys.argv[2]
    import_text(text.encode(), "loften.txt", "0486")
""")


def _lofte(env, *args, script=None):
    command = [sys.executable, "-c", script, *args] if script else [sys.executable, "-m", "lofte.manage", *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=300, cwd=ROOT)


def test_a_killed_import_leaves_nothing_that_check_files_cannot_resolve(tmp_path):
    """Reproduces 9.7: SIGKILL after the source file was written left an orphaned file under
    media/sources/ for every killed import. Now the file only gets its name on commit: a kill
    before leaves a temporary file swept at start-up; a kill after is finished at start-up."""
    env = {**os.environ, "LOFTE_DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "lofte.settings",
           "SECRET_KEY": "x" * 50}
    env.pop("DATABASE_URL", None)
    assert _lofte(env, "migrate", "--noinput", "-v0").returncode == 0
    assert _lofte(env, "load_municipalities").returncode == 0
    media = tmp_path / "media"

    killed = _lofte(env, "before-commit", "2024", script=_KILLED_IMPORT)
    assert killed.returncode == -signal.SIGKILL
    assert [Path(f).name.endswith(".partial") for f in files_under(media)] == [True]
    killed = _lofte(env, "after-commit", "2025", script=_KILLED_IMPORT)
    assert killed.returncode == -signal.SIGKILL

    with sqlite3.connect(tmp_path / "lofte.sqlite3") as db:
        referenced = [row[0] for row in db.execute("SELECT file FROM promises_sourcedocument")]
    assert len(referenced) == 1  # only the import that committed
    assert not (media / referenced[0]).exists()

    check = _lofte(env, "check-files")
    assert check.returncode == 1 and "avbruten skrivning" in check.stdout
    # At start-up: the committed import's file is finished; the other one's temporary file is
    # fresh, so it is left for a transaction that might still run ...
    startup = _lofte(env, "check-files", "--interrupted-only", "--delete")
    assert startup.returncode == 0, startup.stdout + startup.stderr
    assert (media / referenced[0]).read_bytes().startswith("Medborgarlöfte 2025".encode())
    # ... until it is stale: then it goes.
    for path in media.rglob("*.partial"):
        os.utime(path, (time.time() - 7200, time.time() - 7200))
    assert _lofte(env, "check-files", "--interrupted-only", "--delete").returncode == 0
    assert files_under(media) == [referenced[0]]
    assert _lofte(env, "check-files").returncode == 0


@pytest.mark.django_db
def test_folders_created_for_stored_files_are_owner_only(media):
    """Part of 9.15: the folders above a kept document were created 0755."""
    kommun = factories.municipality()
    with TestCase.captureOnCommitCallbacks(execute=True):
        import_text(TEXT.encode(), "loften.txt", kommun)
    name = SourceDocument.objects.get().file.name
    folder = (media / name).parent
    while folder != media.parent:
        assert folder.stat().st_mode & 0o777 == 0o700, folder
        folder = folder.parent


def test_write_atomically_replaces_the_whole_file_or_leaves_the_old_one(tmp_path):
    from lofte.lib.files import write_atomically

    target = tmp_path / "export" / "data.zip"
    assert write_atomically(target, lambda handle: handle.write(b"first")) == 5
    assert target.read_bytes() == b"first"
    assert oct(target.stat().st_mode & 0o777) == "0o600"

    def fails(handle):
        handle.write(b"half of the second")
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError):
        write_atomically(target, fails)
    assert target.read_bytes() == b"first"
    assert [p.name for p in target.parent.iterdir()] == ["data.zip"]
