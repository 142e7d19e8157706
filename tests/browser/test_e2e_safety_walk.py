"""End to end in real Chromium at a phone's size (390 × 844): a registrerare logs in, records a
safety walk, then a finding of it with a photo; the finding is stored with its photo waiting for a
redaktör's approval."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from lofte.activities.models import Activity
from lofte.demo.loader import DEMO_USERNAME, load_demo
from lofte.walks.models import Finding
from tests.browser.helpers import PHONE, horizontal_overflow, log_in, phone_page

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo():
    return load_demo()


def jpeg(tmp_path):
    path = tmp_path / "lampa.jpg"
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (40, 40, 60)).save(buffer, format="JPEG")
    path.write_bytes(buffer.getvalue())
    return path


def test_a_registrerare_records_a_safety_walk_with_a_finding_and_a_photo_on_a_phone(live_server, browser, demo,
                                                                                   tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    context, page = phone_page(browser)
    assert page.viewport_size == PHONE
    page.route("https://tile.openstreetmap.org/**", lambda route: route.abort())
    log_in(page, live_server.url, DEMO_USERNAME, demo.password)
    assert page.url == live_server.url + reverse("staff:home"), page.inner_text("main")
    page.click("text=Registrera insats >> nth=-1")
    with page.expect_navigation():
        page.click("a.type-link:has-text('Trygghetsvandring')")
    option = page.locator("#id_commitment option", has_text="1. Minst två trygghetsvandringar per år i Mariefred").first
    page.select_option("#id_commitment", label=option.inner_text())
    page.fill("#id_participants", "9")
    page.select_option("#id_light", "dark")
    page.fill("#id_date", timezone.localdate().isoformat())
    page.select_option("#id_area", label="Mariefred")
    page.fill("#id_public_note", "Kvällsvandring runt stationen.")
    assert horizontal_overflow(page) <= 0
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert "Insatsen är registrerad" in page.content()
    walk = Activity.objects.filter(type="safety_walk", public_note="Kvällsvandring runt stationen.").get()

    page.goto(live_server.url + reverse("staff:finding_create", args=[walk.pk]))
    page.select_option("#id_category", "lighting")
    page.fill("#id_description", "Trasig gatlampa vid stationens cykelparkering.")
    page.fill("#id_address", "Cykelparkeringen vid stationen")
    page.set_input_files("#id_photo", str(jpeg(tmp_path)))
    page.fill("#id_photo_alt", "Släckt gatlampa över cykelställen")
    assert horizontal_overflow(page) <= 0
    with page.expect_navigation():
        page.click("main form button[type=submit] >> nth=0")
    assert "Fyndet är sparat" in page.content(), page.inner_text("main")
    finding = Finding.objects.get(walk=walk)
    assert finding.address == "Cykelparkeringen vid stationen"
    photo = finding.photos.get()
    assert photo.approved_at is None and photo.alt_text == "Släckt gatlampa över cykelställen"
    assert photo.image.storage.exists(photo.image.name)
    context.close()
