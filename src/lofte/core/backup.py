"""Backup and restore: every row and every uploaded file in one archive, while the site runs.

An archive (`lofte backup FILE`) is a gzipped tar with:

* `manifest.json`: the format version, when and from which database it was taken, the applied
  migrations, the number of rows per model, and the SHA-256 and size of every other member;
* `database.jsonl`: every row of every model with its primary key (Django's JSON Lines
  serialization; references to content types and permissions by natural key, so it loads into
  another database, SQLite or PostgreSQL);
* `media/<name>`: every file in the default storage (finding photos, imported documents).

The database is read as one consistent snapshot: on SQLite (in WAL mode) a DEFERRED read
transaction, which never blocks the writer, on PostgreSQL a REPEATABLE READ, READ ONLY
transaction. Files are read through the storage API, so shared storage (S3) works the same way.

`lofte restore FILE` checks every checksum before it writes anything, refuses a database or storage
that already holds data (unless told to replace it), writes the files, then loads every row in one
transaction. A journal in the data directory names the files written; a restore killed halfway
leaves a database without rows (the transaction never committed) and is undone by the next
`lofte restore` (or `lofte restore --undo-interrupted`), which deletes the files it had written.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.files import File
from django.core.files.storage import Storage, default_storage
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import signals
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = "lofte-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATABASE = "database.jsonl"
MEDIA_PREFIX = "media/"
JOURNAL = "restore-journal.json"
# Rows Django recreates from the code on migrate: never part of "the database holds data".
_RECREATED = {"contenttypes.contenttype", "auth.permission"}
_EXCLUDED = ["contenttypes", "auth.permission"]
_CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot be done; the message is Swedish and names the problem."""


@dataclass
class BackupSummary:
    path: Path
    rows: int
    files: int
    size: int


@dataclass
class RestoreSummary:
    rows: int
    files: int
    notes: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# Backup


def backup(path: str | Path, *, database: str = DEFAULT_DB_ALIAS, storage: Storage | None = None) -> BackupSummary:
    """Write an archive of the database and the storage to `path` (written beside it, then renamed,
    so a killed backup never leaves a file that looks complete)."""
    storage = storage or default_storage
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    with tempfile.TemporaryDirectory(prefix="lofte-backup-", dir=_work_dir()) as work:
        dump = Path(work) / DATABASE
        migrations = _dump_database(dump, database)
        members: dict[str, dict] = {DATABASE: _file_entry(dump)}
        rows = _row_counts(dump)
        try:
            with tarfile.open(partial, "w:gz") as archive:
                archive.add(dump, arcname=DATABASE)
                for name in _storage_files(storage):
                    with storage.open(name, "rb") as handle:
                        data_path = Path(work) / "file"
                        with open(data_path, "wb") as out:
                            shutil.copyfileobj(handle, out, _CHUNK)
                    members[MEDIA_PREFIX + name] = _file_entry(data_path)
                    archive.add(data_path, arcname=MEDIA_PREFIX + name)
                manifest = {
                    "format": FORMAT,
                    "version": FORMAT_VERSION,
                    "created_at": timezone.now().isoformat(),
                    "release": settings.LOFTE_RELEASE,
                    "database": connections[database].vendor,
                    "migrations": migrations,
                    "rows": rows,
                    "members": members,
                }
                _add_bytes(archive, MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1).encode())
            os.replace(partial, target)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    return BackupSummary(target, sum(rows.values()), len(members) - 1, target.stat().st_size)


