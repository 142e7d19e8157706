"""A background task that runs once a day at a local time and queues its own next run.

Tasks call `schedule_next(task, at)` when they finish; `lofte <command> --schedule` (run by `make
run` and the worker's service unit) starts the chain once with `is_scheduled`. The findings
reminders and the contact purge have the same shape in their own modules (written before this one).
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone


def next_run_after(at: time, now: datetime | None = None) -> datetime:
    """The next `at` (local time, Europe/Stockholm) strictly after `now`."""
    now = timezone.localtime(now or timezone.now())
    candidate = timezone.make_aware(datetime.combine(now.date(), at))
    if candidate <= now:
        candidate = timezone.make_aware(datetime.combine(now.date() + timedelta(days=1), at))
    return candidate


def is_scheduled(task) -> bool:
    """Whether a run of `task` waits in the database backend's queue."""
    try:
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # pragma: no cover - the database backend is a dependency
        return False
    return DBTaskResult.objects.filter(task_path=task.module_path, status="READY").exists()


def schedule_next(task, at: time, now: datetime | None = None, *, run_after: datetime | None = None):
    """Enqueue the next run (at `at`, or at `run_after`). Backends that cannot defer (the immediate
    backend of the tests) would run it at once and loop forever, so there the chain ends: None."""
    if not task.get_backend().supports_defer:
        return None
    return task.using(run_after=run_after or next_run_after(at, now)).enqueue()
