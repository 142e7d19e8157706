"""Background work: the answer e-mail (once, only with an address) and the self-scheduling daily purge."""

from datetime import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks import task_backends
from django_tasks_db.models import DBTaskResult

from lofte.dialogue.inputs import answer_input
from lofte.dialogue.tasks import daily_purge, next_purge_time, notify_answered, schedule_daily_purge
from tests.dialogue import helpers

pytestmark = pytest.mark.django_db

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def test_answering_emails_the_sender_once(django_capture_on_commit_callbacks, settings):
    settings.SITE_URL = "https://lofte.example.se"
    w = helpers.world()
    item = helpers.citizen_input(w["strangnas"], email="medborgare@example.se", status="published")
    with django_capture_on_commit_callbacks(execute=True):
        answer_input(item, w["editor"], "Vi har satt upp två nya lampor.", w["town"])
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["medborgare@example.se"]
    assert "Vi har satt upp två nya lampor." in message.body
    assert "https://lofte.example.se/strangnas/synpunkter/" in message.body
    assert notify_answered.call(item.pk) is False
    assert len(mail.outbox) == 1


def test_no_email_is_sent_without_an_address(django_capture_on_commit_callbacks):
    w = helpers.world()
    item = helpers.citizen_input(w["strangnas"], status="published")
    with django_capture_on_commit_callbacks(execute=True):
        answer_input(item, w["editor"], "Tack.", w["town"])
    assert mail.outbox == []


def test_the_next_purge_is_at_three_in_the_night_local_time():
    evening = timezone.make_aware(datetime(2026, 11, 26, 22, 0))
    assert timezone.localtime(next_purge_time(evening)) == timezone.make_aware(datetime(2026, 11, 27, 3, 0))
    night = timezone.make_aware(datetime(2026, 11, 26, 1, 0))
    assert timezone.localtime(next_purge_time(night)).date().day == 26


def _reset_backends():
    # The handler caches its backends per thread; drop them so the changed setting is read.
    try:
        del task_backends._connections.default
    except AttributeError:
        pass


def test_schedule_daily_enqueues_one_pending_purge_only(settings):
    settings.TASKS = DB_TASKS
    _reset_backends()
    try:
        out = StringIO()
        call_command("schedule_daily", stdout=out)
        call_command("schedule_daily", stdout=out)
        pending = DBTaskResult.objects.filter(task_path=daily_purge.module_path, status="READY")
        assert pending.count() == 1
        assert pending.get().run_after > timezone.now()
        assert "ligger redan i kön" in out.getvalue()
    finally:
        settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
                                      "QUEUES": ["default"]}}
        _reset_backends()


def test_the_immediate_backend_schedules_nothing():
    assert schedule_daily_purge() is None
    out = StringIO()
    call_command("schedule_daily", stdout=out)
    assert "kan inte schemalägga" in out.getvalue()


def test_the_daily_purge_task_returns_the_summary():
    assert daily_purge.call().startswith("Kontaktuppgifter rensade")


def test_a_failing_daily_purge_still_schedules_tomorrows(settings, monkeypatch):
    """Part of 9.1: one failed run (a locked database) ended the self-scheduling chain, and with
    it the purge of citizens' contact details."""
    from django.db import OperationalError

    from lofte.dialogue import tasks

    settings.TASKS = DB_TASKS
    _reset_backends()
    try:
        def locked():
            raise OperationalError("database is locked")

        monkeypatch.setattr(tasks, "purge_everything_due", locked)
        with pytest.raises(OperationalError):
            tasks.daily_purge.call()
        assert DBTaskResult.objects.filter(task_path=daily_purge.module_path, status="READY").count() == 1
    finally:
        settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
                                      "QUEUES": ["default"]}}
        _reset_backends()
