"""The demo's follow-up report and a commitment page with effects: no axe violations, they fit a
phone, and the charts are styled under the strict CSP."""

import pytest

from lofte.demo.loader import load_demo
from tests.browser.helpers import PHONE, axe_violations, horizontal_overflow

pytestmark = pytest.mark.django_db(transaction=True)
REPORT = "/strangnas/uppfoljning/2022-2023-2024-01-31/"
PATHS = [REPORT, "/strangnas/uppfoljning/", "/strangnas/2022-2023/2/"]


@pytest.fixture
def demo():
    return load_demo()


@pytest.mark.parametrize("path", PATHS)
def test_the_report_pages_have_no_axe_violations_and_fit_a_phone(live_server, page, axe_source, demo, path):
    response = page.goto(live_server.url + path)
    assert response.status == 200
    assert axe_violations(page, axe_source) == []
    page.set_viewport_size({"width": 320, "height": 640})
    assert horizontal_overflow(page) <= 0


def test_the_report_charts_are_styled_under_the_strict_csp(live_server, browser, demo):
    context = browser.new_context(locale="sv-SE", viewport=PHONE)
    strict = context.new_page()
    strict.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => "
        "{ window.__violations = (window.__violations || []).concat([e.violatedDirective]); });"
    )
    response = strict.goto(live_server.url + REPORT)
    assert response.status == 200
    assert strict.evaluate("window.__violations || []") == []
    stroke = strict.evaluate("getComputedStyle(document.querySelector('svg.chart .serie-0 .line')).stroke")
    assert stroke == "rgb(11, 79, 156)"
    context.close()


def test_a_redaktor_uses_the_report_and_indicator_pages_on_a_phone(live_server, browser, axe_source, demo):
    from django.urls import reverse

    from lofte.core.models import Membership, Organisation
    from lofte.promises.models import Commitment
    from lofte.reports.models import FollowUpReport
    from tests import factories
    from tests.browser.helpers import log_in, phone_page

    town = Organisation.objects.get(name="Strängnäs kommun")
    factories.user("redaktor", town, role=Membership.Role.EDITOR, password="korrekt-hast-batteri")
    report = FollowUpReport.objects.get()
    commitment = Commitment.objects.get(promise_set=report.promise_set, number=2)
    context, page = phone_page(browser)
    log_in(page, live_server.url, "redaktor", "korrekt-hast-batteri")
    for path in (reverse("staff:reports"), reverse("staff:report", args=[report.pk]),
                 reverse("staff:commitment", args=[commitment.pk])):
        response = page.goto(live_server.url + path)
        assert response.status == 200
        assert axe_violations(page, axe_source) == [], path
        wide = page.evaluate("[...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1).slice(0, 8).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right) + ' ' + e.textContent.slice(0, 60))")
        assert horizontal_overflow(page) <= 0, (path, wide)
    context.close()
