"""System checks of the deployment: the data directory and the SQLite database are private.

They run with every management command (`migrate`, `check --deploy`), so an installation made
before Löfte created these owner-only is told how to fix it.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.checks import Tags, Warning, register

from lofte.lib.env import readable_by_others


@register(Tags.security)
def private_data(app_configs, **kwargs):
    database = settings.DATABASES["default"]
    sqlite = Path(database["NAME"]) if database["ENGINE"] == "django.db.backends.sqlite3" else None
    return private_data_problems(Path(settings.DATA_DIR), sqlite)


def private_data_problems(data_dir: Path, sqlite: Path | None) -> list[Warning]:
    found = []
    if readable_by_others(data_dir):
        found.append(Warning(
            f"The data directory {data_dir} can be read by other users; it holds the database, the "
            "secret key and uploaded files.",
            hint=f"chmod 700 {data_dir}",
            id="lofte.W001",
        ))
    if sqlite is not None:
        for suffix in ("", "-wal", "-shm"):
            path = Path(f"{sqlite}{suffix}")
            if readable_by_others(path):
                found.append(Warning(
                    f"The SQLite file {path} can be read by other users; it holds password hashes, "
                    "two-factor secrets and citizens' e-mail addresses.",
                    hint=f"chmod 600 {path}",
                    id="lofte.W002",
                ))
    return found
