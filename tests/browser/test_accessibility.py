"""WCAG 2.1 AA on the public pages and the staff form: axe-core finds no violations, the pages fit
a 320 px screen, the skip link comes first and focus is visible."""

import pytest
from django.urls import reverse
from django.utils import timezone

from lofte.demo.loader import DEMO_USERNAME, load_demo
from tests.browser.helpers import (
    axe_violations,
    horizontal_overflow,
    log_in,
    phone_page,
)

pytestmark = pytest.mark.django_db(transaction=True)

PUBLIC_PATHS = [
    "/",
    "/?q=str%C3%A4ng",
    "/strangnas/",
    "/strangnas/2022-2023/",
    "/strangnas/2021/",
    "/strangnas/2021/5/",
    "/strangnas/2021/3/",
    "/strangnas/2021/6/",
    "/strangnas/2022-2023/1/",
    "/eskilstuna/",
    "/sa-raknar-vi/",
    "/tillganglighet/",
    "/strangnas/synpunkter/",
    "/strangnas/kalender/",
    "/strangnas/fynd/",
    "/strangnas/lagesbild/",
    "/data/",
    "/personal/logga-in/",
]


@pytest.fixture
def demo():
    return load_demo()



@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_public_pages_have_no_axe_violations(live_server, page, axe_source, demo, path):
    response = page.goto(live_server.url + path)
    assert response.status == 200
    assert axe_violations(page, axe_source) == []


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_public_pages_fit_a_320_px_screen(live_server, page, demo, path):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(live_server.url + path)
    overflow = horizontal_overflow(page)
    assert overflow <= 0


@pytest.mark.parametrize("path", ["/", "/strangnas/2021/", "/personal/logga-in/"])
def test_the_first_tab_reaches_a_visible_skip_link(live_server, page, demo, path):
    page.goto(live_server.url + path)
    page.keyboard.press("Tab")
    focused = page.evaluate(
        """() => {
            const el = document.activeElement;
            const style = getComputedStyle(el);
            const box = el.getBoundingClientRect();
            const target = document.querySelector(el.getAttribute('href'));
            return {href: el.getAttribute('href'), outline: style.outlineStyle,
                    target: target && target.tagName.toLowerCase(),
                    visible: box.width > 0 && box.height > 0 && box.left >= 0};
        }"""
    )
    assert focused["href"].startswith("#")
    assert focused["target"] == "main"
    assert focused["visible"]
    assert focused["outline"] != "none"


def test_a_police_officer_records_an_activity_on_a_phone_with_the_keyboard(live_server, browser, axe_source, demo):
    context, page = phone_page(browser)
    log_in(page, live_server.url, DEMO_USERNAME, demo.password)
    assert page.url == live_server.url + reverse("staff:home"), page.content()
    page.click("text=Registrera insats >> nth=-1")
    assert axe_violations(page, axe_source) == []
    with page.expect_navigation():
        page.click("a.type-link:has-text('Trygghetsvandring')")
    assert axe_violations(page, axe_source) == []
    # The current set (Mariefred's, July to June) is listed; ended sets are behind a choice.
    option = page.locator("#id_commitment option", has_text="1. Minst två trygghetsvandringar per år i Mariefred").first
    page.select_option("#id_commitment", label=option.inner_text())
    page.fill("#id_participants", "12")
    page.select_option("#id_light", "dark")
    page.fill("#id_date", timezone.localdate().isoformat())
    page.select_option("#id_area", label="Mariefred")
    page.fill("#id_public_note", "Vandring i Mariefred.")
    overflow = horizontal_overflow(page)
    assert overflow <= 0
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert page.url == live_server.url + reverse("staff:home"), page.inner_text("main")
    assert "Insatsen är registrerad" in page.content()
    page.goto(live_server.url + "/strangnas/mariefred/2026-2027/1/")
    assert ">Uppfyllt<" in page.content()
    context.close()


@pytest.mark.parametrize(
    "path",
    [
        "/personal/insatser/",
        "/personal/insatser/?type=safety_walk&start=fel",
        "/personal/insatser/papperskorg/",
        "/personal/insatser/ny/?type=traffic_operation",
        "/personal/insatser/ny/?type=school_drug_search",
        "/personal/insatser/ny/?type=home_visit",
    ],
)
def test_the_activity_pages_have_no_axe_violations_and_fit_a_phone(live_server, browser, axe_source, demo, path):
    context, page = phone_page(browser)
    log_in(page, live_server.url, DEMO_USERNAME, demo.password)
    response = page.goto(live_server.url + path)
    assert response.status == 200, page.inner_text("main")
    assert axe_violations(page, axe_source) == []
    overflow = horizontal_overflow(page)
    assert overflow <= 0
    context.close()


def test_the_error_pages_have_no_axe_violations(live_server, page, axe_source, demo):
    """Part of 9.16: the Swedish error pages meet WCAG like every other page: a 404 and
    the 403 of a form posted without its CSRF cookie (as a browser does after cookies expired)."""
    response = page.goto(live_server.url + "/strangnas/2021/99/")
    assert response.status == 404
    assert axe_violations(page, axe_source) == []
    page.goto(live_server.url + "/strangnas/synpunkter/")
    page.context.clear_cookies()
    page.fill("#id_message", "Ett meddelande.")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert "Formuläret kunde inte skickas" in page.inner_text("main")
    assert axe_violations(page, axe_source) == []
