"""The weekly digest (lofte.subscriptions.digest) and its schedule (lofte.subscriptions.tasks)."""

from datetime import date, datetime, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from lofte.dialogue.models import CitizenInput
from lofte.promises.models import PromiseSet
from lofte.subscriptions import digest, subscribing, tasks
from lofte.subscriptions.models import Subscription
from tests import factories

pytestmark = pytest.mark.django_db

WEEK_AGO = timezone.now() - timedelta(days=7)


@pytest.fixture
def kommun():
    return factories.municipality()


@pytest.fixture
def published_set(kommun):
    promise_set = factories.promise_set(kommun, 2022, 2023)
    PromiseSet.objects.filter(pk=promise_set.pk).update(updated_at=WEEK_AGO - timedelta(days=1),
                                                         published_at=WEEK_AGO - timedelta(days=1))
    return promise_set


def subscribed(kommun, promise_set=None, email="anna@example.se"):
    return Subscription.objects.create(email=email, municipality=kommun, promise_set=promise_set,
                                       confirmed_at=WEEK_AGO, covered_until=WEEK_AGO)


def test_a_quiet_week_sends_nothing(kommun, published_set):
    subscribed(kommun)
    run = digest.send_due_digests()
    assert (run.sent, run.quiet) == (0, 1)
    assert mail.outbox == []


def test_the_digest_lists_new_sets_public_work_and_answers(kommun, published_set):
    subscription = subscribed(kommun)
    new = factories.promise_set(kommun, 2024, 2025, title="Medborgarlöfte 2024–2025")
    PromiseSet.objects.filter(pk=new.pk).update(published_at=timezone.now())
    commitment = factories.commitment(published_set)
    factories.activity(commitment, recorded=timezone.now() - timedelta(days=1))
    factories.activity(commitment, type="school_drug_search", recorded=timezone.now() - timedelta(days=1))
    CitizenInput.objects.create(municipality=kommun, message="x", public_message="Hej", status="published",
                                answer="Svar", answered_at=timezone.now() - timedelta(hours=2))

    assert digest.send_due_digests().sent == 1

    [message] = mail.outbox
    assert message.to == ["anna@example.se"]
    assert "Nytt medborgarlöfte: Medborgarlöfte 2024–2025" in message.body
    assert "- Trygghetsvandring: 1" in message.body
    # A sensitive type is a total with small counts hidden, as on the pages.
    assert "färre än 5" in message.body
    assert "1 synpunkt har fått svar" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    subscription.refresh_from_db()
    assert subscription.covered_until > WEEK_AGO


def test_drafts_and_binned_work_never_reach_a_digest(kommun, published_set):
    subscribed(kommun)
    draft = factories.promise_set(kommun, 2026, status=PromiseSet.Status.DRAFT, title="Hemligt utkast")
    factories.activity(factories.commitment(draft), recorded=timezone.now())
    binned = factories.activity(factories.commitment(published_set), recorded=timezone.now())
    type(binned).objects.filter(pk=binned.pk).update(deleted_at=timezone.now())
    assert digest.send_due_digests().sent == 0


def test_a_set_subscription_sees_only_its_set(kommun, published_set):
    other = factories.promise_set(kommun, 2021)
    subscribed(kommun, published_set)
    factories.activity(factories.commitment(other), recorded=timezone.now())
    assert digest.send_due_digests().sent == 0
    factories.activity(factories.commitment(published_set), recorded=timezone.now())
    assert digest.send_due_digests().sent == 0  # the window was claimed by the first run
    Subscription.objects.update(covered_until=WEEK_AGO)
    assert digest.send_due_digests().sent == 1


def test_a_digest_is_sent_once_a_week_and_never_twice(kommun, published_set):
    subscription = subscribed(kommun)
    factories.activity(factories.commitment(published_set), recorded=timezone.now())
    assert digest.send_due_digests().sent == 1
    assert digest.send_due_digests() == digest.DigestRun(0, 0, 0)  # not due again
    # A second worker with the stale row cannot claim the same window.
    subscription.covered_until = WEEK_AGO
    assert digest.send_digest(subscription) is False
    assert len(mail.outbox) == 1


def test_unconfirmed_subscriptions_get_no_digest_and_are_deleted_when_their_link_expires(kommun, published_set):
    old = timezone.now() - timedelta(hours=subscribing.CONFIRM_HOURS + 1)
    Subscription.objects.create(email="old@example.se", municipality=kommun, created_at=old, confirmation_sent_at=old)
    Subscription.objects.create(email="new@example.se", municipality=kommun)
    factories.activity(factories.commitment(published_set), recorded=timezone.now())
    run = digest.send_due_digests()
    assert (run.sent, run.purged) == (0, 1)
    assert list(Subscription.objects.values_list("email", flat=True)) == ["new@example.se"]


def test_the_weekly_run_is_on_monday_morning():
    sunday = timezone.make_aware(datetime(2026, 11, 29, 12, 0))
    assert tasks.next_run_after(sunday) == timezone.make_aware(datetime(2026, 11, 30, 7, 0))
    monday_late = timezone.make_aware(datetime(2026, 11, 30, 8, 0))
    assert tasks.next_run_after(monday_late).date() == date(2026, 12, 7)


def test_the_command_sends_the_due_digests(kommun, published_set, capsys):
    subscribed(kommun)
    factories.activity(factories.commitment(published_set), recorded=timezone.now())
    call_command("send_digests")
    assert "1 skickade" in capsys.readouterr().out
    assert len(mail.outbox) == 1


def test_schedule_says_so_when_the_queue_cannot_defer(capsys):
    call_command("send_digests", "--schedule")
    assert "kan inte schemalägga" in capsys.readouterr().out


def test_schedule_enqueues_one_weekly_run_on_the_database_backend(settings, capsys):
    # django-tasks rebuilds its backends when the TASKS setting changes (setting_changed signal).
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    from django_tasks_db.models import DBTaskResult

    try:
        call_command("send_digests", "--schedule")
        call_command("send_digests", "--schedule")
        out = capsys.readouterr().out
        assert "schemalagd till" in out and "ligger redan i kön" in out
        queued = DBTaskResult.objects.get()
        assert queued.task_path == tasks.weekly_digest.module_path
        assert timezone.localtime(queued.run_after).weekday() == 0
    finally:
        settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
                                      "QUEUES": ["default"]}}
