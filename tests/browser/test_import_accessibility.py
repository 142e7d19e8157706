"""WCAG 2.1 AA on "Importera löften": a redaktör uploads a document, checks the preview on a phone
(390 px, keyboard) and confirms."""

import pytest
from django.urls import reverse

from lofte.core.models import Membership
from lofte.promises.models import PromiseSet
from tests import factories
from tests.browser.helpers import (
    axe_violations,
    horizontal_overflow,
    log_in,
    phone_page,
)

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "korrekt-hast-batteri"
DOCUMENT = """Medborgarlöfte 2026

Polisen och kommunen lovar tillsammans följande.

Trygg trafik
• Polisen lovar att genomföra minst sex trafikkontroller vid skolorna.
• Vi genomför ett tiotal trygghetsvandringar.
"""


def test_a_redaktor_imports_a_document_on_a_phone(live_server, browser, axe_source, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    kommun = factories.municipality()
    factories.user("redaktor", factories.organisation(kommun, kind="municipality"), role=Membership.Role.EDITOR,
                   password=PASSWORD)
    path = tmp_path / "loften.txt"
    path.write_text(DOCUMENT, encoding="utf-8")
    context, page = phone_page(browser)
    log_in(page, live_server.url, "redaktor", PASSWORD)

    page.goto(live_server.url + reverse("staff:import_start"))
    assert axe_violations(page, axe_source) == []
    # Nothing chosen: the error is shown, and the page is still accessible.
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert "Välj en fil eller klistra in texten." in page.inner_text("main")
    assert axe_violations(page, axe_source) == []

    page.set_input_files("#id_file", str(path))
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert page.url == live_server.url + reverse("staff:import_preview"), page.inner_text("main")
    text = page.inner_text("main")
    assert "2026: skulle bli skapat (2 löften)" in text and "inget exakt antal" in text
    # Löftesgranskning: the inexact commitment is flagged, with a measurable example.
    assert "1 av 2 löften har ett mätbart mål" in text and "Importen läser det som målet" in text
    assert axe_violations(page, axe_source) == []
    assert horizontal_overflow(page) <= 0

    page.fill("#id_set-0-title", "Våra löften 2026")
    with page.expect_navigation():
        page.click("main button[value=import]")
    assert PromiseSet.objects.get().title == "Våra löften 2026"
    context.close()
