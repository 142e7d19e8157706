"""Recording work with an organisation's API key: the staff form's validation, the key's
municipalities only, revoked and expired keys refused, keys hashed at rest, every write in the log."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from django.utils import timezone

from lofte.activities.models import Activity
from lofte.core.models import ApiToken, AuditEntry
from lofte.core.tokens import create_token, revoke_token, token_for_key
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    kommun = factories.municipality()
    areas = factories.areas(kommun, ["Mariefred"])
    police = factories.organisation(kommun)
    current = factories.promise_set(kommun, start=date(2026, 1, 1), end=date(2027, 12, 31))
    commitment = factories.commitment(current, 1, "Dialogmöten.", parties=[police])
    other = factories.municipality("0180", "Stockholm", county="Stockholms län", county_code="01")
    other_set = factories.promise_set(other, start=date(2026, 1, 1), end=date(2027, 12, 31))
    other_commitment = factories.commitment(other_set, 1, "Stockholms löfte.",
                                            parties=[factories.organisation(other)])
    admin = factories.user("admin", police, role="admin")
    token, key = create_token(police, "Verksamhetssystemet", user=admin)
    return {"kommun": kommun, "area": areas[0], "police": police, "commitment": commitment,
            "other_commitment": other_commitment, "admin": admin, "token": token, "key": key}


def post(client, key, body):
    return client.post("/api/v1/activities", data=json.dumps(body), content_type="application/json",
                       HTTP_AUTHORIZATION=f"Bearer {key}")


def meeting(world, **changes):
    body = {"type": "dialogue_meeting", "commitment": world["commitment"].pk,
            "date": (timezone.localdate() - timedelta(days=1)).isoformat(), "area": world["area"].pk,
            "public_note": "Möte på biblioteket.", "details": {"attendees": 25, "place": "Biblioteket"}}
    body.update(changes)
    return body


def test_a_key_records_an_activity_for_its_organisation(client, world):
    response = post(client, world["key"], meeting(world))
    assert response.status_code == 201, response.content
    activity = Activity.objects.get(pk=response.json()["id"])
    assert activity.type == "dialogue_meeting" and activity.area == world["area"]
    assert activity.details == {"attendees": 25, "place": "Biblioteket"}
    assert list(activity.organisations.all()) == [world["police"]]
    assert list(activity.commitments.all()) == [world["commitment"]]
    assert activity.created_by is None
    entry = AuditEntry.objects.filter(object_type="activities.Activity", action="create").get()
    assert entry.username == f"API-nyckel {world['token'].prefix}… ({world['police'].name})"
    assert entry.municipality_id == world["kommun"].pk


def test_a_commitment_in_another_municipality_is_refused(client, world):
    response = post(client, world["key"], meeting(world, commitment=world["other_commitment"].pk, area=None))
    assert response.status_code == 400
    assert response.json()["errors"] == [{"field": "commitment", "detail": "Välj ett löfte i din kommun."}]
    assert not Activity.objects.exists()


def test_the_staff_forms_rules_apply(client, world):
    future = (timezone.localdate() + timedelta(days=3)).isoformat()
    response = post(client, world["key"], meeting(world, date=future))
    assert response.status_code == 400
    assert "framtiden" in response.json()["detail"]
    response = post(client, world["key"], meeting(world, date="2025-06-01"))
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "date"
    response = post(client, world["key"], meeting(world, details={"attendees": "många"}))
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "attendees"
    response = post(client, world["key"], meeting(world, details={"pupil": "Kalle"}))
    assert response.status_code == 400 and "pupil" in response.json()["detail"]
    response = post(client, world["key"], meeting(world, type="tea_party"))
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "type"
    assert not Activity.objects.exists()


def test_a_sensitive_type_records_its_required_fields(client, world):
    body = {"type": "school_drug_search", "commitment": world["commitment"].pk,
            "date": (timezone.localdate() - timedelta(days=1)).isoformat(),
            "details": {"outside_school_hours": True, "informed_beforehand": True}}
    response = post(client, world["key"], body)
    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == ["find"]
    body["details"]["find"] = False
    assert post(client, world["key"], body).status_code == 201
    assert Activity.objects.get().details == {"outside_school_hours": True, "informed_beforehand": True,
                                              "find": False}


def test_a_request_without_a_key_or_with_a_wrong_one_is_401(client, world):
    response = client.post("/api/v1/activities", data=json.dumps(meeting(world)), content_type="application/json")
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/problem+json")
    assert response["WWW-Authenticate"] == "Bearer"
    assert post(client, "lofte_fel", meeting(world)).status_code == 401


def test_a_revoked_key_is_refused(client, world):
    revoke_token(world["token"], user=world["admin"])
    assert post(client, world["key"], meeting(world)).status_code == 401
    assert AuditEntry.objects.filter(object_type="core.ApiToken", action="delete").count() == 1


def test_an_expired_key_is_refused(client, world):
    ApiToken.objects.filter(pk=world["token"].pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert post(client, world["key"], meeting(world)).status_code == 401


def test_keys_are_hashed_at_rest_and_never_in_the_log(world):
    stored = ApiToken.objects.get(pk=world["token"].pk)
    assert world["key"] not in json.dumps(list(ApiToken.objects.values()), default=str)
    assert stored.key_hash != world["key"] and len(stored.key_hash) == 64
    assert world["key"].startswith(stored.prefix)
    entry = AuditEntry.objects.get(object_type="core.ApiToken", action="create")
    assert "key_hash" not in entry.after and world["key"] not in json.dumps(entry.after)
    assert token_for_key(world["key"]) == stored


def test_a_key_notes_when_it_was_used(client, world):
    assert world["token"].last_used_at is None
    post(client, world["key"], meeting(world))
    assert ApiToken.objects.get(pk=world["token"].pk).last_used_at is not None


def test_writes_are_not_offered_to_browsers_of_other_origins(client, world):
    response = client.options("/api/v1/activities", HTTP_ORIGIN="https://annan.example.org",
                              HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST")
    assert "POST" not in response.get("Access-Control-Allow-Methods", "")


def test_malformed_json_is_a_400_problem(client, world):
    response = client.post("/api/v1/activities", data="{inte json", content_type="application/json",
                           HTTP_AUTHORIZATION=f"Bearer {world['key']}")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
