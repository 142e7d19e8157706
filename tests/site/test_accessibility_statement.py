import pytest

from tests.site.helpers import assert_accessible_page, assert_public_headers

pytestmark = pytest.mark.django_db


def test_it_publishes_an_accessibility_statement_per_the_dos_law(client):
    response = client.get("/tillganglighet/")
    assert response.status_code == 200
    assert_accessible_page(response)
    content = response.content.decode()
    for expected in ["Tillgänglighetsredogörelse", "2018:1937", "WCAG 2.1", "Kända brister",
                     "Rapportera brister", "https://www.digg.se/tdosanmalan"]:
        assert expected in content, expected


def test_it_offers_an_email_address_for_reporting_problems_when_configured(client, settings):
    settings.ACCESSIBILITY_CONTACT_EMAIL = "tillganglighet@strangnas.se"
    response = client.get("/tillganglighet/")
    assert_accessible_page(response)
    assert 'href="mailto:tillganglighet@strangnas.se?subject=Tillg%C3%A4nglighetsproblem"' in response.content.decode()


def test_it_sends_security_and_cache_headers(client):
    assert_public_headers(client.get("/tillganglighet/"))
