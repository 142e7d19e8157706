"""Stored files that live and die with their database rows, even when a process is killed.

A file is written to a temporary name beside its final one (".<name>.<token>.partial", 0600,
fsynced) while the row that names the final file is saved in the same transaction; only when
that transaction commits is the file renamed to its final name (one atomic rename). So:

* the transaction fails: the caller discards the temporary file (`discard`);
* the process is killed before the commit: the row is gone with the transaction, and what is
  left is a ".partial" file, which `finish_interrupted_writes` (run at start-up, and by
  `lofte check-files --delete`) removes once it is older than any transaction;
* killed after the commit, before the rename: the row names a file that is not there yet, and
  the same function finishes the rename.

Either way nothing stays behind that is referenced without existing or exists without being
referenced. `stored_files` and `referenced_files` are what `lofte check-files` compares.
"""

from __future__ import annotations

import os
import re
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.core.files.base import ContentFile
from django.db import models, transaction

PARTIAL_SUFFIX = ".partial"
_PARTIAL = re.compile(r"^\.(?P<name>.+)\.[0-9a-f]{8}\.partial$")
# A temporary file older than this belongs to no running transaction (an import writes in seconds).
STALE_AFTER_SECONDS = 3600


@dataclass(frozen=True)
class StagedObject:
    """A file staged in a storage without local paths (S3): its temporary name there."""

    storage: object
    name: str


def stage_file(field_file, name: str, content: bytes) -> Path | StagedObject:
    """Write `content` as the file of `field_file` (a FileField of an instance about to be saved)
    and set its final name; the file appears under that name when the current transaction
    commits. Returns the temporary file, for `discard` if the transaction fails.

    On the filesystem the temporary file is renamed (atomic); in a storage without paths (S3 through
    django-storages) it is copied to the final name and removed, after the commit as well."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("stage_file needs a transaction: the rename waits for its commit")
    storage = field_file.storage
    generated = field_file.field.generate_filename(field_file.instance, name)
    stem, dot, extension = generated.rpartition(".")
    if not dot or "/" in extension:
        stem, extension = generated, ""
    # A random part keeps two imports of same-named files, both not yet renamed, apart.
    final = f"{stem}_{secrets.token_hex(4)}{'.' + extension if extension else ''}"
    field_file.name = final
    try:
        final_path = Path(storage.path(final))
    except NotImplementedError:
        directory, _slash, base = final.rpartition("/")
        temporary_name = f"{directory}/.{base}.{secrets.token_hex(4)}{PARTIAL_SUFFIX}".lstrip("/")
        staged = StagedObject(storage, storage.save(temporary_name, ContentFile(content)))
        transaction.on_commit(lambda: _finish_object(staged, final), robust=True)
        return staged
    _private_directories(final_path.parent)
    temporary = final_path.with_name(f".{final_path.name}.{secrets.token_hex(4)}{PARTIAL_SUFFIX}")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(content)
        handle.flush()
        os.fsync(handle.fileno())
    transaction.on_commit(lambda: _finish(temporary, final_path), robust=True)
    return temporary


def _finish_object(staged: StagedObject, final: str) -> None:
    with staged.storage.open(staged.name, "rb") as handle:
        saved = staged.storage.save(final, handle)
    if saved != final:  # never: the final name is new (a random part); say so if a storage renames
        raise RuntimeError(f"the storage saved {final} as {saved}")
    staged.storage.delete(staged.name)


def _private_directories(directory: Path) -> None:
    """Create `directory` and its missing parents owner-only (mkdir's mode covers only the last)."""
    missing = []
    while not directory.exists():
        missing.append(directory)
        directory = directory.parent
    for path in reversed(missing):
        path.mkdir(mode=0o700, exist_ok=True)


def discard(temporary: Path | StagedObject | None) -> None:
    """Remove a staged file whose transaction failed."""
    if isinstance(temporary, StagedObject):
        temporary.storage.delete(temporary.name)
    elif temporary is not None:
        temporary.unlink(missing_ok=True)


def _finish(temporary: Path, final: Path) -> None:
    try:
        os.replace(temporary, final)
    except FileNotFoundError:
        pass  # finish_interrupted_writes got there first


def write_atomically(path: Path, write) -> int:
    """Write a file that is not a row's (a generated download) so that readers see the old file or
    the whole new one, never a part: `write(handle)` fills a temporary file beside `path` (0600,
    fsynced), which then replaces `path` in one rename. Returns the new file's size. If `write`
    fails, the temporary file is removed and `path` is left as it was."""
    path = Path(path)
    _private_directories(path.parent)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}{PARTIAL_SUFFIX}")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return path.stat().st_size


def delete_on_commit(storage, name: str) -> None:
    """Delete a stored file once the transaction that removed its row has committed."""
    if name:
        transaction.on_commit(lambda: storage.delete(name), robust=True)


# ------------------------------------------------------------------ checking and repairing


def file_fields() -> list[tuple[type[models.Model], models.FileField]]:
    return [(model, f) for model in apps.get_models() for f in model._meta.concrete_fields
            if isinstance(f, models.FileField)]


def referenced_files() -> set[str]:
    """The names of every stored file a row refers to."""
    names: set[str] = set()
    for model, file_field in file_fields():
        names.update(n for n in model._base_manager.exclude(**{file_field.name: ""})
                     .values_list(file_field.name, flat=True) if n)
    return names


def _walk(root: Path):
    if not root.is_dir():
        return
    for directory, _subdirectories, files in os.walk(root):
        for file_name in files:
            path = Path(directory) / file_name
            yield path, path.relative_to(root).as_posix()


@dataclass
class FileReport:
    unreferenced: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    interrupted: list[str] = field(default_factory=list)
    finished: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    @property
    def problems(self) -> int:
        return len(self.unreferenced) + len(self.missing) + len(self.interrupted)


def check_files(root: Path, *, delete: bool = False, interrupted_only: bool = False,
                stale_after: float = STALE_AFTER_SECONDS, now: float | None = None) -> FileReport:
    """Compare the files under `root` (MEDIA_ROOT) with the rows that name them.

    With `delete`, interrupted writes are finished (their row exists) or removed (it does not and
    the file is stale), and unreferenced files are removed (unless `interrupted_only`).
    """
    now = time.time() if now is None else now
    referenced = referenced_files()
    report = FileReport()
    on_disk: set[str] = set()
    for path, relative in _walk(root):
        match = _PARTIAL.match(path.name)
        if match is None:
            on_disk.add(relative)
            continue
        final = path.with_name(match.group("name"))
        final_name = final.relative_to(root).as_posix()
        if final_name in referenced and not final.exists():
            if delete:
                _finish(path, final)
                on_disk.add(final_name)
                report.finished.append(final_name)
            else:
                report.interrupted.append(relative)
        elif now - path.stat().st_mtime > stale_after:
            if delete:
                path.unlink(missing_ok=True)
                report.removed.append(relative)
            else:
                report.interrupted.append(relative)
    if interrupted_only:
        return report
    for name in sorted(on_disk - referenced):
        if delete:
            (root / name).unlink(missing_ok=True)
            report.removed.append(name)
        else:
            report.unreferenced.append(name)
    report.missing = sorted(referenced - on_disk)
    return report