def _work_dir() -> str:
    directory = Path(settings.DATA_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    return str(directory)


def _dump_database(out: Path, database: str) -> list[list[str]]:
    """Every row, from one consistent snapshot; returns the applied migrations of that snapshot."""
    connection = connections[database]
    if connection.in_atomic_block:
        return _dumpdata(out, database)
    if connection.vendor == "sqlite":
        # A DEFERRED read transaction sees one snapshot in WAL mode without blocking the writer
        # (Django's atomic() would BEGIN IMMEDIATE here and hold the write lock for the whole dump).
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("BEGIN DEFERRED")
        try:
            return _dumpdata(out, database)
        finally:
            with connection.cursor() as cursor:
                cursor.execute("ROLLBACK")
    with transaction.atomic(using=database):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        return _dumpdata(out, database)


def _dumpdata(out: Path, database: str) -> list[list[str]]:
    call_command(
        "dumpdata", format="jsonl", database=database, natural_foreign=True, exclude=_EXCLUDED, output=str(out),
        verbosity=0,
    )
    applied = MigrationRecorder(connections[database]).applied_migrations()
    return sorted([app, name] for app, name in applied)


def _row_counts(dump: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    with open(dump, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                model = json.loads(line)["model"]
                counts[model] = counts.get(model, 0) + 1
    return dict(sorted(counts.items()))


def _storage_files(storage: Storage, directory: str = "") -> Iterator[str]:
    """Every file name in the storage, depth first, in a stable order."""
    try:
        directories, files = storage.listdir(directory)
    except FileNotFoundError:
        return
    for name in sorted(files):
        if name.startswith("."):
            continue  # a file still being written (lofte.lib.files), not yet data
        yield f"{directory}/{name}" if directory else name
    for sub in sorted(directories):
        if sub.startswith("."):
            continue  # staging directories of the application, never data
        yield from _storage_files(storage, f"{directory}/{sub}" if directory else sub)


def _file_entry(path: Path) -> dict:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(_CHUNK), b""):
            digest.update(chunk)
    return {"sha256": digest.hexdigest(), "size": path.stat().st_size}


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    archive.addfile(info, io.BytesIO(data))


# ---------------------------------------------------------------------------------------------
# Restore


def restore(path: str | Path, *, replace: bool = False, database: str = DEFAULT_DB_ALIAS,
            storage: Storage | None = None, progress: Callable[[str], None] = lambda line: None) -> RestoreSummary:
    """Restore an archive into an empty database and storage (or replace what is there)."""
    storage = storage or default_storage
    notes = []
    undone = undo_interrupted(database=database, storage=storage)
    if undone:
        notes.append(undone)
    with tempfile.TemporaryDirectory(prefix="lofte-restore-", dir=_work_dir()) as work:
        manifest, files = _unpack_and_verify(Path(path), Path(work))
        _check_schema(manifest, database)
        media = [name for name in manifest["members"] if name.startswith(MEDIA_PREFIX)]
        _check_empty(database, storage, [name[len(MEDIA_PREFIX):] for name in media], replace)
        progress(f"Säkerhetskopian är hel: {sum(manifest['rows'].values())} rader, {len(media)} filer.")
        if replace:
            call_command("flush", database=database, interactive=False, verbosity=0)
            for name in media:
                storage.delete(name[len(MEDIA_PREFIX):])
        journal = _journal_path()
        journal.write_text(json.dumps({"files": [n[len(MEDIA_PREFIX):] for n in media]}), encoding="utf-8")
        try:
            for name in media:
                with open(files[name], "rb") as handle:
                    stored = storage.save(name[len(MEDIA_PREFIX):], File(handle))
                if stored != name[len(MEDIA_PREFIX):]:
                    raise BackupError(f"filen «{name}» kunde inte sparas under sitt namn (lagringen gav «{stored}»)")
            progress("Filerna är återställda; läser in databasen …")
            with transaction.atomic(using=database), _signals_silenced():
                call_command("loaddata", str(files[DATABASE]), database=database, verbosity=0)
        except BaseException:
            # Nothing of a failed restore stays: the rows rolled back, the files go too.
            undo_interrupted(database=database, storage=storage)
            raise
        journal.unlink(missing_ok=True)
    rows = sum(manifest["rows"].values())
    return RestoreSummary(rows, len(media), notes)


class _signals_silenced:
    """No signal receiver runs while rows are restored: they are written exactly as they were backed
    up (the ledger of counted work, timestamps and derived rows come from the archive, not from
    handlers reacting to the writes)."""

    SIGNALS = (signals.pre_save, signals.post_save, signals.pre_delete, signals.post_delete, signals.m2m_changed)

    def __enter__(self):
        self.saved = [(signal, signal.receivers) for signal in self.SIGNALS]
        for signal in self.SIGNALS:
            signal.receivers = []
            signal.sender_receivers_cache.clear()

    def __exit__(self, *exc):
        for signal, receivers in self.saved:
            signal.receivers = receivers
            signal.sender_receivers_cache.clear()


def undo_interrupted(*, database: str = DEFAULT_DB_ALIAS, storage: Storage | None = None) -> str:
    """Undo a restore that was killed before its database transaction committed; returns a note."""
    storage = storage or default_storage
    journal = _journal_path()
    if not journal.exists():
        return ""
    try:
        written = json.loads(journal.read_text(encoding="utf-8"))["files"]
    except (ValueError, KeyError, OSError):
        written = []
    if has_data(database):
        # The rows committed: the restore finished but for removing its journal.
        journal.unlink(missing_ok=True)
        return ""
    removed = 0
    for name in written:
        if storage.exists(name):
            storage.delete(name)
            removed += 1
    journal.unlink(missing_ok=True)
    return f"En avbruten återställning togs bort ({removed} filer)."


def has_data(database: str = DEFAULT_DB_ALIAS) -> bool:
    """Whether any table of the database holds a row that migrate did not create."""
    for model in apps.get_models(include_auto_created=True):
        if model._meta.label_lower in _RECREATED or not model._meta.managed or model._meta.proxy:
            continue
        if model._base_manager.using(database).exists():
            return True
    return False


def _journal_path() -> Path:
    return Path(settings.DATA_DIR) / JOURNAL


def _unpack_and_verify(path: Path, work: Path) -> tuple[dict, dict[str, Path]]:
    if not path.is_file():
        raise BackupError(f"säkerhetskopian «{path}» finns inte")
    try:
        archive = tarfile.open(path, "r:gz")
    except (tarfile.TarError, OSError, EOFError):
        raise BackupError(f"«{path.name}» är ingen säkerhetskopia från Löfte (inte ett tar.gz-arkiv)") from None
    files: dict[str, Path] = {}
    with archive:
        try:
            member = archive.getmember(MANIFEST)
            manifest = json.loads(archive.extractfile(member).read())
        except (KeyError, ValueError, AttributeError, tarfile.TarError, EOFError):
            raise BackupError(f"«{path.name}» saknar en läsbar {MANIFEST}: det är ingen säkerhetskopia från Löfte") from None
        if manifest.get("format") != FORMAT or manifest.get("version") != FORMAT_VERSION:
            raise BackupError(f"«{path.name}» har ett okänt format ({manifest.get('format')} {manifest.get('version')})")
        expected = manifest.get("members", {})
        try:
            for index, member in enumerate(archive):
                if member.name == MANIFEST:
                    continue
                entry = expected.get(member.name)
                if entry is None or not member.isfile():
                    raise BackupError(f"«{member.name}» står inte i säkerhetskopians förteckning")
                # loaddata tells the format by the file's ending.
                target = work / (DATABASE if member.name == DATABASE else f"{index:08d}")
                digest = hashlib.sha256()
                with archive.extractfile(member) as source, open(target, "wb") as out:
                    for chunk in iter(lambda: source.read(_CHUNK), b""):
                        digest.update(chunk)
                        out.write(chunk)
                if digest.hexdigest() != entry["sha256"]:
                    raise BackupError(f"kontrollsumman för «{member.name}» stämmer inte: säkerhetskopian är skadad")
                files[member.name] = target
        except (tarfile.TarError, EOFError, OSError) as exc:
            raise BackupError(f"säkerhetskopian «{path.name}» är avkortad eller skadad ({exc})") from None
    missing = sorted(set(expected) - set(files))
    if missing:
        raise BackupError(f"säkerhetskopian saknar {len(missing)} filer, t.ex. «{missing[0]}»")
    if DATABASE not in files:
        raise BackupError(f"säkerhetskopian saknar {DATABASE}")
    return manifest, files


def _check_schema(manifest: dict, database: str) -> None:
    """The rows load only into the schema they were dumped from: the same applied migrations."""
    call_command("migrate", database=database, interactive=False, verbosity=0)
    current = sorted([app, name] for app, name in MigrationRecorder(connections[database]).applied_migrations())
    if current != manifest.get("migrations"):
        theirs = {tuple(m) for m in manifest.get("migrations", [])}
        ours = {tuple(m) for m in current}
        example = sorted(ours ^ theirs)[0]
        raise BackupError(
            "säkerhetskopian är från en annan version av Löfte (migreringarna skiljer sig, t.ex. "
            f"{example[0]}.{example[1]}): återställ den med samma version och uppgradera sedan"
        )


def _check_empty(database: str, storage: Storage, names: list[str], replace: bool) -> None:
    if replace:
        return
    if has_data(database):
        raise BackupError(
            "databasen innehåller redan data: återställ till en tom databas, eller ange --replace för att "
            "ersätta allt i den"
        )
    taken = [name for name in names if storage.exists(name)]
    if taken:
        raise BackupError(
            f"filen «{taken[0]}» finns redan i lagringen ({len(taken)} filer i säkerhetskopian finns redan): "
            "återställ till en tom datamapp, eller ange --replace"
        )
