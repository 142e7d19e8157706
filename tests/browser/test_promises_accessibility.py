"""WCAG 2.1 AA on the publishing pages: the public assessments and earlier texts, and the staff
promise-set pages and forms a redaktör uses on a phone (390 px, keyboard)."""

from datetime import date

import pytest
from django.urls import reverse

from lofte.core.models import Membership, Organisation
from lofte.demo.loader import load_demo
from lofte.promises import workflow
from lofte.promises.models import Commitment, PromiseSet
from tests import factories
from tests.browser.helpers import (
    axe_violations,
    horizontal_overflow,
    log_in,
    phone_page,
)

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "korrekt-hast-batteri"


@pytest.fixture
def world():
    load_demo()
    police = Organisation.objects.get(name="LPO Eskilstuna/Strängnäs")
    editor = factories.user("redaktor", police, role=Membership.Role.EDITOR, password=PASSWORD)
    commitment = Commitment.objects.get(
        promise_set__municipality__code="0486", promise_set__slug="2021", promise_set__area=None, number=5
    )
    workflow.edit_commitment_text(commitment, editor, commitment.text + " (rättad)", "Stavfel rättat.")
    draft = PromiseSet.objects.create(
        municipality=commitment.promise_set.municipality, start=date(2024, 1, 1), end=date(2025, 12, 31),
        title="Utkast 2024–2025"
    )
    return {"editor": editor, "commitment": commitment, "draft": draft}


@pytest.mark.parametrize("path", ["/strangnas/2022-2023/2/", "/strangnas/2021/5/"])
def test_public_assessments_and_earlier_texts_have_no_axe_violations(live_server, page, axe_source, world, path):
    response = page.goto(live_server.url + path)
    assert response.status == 200
    assert axe_violations(page, axe_source) == []
    page.set_viewport_size({"width": 320, "height": 640})
    assert horizontal_overflow(page) <= 0


def test_a_redaktor_uses_the_promise_pages_on_a_phone(live_server, browser, axe_source, world):
    context, page = phone_page(browser)
    log_in(page, live_server.url, "redaktor", PASSWORD)
    commitment = world["commitment"]
    paths = [
        reverse("staff:home"),
        reverse("staff:promise_sets"),
        reverse("staff:promise_set", kwargs={"promise_set_id": commitment.promise_set_id}),
        reverse("staff:promise_set", kwargs={"promise_set_id": world["draft"].pk}),
        reverse("staff:promise_set_edit", kwargs={"promise_set_id": world["draft"].pk}),
        reverse("staff:commitment_new", kwargs={"promise_set_id": world["draft"].pk}),
        reverse("staff:commitment", kwargs={"commitment_id": commitment.pk}),
        reverse("staff:commitment_edit", kwargs={"commitment_id": commitment.pk}),
        reverse("staff:commitment_assess", kwargs={"commitment_id": commitment.pk}),
    ]
    for path in paths:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        assert axe_violations(page, axe_source) == [], path
        overflow = horizontal_overflow(page)
        assert overflow <= 0, path
    # An assessment written with the keyboard only; an empty text first shows the error by the field.
    page.goto(live_server.url + reverse("staff:commitment_assess", kwargs={"commitment_id": commitment.pk}))
    page.focus("#id_text")
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert "Skriv en bedömning." in page.inner_text("main")
    assert axe_violations(page, axe_source) == []
    page.fill("#id_text", "Vandringarna är genomförda; belysningen åtgärdas.")
    page.fill("#id_assessed_on", date(2021, 12, 20).isoformat())
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert "Bedömningen är sparad." in page.content()
    page.goto(live_server.url + "/strangnas/2021/5/")
    assert "Bedömning 2021-12-20 av Redaktor Testsson, LPO Eskilstuna/Strängnäs" in page.content()
    context.close()
