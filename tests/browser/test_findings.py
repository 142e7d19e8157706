"""The findings pages in headless Chromium: axe finds no violations, the map is drawn under the
strict CSP from the JSON endpoint, and without JavaScript the list and table remain the page."""

import pytest
from django.urls import reverse

from lofte.activities.models import Activity
from lofte.demo.loader import DEMO_USERNAME, load_demo
from lofte.walks.models import Finding
from tests.browser.helpers import axe_violations, horizontal_overflow

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo():
    return load_demo()


def demo_walk():
    return Activity.objects.filter(findings__isnull=False).distinct().order_by("date").first()


def offline(page):
    # No tile server in tests: the map must work (markers, attribution) without tiles.
    page.route("https://tile.openstreetmap.org/**", lambda route: route.abort())


def test_the_walk_protocol_page_has_no_axe_violations_and_fits_320_px(live_server, page, axe_source, demo):
    offline(page)
    walk = demo_walk()
    response = page.goto(f"{live_server.url}/strangnas/fynd/vandring/{walk.pk}/")
    assert response.status == 200
    assert axe_violations(page, axe_source) == []
    page.set_viewport_size({"width": 320, "height": 640})
    assert horizontal_overflow(page) <= 0


def test_the_map_draws_every_finding_under_the_strict_csp(live_server, browser, demo):
    context = browser.new_context(locale="sv-SE")  # no bypass_csp: the real policy applies
    page = context.new_page()
    offline(page)
    violations = []
    page.on("console", lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None)
    page.goto(f"{live_server.url}/strangnas/fynd/")
    page.wait_for_selector("#karta:not([hidden]) .leaflet-interactive")
    markers = page.locator("#karta .leaflet-interactive").count()
    assert markers == Finding.objects.published().exclude(latitude=None).count()
    assert "OpenStreetMap" in page.inner_text("#karta .leaflet-control-attribution")
    page.locator("#karta .leaflet-interactive").first.click()
    assert page.locator(".leaflet-popup-content a[href^='#fynd-']").count() == 1
    assert violations == []
    context.close()


def test_the_map_page_with_the_map_shown_has_no_axe_violations(live_server, page, axe_source, demo):
    offline(page)
    page.goto(f"{live_server.url}/strangnas/fynd/")
    page.wait_for_selector("#karta:not([hidden]) .leaflet-interactive")
    assert axe_violations(page, axe_source) == []


def test_without_javascript_the_list_and_table_are_the_page(live_server, browser, demo):
    context = browser.new_context(locale="sv-SE", java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/strangnas/fynd/")
    assert not page.locator("#karta").is_visible()
    rows = page.locator("table.findings-table tbody tr").count()
    assert rows == Finding.objects.published().count()
    page.select_option("#f-status", "atgardade")
    with page.expect_navigation():
        page.click("form.findings-filter button[type=submit]")
    assert "status=atgardade" in page.url
    assert page.locator("table.findings-table tbody tr").count() == Finding.objects.filter(status="fixed").count()
    context.close()


def test_the_staff_finding_form_has_no_axe_violations_and_fits_a_phone(live_server, browser, axe_source, demo):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="sv-SE", bypass_csp=True)
    page = context.new_page()
    offline(page)
    page.goto(live_server.url + reverse("staff:login"))
    page.fill("#id_username", DEMO_USERNAME)
    page.fill("#id_password", demo.password)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    walk = demo_walk()
    for path in (reverse("staff:findings"), reverse("staff:walk_findings", args=[walk.pk]),
                 reverse("staff:finding_create", args=[walk.pk])):
        response = page.goto(live_server.url + path)
        assert response.status == 200, page.inner_text("main")
        assert axe_violations(page, axe_source) == [], path
        assert horizontal_overflow(page) <= 0
    # Picking a point on the map fills in the coordinates.
    page.wait_for_selector("#pick-map:not([hidden])")
    page.click("#pick-map", position={"x": 150, "y": 120})
    assert page.input_value("#id_latitude") and page.input_value("#id_longitude")
    context.close()
