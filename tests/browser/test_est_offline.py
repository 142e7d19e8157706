"""EST in headless Chromium: a rapportör invited by link files two reports with the phone offline;
when the connection returns, exactly two rows arrive (the queue in IndexedDB, idempotent by UUID)."""

import time

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from lofte.est import invitations
from lofte.est.models import Report
from tests.browser.helpers import axe_violations, horizontal_overflow, log_in, phone_page
from tests.est import helpers

pytestmark = pytest.mark.django_db(transaction=True)


def wait_for(condition, timeout=20.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.25)
    return condition()


def fill_report(page, category, area, text):
    page.select_option("#id_category", category)
    page.select_option("#id_area", label=area)
    page.fill("#id_text", text)
    page.click("form[data-est-queue] button[type=submit] >> nth=0")


def test_reports_filed_offline_arrive_once_when_the_connection_returns(live_server, browser):
    w = helpers.world()
    _invitation, token = invitations.invite_reporter(w["editor"], w["kommun"], organisation=w["housing"])
    context, page = phone_page(browser, bypass_csp=False)
    csp_errors = []
    page.on("console", lambda m: csp_errors.append(m.text) if "Content Security Policy" in m.text else None)
    page.route("https://tile.openstreetmap.org/**", lambda route: route.abort())
    page.goto(live_server.url + reverse("staff:est_invitation_accept") + "?t=" + token)
    page.fill("#id_first_name", "Fia")
    page.fill("#id_last_name", "Fastighet")
    page.fill("#id_username", "fia")
    page.fill("#id_password", "ett-langt-losenord-42")
    with page.expect_navigation():
        page.click("button[type=submit]")
    assert page.url.endswith(reverse("staff:est_report"))
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")

    context.set_offline(True)
    fill_report(page, "klotter", "Mariefred", "Tags på tunneln")
    expect(page.locator("#est-queue-status")).to_contain_text("1 rapport väntar")
    fill_report(page, "nedskrapning", "Läggesta", "Sopor vid stationen")
    expect(page.locator("#est-queue-status")).to_contain_text("2 rapporter väntar")
    assert Report.objects.count() == 0

    context.set_offline(False)
    assert wait_for(lambda: Report.objects.count() == 2)
    expect(page.locator("#est-queue-status")).to_contain_text("skickade", timeout=20000)
    # Another page load flushes the (now empty) queue again: still two.
    page.reload()
    time.sleep(1)
    assert Report.objects.count() == 2
    assert sorted(Report.objects.values_list("category", "area__name")) == [
        ("klotter", "Mariefred"), ("nedskrapning", "Läggesta")]
    assert all(r.reporter.username == "fia" for r in Report.objects.select_related("reporter"))
    assert csp_errors == []
    context.close()


def test_the_form_opens_from_the_service_workers_cache_without_a_connection(live_server, browser):
    w = helpers.world()
    context, page = phone_page(browser)
    page.route("https://tile.openstreetmap.org/**", lambda route: route.abort())
    log_in(page, live_server.url, "vaktmastare", "korrekt-hast-batteri")
    page.goto(live_server.url + reverse("staff:est_report"))
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()  # now controlled by the worker, which has kept the page
    context.set_offline(True)
    page.reload()
    assert page.locator("#id_category").count() == 1
    context.close()


def test_the_reporting_form_has_no_axe_violations_and_fits_a_phone(live_server, browser, axe_source):
    helpers.world()
    context, page = phone_page(browser)
    page.route("https://tile.openstreetmap.org/**", lambda route: route.abort())
    log_in(page, live_server.url, "vaktmastare", "korrekt-hast-batteri")
    page.goto(live_server.url + reverse("staff:est_report"))
    assert axe_violations(page, axe_source) == []
    assert horizontal_overflow(page) <= 0
    page.screenshot(path="/tmp/est-form-390.png", full_page=True)
    context.close()


def test_the_week_view_and_analysis_on_the_demo_have_no_axe_violations(live_server, browser, axe_source):
    from lofte.demo.loader import COORDINATOR_USERNAME, load_demo
    from lofte.demo.workspace import demo_password

    load_demo()
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE", bypass_csp=True)
    page = context.new_page()
    log_in(page, live_server.url, COORDINATOR_USERNAME, demo_password())
    page.goto(live_server.url + reverse("staff:est_week"))
    assert page.locator("svg.heatmap").count() == 1
    assert axe_violations(page, axe_source) == []
    page.screenshot(path="/tmp/est-week-1280.png", full_page=True)
    page.goto(live_server.url + reverse("staff:est_analysis"))
    assert axe_violations(page, axe_source) == []
    page.screenshot(path="/tmp/est-analysis-1280.png", full_page=True)
    page.goto(live_server.url + reverse("site:situation", kwargs={"kommun": "strangnas"}))
    assert page.locator("#tema-est").count() == 1
    assert axe_violations(page, axe_source) == []
    context.close()
