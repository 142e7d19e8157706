"""The log reads as Swedish: field names, choice labels and objects by name instead of raw keys and
ids, local times (regression: "status pending→published", "moderated by 1", "is demo", ISO UTC
timestamps with microseconds)."""

from datetime import date, datetime, timezone as dt_timezone

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lofte.core.audit import log_change, snapshot
from lofte.core.models import AuditEntry, Membership
from lofte.dialogue.inputs import approve_input
from lofte.dialogue.models import CitizenInput
from lofte.staff.audit_views import ValueReader, field_label, readable_changes
from tests import factories

pytestmark = pytest.mark.django_db
URL = reverse("staff:audit_log")


@pytest.fixture
def world():
    kommun = factories.municipality()
    town = factories.organisation(kommun, "municipality", name="Strängnäs kommun")
    editor = factories.user("redaktor", town, role=Membership.Role.EDITOR, full_name="Maria Sandberg")
    return {"kommun": kommun, "town": town, "editor": editor}


def moderated(world) -> AuditEntry:
    item = CitizenInput.objects.create(municipality=world["kommun"], message="Mörkt vid stationen.")
    approve_input(item, world["editor"], "Mörkt vid stationen.")
    return AuditEntry.objects.filter(object_type="dialogue.CitizenInput").latest("pk")


def test_choices_and_related_objects_are_shown_by_their_names(world):
    rows = {row["field"]: row for row in readable_changes(moderated(world))}
    assert rows["status"]["before"] == "Väntar på granskning" and rows["status"]["after"] == "Publicerad"
    assert rows["granskad av"]["after"] == "Maria Sandberg"
    assert "moderated by" not in rows


def test_times_are_local_and_without_microseconds(world):
    entry = moderated(world)
    rows = {row["field"]: row for row in readable_changes(entry)}
    value = rows["granskad"]["after"]
    assert "T" not in value and "+00:00" not in value and "." not in value
    assert value.split()[1] in {"januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
                                "september", "oktober", "november", "december"}


def test_a_utc_timestamp_is_shown_in_swedish_time():
    reader = ValueReader([])
    assert reader.value("dialogue.CitizenInput", "moderated_at", "2026-06-01T10:15:30.123456+00:00", {}) == \
        "1 juni 2026 12:15"


def test_fields_without_a_swedish_name_get_one():
    assert field_label("activities.Activity", "is_demo") == "påhittat demoexempel"
    assert field_label("walks.FindingPhoto", "uploaded_at") == "uppladdad"
    assert field_label("walks.FindingPhoto", "finding_id") == "fynd"
    assert field_label("promises.Commitment", "promise_set_id") == "medborgarlöfte"
    assert field_label("dialogue.Meeting", "municipality_id") == "kommun"


def test_an_activitys_details_are_shown_with_the_type_s_field_names(world):
    ps = factories.promise_set(world["kommun"], 2022)
    activity = factories.activity(factories.commitment(ps, 1, "Löfte."), "safety_walk", on=date(2022, 3, 1))
    activity.details = {"participants": 12, "light": "dark"}
    log_change(world["editor"], AuditEntry.Action.CREATE, activity, after=snapshot(activity),
               municipality_id=world["kommun"].pk)
    rows = {row["field"]: row for row in readable_changes(AuditEntry.objects.latest("pk"))}
    details = rows["uppgifter"]["after"]
    assert "participants" not in details and "12" in details
    assert rows["aktivitetstyp"]["after"] == "Trygghetsvandring"
    assert rows["kommun"]["after"] == "Strängnäs"
    assert "id" not in rows  # a created object's id says nothing


def test_a_related_object_that_is_gone_says_so():
    reader = ValueReader([])
    assert reader.value("dialogue.CitizenInput", "area_id", 999, {}) == "kommundel 999 (finns inte längre)"


def test_the_log_page_reads_related_objects_once_per_type_for_the_whole_page(client, world):
    client.force_login(world["editor"])
    moderated(world)
    client.get(URL)
    with CaptureQueriesContext(connection) as one:
        client.get(URL)
    for _ in range(5):
        moderated(world)
    with CaptureQueriesContext(connection) as six:
        content = client.get(URL).content.decode()
    assert content.count("Maria Sandberg") >= 6
    assert len(six.captured_queries) == len(one.captured_queries)


def test_a_created_object_shows_its_values_without_an_empty_before_column(client, world):
    client.force_login(world["editor"])
    ps = factories.promise_set(world["kommun"], 2022)
    log_change(world["editor"], AuditEntry.Action.CREATE, ps, after=snapshot(ps), municipality_id=world["kommun"].pk)
    content = client.get(URL).content.decode()
    card = content[content.index("skapade medborgarlöfte"):]
    card = card[:card.index("</table>")]
    assert ">Värde</th>" in card and ">Före</th>" not in card
