"""Background tasks of EST (django-tasks, see settings.TASKS): rebuilding the indicators after
reports arrive, and the weekly reminder to reporters."""

from __future__ import annotations

import logging
from datetime import datetime, time, timedelta

from django.utils import timezone
from django_tasks import task

from lofte.core.models import Municipality
from lofte.situation.importing.errors import IndicatorImportError

logger = logging.getLogger(__name__)
# Another import holding the situation picture's writer: try again this much later.
RETRY_AFTER = timedelta(minutes=5)
# The reminder goes out on Thursday afternoons, local time: early enough to report before the
# EST group meets, late enough that most have reported already.
REMINDER_WEEKDAY, REMINDER_AT = 3, time(13, 0)


@task()
def rebuild_indicators_task(municipality_id: int) -> str:
    from lofte.est.indicators import rebuild_indicators

    municipality = Municipality.objects.filter(pk=municipality_id).first()
    if municipality is None:
        return "kommunen finns inte längre"
    try:
        result = rebuild_indicators(municipality)
    except IndicatorImportError as exc:
        logger.warning("EST indicators of %s not rebuilt: %s", municipality.code, exc)
        if rebuild_indicators_task.get_backend().supports_defer:
            rebuild_indicators_task.using(run_after=timezone.now() + RETRY_AFTER).enqueue(municipality_id)
        return f"väntar: {exc}"
    return "; ".join(result.lines()) if result else "inga rapporter"


def next_reminder_after(now: datetime | None = None) -> datetime:
    """The next Thursday REMINDER_AT in Europe/Stockholm after `now`."""
    now = timezone.localtime(now or timezone.now())
    day = now.date() + timedelta(days=(REMINDER_WEEKDAY - now.weekday()) % 7)
    candidate = timezone.make_aware(datetime.combine(day, REMINDER_AT))
    if candidate <= now:
        candidate = timezone.make_aware(datetime.combine(day + timedelta(days=7), REMINDER_AT))
    return candidate


def schedule_next_reminder(now: datetime | None = None):
    """Enqueue next week's reminder run (not on backends that cannot defer: the chain would loop)."""
    if not remind_reporters_weekly.get_backend().supports_defer:
        return None
    return remind_reporters_weekly.using(run_after=next_reminder_after(now)).enqueue()


def reminder_is_scheduled() -> bool:
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(task_path=remind_reporters_weekly.module_path, status="READY").exists()


@task()
def remind_reporters_weekly() -> str:
    from lofte.est.reminders import send_reminders

    try:
        return send_reminders().line()
    finally:
        schedule_next_reminder()
