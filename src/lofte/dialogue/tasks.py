"""Background work of the dialogue app (django-tasks): the answer e-mail and the daily purge."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from lofte.dialogue.models import CitizenInput
from lofte.dialogue.purge import purge_contact_details

# The daily purge runs at this local time (quiet hours).
PURGE_AT = time(3, 0)


@task()
def notify_answered(input_id: int) -> bool:
    """E-mail the sender that their input has been answered. Sent at most once.

    The send is claimed with a conditional UPDATE first, so two workers never both send it.
    """
    now = timezone.now()
    claimed = CitizenInput.objects.filter(
        pk=input_id, answer_notified_at__isnull=True, answered_at__isnull=False
    ).exclude(email="").update(answer_notified_at=now)
    if not claimed:
        return False
    citizen_input = CitizenInput.objects.select_related("municipality", "answered_by").get(pk=input_id)
    from lofte.dialogue.meetings import site_url

    link = site_url(reverse("site:input_list", args=[citizen_input.municipality.slug]))
    lines = [
        "Hej!",
        "",
        f"Din synpunkt till {citizen_input.municipality.name} den {timezone.localtime(citizen_input.created_at):%Y-%m-%d} har besvarats"
        + (f" av {citizen_input.answered_by.name}." if citizen_input.answered_by else "."),
        "",
        "Svar:",
        citizen_input.answer,
        "",
    ]
    if citizen_input.status == CitizenInput.Status.PUBLISHED:
        lines += ["Synpunkten och svaret finns också på", link, ""]
    lines += [
        "Din e-postadress används bara för att svara dig och raderas efter en tid.",
        "Det här mejlet går inte att svara på.",
    ]
    send_mail(
        subject=f"Svar på din synpunkt till {citizen_input.municipality.name}",
        message="\n".join(lines),
        from_email=None,
        recipient_list=[citizen_input.email],
    )
    return True


def next_purge_time(now: datetime | None = None) -> datetime:
    """The next PURGE_AT in local time, strictly after now."""
    local = timezone.localtime(now or timezone.now())
    candidate = timezone.make_aware(datetime.combine(local.date(), PURGE_AT))
    if candidate <= local:
        candidate = timezone.make_aware(datetime.combine(local.date() + timedelta(days=1), PURGE_AT))
    return candidate


def pending_daily_purge_exists() -> bool:
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(task_path=daily_purge.module_path, status="READY").exists()


def schedule_daily_purge(now: datetime | None = None) -> datetime | None:
    """Enqueue the next daily purge unless one is already waiting. Returns when it will run, or None
    when one was pending already or the backend cannot defer tasks (the immediate backend)."""
    backend = daily_purge.get_backend()
    if not backend.supports_defer:
        return None
    if pending_daily_purge_exists():
        return None
    run_after = next_purge_time(now)
    daily_purge.using(run_after=run_after).enqueue()
    return run_after


@task()
def daily_purge() -> str:
    """Purge expired contact details and empty the activity bin, then schedule tomorrow's run,
    also when today's failed (a busy database): the retention promise must not end with one error."""
    try:
        return purge_everything_due()
    finally:
        schedule_daily_purge()


def purge_everything_due() -> str:
    """Everything the daily purge removes: expired contact details and activities binned too long."""
    from django.conf import settings

    from lofte.activities.models import BIN_DAYS
    from lofte.activities.recording import purge_bin
    from lofte.dialogue.ratelimit import purge_expired

    result = purge_contact_details()
    removed = purge_bin()
    # The API's counters share the table (lofte.api.middleware): keep the longer window.
    purge_expired(max(settings.CITIZEN_INPUT_RATE_WINDOW, settings.API_RATE_WINDOW))
    return f"{result.summary} Papperskorgen: {removed} insatser äldre än {BIN_DAYS} dagar borttagna för gott."
