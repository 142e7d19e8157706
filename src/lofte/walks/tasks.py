"""Background tasks for findings: the daily reminder run (django-tasks, see settings.TASKS)."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone
from django_tasks import task

from lofte.walks.reminders import send_due_reminders

# Reminders go out in the morning, local time, when the owners read their mail.
DAILY_AT = time(7, 0)


def next_run_after(now: datetime | None = None) -> datetime:
    """The next DAILY_AT in Europe/Stockholm after `now`."""
    now = timezone.localtime(now or timezone.now())
    candidate = timezone.make_aware(datetime.combine(now.date(), DAILY_AT))
    if candidate <= now:
        candidate = timezone.make_aware(datetime.combine(now.date() + timedelta(days=1), DAILY_AT))
    return candidate


def schedule_next(now: datetime | None = None):
    """Enqueue tomorrow's run. Backends that cannot defer (the immediate backend in tests) would run
    it at once and loop forever, so there the chain simply ends."""
    if not remind_findings_daily.get_backend().supports_defer:
        return None
    return remind_findings_daily.using(run_after=next_run_after(now)).enqueue()


def is_scheduled() -> bool:
    """Whether a future run is already waiting in the database backend's queue."""
    try:
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # pragma: no cover - the database backend is a dependency
        return False
    return DBTaskResult.objects.filter(
        task_path=remind_findings_daily.module_path, status="READY"
    ).exists()


@task()
def remind_findings_daily() -> str:
    """Send today's reminders, then put tomorrow's run in the queue."""
    try:
        return send_due_reminders().line()
    finally:
        schedule_next()

