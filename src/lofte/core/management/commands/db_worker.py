"""`lofte db_worker`: django-tasks-db's worker, made to outlive a database that is busy or away.

The upstream worker exits on the first OperationalError it does not expect: a write transaction
longer than SQLite's lock timeout ("database is locked" while claiming or finishing a task), or a
PostgreSQL restart. Then e-mails to citizens, the daily purge of contact details and the findings
reminders silently stopped. This command (it takes the upstream command's place: Django picks the
first app in INSTALLED_APPS that has a command of a name) runs the same worker, and when the
database fails it logs a warning, closes its connections, waits (1 s, doubling up to 60 s) and
goes on. Before its first poll, and after every recovery, it puts back in the queue tasks that a
dead worker left RUNNING for longer than TASKS_STALE_AFTER_MINUTES, so a killed worker loses no
e-mail and breaks no daily chain (every task here may run again safely: sends are claimed with
conditional updates, purges are idempotent).

`make run` restarts the worker if it dies anyway (`lofte supervise-worker`), and deploy/ runs it as
a systemd service that restarts.
"""

from __future__ import annotations

import logging
import time
from datetime import timedelta

from django.conf import settings
from django.db import InterfaceError, OperationalError, connections
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.management.commands import db_worker as upstream
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger("lofte.worker")

DATABASE_ERRORS = (OperationalError, InterfaceError)
FIRST_DELAY = 1.0
MAX_DELAY = 60.0


def backoff(failures: int) -> float:
    """Seconds to wait after the `failures`-th failure in a row: 1, 2, 4 … at most MAX_DELAY."""
    return min(MAX_DELAY, FIRST_DELAY * 2 ** max(0, failures - 1))


def requeue_stale_tasks(backend_name: str, now=None) -> int:
    """Tasks RUNNING for longer than any task takes were left by a worker that died: make them
    READY again. Returns how many."""
    now = now or timezone.now()
    cutoff = now - timedelta(minutes=settings.TASKS_STALE_AFTER_MINUTES)
    count = DBTaskResult.objects.filter(
        backend_name=backend_name, status=TaskResultStatus.RUNNING, started_at__lt=cutoff
    ).update(status=TaskResultStatus.READY, started_at=None)
    if count:
        logger.warning("Requeued %d task(s) left running by a worker that stopped.", count)
    return count


class ResilientWorker(upstream.Worker):
    sleep = staticmethod(time.sleep)

    def run(self) -> None:
        failures = 0
        while self.running:
            started = time.monotonic()
            try:
                requeue_stale_tasks(self.backend_name)
                return super().run()
            except DATABASE_ERRORS as exc:
                # A worker that ran a while before failing starts counting again.
                failures = 1 if time.monotonic() - started > MAX_DELAY else failures + 1
                delay = backoff(failures)
                logger.warning("Database error in the task worker (attempt %d), retrying in %.0f s: %s",
                               failures, delay, exc)
                connections.close_all()
                self.sleep(delay)
        return None


class Command(upstream.Command):
    help = (
        "Run the background worker (django-tasks-db) that survives database errors: it logs them, "
        "waits with backoff and continues."
    )

    def handle(self, *args, **options):
        original = upstream.Worker
        upstream.Worker = ResilientWorker  # the upstream handle() builds the worker by this name
        try:
            return super().handle(*args, **options)
        finally:
            upstream.Worker = original
