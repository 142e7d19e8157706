from datetime import date

import pytest

from lofte.promises.models import PromiseSet
from lofte.site import pages
from tests import factories
from tests.site.helpers import (
    assert_accessible_page, assert_public_headers, many_municipalities, query_count, strangnas_set,
)

pytestmark = pytest.mark.django_db


def test_it_lists_published_sets_newest_first_with_a_status_summary(client):
    kommun, ps, commitments, areas = strangnas_set(2022, 2023)
    older = factories.promise_set(kommun, 2021, title="Medborgarlöfte för 2021")
    factories.commitment(older, targets=[{"count": 2, "unit": "föräldraträffar", "activity_type": "parent_meeting"}])
    factories.activity(commitments[0], on=date(2022, 3, 1), count=4)
    response = client.get("/strangnas/")
    assert response.status_code == 200
    assert_accessible_page(response)
    content = response.content.decode()
    assert content.index("Medborgarlöfte 2022–2023") < content.index("Medborgarlöfte för 2021")
    assert 'href="/strangnas/2022-2023/"' in content and 'href="/strangnas/2021/"' in content
    # 2022–2023: one commitment achieved, one missed; 2021: one missed.
    summary = pages.municipality_page(kommun, date(2026, 1, 1)).sets
    assert [(s.promise_set.period, [(st.label, n) for st, n in s.summary]) for s in summary] == [
        ("2022-2023", [("Uppfyllt", 1), ("Ej uppfyllt", 1)]),
        ("2021", [("Ej uppfyllt", 1)]),
    ]
    assert "Uppfyllt" in content and "Ej uppfyllt" in content


def test_it_shows_a_clear_empty_state_without_published_sets(client):
    factories.municipality(code="0484", name="Eskilstuna")
    response = client.get("/eskilstuna/")
    assert response.status_code == 200
    assert_accessible_page(response)
    assert "Inga publicerade medborgarlöften ännu" in response.content.decode()


def test_it_never_shows_a_draft_set(client):
    kommun, ps, commitments, areas = strangnas_set()
    draft = factories.promise_set(kommun, 2024, status=PromiseSet.Status.DRAFT, title="Hemligt utkast 2024")
    factories.commitment(draft, text="Hemlig text i ett utkast.")
    content = client.get("/strangnas/").content.decode()
    assert "Hemligt utkast 2024" not in content
    assert "/strangnas/2024/" not in content


def test_it_returns_404_for_an_unknown_municipality(client):
    response = client.get("/finns-inte/")
    assert response.status_code == 404
    assert_accessible_page(response)
    assert "Sidan finns inte" in response.content.decode()


def test_its_query_count_does_not_grow_with_sets_activities_or_other_municipalities(client):
    kommun, ps, commitments, areas = strangnas_set()
    small = query_count(client, "/strangnas/")
    for year in (2019, 2020, 2021):
        other = factories.promise_set(kommun, year)
        for n in range(1, 4):
            c = factories.commitment(other, number=n, targets=[{"count": 3, "unit": "möten"}])
            for month in range(1, 6):
                factories.activity(c, on=date(year, month, 1), area=areas[month - 1])
    many_municipalities(5)
    assert query_count(client, "/strangnas/") == small


def test_it_sends_security_and_cache_headers(client):
    strangnas_set()
    assert_public_headers(client.get("/strangnas/"))


def test_it_answers_a_conditional_get_with_304(client):
    strangnas_set()
    first = client.get("/strangnas/")
    again = client.get("/strangnas/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again["Cache-Control"] == first["Cache-Control"]


def test_its_etag_changes_when_an_activity_is_recorded(client):
    kommun, ps, commitments, areas = strangnas_set()
    etag = client.get("/strangnas/")["ETag"]
    factories.activity(commitments[0])
    changed = client.get("/strangnas/", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_its_etag_changes_with_the_date(client, monkeypatch):
    strangnas_set()
    etag = client.get("/strangnas/")["ETag"]
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **kw: date(2030, 1, 1))
    assert client.get("/strangnas/")["ETag"] != etag


def test_its_etag_changes_when_demo_data_is_loaded(client):
    kommun, ps, commitments, areas = strangnas_set()
    etag = client.get("/strangnas/")["ETag"]
    factories.activity(commitments[0], is_demo=True)
    response = client.get("/strangnas/")
    assert response["ETag"] != etag
    assert "Demo: registrerade insatser är påhittade exempel" in response.content.decode()


def test_it_answers_if_modified_since_with_304_until_the_data_changes(client):
    kommun, ps, commitments, areas = strangnas_set()
    last_modified = client.get("/strangnas/")["Last-Modified"]
    assert client.get("/strangnas/", HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304


def test_pages_of_one_municipality_have_different_etags(client):
    strangnas_set()
    etags = {client.get(url)["ETag"] for url in ["/strangnas/", "/strangnas/2022/", "/strangnas/2022/1/"]}
    assert len(etags) == 3
