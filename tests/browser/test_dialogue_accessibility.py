"""WCAG 2.1 AA on the staff pages of the dialogue app (meetings, citizen input) on a phone, and the
public input form used with the keyboard only."""

import pytest
from django.contrib.auth import get_user_model

from lofte.core.models import Membership
from lofte.demo.loader import DEMO_USERNAME, load_demo
from lofte.dialogue.models import CitizenInput, Meeting
from tests.browser.helpers import (
    axe_violations,
    horizontal_overflow,
    log_in,
    phone_page,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo():
    summary = load_demo()
    # Moderation is for redaktörer: the demo user (a registrerare) is promoted for these tests.
    Membership.objects.filter(user=get_user_model().objects.get(username=DEMO_USERNAME)).update(
        role=Membership.Role.EDITOR
    )
    return summary


def _logged_in_page(browser, live_server, demo):
    context, page = phone_page(browser)
    log_in(page, live_server.url, DEMO_USERNAME, demo.password)
    return context, page


@pytest.mark.parametrize("which", ["meetings", "new", "meeting", "inputs", "input"])
def test_the_staff_dialogue_pages_have_no_axe_violations_and_fit_a_phone(live_server, browser, axe_source, demo, which):
    paths = {
        "meetings": "/personal/moten/",
        "new": "/personal/moten/nytt/",
        "meeting": f"/personal/moten/{Meeting.objects.order_by('pk').first().pk}/",
        "inputs": "/personal/synpunkter/",
        "input": f"/personal/synpunkter/{CitizenInput.objects.pending().first().pk}/",
    }
    context, page = _logged_in_page(browser, live_server, demo)
    response = page.goto(live_server.url + paths[which])
    assert response.status == 200, page.inner_text("main")
    assert axe_violations(page, axe_source) == []
    overflow = horizontal_overflow(page)
    assert overflow <= 0
    context.close()


def test_a_citizen_sends_input_with_the_keyboard_only(live_server, page, demo):
    page.goto(live_server.url + "/strangnas/synpunkter/")
    page.focus("#id_message")
    page.keyboard.type("Det är mörkt vid gångtunneln.")
    # Tab past every optional field (and the map's controls); the honeypot is out of the tab order.
    focused = ""
    for _ in range(20):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.tagName + ':' + (document.activeElement.type || '')")
        assert not page.evaluate("document.activeElement.closest('.hp') !== null")
        if focused == "BUTTON:submit":
            break
    assert focused == "BUTTON:submit"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/strangnas/synpunkter/tack/?kvitto=" in page.url
    assert CitizenInput.objects.filter(message="Det är mörkt vid gångtunneln.").exists()


def test_a_citizen_sets_the_place_by_tapping_the_map(live_server, page, axe_source):
    from lofte.demo.loader import load_demo

    load_demo()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/strangnas/synpunkter/")
    picker = page.locator("#pick-map")
    picker.wait_for(state="visible")
    picker.click(position={"x": 150, "y": 100})
    latitude = float(page.input_value("#id_latitude"))
    longitude = float(page.input_value("#id_longitude"))
    # The picker starts over Strängnäs' findings, so the pin lands near the town.
    assert 59.0 < latitude < 59.8 and 16.5 < longitude < 17.6
    assert horizontal_overflow(page) <= 0
