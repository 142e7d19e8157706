"""The ledger of counted work keeps what each record counted and from when until when."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from lofte.activities import ledger, recording
from lofte.activities.models import Activity, CountedWork
from lofte.core.models import Membership
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    kommun = factories.municipality()
    areas = factories.areas(kommun)
    police = factories.organisation(kommun)
    ps = factories.promise_set(kommun, 2021)
    walks = factories.commitment(ps, 1, "Polisen lovar fyra vandringar.", parties=[police],
                                 targets=[{"count": 4, "unit": "trygghetsvandringar", "activity_type": "safety_walk"}])
    other = factories.commitment(ps, 2, "Polisen lovar dialog.", parties=[police])
    user = factories.user("polis", police, role=Membership.Role.RECORDER)
    return {"kommun": kommun, "areas": areas, "walks": walks, "other": other, "user": user}


def rows(activity):
    return list(CountedWork.objects.filter(activity=activity).order_by("pk"))


def test_a_new_record_counts_from_when_it_was_recorded(world):
    activity = factories.activity(world["walks"], on=date(2021, 3, 1), recorded=date(2021, 3, 4))
    [row] = rows(activity)
    assert (row.commitment, row.date, row.type, row.count, row.known_until) == (
        world["walks"], date(2021, 3, 1), "safety_walk", 1, None)
    assert timezone.localtime(row.known_from).date() == date(2021, 3, 4)


def test_an_edit_closes_the_old_row_and_opens_one_with_the_new_values(world):
    activity = recording.record_activity(user=world["user"], commitment=world["walks"], type="safety_walk",
                                         on=date(2021, 3, 1))
    recording.update_activity(activity, user=world["user"], commitment=world["walks"], on=date(2021, 5, 1),
                              area=world["areas"][1], count=2, public_note="", details={})
    old, new = rows(activity)
    assert old.known_until is not None and old.date == date(2021, 3, 1)
    assert (new.known_until, new.date, new.count, new.area_id) == (None, date(2021, 5, 1), 2, world["areas"][1].pk)
    assert new.known_from == old.known_until


def test_saving_without_a_change_opens_nothing_new(world):
    activity = factories.activity(world["walks"], on=date(2021, 3, 1))
    activity.public_note = "Bara en kommentar."
    activity.save()
    assert len(rows(activity)) == 1


def test_the_bin_closes_the_rows_and_a_restore_opens_new_ones(world):
    activity = factories.activity(world["walks"], on=date(2021, 3, 1))
    recording.move_to_bin(activity, user=world["user"])
    assert [r.known_until is not None for r in rows(activity)] == [True]
    recording.restore_from_bin(Activity.objects.get(pk=activity.pk), user=world["user"])
    assert [r.known_until is None for r in rows(activity)] == [False, True]


def test_purging_the_bin_keeps_the_history(world):
    activity = factories.activity(world["walks"], on=date(2021, 3, 1))
    recording.move_to_bin(activity, user=world["user"])
    assert recording.purge_bin(now=timezone.now() + timedelta(days=31)) == 1
    [row] = CountedWork.objects.filter(commitment=world["walks"])
    assert row.activity is None and row.known_until is not None


def test_deleting_a_live_record_for_good_closes_its_rows(world):
    activity = factories.activity(world["walks"], on=date(2021, 3, 1))
    activity.delete()
    [row] = CountedWork.objects.filter(commitment=world["walks"])
    assert row.known_until is not None


def test_linking_and_unlinking_commitments_from_either_side_is_followed(world):
    activity = factories.activity(world["walks"], on=date(2021, 3, 1))
    world["other"].activities.add(activity)
    assert {r.commitment_id for r in rows(activity) if r.known_until is None} == {world["walks"].pk, world["other"].pk}
    world["walks"].activities.remove(activity)
    assert {r.commitment_id for r in rows(activity) if r.known_until is None} == {world["other"].pk}
    world["other"].activities.clear()
    assert all(r.known_until is not None for r in rows(activity))


def test_a_figure_of_the_record_is_kept_in_the_ledger(world):
    activity = factories.activity(world["walks"], type="dialogue_meeting", on=date(2021, 3, 1),
                                  details={"attendees": 31, "place": "Biblioteket"})
    assert rows(activity)[0].figures == {"attendees": 31}


def test_a_rebuild_writes_one_row_per_link_from_the_records_themselves(world):
    live = factories.activity(world["walks"], on=date(2021, 3, 1), recorded=date(2021, 3, 2))
    binned = factories.activity(world["walks"], on=date(2021, 4, 1))
    Activity.objects.filter(pk=binned.pk).update(deleted_at=timezone.now())
    CountedWork.objects.all().delete()
    assert ledger.rebuild() == 2
    assert [(r.activity_id, r.known_until is None) for r in CountedWork.objects.order_by("activity_id")] == [
        (live.pk, True), (binned.pk, False)]
