"""Cursor pagination: a stable order, an opaque cursor with a next link, nothing skipped or repeated
when rows are added or removed between pages."""

from __future__ import annotations

import pytest

from lofte.api.pagination import decode_cursor, encode_cursor
from tests import factories
from tests.api.helpers import items

pytestmark = pytest.mark.django_db


def make_municipalities(n):
    return [factories.municipality(f"{9000 + i}", f"Kommun {i:02}", county="Testlän", county_code="99")
            for i in range(n)]


def test_pages_follow_next_until_it_is_null(client):
    make_municipalities(7)
    first = client.get("/api/v1/municipalities", {"limit": 3}).json()
    assert len(first["items"]) == 3
    assert first["next"].startswith("http://testserver/api/v1/municipalities?")
    assert "limit=3" in first["next"]
    codes = [m["code"] for m in items(client, "/api/v1/municipalities", limit=3)]
    assert codes == sorted(codes, key=int) and len(codes) == 7


def test_the_next_link_keeps_the_filters(client):
    make_municipalities(4)
    factories.municipality("0180", "Stockholm", county="Stockholms län", county_code="01")
    codes = [m["code"] for m in items(client, "/api/v1/municipalities", county="99", limit=1)]
    assert len(codes) == 4 and "0180" not in codes


def test_rows_added_or_removed_between_pages_are_neither_skipped_nor_repeated(client):
    created = make_municipalities(6)
    first = client.get("/api/v1/municipalities", {"limit": 3}).json()
    seen = [m["code"] for m in first["items"]]
    # One already seen and one not yet seen are deleted; a new one is added.
    created[0].delete()
    created[4].delete()
    factories.municipality("9999", "Ny kommun", county="Testlän", county_code="99")
    rest = client.get(first["next"]).json()
    later = [m["code"] for m in rest["items"]]
    assert not set(seen) & set(later)
    assert later == ["9003", "9005", "9999"]


def test_the_cursor_is_opaque_and_checked(client):
    assert decode_cursor(encode_cursor(41)) == 41
    assert "41" not in encode_cursor(41)
    for bad in ("x", "eyJhZnRlciI6LTF9", "bnVsbA", encode_cursor(3)[:-2] + "!!"):
        response = client.get("/api/v1/municipalities", {"cursor": bad})
        assert response.status_code == 400, bad
        assert response["Content-Type"].startswith("application/problem+json")
        assert "cursor" in response.json()["detail"]


def test_a_status_filter_fills_pages_across_batches(client):
    kommun = factories.municipality()
    police = factories.organisation(kommun)
    ended = factories.promise_set(kommun, 2020)
    for number in range(1, 8):
        factories.commitment(ended, number, parties=[police],
                             targets=[{"count": 2, "unit": "vandringar", "activity_type": "safety_walk"}])
    factories.commitment(ended, 8, "Ett löfte utan mål.", parties=[police])
    missed = items(client, "/api/v1/commitments", status="missed", limit=2)
    assert [c["number"] for c in missed] == list(range(1, 8))
    assert [c["number"] for c in items(client, "/api/v1/commitments", status="no_verdict", limit=2)] == [8]
