"""The national-scale indexes (activities 0005, dialogue 0004) add indexes only: records and citizen
input written with the previous schema read the same afterwards, and the feed's queries use them."""

from datetime import date, datetime, timezone as dt_timezone

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("activities", "0004_counted_work"), ("dialogue", "0003_submission_token_rate_counter")]
AFTER = [("activities", "0005_activity_feed_and_page_indexes"), ("dialogue", "0004_citizen_input_status_indexes")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def index_names(table: str) -> set[str]:
    with connection.cursor() as cursor:
        return {name for name, info in connection.introspection.get_constraints(cursor, table).items()
                if info["index"]}


@pytest.mark.django_db(transaction=True)
def test_the_index_migrations_keep_every_record_and_input():
    old = migrate(BEFORE)
    Municipality = old.get_model("core", "Municipality")
    Activity = old.get_model("activities", "Activity")
    CitizenInput = old.get_model("dialogue", "CitizenInput")
    kommun = Municipality.objects.create(code="0486", name="Strängnäs", slug="strangnas", county="Södermanlands län",
                                         county_code="04")
    walk = Activity.objects.create(type="safety_walk", date=date(2024, 3, 1), municipality=kommun, count=2,
                                   public_note="Kvällsvandring runt stationen.", details={"participants": 9})
    answered_at = datetime(2024, 3, 5, 12, tzinfo=dt_timezone.utc)
    published = CitizenInput.objects.create(municipality=kommun, message="Mörkt vid busshållplatsen.",
                                            status="published", public_message="Mörkt vid busshållplatsen.",
                                            answer="Belysningen byts i april.", answered_at=answered_at)
    pending = CitizenInput.objects.create(municipality=kommun, message="Klotter i gångtunneln.")
    before_activity = Activity.objects.values().get(pk=walk.pk)
    before_inputs = list(CitizenInput.objects.order_by("pk").values())
    assert "activity_updated" not in index_names("activities_activity")

    new = migrate(AFTER)
    Activity = new.get_model("activities", "Activity")
    CitizenInput = new.get_model("dialogue", "CitizenInput")
    assert Activity.objects.values().get(pk=walk.pk) == before_activity
    assert list(CitizenInput.objects.order_by("pk").values()) == before_inputs
    assert [i.pk for i in CitizenInput.objects.filter(status="published").order_by("pk")] == [published.pk]
    assert pending.pk in CitizenInput.objects.filter(status="pending").values_list("pk", flat=True)
    assert {"activity_updated", "activity_municipality_updated", "activity_municipality_id"} <= index_names(
        "activities_activity")
    assert {"citizeninput_status_id", "citizeninput_status_answered"} <= index_names("dialogue_citizeninput")

    # And back: the indexes go, the rows stay.
    migrate(BEFORE)
    assert "citizeninput_status_id" not in index_names("dialogue_citizeninput")
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
