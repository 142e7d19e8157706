"""End to end in real Chromium: a coordinator writes a follow-up report of an ended set, sends it
for approval and approves it for the municipality; the police's redaktör approves it, which
publishes it; the public report page shows it and its PDF downloads."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lofte.core.models import Membership, Organisation
from lofte.demo.loader import COORDINATOR_USERNAME, load_demo
from lofte.reports.models import FollowUpReport
from tests import factories
from tests.browser.helpers import log_in, phone_page

pytestmark = pytest.mark.django_db(transaction=True)
INTRODUCTION = "Så här gick arbetet med löftena 2022–2023, ett halvår efter periodens slut."


@pytest.fixture
def demo():
    return load_demo()


def approve(page, base_url: str, report: FollowUpReport) -> None:
    page.goto(base_url + reverse("staff:report", args=[report.pk]))
    with page.expect_navigation():
        page.click("form[action$='/godkann/'] button[type=submit]")


def test_a_coordinator_gets_a_follow_up_report_approved_published_and_downloads_its_pdf(live_server, browser,
                                                                                          demo):
    police = Organisation.objects.get(kind="police", municipalities__code="0486")
    factories.user("polisredaktor", police, role=Membership.Role.EDITOR, password=demo.password,
                   full_name="Petra Polis")
    context, page = phone_page(browser, viewport={"width": 1366, "height": 900}, has_touch=False)
    log_in(page, live_server.url, COORDINATOR_USERNAME, demo.password)
    page.goto(live_server.url + reverse("staff:reports"))
    page.select_option("#id_promise_set", index=_option_of(page, "2022"))
    page.fill("#id_as_of", "2024-06-30")
    with page.expect_navigation():
        page.click("form:has(#id_as_of) button[type=submit]")
    report = FollowUpReport.objects.get(as_of="2024-06-30")
    page.fill("#id_introduction", INTRODUCTION)
    page.fill("#id_conclusions", "Tryggheten ökade inte mätbart, men fler invånare deltog.")
    with page.expect_navigation():
        page.click("form:has(#id_introduction) button[type=submit]")
    with page.expect_navigation():
        page.click("form[action$='/skicka/'] button[type=submit]")
    approve(page, live_server.url, report)
    report.refresh_from_db()
    assert report.status == FollowUpReport.Status.READY and report.approvals.count() == 1
    context.close()

    context, page = phone_page(browser)
    log_in(page, live_server.url, "polisredaktor", demo.password)
    approve(page, live_server.url, report)
    report.refresh_from_db()
    assert report.is_published and report.snapshot
    context.close()

    context = browser.new_context(locale="sv-SE", accept_downloads=True)
    page = context.new_page()
    page.goto(live_server.url + "/strangnas/uppfoljning/")
    with page.expect_navigation():
        page.click(f"main a[href='{report.get_absolute_url()}']")
    assert INTRODUCTION in page.inner_text("main")
    response = page.request.get(live_server.url + report.pdf_url())
    assert response.ok and response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
    assert page.locator(f"a[href='{report.pdf_url()}']").count() >= 1
    context.close()


def _option_of(page, years: str) -> int:
    """The index of the municipality-wide set of `years` among the form's choices."""
    labels = page.locator("#id_promise_set option").all_inner_texts()
    return next(i for i, text in enumerate(labels) if years in text and "Strängnäs" in text and "Mariefred" not in text)
