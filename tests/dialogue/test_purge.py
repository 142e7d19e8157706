"""`lofte purge`: contact details go after the retention period, idempotently."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from lofte.dialogue.models import CitizenInput
from lofte.dialogue.purge import purge_contact_details
from tests import factories
from tests.dialogue import helpers

pytestmark = pytest.mark.django_db


def _aged(days_answered=None, days_created=0, status=CitizenInput.Status.PUBLISHED, email="a@example.se"):
    kommun = factories.municipality()
    item = helpers.citizen_input(kommun, email=email, status=status)
    now = timezone.now()
    CitizenInput.objects.filter(pk=item.pk).update(
        created_at=now - timedelta(days=days_created),
        answered_at=now - timedelta(days=days_answered) if days_answered is not None else None,
        moderated_at=now - timedelta(days=days_created),
    )
    return item


def test_it_purges_addresses_90_days_after_the_answer(settings):
    settings.CITIZEN_CONTACT_RETENTION_DAYS = 90
    old = _aged(days_answered=91, days_created=100)
    recent = _aged(days_answered=89, days_created=100)
    result = purge_contact_details()
    old.refresh_from_db(), recent.refresh_from_db()
    assert old.email == "" and old.contact_purged_at is not None
    assert recent.email == "a@example.se"
    assert result.closed == 1


def test_it_purges_unanswered_addresses_after_the_longer_period(settings):
    settings.CITIZEN_CONTACT_UNANSWERED_RETENTION_DAYS = 365
    old = _aged(days_created=366, status=CitizenInput.Status.PENDING)
    young = _aged(days_created=200, status=CitizenInput.Status.PENDING)
    assert purge_contact_details().unanswered == 1
    old.refresh_from_db(), young.refresh_from_db()
    assert old.email == "" and young.email == "a@example.se"


def test_it_purges_rejected_input_like_answered_input(settings):
    rejected = _aged(days_created=100, status=CitizenInput.Status.REJECTED)
    purge_contact_details()
    rejected.refresh_from_db()
    assert rejected.email == ""


def test_the_command_is_idempotent_and_prints_a_summary():
    _aged(days_answered=200, days_created=200)
    first, second = StringIO(), StringIO()
    call_command("purge", stdout=first)
    call_command("purge", stdout=second)
    assert "rensade från 1 besvarade eller avvisade" in first.getvalue()
    assert "rensade från 0 besvarade eller avvisade och 0 obesvarade" in second.getvalue()
    assert CitizenInput.objects.exclude(email="").count() == 0


def test_the_daily_purge_also_empties_the_activity_bin():
    from datetime import date, timedelta

    from django.utils import timezone

    from lofte.activities.models import Activity
    from tests import factories

    kommun = factories.municipality()
    commitment = factories.commitment(factories.promise_set(kommun, 2021))
    old = factories.activity(commitment, on=date(2021, 3, 1))
    recent = factories.activity(commitment, on=date(2021, 4, 1))
    Activity.objects.filter(pk=old.pk).update(deleted_at=timezone.now() - timedelta(days=31))
    Activity.objects.filter(pk=recent.pk).update(deleted_at=timezone.now() - timedelta(days=2))
    out = StringIO()
    call_command("purge", stdout=out)
    assert "Papperskorgen: 1 insatser äldre än 30 dagar borttagna för gott." in out.getvalue()
    assert list(Activity.objects.values_list("pk", flat=True)) == [recent.pk]
