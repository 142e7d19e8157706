"""The follow-up reports in the staff workspace: a redaktör creates a draft, writes the texts and
sends it; each party's redaktör approves; the last approval publishes it; readers only read."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from lofte.reports.models import FollowUpReport
from tests.reports.helpers import world

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date(2024, 3, 1))
    return world()


def url(name, report=None):
    return reverse(f"staff:{name}", kwargs={"report_id": report.pk} if report else None)


TEXTS = {"title": "Uppföljning 2022–2023", "introduction": "Inledningen.", "conclusions": "Slutsatserna.",
         "next_steps": "Nästa steg."}


def test_the_whole_flow_from_draft_to_published(client, w):
    client.force_login(w["town_editor"])
    response = client.post(url("reports"), {"promise_set": w["set"].pk, "as_of": "2023-12-31"})
    report = FollowUpReport.objects.get()
    assert response.url == url("report", report)
    page = client.get(url("report", report)).content.decode()
    assert "Förhandsvisning" in page and "Löfte 1" in page and "Samordnarens texter" in page
    assert client.post(url("report", report), TEXTS).status_code == 302
    report.refresh_from_db()
    assert report.conclusions == "Slutsatserna."
    preview = client.get(url("report_preview_pdf", report))
    assert preview["Content-Type"] == "application/pdf"
    client.post(url("report_submit", report))
    client.post(url("report_approve", report), {"organisation": w["town"].pk, "approver_name": "Kommun Redaktör"})
    report.refresh_from_db()
    assert report.status == FollowUpReport.Status.READY and report.approvals.count() == 1

    client.force_login(w["police_editor"])
    response = client.post(url("report_approve", report), {"organisation": w["police"].pk,
                                                           "approver_name": "Polis Redaktör"}, follow=True)
    assert "Uppföljningen är publicerad och låst." in response.content.decode()
    report.refresh_from_db()
    assert report.is_published and report.snapshot["texts"]["next_steps"] == "Nästa steg."
    assert client.get(report.get_absolute_url()).status_code == 200
    # Published: the text form is gone and a post is refused.
    assert "Samordnarens texter" not in client.get(url("report", report)).content.decode()
    assert client.post(url("report", report), {**TEXTS, "conclusions": "Ändrat."}).status_code == 403


def test_a_wrong_date_is_named_next_to_its_field_and_nothing_is_created(client, w):
    client.force_login(w["town_editor"])
    response = client.post(url("reports"), {"promise_set": w["set"].pk, "as_of": "2021-01-01"})
    assert "ligger före medborgarlöftets period" in response.content.decode()
    response = client.post(url("reports"), {"promise_set": w["set"].pk, "as_of": "31/12"})
    assert "Skriv datumet som ÅÅÅÅ-MM-DD." in response.content.decode()
    assert not FollowUpReport.objects.exists()


def test_a_reader_reads_but_neither_creates_nor_approves(client, w):
    from lofte.reports import workflow

    report = workflow.create_report(w["set"], w["town_editor"], date(2023, 12, 31), **TEXTS)
    client.force_login(w["reader"])
    listing = client.get(url("reports")).content.decode()
    assert report.title in listing and "Skapa utkast" not in listing
    assert client.post(url("reports"), {"promise_set": w["set"].pk, "as_of": "2023-08-31"}).status_code == 403
    assert client.post(url("report_submit", report)).status_code == 403
    assert client.post(url("report", report), TEXTS).status_code == 403
    report.refresh_from_db()
    assert report.status == FollowUpReport.Status.DRAFT


def test_the_report_page_offers_the_est_analysis_of_each_year_with_reports_as_its_appendix(client, w):
    from lofte.est.models import Report

    Report.objects.create(municipality=w["kommun"], reporter=w["town_editor"], category="klotter",
                          date=date(2022, 9, 14), area=w["areas"][0])
    client.force_login(w["town_editor"])
    client.post(url("reports"), {"promise_set": w["set"].pk, "as_of": "2023-12-31"})
    page = client.get(url("report", FollowUpReport.objects.get())).content.decode()
    appendix = reverse("staff:est_analysis_pdf") + "?kommun=strangnas&amp;period=2022"
    assert "Bilaga: EST-analys" in page and appendix in page
    assert "period=2023" not in page  # no reports that year
    pdf = client.get(appendix.replace("&amp;", "&"))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
