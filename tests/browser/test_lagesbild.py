"""The lägesbild in real Chromium under the strict CSP: the inline SVG charts are styled by the
static stylesheet, nothing is refused by the policy, and the page fits a phone."""

import pytest

from lofte.demo.loader import load_demo
from tests.browser.helpers import PHONE, horizontal_overflow

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def strict_page(browser):
    # No bypass_csp: the page runs under the policy it is served with.
    context = browser.new_context(locale="sv-SE", viewport=PHONE)
    page = context.new_page()
    yield page
    context.close()


def test_the_charts_are_styled_and_the_csp_refuses_nothing(live_server, strict_page):
    load_demo()
    violations, errors = [], []
    strict_page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    strict_page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => "
        "{ window.__violations = (window.__violations || []).concat([e.violatedDirective]); });"
    )
    response = strict_page.goto(live_server.url + "/strangnas/lagesbild/")
    assert response.status == 200
    assert "style-src 'self'" in response.headers["content-security-policy"]
    violations = strict_page.evaluate("window.__violations || []")
    assert violations == []
    assert not [e for e in errors if "Content Security Policy" in e]
    stroke = strict_page.evaluate(
        "getComputedStyle(document.querySelector('svg.chart .serie-0 .line')).stroke"
    )
    assert stroke == "rgb(11, 79, 156)"
    names = strict_page.evaluate(
        "[...document.querySelectorAll('svg.chart')].map(s => s.getAttribute('role') + ':' + "
        "document.getElementById(s.getAttribute('aria-labelledby').split(' ')[0]).textContent)"
    )
    assert "img:Anmälda våldsbrott, antal/100 000 inv" in names
    assert horizontal_overflow(strict_page) <= 0
