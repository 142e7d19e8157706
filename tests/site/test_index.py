import pytest

from lofte.core.reference import load_municipalities
from lofte.promises.models import PromiseSet
from lofte.site import pages
from tests import factories
from tests.site.helpers import (
    NS, assert_accessible_page, assert_public_headers, many_municipalities, query_count, strangnas_set, text_of,
)

pytestmark = pytest.mark.django_db


def test_it_lists_all_290_municipalities_grouped_by_county(client):
    load_municipalities()
    response = client.get("/")
    assert response.status_code == 200
    doc = assert_accessible_page(response)
    section = next(s for s in doc.iter(f"{NS}section") if s.get("aria-labelledby") == "alla-kommuner")
    links = list(section.iter(f"{NS}a"))
    assert len({a.get("href") for a in links}) == 290
    counties = [text_of(h) for h in doc.iter(f"{NS}h3") if "county" in h.get("class", "")]
    assert len(counties) == 21
    assert "Södermanlands län" in counties and "Stockholms län" in counties
    assert counties == sorted(counties, key=pages.sv_sort_key)


def test_it_puts_municipalities_with_published_promises_first(client):
    load_municipalities()
    strangnas_set()
    content = client.get("/").content.decode()
    featured = content.index("Kommuner med publicerade medborgarlöften")
    assert featured < content.index('href="/strangnas/"') < content.index("Visa alla 290 kommuner per län")


def test_it_finds_a_municipality_without_case_or_diacritics(client):
    load_municipalities()
    for query in ["strang", "STRÄNG", "Strängnäs", " strangnas "]:
        page = pages.index_page(query)
        assert [m.name for m in page.with_promises + [m for c in page.counties for m in c.municipalities]] == ["Strängnäs"]
    response = client.get("/", {"q": "strang"})
    assert 'href="/strangnas/"' in response.content.decode()
    assert 'href="/eskilstuna/"' not in response.content.decode()
    assert_accessible_page(response)


def test_it_finds_the_municipalities_of_a_county(client):
    load_municipalities()
    page = pages.index_page("sodermanland")
    assert page.shown == 9
    assert {c.name for c in page.counties} == {"Södermanlands län"}


def test_it_sorts_municipalities_in_swedish_alphabetical_order():
    load_municipalities()
    skane = next(c for c in pages.index_page("").counties if c.name == "Skåne län")
    names = [m.name for m in skane.municipalities]
    # Å before Ä before Ö, all after Z: code-point order would put Ängelholm before Åstorp.
    assert names[-3:] == ["Åstorp", "Ängelholm", "Örkelljunga"] or names.index("Åstorp") < names.index("Ängelholm")


def test_it_says_so_when_nothing_matches(client):
    load_municipalities()
    response = client.get("/", {"q": "xyzzy"})
    assert "Ingen kommun eller inget län matchar" in response.content.decode()
    assert_accessible_page(response)


def test_it_never_features_a_municipality_whose_only_set_is_a_draft(client):
    kommun = factories.municipality()
    factories.promise_set(kommun, 2024, status=PromiseSet.Status.DRAFT, title="Hemligt utkast")
    page = pages.index_page("")
    assert page.with_promises == []
    content = client.get("/").content.decode()
    assert "Hemligt utkast" not in content
    assert "har löften" not in content


def test_its_query_count_does_not_grow_with_the_number_of_municipalities(client):
    strangnas_set()
    small = query_count(client, "/")
    many_municipalities(30)
    assert query_count(client, "/") == small
    assert query_count(client, "/?q=test") == small


def test_it_sends_security_and_cache_headers(client):
    assert_public_headers(client.get("/"))


def test_it_answers_a_conditional_get_with_304(client):
    strangnas_set()
    etag = client.get("/")["ETag"]
    assert client.get("/", HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_its_etag_changes_when_any_municipality_changes(client):
    kommun, ps, commitments, areas = strangnas_set()
    etag = client.get("/")["ETag"]
    factories.activity(commitments[0])
    assert client.get("/")["ETag"] != etag


def test_it_only_accepts_safe_methods(client):
    assert client.post("/").status_code == 405


def test_the_other_municipalities_wait_behind_a_disclosure_that_a_search_opens(client):
    """Regression: on a phone / was 290 municipalities in one 10,000 px column."""
    load_municipalities()
    strangnas_set()
    content = client.get("/").content.decode()
    assert '<details class="all-municipalities">' in content
    assert content.index('id="q"') < content.index("Kommuner med publicerade medborgarlöften")
    assert '<details class="all-municipalities" open>' in client.get("/?q=sk").content.decode()
