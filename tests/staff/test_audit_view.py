"""Reading the audit log: /personal/logg/ (redaktörer and administratörer, their municipalities only)."""

from datetime import datetime, timedelta, timezone as dt_timezone

import pytest
from django.urls import reverse

from lofte.core.audit import log_change, snapshot
from lofte.core.models import AuditEntry, Membership
from tests import factories

pytestmark = pytest.mark.django_db
URL = reverse("staff:audit_log")


@pytest.fixture
def world():
    strangnas = factories.municipality()
    stockholm = factories.municipality("0180", "Stockholm", county="Stockholms län", county_code="01")
    kommun = factories.organisation(strangnas, "municipality")
    editor = factories.user("redaktor", kommun, role=Membership.Role.EDITOR)
    ps = factories.promise_set(strangnas, 2022, 2023)
    commitment = factories.commitment(ps, 1, "Minst fyra trygghetsvandringar.")
    before = snapshot(commitment)
    commitment.text = "Minst fem trygghetsvandringar."
    commitment.save()
    log_change(editor, AuditEntry.Action.UPDATE, commitment, before=before, after=snapshot(commitment),
               municipality_id=strangnas.pk)
    other_set = factories.promise_set(stockholm, 2022)
    other = factories.commitment(other_set, 1, "Stockholms hemliga ändring.")
    log_change(None, AuditEntry.Action.CREATE, other, after=snapshot(other), municipality_id=stockholm.pk)
    log_change(None, AuditEntry.Action.IMPORT, None, object_type="promises.PromiseSet",
               object_repr="Utan kommun – aldrig visad")
    return {"strangnas": strangnas, "stockholm": stockholm, "kommun": kommun, "editor": editor,
            "commitment": commitment}


def test_a_redaktor_reads_their_municipalitys_log_with_before_and_after(client, world):
    client.force_login(world["editor"])
    response = client.get(URL)
    assert response.status_code == 200
    content = response.content.decode()
    assert "redaktor" in content and "ändrade" in content
    assert "<del>Minst fyra trygghetsvandringar.</del>" in content
    assert "<ins>Minst fem trygghetsvandringar.</ins>" in content


def test_other_municipalities_entries_and_entries_without_one_are_never_shown(client, world):
    client.force_login(world["editor"])
    for query in ({}, {"kommun": world["stockholm"].pk}, {"action": "create"}):
        content = client.get(URL, query).content.decode()
        assert "Stockholms hemliga ändring" not in content
        assert "aldrig visad" not in content


@pytest.mark.parametrize("role", [Membership.Role.READER, Membership.Role.RECORDER])
def test_readers_and_recorders_get_403(client, world, role):
    client.force_login(factories.user(f"u-{role}", world["kommun"], role=role))
    assert client.get(URL).status_code == 403


def test_an_administrator_reads_the_log_too(client, world):
    admin = factories.user("chef", world["kommun"], role=Membership.Role.ADMIN)
    factories.verified_login(client, admin)
    assert "Minst fem trygghetsvandringar." in client.get(URL).content.decode()


def test_anonymous_visitors_are_sent_to_log_in(client, world):
    assert client.get(URL)["Location"].startswith(reverse("staff:login"))


def test_the_log_cannot_be_changed_through_the_page(client, world):
    client.force_login(world["editor"])
    assert client.post(URL, {"action": "delete"}).status_code == 405
    assert AuditEntry.objects.count() == 3


def test_it_filters_by_action_type_user_and_date(client, world):
    editor = world["editor"]
    log_change(editor, AuditEntry.Action.PUBLISH, world["commitment"].promise_set,
               municipality_id=world["strangnas"].pk)
    old = AuditEntry.objects.create(at=datetime(2020, 1, 15, 12, tzinfo=dt_timezone.utc), username="gammal",
                                    action=AuditEntry.Action.DELETE, object_type="activities.Activity",
                                    object_repr="Gammal insats", municipality_id=world["strangnas"].pk)
    client.force_login(editor)

    def shown(**query):
        return {e["entry"].pk for e in client.get(URL, query).context["rows"]}

    assert len(shown()) == 3
    assert shown(action="delete") == {old.pk}
    assert shown(object_type="activities.Activity") == {old.pk}
    assert shown(user="gammal") == {old.pk}
    assert shown(date_to="2020-01-15") == {old.pk}
    assert old.pk not in shown(date_from="2020-01-16")
    assert shown(date_from="2020-01-15", date_to="2020-01-15") == {old.pk}


def test_a_bad_date_is_named_and_the_other_filters_still_apply(client, world):
    client.force_login(world["editor"])
    response = client.get(URL, {"date_from": "igår", "action": "update"})
    assert response.status_code == 200
    assert "Ange datumet som ÅÅÅÅ-MM-DD" in response.content.decode()
    assert len(response.context["rows"]) == 1


def test_it_is_paginated_newest_first(client, world):
    now = datetime.now(dt_timezone.utc)
    for i in range(60):
        AuditEntry.objects.create(at=now - timedelta(days=i + 1), username="massa", action="update",
                                  object_type="promises.Commitment", object_repr=f"Post {i}",
                                  municipality_id=world["strangnas"].pk)
    client.force_login(world["editor"])
    first = client.get(URL)
    assert len(first.context["rows"]) == 50
    times = [row["entry"].at for row in first.context["rows"]]
    assert times == sorted(times, reverse=True)
    second = client.get(URL, {"sida": 2})
    assert len(second.context["rows"]) == 61 - 50
    assert "Post 59" in second.content.decode()
    assert client.get(URL, {"sida": "xyz"}).status_code == 200


def test_a_user_with_two_municipalities_can_choose_one(client, world):
    police = factories.organisation(world["strangnas"], name="LPO Eskilstuna/Strängnäs")
    police.municipalities.add(world["stockholm"])
    editor = factories.user("lpo-red", police, role=Membership.Role.EDITOR)
    client.force_login(editor)
    content = client.get(URL).content.decode()
    assert "Stockholms hemliga ändring" in content and 'name="kommun"' in content
    rows = client.get(URL, {"kommun": world["strangnas"].pk}).context["rows"]
    assert {r["municipality"] for r in rows} == {"Strängnäs"}
