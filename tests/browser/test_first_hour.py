"""Issue 10, "the first hour", in real Chromium at a phone's size (390 × 844) and a desktop's
(1366 × 900): the coordinator's overview, what a new user stumbled on, and the rough edges. Each test
says what it reproduces; axe-core still finds nothing on the pages it visits."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from lofte.core.models import Membership
from lofte.demo.loader import COORDINATOR_USERNAME, DEMO_USERNAME, load_demo
from lofte.dialogue.models import Meeting
from lofte.walks.models import Finding
from tests.browser.helpers import PHONE, axe_violations, horizontal_overflow, log_in, phone_page

pytestmark = pytest.mark.django_db(transaction=True)
DESKTOP = {"width": 1366, "height": 900}


@pytest.fixture
def demo():
    return load_demo()


def desktop_page(browser, **options):
    context = browser.new_context(viewport=DESKTOP, locale="sv-SE", bypass_csp=True, **options)
    return context, context.new_page()


def offline(page):
    page.route("https://tile.openstreetmap.org/**", lambda route: route.abort())


def box(page, selector):
    return page.locator(selector).first.bounding_box()


# ---------------------------------------------------------------------------------------------
# The coordinator's overview


def test_on_a_phone_the_overview_is_one_column_with_registrera_insats_first(live_server, browser, axe_source, demo):
    context, page = phone_page(browser)
    log_in(page, live_server.url, COORDINATOR_USERNAME, demo.password)
    assert page.url == live_server.url + reverse("staff:home")
    assert axe_violations(page, axe_source) == []
    assert horizontal_overflow(page) <= 0
    cta, waiting, state, meetings = (box(page, s) for s in (".record-cta a", "#vantar", "#aktuella", "#moten"))
    # Registrera insats is the first thing under the greeting, the rest follows in one column.
    assert cta["y"] < waiting["y"] < state["y"] < meetings["y"]
    assert abs(waiting["x"] - meetings["x"]) < 2
    assert "Godkänn ”Medborgarlöfte för Åkers styckebruk 2027 (påhittat utkast)” för Strängnäs kommun" in \
        page.inner_text("#vantar ~ .todo-list")
    context.close()


def test_on_a_desktop_the_overview_uses_the_width(live_server, browser, axe_source, demo):
    context, page = desktop_page(browser)
    log_in(page, live_server.url, COORDINATOR_USERNAME, demo.password)
    assert axe_violations(page, axe_source) == []
    waiting, meetings = box(page, "#vantar"), box(page, "#moten")
    # What waits on the left, the next meetings beside it on the right, at the same height.
    assert meetings["x"] > waiting["x"] + waiting["width"]
    assert abs(meetings["y"] - waiting["y"]) < 5
    assert box(page, "main")["width"] > 1100
    context.close()


def test_a_commitment_table_sorts_by_its_columns_and_says_so(live_server, browser, demo):
    context, page = desktop_page(browser)
    log_in(page, live_server.url, COORDINATOR_USERNAME, demo.password)
    table = page.locator("#aktuella ~ .municipality-block table[data-sortable-ready]").first
    numbers = lambda: [int(re.search(r"Löfte (\d+)", t).group(1))  # noqa: E731
                       for t in table.locator("tbody th").all_inner_texts()]
    header = table.locator("thead th").first
    header.locator("button.sort-button").click()
    assert header.get_attribute("aria-sort") == "ascending"
    assert numbers() == sorted(numbers())
    header.locator("button.sort-button").click()
    assert header.get_attribute("aria-sort") == "descending"
    assert numbers() == sorted(numbers(), reverse=True)
    context.close()


def test_without_javascript_the_tables_are_plain_tables(live_server, browser, demo):
    context = browser.new_context(viewport=DESKTOP, locale="sv-SE", java_script_enabled=False)
    page = context.new_page()
    log_in(page, live_server.url, DEMO_USERNAME, demo.password)
    page.goto(live_server.url + reverse("staff:activities"))
    assert page.locator("table[data-sortable] tbody tr").count() > 5
    assert page.locator("button.sort-button").count() == 0
    context.close()


def test_the_second_approver_approves_from_the_overview(live_server, browser, demo):
    context, page = phone_page(browser)
    log_in(page, live_server.url, COORDINATOR_USERNAME, demo.password)
    with page.expect_navigation():
        page.click("text=Godkänn ”Medborgarlöfte för Åkers styckebruk 2027")
    assert "Väntar på godkännande från: Strängnäs kommun" in page.inner_text("main")
    with page.expect_navigation():
        page.click("main form button:has-text('Godkänn')")
    assert "Publicerat" in page.inner_text("main")
    page.goto(live_server.url + reverse("staff:home"))
    assert "Åkers styckebruk 2027" not in page.inner_text("#vantar ~ .todo-list")
    context.close()


# ---------------------------------------------------------------------------------------------
# Menus and refusals


def test_the_desktop_mer_menu_opens_over_the_page(live_server, browser, demo):
    """Regression: opening "Mer" pushed the header to about 330 px."""
    context, page = desktop_page(browser)
    log_in(page, live_server.url, COORDINATOR_USERNAME, demo.password)
    before = box(page, ".staff-header")["height"]
    page.click(".nav-more summary")
    menu = box(page, ".nav-more[open] > ul")
    assert box(page, ".staff-header")["height"] == before
    assert menu["height"] > 100 and page.locator(".nav-more a:has-text('Logg')").is_visible()
    page.keyboard.press("Escape")
    context.close()


def test_a_registrerare_is_offered_only_what_the_role_opens_and_a_refusal_says_why(live_server, browser, axe_source,
                                                                                  demo):
    context, page = phone_page(browser)
    log_in(page, live_server.url, DEMO_USERNAME, demo.password)
    page.click(".nav-more summary")
    menu = page.locator("nav[aria-label='Personalmeny'] a").all_inner_texts()
    assert "Registrera insats" in menu and "Möten" in menu
    assert "Synpunkter" not in menu and "Importera löften" not in menu and "Logg" not in menu
    response = page.goto(live_server.url + reverse("staff:inputs"))
    assert response.status == 403
    assert "Bara redaktörer granskar synpunkter." in page.inner_text("main")
    assert page.evaluate("document.documentElement.lang") == "sv"
    assert axe_violations(page, axe_source) == []
    context.close()


# ---------------------------------------------------------------------------------------------
# Maps


@pytest.mark.parametrize("where", ["citizen", "staff"])
def test_a_tapped_pin_is_a_real_image_and_the_map_speaks_swedish(live_server, browser, demo, where):
    """Regression: the pin was a broken image (marker-icon.png without its hashed name) and the
    controls said "Zoom in", "A JavaScript library for interactive maps" with a flag."""
    context, page = phone_page(browser, bypass_csp=False)
    offline(page)
    failed = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    if where == "staff":
        log_in(page, live_server.url, DEMO_USERNAME, demo.password)
        walk = Finding.objects.select_related("walk").first().walk
        page.goto(live_server.url + reverse("staff:finding_create", args=[walk.pk]))
    else:
        page.goto(live_server.url + "/strangnas/synpunkter/")
    page.wait_for_selector("#pick-map:not([hidden])")
    page.click("#pick-map", position={"x": 150, "y": 100})
    pin = page.locator("#pick-map img.leaflet-marker-icon")
    pin.wait_for()
    assert pin.get_attribute("alt") == "Vald plats"
    assert pin.get_attribute("src") == page.get_attribute("#pick-map", "data-marker-icon")
    assert page.evaluate("el => el.complete && el.naturalWidth > 0", pin.element_handle())
    assert failed == []
    labels = page.eval_on_selector_all(".leaflet-control-zoom a", "els => els.map(e => e.getAttribute('aria-label'))")
    assert labels == ["Zooma in", "Zooma ut"]
    attribution = page.inner_html(".leaflet-control-attribution")
    assert "<svg" not in attribution and "JavaScript library" not in attribution and "Leaflet" in attribution
    if where == "citizen":
        # The tapped point fits the form's five decimals and is accepted.
        assert len(page.input_value("#id_latitude").split(".")[1]) == 5
    context.close()


def test_the_findings_map_popup_closes_with_a_swedish_button(live_server, browser, demo):
    context = browser.new_context(viewport=DESKTOP, locale="sv-SE")
    page = context.new_page()
    offline(page)
    page.goto(live_server.url + "/strangnas/fynd/")
    page.wait_for_selector("#karta:not([hidden]) .leaflet-interactive")
    page.locator("#karta .leaflet-interactive").first.click()
    close = page.locator(".leaflet-popup-close-button")
    assert close.get_attribute("aria-label") == "Stäng rutan"
    context.close()


# ---------------------------------------------------------------------------------------------
# Staff pages on a phone


def test_photos_to_approve_fit_a_phone(live_server, browser, axe_source, demo, settings, tmp_path):
    """Regression: a 1600 px photo made the page 1633 px wide on a phone."""
    from PIL import Image
    from django.core.files.uploadedfile import SimpleUploadedFile

    from lofte.walks.photos import clean_photo
    from lofte.walks.recording import add_photo

    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    Image.new("RGB", (2400, 1800), (90, 110, 130)).save(buffer, "JPEG")
    add_photo(None, Finding.objects.first(), clean_photo(SimpleUploadedFile("a.jpg", buffer.getvalue())), "Gångvägen")
    context, page = phone_page(browser)
    log_in(page, live_server.url, COORDINATOR_USERNAME, demo.password)
    page.goto(live_server.url + reverse("staff:photo_queue"))
    image = page.locator("img.finding-thumb").first
    image.wait_for()
    assert image.bounding_box()["width"] <= PHONE["width"]
    assert horizontal_overflow(page) <= 0
    assert axe_violations(page, axe_source) == []
    context.close()


def test_the_finding_form_shows_the_reason_field_only_for_its_status(live_server, browser, demo):
    context, page = phone_page(browser)
    offline(page)
    log_in(page, live_server.url, DEMO_USERNAME, demo.password)
    walk = Finding.objects.select_related("walk").first().walk
    page.goto(live_server.url + reverse("staff:finding_create", args=[walk.pk]))
    assert not page.locator("#id_no_action_reason").is_visible()
    assert not page.locator("#id_sent_to").is_visible()
    page.select_option("#id_status", "no_action")
    assert page.locator("#id_no_action_reason").is_visible() and not page.locator("#id_sent_to").is_visible()
    page.select_option("#id_status", "not_ours")
    assert page.locator("#id_sent_to").is_visible() and not page.locator("#id_no_action_reason").is_visible()
    context.close()


@pytest.mark.parametrize("path", ["/personal/logg/", "/personal/insatser/", "/personal/moten/", "/personal/fynd/",
                                  "/personal/loften/", "/personal/moten/nytt/", "/personal/glomt-losenord/"])
@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_the_staff_pages_of_this_issue_have_no_axe_violations_and_fit(live_server, browser, axe_source, demo, path,
                                                                      size):
    context, page = phone_page(browser) if size == "phone" else desktop_page(browser)
    if "glomt" not in path:
        log_in(page, live_server.url, COORDINATOR_USERNAME, demo.password)
    response = page.goto(live_server.url + path)
    assert response.status == 200, page.inner_text("main")
    assert axe_violations(page, axe_source) == []
    assert horizontal_overflow(page) <= 0
    context.close()


def test_the_log_reads_as_swedish_with_local_times(live_server, browser, demo):
    from lofte.dialogue.inputs import approve_input
    from lofte.dialogue.models import CitizenInput
    from django.contrib.auth import get_user_model

    coordinator = get_user_model().objects.get(username=COORDINATOR_USERNAME)
    approve_input(CitizenInput.objects.pending().first(), coordinator, "")
    context, page = desktop_page(browser)
    log_in(page, live_server.url, COORDINATOR_USERNAME, demo.password)
    page.goto(live_server.url + reverse("staff:audit_log"))
    card = page.locator(".card", has_text="publicerade synpunkt").first
    text = card.inner_text()
    assert "Väntar på granskning" in text and "Publicerad" in text and "Maria Sandberg" in text
    assert "pending" not in text and "moderated by" not in text and not re.search(r"\dT\d", text)
    # Neither value column is squeezed to letters.
    widths = card.locator("thead th").evaluate_all("els => els.map(e => e.getBoundingClientRect().width)")
    assert min(widths) > 150
    context.close()


# ---------------------------------------------------------------------------------------------
# Public pages


def test_on_a_phone_the_front_page_is_short_with_search_first(live_server, browser, axe_source, demo):
    """Regression: 290 municipalities in one 10,000 px column."""
    context, page = phone_page(browser)
    page.goto(live_server.url + "/")
    assert page.evaluate("document.documentElement.scrollHeight") < 2000
    assert box(page, "#q")["y"] < box(page, "#med-loften")["y"]
    assert not page.locator("a[href='/sorsele/']").is_visible()
    page.click("details.all-municipalities summary")
    assert page.locator("a[href='/sorsele/']").is_visible()
    assert axe_violations(page, axe_source) == []
    context.close()


@pytest.mark.parametrize("path, key", [("/strangnas/2021/", "31 dec 2021"), ("/strangnas/2021/5/", "Datum"),
                                       ("/strangnas/fynd/", "Status")])
def test_wide_tables_stack_on_a_phone_with_every_column_in_view(live_server, browser, axe_source, demo, path, key):
    """Regression: the final result column (and other key columns) were off-screen on a phone."""
    context, page = phone_page(browser)
    offline(page)
    page.goto(live_server.url + path)
    table = page.locator("table.stack").last
    cells = table.locator(f"td[data-label='{key}']")
    assert cells.count() > 0
    for index in range(min(cells.count(), 5)):
        cell = cells.nth(index).bounding_box()
        assert cell["x"] >= 0 and cell["x"] + cell["width"] <= PHONE["width"]
    assert horizontal_overflow(page) <= 0
    assert axe_violations(page, axe_source) == []
    context.close()


def test_a_printed_set_page_keeps_every_column_the_progress_bars_and_the_status_shapes(live_server, browser, demo):
    """Regression: printing cut the history's final column, printed full progress bars empty, dropped
    the status icons and greyed the header. Rendered to PDF in Chromium and read back."""
    import pdfplumber

    context, page = desktop_page(browser)
    page.goto(live_server.url + "/strangnas/2022-2023/")
    page.emulate_media(media="print")
    styles = page.evaluate("""() => ({
        header: getComputedStyle(document.querySelector('.site-header')).backgroundColor,
        icon: getComputedStyle(document.querySelector('.status__icon')).printColorAdjust,
        bar: getComputedStyle(document.querySelector('progress')).printColorAdjust,
        overflow: (() => { const s = document.querySelector('#historik ~ .table-scroll');
                           return s.scrollWidth - s.clientWidth; })(),
    })""")
    assert styles["header"] in ("rgba(0, 0, 0, 0)", "transparent")
    assert styles["icon"] == "exact" and styles["bar"] == "exact"
    assert styles["overflow"] <= 0
    pdf = page.pdf(format="A4")
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        text = "\n".join(p.extract_text() or "" for p in document.pages)
        width = document.pages[0].width
        words = [w for p in document.pages for w in p.extract_words()]
    assert "31 dec 2023" in text  # the history's final column is printed
    assert max(w["x1"] for w in words) <= width
    context.close()


def test_the_citizen_form_gives_a_reference_and_no_gap_under_the_position_button(live_server, browser, demo):
    context, page = phone_page(browser)
    offline(page)
    page.goto(live_server.url + "/strangnas/synpunkter/")
    page.wait_for_selector("#locate:not([hidden])")
    gap = page.evaluate("""() => document.querySelector('#id_latitude').closest('.field').getBoundingClientRect().top
                                 - document.querySelector('#locate').getBoundingClientRect().bottom""")
    assert gap < 60
    assert page.locator("label[for='id_email']").inner_text().count("valfritt") == 1
    assert "valfritt" not in page.inner_text("#id_email_helptext").casefold()
    page.fill("#id_message", "Det är mörkt vid gångtunneln.")
    with page.expect_navigation():
        page.click("form button[type=submit]")
    assert re.search(r"Ditt ärendenummer: S-\d{4}-\d{5}", page.inner_text("main"))
    context.close()


def test_a_municipality_nobody_reads_input_for_shows_no_form(live_server, browser, axe_source, demo):
    context, page = phone_page(browser)
    page.goto(live_server.url + "/eskilstuna/synpunkter/")
    assert "Eskilstuna tar ännu inte emot synpunkter via Löfte." in page.inner_text("main")
    assert page.locator("main form").count() == 0
    assert axe_violations(page, axe_source) == []
    context.close()


@pytest.mark.parametrize("path", ["/tillganglighet/", "/strangnas/2021/kalla/", "meeting"])
def test_new_public_pages_have_no_axe_violations_and_fit_a_phone(live_server, browser, axe_source, demo, path):
    if path == "meeting":
        path = f"/strangnas/kalender/{Meeting.objects.filter(public=True, cancelled=False).first().pk}/"
    context, page = phone_page(browser)
    response = page.goto(live_server.url + path)
    assert response.status == 200
    assert axe_violations(page, axe_source) == []
    assert horizontal_overflow(page) <= 0
    context.close()


def test_every_page_has_a_favicon_that_loads(live_server, browser, demo):
    """Regression: a 404 for the favicon on every page."""
    context, page = phone_page(browser)
    page.goto(live_server.url + "/strangnas/")
    icon = page.get_attribute("link[rel=icon][type='image/svg+xml']", "href")
    assert page.request.get(live_server.url + icon).status == 200
    assert page.request.get(live_server.url + "/favicon.ico").status == 200
    context.close()


def test_an_overdue_public_finding_reads_forsenad(live_server, browser, demo):
    context, page = phone_page(browser)
    offline(page)
    page.goto(live_server.url + "/strangnas/fynd/")
    late = Finding.objects.filter(status__in=["new", "planned"], deadline__lt=timezone.localdate()).count()
    assert late > 0
    assert page.locator(".finding-list .finding-status--late").count() == late
    context.close()


def test_the_demo_coordinator_has_a_meeting_to_mark_as_held(demo):
    meeting = Meeting.objects.get(title="(Exempel) Dialogmöte om skolvägarna i Mariefred")
    assert meeting.ends_at < timezone.now() and meeting.held_activity is None
    assert meeting.starts_at > timezone.now() - timedelta(days=8)
    assert Membership.objects.filter(user__username=COORDINATOR_USERNAME, role=Membership.Role.EDITOR).exists()
