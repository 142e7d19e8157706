"""WCAG 2.1 AA on the national overview and the subscription pages: axe-core finds no violations,
they fit a 320 px screen, and the subscription works with the keyboard and without JavaScript."""

import re

import pytest
from django.core import mail

from lofte.demo.loader import load_demo
from lofte.subscriptions.models import Subscription
from tests.browser.helpers import axe_violations, horizontal_overflow

pytestmark = pytest.mark.django_db(transaction=True)

PATHS = ["/statistik/", "/strangnas/prenumerera/", "/strangnas/prenumerera/skickat/"]


@pytest.fixture
def demo():
    return load_demo()


@pytest.mark.parametrize("path", PATHS)
def test_the_pages_have_no_axe_violations(live_server, page, axe_source, demo, path):
    response = page.goto(live_server.url + path)
    assert response.status == 200
    assert axe_violations(page, axe_source) == []


@pytest.mark.parametrize("path", PATHS)
def test_the_pages_fit_a_320_px_screen(live_server, page, demo, path):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(live_server.url + path)
    assert horizontal_overflow(page) <= 0


def test_subscribing_from_the_set_page_with_the_keyboard(live_server, browser, demo, settings):
    settings.SITE_URL = live_server.url
    context = browser.new_context(java_script_enabled=False, locale="sv-SE")
    try:
        page = context.new_page()
        page.goto(live_server.url + "/strangnas/2022-2023/")
        page.focus("#prenumerera-epost")
        page.keyboard.type("anna@example.se")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.url.endswith("/strangnas/prenumerera/skickat/")
        link = re.search(r"http://\S+/prenumeration/bekrafta/\S+/", mail.outbox[0].body).group(0)
        page.goto(link)
        with page.expect_navigation():
            page.get_by_role("button", name="Ja, bekräfta prenumerationen").click()
        assert page.get_by_role("heading", level=1).inner_text() == "Prenumerationen är bekräftad"
        assert Subscription.objects.get().is_confirmed
    finally:
        context.close()
