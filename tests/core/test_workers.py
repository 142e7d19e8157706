"""Several `lofte db_worker` processes share one queue: every task runs exactly once.

django-tasks-db claims a task inside a transaction with SELECT ... FOR UPDATE SKIP LOCKED on
PostgreSQL (an exclusive transaction on SQLite): two workers never take the same row. This runs two
real worker processes against the test database, on whichever engine the suite runs on."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from tests.core.test_db_worker import database_backend  # noqa: F401 (a fixture)

ROOT = Path(__file__).resolve().parents[2]
TASKS = 40


def _database_url() -> str:
    params = connection.settings_dict
    if connection.vendor == "postgresql":
        return f"postgres://{params['USER']}@{params['HOST'] or '127.0.0.1'}:{params['PORT'] or 5432}/{params['NAME']}"
    return f"sqlite:///{params['NAME']}"


@pytest.mark.django_db(transaction=True)
def test_two_workers_run_every_task_exactly_once(database_backend, tmp_path):  # noqa: F811
    from tests.core.worker_tasks import note_in_file

    record = tmp_path / "runs.txt"
    results = [note_in_file.enqueue(str(record), n) for n in range(TASKS)]
    # The project's own settings (the database backend of tasks), on the test database.
    env = {**os.environ, "DATABASE_URL": _database_url(), "DJANGO_SETTINGS_MODULE": "lofte.settings",
           "LOFTE_DATA_DIR": str(tmp_path / "data"), "SECRET_KEY": "test-only-" + "x" * 40,
           "TASKS_IMMEDIATE": "false", "PYTHONPATH": str(ROOT), "LOG_LEVEL": "ERROR"}
    command = [sys.executable, "-m", "lofte.manage", "db_worker", "--batch", "--interval", "0",
               "--no-startup-delay", "--queue-name", "default"]
    workers = [subprocess.Popen([*command, "--worker-id", f"w{n}"], env=env, cwd=ROOT,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT) for n in (1, 2)]
    for worker in workers:
        output, _ = worker.communicate(timeout=120)
        assert worker.returncode == 0, output.decode()
    runs = record.read_text().split()
    assert sorted(map(int, runs)) == list(range(TASKS))  # each once, none lost
    stored = DBTaskResult.objects.filter(pk__in=[r.id for r in results])
    assert stored.filter(status=TaskResultStatus.SUCCESSFUL).count() == TASKS
    # Each result names the one worker that ran it.
    assert all(len(worker_ids) == 1 for worker_ids in stored.values_list("worker_ids", flat=True))
