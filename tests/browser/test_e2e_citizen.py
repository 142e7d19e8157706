"""End to end in real Chromium: a citizen finds Strängnäs from `/`, opens the current set and one
of its commitments and sends input, with the keyboard only; then a redaktör moderates and answers
it, and the answer appears on the public page."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from lofte.demo.loader import COORDINATOR_USERNAME, load_demo
from lofte.dialogue.models import CitizenInput
from tests.browser.helpers import log_in, phone_page

pytestmark = pytest.mark.django_db(transaction=True)
MESSAGE = "Det är mörkt vid gångtunneln vid stationen på kvällarna."


@pytest.fixture
def demo():
    return load_demo()


def tab_to(page, selector: str, most: int = 150) -> None:
    """Press Tab until the focused element matches `selector` (as a keyboard user moves)."""
    for _ in range(most):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector} on {page.url}")


def follow(page, selector: str) -> None:
    tab_to(page, selector)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def send_input_with_the_keyboard(page, base_url: str) -> None:
    page.route("https://tile.openstreetmap.org/**", lambda route: route.abort())
    page.goto(base_url + "/")
    tab_to(page, "#q")
    page.keyboard.type("Strängnäs")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    follow(page, "main a[href='/strangnas/']")
    # The set that runs today: Mariefred's promises, 1 July 2026 to 30 June 2027.
    follow(page, "main a[href='/strangnas/mariefred/2026-2027/']")
    assert page.locator("h1").inner_text()
    follow(page, "main a[href^='/strangnas/mariefred/2026-2027/'][href$='/']:not([href$='2026-2027/'])")
    commitment_url = page.url
    assert re.search(r"/strangnas/mariefred/2026-2027/\d+/$", commitment_url)
    follow(page, "a[href='/strangnas/']")
    follow(page, "main a[href='/strangnas/synpunkter/']")
    tab_to(page, "#id_message")
    page.keyboard.type(MESSAGE)
    tab_to(page, "form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert re.search(r"Ditt ärendenummer: S-\d{4}-\d{5}", page.inner_text("main"))


def test_a_citizen_sends_input_with_the_keyboard_and_a_redaktor_answers_it_in_public(live_server, browser, demo):
    context = browser.new_context(locale="sv-SE")
    page = context.new_page()
    send_input_with_the_keyboard(page, live_server.url)
    item = CitizenInput.objects.get(message=MESSAGE)
    assert item.status == CitizenInput.Status.PENDING
    context.close()

    staff, page = phone_page(browser)
    log_in(page, live_server.url, COORDINATOR_USERNAME, demo.password)
    page.goto(live_server.url + reverse("staff:inputs"))
    with page.expect_navigation():
        page.click(f"a[href='{reverse('staff:input', args=[item.pk])}']")
    with page.expect_navigation():
        page.click("form:has(input[name=action][value=approve]) button[type=submit]")
    answer = page.locator("form:has(input[name=action][value=answer])")
    answer.locator("textarea").fill("Belysningen i gångtunneln byts ut i januari.")
    organisation = answer.locator("select")
    if organisation.count():
        organisation.select_option(index=1)  # the first organisation the redaktör answers for
    with page.expect_navigation():
        answer.locator("button[type=submit]").click()
    item.refresh_from_db()
    assert item.status == CitizenInput.Status.PUBLISHED and item.answered_at
    staff.close()

    public = browser.new_context(locale="sv-SE").new_page()
    public.goto(live_server.url + "/strangnas/synpunkter/")
    text = public.inner_text("main")
    assert MESSAGE in text and "Belysningen i gångtunneln byts ut i januari." in text
    public.context.close()
