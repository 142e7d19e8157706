"""The page cache's fast path (lofte.site.fastpath): a stored public page is answered with no
database query, byte for byte as the full stack answered it, and never after a change."""

from datetime import date

import pytest
from django.test import Client

from lofte.core import generation
from tests import factories
from tests.site.helpers import strangnas_set

pytestmark = pytest.mark.django_db
PAGE = "/strangnas/2022/"


@pytest.fixture(autouse=True)
def fast_path(settings):
    settings.PAGE_CACHE_FAST_PATH = True


def test_a_stored_page_is_answered_without_a_query_with_the_same_bytes_and_headers(client,
                                                                                     django_assert_num_queries):
    strangnas_set()
    first = client.get(PAGE)
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        again = client.get(PAGE)
    assert again["X-Page-Cache"] == "fast"
    assert again.content == first.content
    for header in ("Content-Type", "ETag", "Last-Modified", "Cache-Control", "Content-Security-Policy"):
        assert again[header] == first[header], header
    with django_assert_num_queries(0):
        not_modified = client.get(PAGE, HTTP_IF_NONE_MATCH=first["ETag"])
    assert not_modified.status_code == 304 and not_modified["ETag"] == first["ETag"]


def test_any_change_is_shown_at_once(client, django_capture_on_commit_callbacks):
    kommun, ps, commitments, _areas = strangnas_set()
    client.get("/strangnas/2022/1/")
    assert client.get("/strangnas/2022/1/")["X-Page-Cache"] == "fast"
    with django_capture_on_commit_callbacks(execute=True):  # as the recording's transaction commits
        factories.activity(commitments[0], type="safety_walk", on=date(2022, 3, 1))
    after = client.get("/strangnas/2022/1/")
    assert after["X-Page-Cache"] != "fast"
    assert "2022-03-01" in after.content.decode() or "1 mars 2022" in after.content.decode()


def test_a_generation_is_bumped_only_when_the_change_commits(client, django_capture_on_commit_callbacks):
    before = generation.current()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        generation.bump()
    assert generation.current() == before
    for callback in callbacks:
        callback()
    assert generation.current() != before


def test_staff_a_query_string_and_a_bad_host_go_the_full_way(client):
    strangnas_set()
    client.get(PAGE)
    assert client.get(PAGE)["X-Page-Cache"] == "fast"
    assert client.get(PAGE + "?x=1").get("X-Page-Cache") != "fast"
    assert client.get(PAGE, HTTP_HOST="angripare.example").status_code == 400
    staff = Client()
    staff.force_login(factories.user("redaktor"))
    response = staff.get(PAGE)
    assert response.get("X-Page-Cache") != "fast" and "private" in response["Cache-Control"]
