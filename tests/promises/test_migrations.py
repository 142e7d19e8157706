"""The migration to periods as dates keeps every row: data written with the previous schema (years,
no ledger) reads the same afterwards, at the same public address."""

from datetime import date, datetime, timezone as dt_timezone

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("promises", "0003_assessment_is_demo"), ("activities", "0003_deleted_at_no_index"),
          ("dialogue", "0001_initial")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_sets_of_years_become_dates_and_activities_fill_the_ledger():
    old = migrate(BEFORE)
    Municipality = old.get_model("core", "Municipality")
    PromiseSet = old.get_model("promises", "PromiseSet")
    Commitment = old.get_model("promises", "Commitment")
    Activity = old.get_model("activities", "Activity")
    kommun = Municipality.objects.create(code="0486", name="Strängnäs", slug="strangnas", county="Södermanlands län",
                                         county_code="04")
    one_year = PromiseSet.objects.create(municipality=kommun, first_year=2021, last_year=2021, title="2021",
                                         status="published")
    two_years = PromiseSet.objects.create(municipality=kommun, first_year=2022, last_year=2023, title="2022–2023",
                                          status="draft")
    walks = Commitment.objects.create(
        promise_set=one_year, number=5,
        text="Strängnäs kommun kommer i samverkan med polisen att genomföra minst fyra trygghetsvandringar i kommunen.",
    )
    dialogue = Commitment.objects.create(promise_set=two_years, number=1, text="Polisen lovar dialogmöten.")
    recorded = datetime(2021, 3, 5, 12, tzinfo=dt_timezone.utc)
    live = Activity.objects.create(type="safety_walk", date=date(2021, 3, 1), municipality=kommun, count=2)
    binned = Activity.objects.create(type="dialogue_meeting", date=date(2022, 5, 1), municipality=kommun,
                                     details={"attendees": 30}, deleted_at=recorded)
    demo = Activity.objects.create(type="safety_walk", date=date(2021, 6, 1), municipality=kommun, is_demo=True)
    Activity.objects.filter(pk=live.pk).update(created_at=recorded)
    live.commitments.add(walks)
    demo.commitments.add(walks)
    binned.commitments.add(dialogue)

    new = migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    PromiseSet = new.get_model("promises", "PromiseSet")
    Commitment = new.get_model("promises", "Commitment")
    CountedWork = new.get_model("activities", "CountedWork")
    assert sorted((s.start, s.end, s.slug, s.status, s.area_id) for s in PromiseSet.objects.all()) == [
        (date(2021, 1, 1), date(2021, 12, 31), "2021", "published", None),
        (date(2022, 1, 1), date(2023, 12, 31), "2022-2023", "draft", None),
    ]
    assert Commitment.objects.get(number=5).short_title == "Minst fyra trygghetsvandringar i kommunen"
    rows = {row.activity_id: row for row in CountedWork.objects.all()}
    assert set(rows) == {live.pk, binned.pk, demo.pk}
    assert (rows[live.pk].commitment_id, rows[live.pk].count, rows[live.pk].known_from, rows[live.pk].known_until) == (
        walks.pk, 2, recorded, None)
    assert rows[binned.pk].known_until == recorded and rows[binned.pk].figures == {"attendees": 30}
    # Invented demo records count as registered two days after their date, as real ones would be.
    assert rows[demo.pk].known_from.date() == date(2021, 6, 3)
