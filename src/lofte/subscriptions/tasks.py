"""Background tasks for subscriptions (django-tasks, see settings.TASKS): the confirmation mail and
the weekly digest run, which enqueues the next one (`lofte send-digests --schedule` starts it)."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from lofte.dialogue.meetings import site_url
from lofte.subscriptions import mail
from lofte.subscriptions.digest import send_due_digests
from lofte.subscriptions.models import Subscription
from lofte.subscriptions.subscribing import CONFIRM_HOURS, confirmation_token

# The digest goes out on Monday mornings, local time.
WEEKDAY = 0
WEEKLY_AT = time(7, 0)


@task()
def send_confirmation(subscription_id: int) -> bool:
    """Mail the confirmation link of an unconfirmed subscription (double opt-in)."""
    subscription = (
        Subscription.objects.unconfirmed().select_related("municipality", "promise_set").filter(pk=subscription_id)
        .first()
    )
    if subscription is None:
        return False
    link = site_url(reverse("site:subscription_confirm", args=[confirmation_token(subscription)]))
    mail.send(subscription, f"Bekräfta din prenumeration på {subscription.subject_name}", [
        "Hej!",
        "",
        f"Någon, förhoppningsvis du, vill få en sammanfattning varje vecka om {subscription.subject_phrase}.",
        "",
        f"Bekräfta prenumerationen inom {CONFIRM_HOURS // 24} dagar med länken:",
        link,
        "",
        "Har du inte bett om det? Gör ingenting: utan bekräftelse skickas inga fler mejl och adressen raderas.",
    ])
    return True


def next_run_after(now: datetime | None = None) -> datetime:
    """The next Monday WEEKLY_AT in local time, strictly after `now`."""
    local = timezone.localtime(now or timezone.now())
    days = (WEEKDAY - local.weekday()) % 7
    candidate = timezone.make_aware(datetime.combine(local.date() + timedelta(days=days), WEEKLY_AT))
    if candidate <= local:
        candidate += timedelta(days=7)
    return candidate


def is_scheduled() -> bool:
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(task_path=weekly_digest.module_path, status="READY").exists()


def schedule_next(now: datetime | None = None):
    """Enqueue next week's run. The immediate backend (tests) cannot defer, so there the chain ends."""
    if not weekly_digest.get_backend().supports_defer:
        return None
    return weekly_digest.using(run_after=next_run_after(now)).enqueue()


@task()
def weekly_digest() -> str:
    """Send the digests that are due, then put next week's run in the queue (also after an error)."""
    try:
        return send_due_digests().line()
    finally:
        schedule_next()
