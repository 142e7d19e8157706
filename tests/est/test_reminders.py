"""The weekly reminder: rapportörer without a report this week get one e-mail a week."""

import uuid
from datetime import date, datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from lofte.est import reminders, tasks
from lofte.est.reports import ReportData, file_report
from tests.est import helpers

pytestmark = pytest.mark.django_db


def test_a_silent_rapportor_is_reminded_once_a_week():
    w = helpers.world()
    first = reminders.send_reminders()
    second = reminders.send_reminders()
    assert (first.sent, second.sent) == (1, 0)
    assert mail.outbox[0].to == ["vaktmastare@example.se"]
    assert "/personal/est/rapportera/" in mail.outbox[0].body


def test_nothing_to_report_counts_as_reporting():
    w = helpers.world()
    file_report(w["reporter"], w["kommun"], ReportData(date=timezone.localdate(), nothing_to_report=True), uuid.uuid4())
    assert reminders.send_reminders().sent == 0
    assert mail.outbox == []


def test_a_rapportor_without_an_address_is_counted_not_mailed():
    w = helpers.world()
    w["reporter"].email = ""
    w["reporter"].save()
    run = reminders.send_reminders()
    assert (run.sent, run.skipped_without_email) == (0, 1)


def test_the_next_reminder_is_on_thursday_afternoon():
    monday = timezone.make_aware(datetime(2026, 11, 30, 9, 0))
    assert timezone.localtime(tasks.next_reminder_after(monday)).date() == date(2026, 12, 3)
    thursday_evening = timezone.make_aware(datetime(2026, 12, 3, 18, 0))
    assert timezone.localtime(tasks.next_reminder_after(thursday_evening)).date() == date(2026, 12, 10)


def test_the_command_sends_and_schedule_says_the_immediate_backend_cannot_defer():
    helpers.world()
    out = StringIO()
    call_command("remind_reporters", stdout=out)
    assert "1 skickade" in out.getvalue()
    out = StringIO()
    call_command("remind_reporters", "--schedule", stdout=out)
    assert "kan inte schemalägga" in out.getvalue()
