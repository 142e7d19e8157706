"""What every public page shares: the layout, the demo banner, the 404 page, security headers."""

from datetime import date

import pytest
from django.template.loader import render_to_string

from tests import factories
from tests.site.helpers import NS, assert_accessible_page, parse, strangnas_set, text_of

pytestmark = pytest.mark.django_db

PAGES = ["/", "/?q=str", "/strangnas/", "/strangnas/2022/", "/strangnas/2022/1/", "/sa-raknar-vi/", "/tillganglighet/"]


@pytest.fixture
def site():
    kommun, ps, commitments, areas = strangnas_set(2022, 2022)
    factories.activity(commitments[0], on=date(2022, 2, 2), area=areas[0], note="En vandring & ett möte <i>")
    return kommun


def test_every_page_is_valid_html_with_a_skip_link_and_landmarks(client, site):
    for url in PAGES:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_accessible_page(response)


def test_every_page_links_the_footer_pages(client, site):
    for url in PAGES:
        doc = parse(client.get(url).content)
        footer = doc.find(f".//{NS}footer")
        assert {a.get("href") for a in footer.iter(f"{NS}a")} >= {"/sa-raknar-vi/", "/tillganglighet/", "/personal/"}


def test_every_page_sends_the_security_headers(client, site):
    for url in PAGES + ["/finns-inte/", "/strangnas/1999/"]:
        response = client.get(url)
        csp = response["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "style-src 'self'" in csp, url
        assert "unsafe-inline" not in csp, url
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert response["Referrer-Policy"] == "same-origin", url


def test_every_page_shows_the_demo_banner_while_demo_data_is_loaded(client, site):
    for url in PAGES:
        assert "Demo: registrerade insatser är påhittade exempel" not in client.get(url).content.decode()
    commitment = site.promise_sets.get().commitments.get(number=1)
    factories.activity(commitment, is_demo=True)
    for url in PAGES + ["/finns-inte/"]:
        assert "Demo: registrerade insatser är påhittade exempel" in client.get(url).content.decode(), url


def test_pages_do_not_touch_the_session_so_proxies_can_cache_them(client, site):
    for url in PAGES:
        response = client.get(url)
        assert "Cookie" not in response.get("Vary", ""), url
        assert not response.cookies, url


def test_the_404_page_is_friendly_and_in_swedish(client, site):
    response = client.get("/strangnas/2022/99/")
    assert response.status_code == 404
    doc = assert_accessible_page(response)
    assert text_of(doc.find(f".//{NS}h1")) == "Sidan finns inte"


def test_the_500_page_renders_without_a_request_or_database():
    html = render_to_string("500.html")
    doc = parse(html)
    assert doc.get("lang") == "sv"
    assert "Något gick fel" in html


def test_only_safe_methods_are_allowed(client, site):
    for url in PAGES:
        assert client.post(url).status_code == 405, url
        assert client.head(url).status_code == 200, url
