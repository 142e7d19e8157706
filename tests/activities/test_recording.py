"""Recording, editing, the bin and purging: every change logged; figures and statuses follow at once."""

from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from lofte.activities.models import BIN_DAYS, Activity
from lofte.activities.recording import (
    can_restore, move_to_bin, purge_bin, record_activity, restore_from_bin, update_activity,
)
from lofte.core.models import AuditEntry
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    kommun = factories.municipality()
    areas = factories.areas(kommun)
    police = factories.organisation(kommun)
    ps = factories.promise_set(kommun, 2021)
    walks = factories.commitment(
        ps, number=5, parties=[police],
        targets=[{"count": 2, "unit": "trygghetsvandringar", "activity_type": "safety_walk"}],
    )
    return {"walks": walks, "areas": areas, "user": factories.user("polis", police), "police": police}


def record(world, on=date(2021, 3, 1), **extra):
    return record_activity(user=world["user"], commitment=world["walks"], type="safety_walk", on=on,
                           area=world["areas"][0], details={"participants": 12}, **extra)


def status_text(client, commitment):
    content = client.get(commitment.get_absolute_url()).content.decode()
    return "Uppfyllt" if "Uppfyllt" in content else "Ej uppfyllt" if "Ej uppfyllt" in content else content


def test_recording_stores_details_and_logs_the_creation(world):
    activity = record(world)
    assert activity.details == {"participants": 12}
    assert list(activity.organisations.all()) == [world["police"]]
    entry = AuditEntry.objects.get(action="create")
    assert entry.object_id == str(activity.pk)
    assert entry.before is None and entry.after["details"] == {"participants": 12}
    assert entry.username == "polis" and entry.municipality_id == activity.municipality_id


def test_editing_logs_the_values_before_and_after(world):
    activity = record(world)
    update_activity(activity, user=world["user"], commitment=world["walks"], on=date(2021, 3, 2), area=None,
                    count=1, public_note="Rättat datum.", details={"participants": 15})
    entry = AuditEntry.objects.get(action="update")
    assert entry.before["date"] == "2021-03-01" and entry.after["date"] == "2021-03-02"
    assert entry.before["details"] == {"participants": 12} and entry.after["details"] == {"participants": 15}
    assert entry.after["area_id"] is None


def test_the_bin_takes_a_record_out_of_the_status_at_once_and_restoring_brings_it_back(client, world):
    first, second = record(world), record(world, on=date(2021, 6, 1))
    assert status_text(client, world["walks"]) == "Uppfyllt"
    move_to_bin(second, user=world["user"])
    assert status_text(client, world["walks"]) == "Ej uppfyllt"
    assert "2021-06-01" not in client.get(world["walks"].get_absolute_url()).content.decode()
    restore_from_bin(second, user=world["user"])
    assert status_text(client, world["walks"]) == "Uppfyllt"
    actions = list(AuditEntry.objects.filter(object_id=str(second.pk)).order_by("pk").values_list("action", flat=True))
    assert actions == ["create", "delete", "restore"]
    deleted = AuditEntry.objects.get(action="delete")
    assert deleted.before["deleted_at"] is None and deleted.after["deleted_at"] is not None
    assert first.pk != second.pk


def test_a_record_can_be_restored_for_bin_days_only(world):
    activity = move_to_bin(record(world), user=world["user"])
    assert can_restore(activity)
    assert can_restore(activity, now=activity.deleted_at + timedelta(days=BIN_DAYS) - timedelta(minutes=1))
    assert not can_restore(activity, now=activity.deleted_at + timedelta(days=BIN_DAYS))
    Activity.objects.filter(pk=activity.pk).update(deleted_at=timezone.now() - timedelta(days=BIN_DAYS + 1))
    activity.refresh_from_db()
    with pytest.raises(ValueError):
        restore_from_bin(activity, user=world["user"])


def test_purging_deletes_only_records_older_than_bin_days_and_logs_it(world):
    old = move_to_bin(record(world), user=world["user"])
    recent = move_to_bin(record(world, on=date(2021, 4, 1)), user=world["user"])
    live = record(world, on=date(2021, 5, 1))
    Activity.objects.filter(pk=old.pk).update(deleted_at=timezone.now() - timedelta(days=BIN_DAYS, hours=1))
    assert purge_bin() == 1
    assert set(Activity.objects.values_list("pk", flat=True)) == {recent.pk, live.pk}
    entry = AuditEntry.objects.filter(action="delete", object_id=str(old.pk)).order_by("-pk").first()
    assert entry.after is None and entry.before["id"] == old.pk
    assert "papperskorgen tömd" in entry.object_repr


def test_the_purge_bin_command_reports_what_it_did(world, capsys):
    old = move_to_bin(record(world), user=world["user"])
    Activity.objects.filter(pk=old.pk).update(deleted_at=timezone.now() - timedelta(days=BIN_DAYS + 3))
    call_command("purge_bin")
    assert "1 insatser borttagna för gott" in capsys.readouterr().out
    assert not Activity.objects.exists()


def test_the_purge_task_runs_the_same_purge(world):
    from lofte.activities.tasks import purge_bin_task

    old = move_to_bin(record(world), user=world["user"])
    Activity.objects.filter(pk=old.pk).update(deleted_at=timezone.now() - timedelta(days=BIN_DAYS + 3))
    assert purge_bin_task.call() == 1
