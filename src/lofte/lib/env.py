"""Strict readers of configuration from environment variables.

Each helper refuses values it does not understand instead of guessing, so that a typo in a
deployment ("DEBUG=ture") stops the process with a message rather than running with a surprise.
A setting can also be read from a file named by NAME_FILE (for secrets mounted as files).
"""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured


def _raw(name: str) -> str | None:
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        try:
            return Path(file_name).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ImproperlyConfigured(f"{name}_FILE: cannot read {file_name}: {exc}") from exc
    return os.environ.get(name)


def envstr(name: str, default: str | None) -> str | None:
    value = _raw(name)
    return default if value is None or value == "" else value


def envbool(name: str, default: bool) -> bool:
    value = _raw(name)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in ("true", "1", "yes", "on"):
        return True
    if lowered in ("false", "0", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def envint(name: str, default: int) -> int:
    value = _raw(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}") from None


def envlist(name: str, default: list[str]) -> list[str]:
    value = _raw(name)
    if value is None or value.strip() == "":
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def secret_key(data_dir: Path) -> str:
    """SECRET_KEY from the environment, or one generated once into the data directory."""
    value = envstr("SECRET_KEY", None)
    if value:
        return value
    key_file = data_dir / "secret_key"
    try:
        existing = key_file.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        existing = ""
    if existing:
        return existing
    private_directory(data_dir)
    new_key = secrets.token_urlsafe(50)
    # Create exclusively so two processes starting at once cannot write different keys.
    try:
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return key_file.read_text(encoding="utf-8").strip()
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(new_key)
    return new_key


# The data directory holds the SQLite database (password hashes, TOTP secrets, citizens' e-mail
# addresses), the secret key and uploaded files: nobody but the account running Löfte reads it.
PRIVATE_DIRECTORY_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def private_directory(path: Path) -> Path:
    """Create `path` (and missing parents) readable by its owner only. An existing directory is
    left as it is; the `lofte.W001` check reports one that others can read."""
    if not path.is_dir():
        path.mkdir(mode=PRIVATE_DIRECTORY_MODE, parents=True, exist_ok=True)
        # mkdir's mode is filtered by the umask; say it once more, exactly.
        path.chmod(PRIVATE_DIRECTORY_MODE)
    return path


def create_private_file(path: Path) -> None:
    """Create an empty file readable by its owner only, unless it exists (SQLite fills an empty
    database file, and gives its -wal and -shm files the database file's permissions)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    except FileExistsError:
        return
    os.close(fd)


def readable_by_others(path: Path) -> bool:
    """Whether group or others may read, write or enter `path` (False when it does not exist)."""
    try:
        return bool(stat.S_IMODE(path.stat().st_mode) & 0o077)
    except FileNotFoundError:
        return False
