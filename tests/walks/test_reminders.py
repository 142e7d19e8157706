"""Reminders: owners of findings whose deadline passed without a status change get one e-mail."""

from datetime import date, datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from lofte.walks import reminders, tasks
from lofte.walks.models import Finding
from tests.walks import helpers

pytestmark = pytest.mark.django_db
TODAY = date(2021, 11, 1)


def aware(d: date):
    return timezone.make_aware(datetime(d.year, d.month, d.day, 12))


def overdue_finding(walk, **fields):
    finding = helpers.finding(walk, deadline=date(2021, 10, 20), **fields)
    Finding.objects.filter(pk=finding.pk).update(status_changed_at=aware(date(2021, 9, 20)))
    return finding


def test_a_finding_past_its_deadline_without_a_status_change_is_overdue():
    w = helpers.world()
    finding = overdue_finding(w["walk"])
    assert list(reminders.overdue_findings(TODAY)) == [finding]
    finding.refresh_from_db()
    assert finding.is_overdue(TODAY)


def test_a_finding_whose_status_changed_after_the_deadline_is_not_overdue():
    w = helpers.world()
    finding = overdue_finding(w["walk"], status="planned")
    Finding.objects.filter(pk=finding.pk).update(status_changed_at=aware(date(2021, 10, 25)))
    assert list(reminders.overdue_findings(TODAY)) == []


def test_fixed_and_closed_findings_are_never_overdue():
    w = helpers.world()
    overdue_finding(w["walk"], status="fixed")
    overdue_finding(w["walk"], status="no_action", no_action_reason="Privat mark.")
    assert list(reminders.overdue_findings(TODAY)) == []


def test_the_owner_is_emailed_once_and_reminded_at_is_recorded():
    w = helpers.world()
    finding = overdue_finding(w["walk"])
    first = reminders.send_due_reminders(TODAY)
    second = reminders.send_due_reminders(TODAY)
    assert (first.sent, second.sent) == (1, 0)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["gatuenheten@example.se"]
    assert "2021-10-20" in message.body and "Trasig gatlampa" in message.body
    assert f"/personal/fynd/{finding.pk}/" in message.body
    finding.refresh_from_db()
    assert finding.reminded_at is not None


def test_a_reminder_claimed_by_another_worker_is_not_sent_again():
    w = helpers.world()
    finding = overdue_finding(w["walk"])
    due = list(reminders.due_reminders(TODAY))
    # Another worker claims it between this worker's read and its claim.
    Finding.objects.filter(pk=finding.pk).update(reminded_at=timezone.now())
    assert reminders._claim(due[0]) is False
    assert reminders.send_due_reminders(TODAY).sent == 0
    assert mail.outbox == []


def test_a_failed_send_releases_the_claim_for_a_later_run(monkeypatch):
    w = helpers.world()
    finding = overdue_finding(w["walk"])

    def fail(_finding):
        raise OSError("SMTP down")

    monkeypatch.setattr(reminders, "send_reminder", fail)
    run = reminders.send_due_reminders(TODAY)
    assert run.failed == 1 and run.sent == 0
    finding.refresh_from_db()
    assert finding.reminded_at is None


def test_findings_without_an_owner_address_are_counted_not_sent():
    w = helpers.world()
    overdue_finding(w["walk"], owner_email="")
    run = reminders.send_due_reminders(TODAY)
    assert (run.sent, run.skipped_without_email) == (0, 1)


def test_findings_of_a_walk_in_the_bin_are_not_reminded_of():
    w = helpers.world()
    overdue_finding(w["walk"])
    w["walk"].deleted_at = timezone.now()
    w["walk"].save()
    assert reminders.send_due_reminders(TODAY).sent == 0


def test_the_command_sends_and_prints_a_summary():
    w = helpers.world()
    overdue_finding(w["walk"])
    out = StringIO()
    call_command("remind_findings", stdout=out)
    assert "1 skickade" in out.getvalue()
    assert len(mail.outbox) == 1
    out = StringIO()
    call_command("remind_findings", stdout=out)
    assert "0 skickade" in out.getvalue()


def test_the_daily_task_sends_reminders_and_does_not_loop_on_the_immediate_backend():
    w = helpers.world()
    overdue_finding(w["walk"])
    result = tasks.remind_findings_daily.enqueue()
    assert "1 skickade" in result.return_value
    assert len(mail.outbox) == 1


def test_the_next_run_is_tomorrow_morning_in_stockholm():
    now = timezone.make_aware(datetime(2021, 11, 1, 9, 30))
    assert tasks.next_run_after(now) == timezone.make_aware(datetime(2021, 11, 2, 7, 0))
    early = timezone.make_aware(datetime(2021, 11, 1, 5, 0))
    assert tasks.next_run_after(early) == timezone.make_aware(datetime(2021, 11, 1, 7, 0))


def test_the_daily_task_reenqueues_itself_on_a_deferring_backend(settings):
    # django-tasks rebuilds its backends when the TASKS setting changes (setting_changed signal).
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]},
    }
    try:
        from django_tasks_db.models import DBTaskResult

        assert tasks.remind_findings_daily.get_backend().supports_defer
        tasks.schedule_next(timezone.now())
        queued = DBTaskResult.objects.get()
        assert queued.task_path == tasks.remind_findings_daily.module_path
        assert queued.run_after > timezone.now()
        assert tasks.is_scheduled()
        out = StringIO()
        call_command("remind_findings", "--schedule", stdout=out)
        assert "redan" in out.getvalue()
        assert DBTaskResult.objects.count() == 1
    finally:
        settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}}
