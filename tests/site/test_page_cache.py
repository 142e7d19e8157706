"""The public pages' own cache (lofte.site.pagecache): rendered once per version of the data they
show, a change invalidating exactly the pages it affects, never for staff or forms."""

from datetime import date

import pytest

from tests import factories
from tests.site.helpers import query_count, strangnas_set

pytestmark = pytest.mark.django_db


def other_municipality():
    kommun = factories.municipality(code="0484", name="Eskilstuna")
    ps = factories.promise_set(kommun, 2022)
    factories.commitment(ps, targets=[{"count": 2, "unit": "dialogmöten", "activity_type": "dialogue_meeting"}])
    return kommun


def test_a_page_is_rendered_once_then_served_from_the_cache(client):
    strangnas_set()
    first = client.get("/strangnas/2022/")
    assert first["X-Page-Cache"] == "miss"
    second = client.get("/strangnas/2022/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    # The municipality (its version, for the ETag) and the demo flag; the page itself is cached.
    assert query_count(client, "/strangnas/2022/") == 2


def test_a_change_in_one_municipality_renders_its_pages_again_and_keeps_the_others(client):
    kommun, ps, commitments, _areas = strangnas_set()
    other_municipality()
    pages_a = ["/strangnas/", "/strangnas/2022/", "/strangnas/2022/1/"]
    pages_b = ["/eskilstuna/", "/eskilstuna/2022/", "/eskilstuna/2022/1/"]
    before = {url: client.get(url) for url in pages_a + pages_b}

    factories.activity(commitments[0], type="safety_walk", on=date(2022, 3, 1))

    for url in pages_a:
        after = client.get(url)
        assert after["X-Page-Cache"] == "miss", url
        assert after["ETag"] != before[url]["ETag"], url
    for url in pages_b:
        after = client.get(url)
        assert after["X-Page-Cache"] == "hit", url
        assert after["ETag"] == before[url]["ETag"], url
    # The index shows every municipality: it changes with any of them.
    index = client.get("/")
    assert client.get("/")["X-Page-Cache"] == "hit"
    factories.activity(commitments[0], type="safety_walk", on=date(2022, 4, 1))
    assert client.get("/")["ETag"] != index["ETag"]


def test_the_changed_page_shows_the_change(client):
    kommun, ps, commitments, _areas = strangnas_set()
    client.get("/strangnas/2022/1/")
    commitments[0].text = "Polisen lovar något helt nytt."
    commitments[0].save()
    assert "Polisen lovar något helt nytt." in client.get("/strangnas/2022/1/").content.decode()


def test_status_is_rendered_again_the_next_day(client, monkeypatch):
    from django.utils import timezone

    strangnas_set()
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date(2022, 6, 1))
    first = client.get("/strangnas/2022/")
    assert client.get("/strangnas/2022/")["X-Page-Cache"] == "hit"
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date(2022, 6, 2))
    second = client.get("/strangnas/2022/")
    assert second["X-Page-Cache"] == "miss"
    assert second["ETag"] != first["ETag"]


def test_anonymous_pages_are_public_and_answer_304(client, settings):
    settings.PUBLIC_CACHE_SECONDS = 120
    strangnas_set()
    response = client.get("/strangnas/2022/")
    assert "public" in response["Cache-Control"] and "max-age=120" in response["Cache-Control"]
    assert response["Last-Modified"]
    again = client.get("/strangnas/2022/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    since = client.get("/strangnas/2022/", HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert since.status_code == 304


def test_logged_in_staff_get_a_private_page_rendered_for_them(client):
    kommun, *_ = strangnas_set()
    client.get("/strangnas/2022/")  # cached for everyone else
    user = factories.user(organisation_=factories.organisation(kommun, "police", name="Polisen i Strängnäs"))
    client.force_login(user)
    response = client.get("/strangnas/2022/")
    assert response.status_code == 200
    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]


def test_a_made_up_session_cookie_gets_the_cached_page(client):
    strangnas_set()
    client.get("/strangnas/2022/")
    client.cookies["sessionid"] = "not-a-session"
    response = client.get("/strangnas/2022/")
    assert response["X-Page-Cache"] == "hit"
    assert "public" in response["Cache-Control"]


def test_searches_and_filters_are_not_stored(client):
    strangnas_set()
    client.get("/?q=str")
    assert "X-Page-Cache" not in client.get("/?q=str")


def test_the_citizen_form_is_never_cached(client):
    kommun, *_ = strangnas_set()
    factories.user(organisation_=factories.organisation(kommun, "municipality", name="Kommunen"),
                   username="red", role="editor")
    first = client.get("/strangnas/synpunkter/")
    second = client.get("/strangnas/synpunkter/")
    assert "X-Page-Cache" not in second
    assert "no-cache" in second["Cache-Control"] or "max-age=0" in second["Cache-Control"]
    assert first.status_code == second.status_code == 200


def test_pages_that_set_a_cookie_or_use_the_csrf_token_are_not_stored(rf):
    from django.http import HttpResponse
    from django.middleware.csrf import get_token

    from lofte.site.pagecache import cached_page

    calls = []

    def view(request):
        calls.append(1)
        response = HttpResponse("x")
        if request.path == "/token/":
            get_token(request)
        else:
            response.set_cookie("a", "b")
        return response

    cached = cached_page(lambda request: "fixed-etag")(view)
    for path in ("/token/", "/cookie/"):
        calls.clear()
        cached(rf.get(path))
        cached(rf.get(path))
        assert len(calls) == 2, path


def test_the_page_cache_can_be_switched_off(client, settings):
    settings.PAGE_CACHE = False
    strangnas_set()
    client.get("/strangnas/2022/")
    assert "X-Page-Cache" not in client.get("/strangnas/2022/")


def _redis_listening() -> bool:
    import socket

    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.2).close()
        return True
    except OSError:
        return False


@pytest.mark.skipif(not _redis_listening(), reason="no Redis on 127.0.0.1:6379")
def test_the_shared_cache_can_be_redis(client, settings):
    """What several app servers share (REDIS_URL): Django's own Redis backend, database 15."""
    from django.core.cache import caches

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                   "LOCATION": "redis://127.0.0.1:6379/15", "KEY_PREFIX": "lofte-test"}}
    caches["default"].clear()
    kommun, ps, commitments, _areas = strangnas_set()
    other_municipality()
    for url in ("/strangnas/2022/", "/eskilstuna/2022/"):
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit"
    factories.activity(commitments[0], type="safety_walk", on=date(2022, 3, 1))
    assert client.get("/strangnas/2022/")["X-Page-Cache"] == "miss"
    assert client.get("/eskilstuna/2022/")["X-Page-Cache"] == "hit"
    caches["default"].clear()
