"""What every API request gets: problem details for errors, ETag and 304, CORS for reads, HEAD, the
rate limit with 429 and Retry-After."""

from __future__ import annotations

import json

import pytest

from tests.api.helpers import build_world

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"


def assert_problem(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith(PROBLEM)
    body = json.loads(response.content)
    assert body["status"] == status
    assert body["title"] and body["detail"]
    return body


def test_an_unknown_address_is_a_problem_in_swedish(client):
    body = assert_problem(client.get("/api/v1/finns-inte"), 404)
    assert body["title"] == "Finns inte"


def test_an_unknown_object_is_a_problem_naming_it(client):
    body = assert_problem(client.get("/api/v1/promise-sets/999999"), 404)
    assert "Medborgarlöftet finns inte" in body["detail"]


def test_addresses_outside_the_version_are_problems_too(client):
    assert_problem(client.get("/api/"), 404)
    assert_problem(client.get("/api/v2/municipalities"), 404)


def test_a_bad_parameter_is_a_400_problem_naming_the_parameter(client):
    body = assert_problem(client.get("/api/v1/commitments", {"as_of": "igår"}), 400)
    assert body["errors"] == [{"field": "as_of", "detail": "ska vara ett datum som ÅÅÅÅ-MM-DD"}]
    assert "as_of" in body["detail"]


def test_a_limit_out_of_range_is_a_400_problem(client):
    assert_problem(client.get("/api/v1/municipalities", {"limit": 0}), 400)
    assert_problem(client.get("/api/v1/municipalities", {"limit": 10_000}), 400)


def test_an_unknown_municipality_filter_is_a_400_problem(client):
    body = assert_problem(client.get("/api/v1/promise-sets", {"municipality": "atlantis"}), 400)
    assert "atlantis" in body["detail"]


def test_a_method_not_offered_is_a_405_problem_with_allow(client):
    response = client.delete("/api/v1/municipalities")
    assert_problem(response, 405)
    assert "GET" in response["Allow"]


def test_a_body_too_large_is_a_413_problem(client, settings):
    settings.REQUEST_MAX_BYTES_PUBLIC = 100
    response = client.post("/api/v1/activities", data="x" * 500, content_type="application/json")
    assert_problem(response, 413)


def test_a_server_error_is_a_500_problem_without_a_trace(client, monkeypatch):
    from lofte.api import reads

    def broken():
        raise RuntimeError("secret internals")

    monkeypatch.setattr(reads, "municipalities", broken)
    body = assert_problem(client.get("/api/v1/municipalities"), 500)
    assert "secret internals" not in json.dumps(body)


def test_a_busy_database_is_a_503_problem_with_retry_after(client, monkeypatch):
    from django.db import OperationalError

    from lofte.api import reads

    def busy():
        raise OperationalError("database is locked")

    monkeypatch.setattr(reads, "municipalities", busy)
    response = client.get("/api/v1/municipalities")
    assert_problem(response, 503)
    assert response["Retry-After"] == "5"


def test_reads_carry_an_etag_and_answer_304_to_it(client):
    build_world()
    first = client.get("/api/v1/commitments")
    assert first.status_code == 200
    assert first["ETag"]
    assert "public" in first["Cache-Control"]
    again = client.get("/api/v1/commitments", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""


def test_a_change_makes_a_new_etag(client):
    world = build_world()
    first = client.get("/api/v1/promise-sets")
    world["published"].title = "Ny rubrik"
    world["published"].save()
    second = client.get("/api/v1/promise-sets", HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.status_code == 200
    assert second["ETag"] != first["ETag"]


def test_reads_allow_any_origin_without_credentials(client):
    response = client.get("/api/v1/municipalities", HTTP_ORIGIN="https://forskare.example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    assert "ETag" in response["Access-Control-Expose-Headers"]


def test_a_preflight_offers_reads_only(client):
    response = client.options(
        "/api/v1/municipalities", HTTP_ORIGIN="https://forskare.example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert set(response["Access-Control-Allow-Methods"].replace(" ", "").split(",")) == {"GET", "HEAD", "OPTIONS"}


def test_pages_outside_the_api_get_no_cors(client):
    response = client.get("/sa-raknar-vi/", HTTP_ORIGIN="https://forskare.example.org")
    assert "Access-Control-Allow-Origin" not in response


def test_head_answers_like_get_without_a_body(client):
    build_world()
    get = client.get("/api/v1/promise-sets")
    head = client.head("/api/v1/promise-sets")
    assert head.status_code == 200
    assert head.content == b""
    assert head["ETag"] == get["ETag"]


def test_too_many_requests_get_429_with_retry_after(client, settings):
    settings.API_RATE_LIMIT = 3
    settings.API_RATE_WINDOW = 60
    for _ in range(3):
        assert client.get("/api/v1/activity-types").status_code == 200
    response = client.get("/api/v1/activity-types")
    body = assert_problem(response, 429)
    assert 1 <= int(response["Retry-After"]) <= 61
    assert "3 anrop per 60 sekunder" in body["detail"]
    # Other clients are counted on their own.
    assert client.get("/api/v1/activity-types", REMOTE_ADDR="10.0.0.9").status_code == 200


def test_the_rate_limit_leaves_the_site_alone(client, settings):
    settings.API_RATE_LIMIT = 1
    client.get("/api/v1/activity-types")
    assert client.get("/sa-raknar-vi/").status_code == 200
