"""The public follow-up pages: /<kommun>/uppfoljning/ lists the published reports, a report's page
and its PDF render from the snapshot, drafts are never shown, and the set page links them."""

import pytest

from lofte.reports import workflow
from tests.reports.helpers import AS_OF, TODAY, published_report, world
from tests.site.helpers import assert_accessible_page, assert_public_headers, table_by_caption, text_of, parse

pytestmark = pytest.mark.django_db
LIST = "/strangnas/uppfoljning/"


def test_the_list_shows_published_reports_and_never_a_draft(client):
    w = world()
    assert "har inte publicerat någon uppföljning" in client.get(LIST).content.decode()
    draft = workflow.create_report(w["set"], w["town_editor"], AS_OF, today=TODAY, title="Hemligt utkast")
    response = client.get(LIST)
    assert_public_headers(response)
    assert_accessible_page(response)
    assert "Hemligt utkast" not in response.content.decode()
    assert client.get(f"/strangnas/uppfoljning/{draft.slug}/").status_code == 404
    assert client.get(f"/strangnas/uppfoljning/{draft.slug}.pdf").status_code == 404
    draft.delete()
    report = published_report(w)
    page = client.get(LIST).content.decode()
    assert report.get_absolute_url() in page and report.pdf_url() in page


def test_the_report_page_shows_each_commitment_its_work_effects_findings_and_the_texts(client):
    w = world()
    report = published_report(w)
    response = client.get(report.get_absolute_url())
    assert response.status_code == 200
    assert_public_headers(response)
    doc = assert_accessible_page(response)
    page = response.content.decode()
    for text in ("Så här gick det.", "Det gick bra.", "Vi fortsätter.", "Godkänd av Polisredaktor Testsson",
                 "Minskade med 22 %", "bevisar inte att löftet har haft effekt", "färre än 5"):
        assert text in page
    overview = table_by_caption(doc, "Löftena och deras status")
    assert "Delvis uppfyllt" in text_of(overview)
    findings = table_by_caption(doc, "Fynd från trygghetsvandringarna")
    assert "Åtgärdade1" in text_of(findings) and "Öppna1" in text_of(findings)
    assert "2 publicerade synpunkter om löftena, varav 1 besvarade." in page


def test_the_set_and_municipality_pages_link_the_reports(client):
    w = world()
    report = published_report(w)
    set_page = client.get(w["set"].get_absolute_url()).content.decode()
    assert report.get_absolute_url() in set_page and report.pdf_url() in set_page
    assert LIST in client.get("/strangnas/").content.decode()


def test_the_pdf_is_served_inline_and_another_municipality_has_no_such_report(client):
    w = world()
    report = published_report(w)
    response = client.get(report.pdf_url())
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline;")
    from tests import factories

    factories.municipality(code="0484", name="Eskilstuna")
    assert client.get(f"/eskilstuna/uppfoljning/{report.slug}/").status_code == 404
    assert client.get("/ingenstans/uppfoljning/").status_code == 404


def test_publishing_a_report_makes_the_list_a_new_version(client):
    w = world()
    before = client.get(LIST)["ETag"]
    published_report(w)
    assert client.get(LIST)["ETag"] != before
