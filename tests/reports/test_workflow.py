"""A report is created as a draft, its texts written, sent for approval, approved by each promising
party, and published (frozen) by the last approval; every step is logged, illegal steps refused."""

from datetime import date

import pytest

from lofte.core.models import AuditEntry
from lofte.reports import workflow
from lofte.reports.models import FollowUpReport
from lofte.reports.public import published_reports
from lofte.reports.workflow import ReportError
from tests import factories
from tests.reports.helpers import AS_OF, TODAY, published_report, world

pytestmark = pytest.mark.django_db


def draft(w, **texts):
    texts = {"introduction": "Inledning.", "conclusions": "Slutsatser.", **texts}
    return workflow.create_report(w["set"], w["town_editor"], AS_OF, today=TODAY, **texts)


def test_a_draft_gets_a_title_and_an_address_made_of_the_period_and_the_date():
    w = world()
    report = draft(w)
    assert report.title == "Uppföljning av Medborgarlöfte 2022–2023 per 31 december 2023"
    assert report.slug == "2022-2023-2023-12-31"
    assert report.status == FollowUpReport.Status.DRAFT and report.snapshot is None
    assert AuditEntry.objects.filter(action="create", object_type="reports.FollowUpReport").exists()


@pytest.mark.parametrize(("as_of", "message"), [
    (date(2021, 12, 31), "ligger före medborgarlöftets period"),
    (date(2024, 3, 2), "kan inte dateras i framtiden"),
])
def test_a_date_outside_what_can_be_followed_up_is_refused(as_of, message):
    w = world()
    with pytest.raises(ReportError, match=message):
        workflow.create_report(w["set"], w["town_editor"], as_of, today=TODAY)


def test_one_report_per_set_and_date_and_only_of_a_published_set():
    w = world()
    draft(w)
    with pytest.raises(ReportError, match="finns redan en uppföljning"):
        draft(w)
    unpublished = factories.promise_set(w["kommun"], 2020, status="draft")
    with pytest.raises(ReportError, match="Bara ett publicerat medborgarlöfte"):
        workflow.create_report(unpublished, w["town_editor"], date(2020, 12, 31), today=TODAY)


def test_it_goes_for_approval_only_with_an_introduction_and_conclusions():
    w = world()
    report = draft(w, conclusions="")
    with pytest.raises(ReportError, match="Skriv inledningen och slutsatserna"):
        workflow.submit(report, w["town_editor"])


def test_the_last_partys_approval_publishes_and_freezes_the_report():
    w = world()
    report = draft(w)
    workflow.submit(report, w["town_editor"])
    workflow.approve(report, w["police"], w["police_editor"], today=TODAY)
    report.refresh_from_db()
    assert report.status == FollowUpReport.Status.READY and not published_reports().exists()
    with pytest.raises(ReportError, match="Bara en redaktör i"):
        workflow.approve(report, w["town"], w["police_editor"], today=TODAY)
    workflow.approve(report, w["town"], w["town_editor"], today=TODAY)
    report.refresh_from_db()
    assert report.is_published and report.snapshot["texts"]["conclusions"] == "Slutsatser."
    assert [a["organisation"] for a in report.snapshot["approvals"]] == [w["police"].name, w["town"].name]
    assert list(published_reports(w["kommun"])) == [report]
    assert AuditEntry.objects.filter(action="publish", object_type="reports.FollowUpReport").exists()
    with pytest.raises(ReportError, match="är publicerad och kan inte ändras"):
        workflow.update_texts(report, w["town_editor"], conclusions="Annat.")


def test_editing_the_texts_while_awaiting_approval_withdraws_the_approvals():
    w = world()
    report = draft(w)
    workflow.submit(report, w["town_editor"])
    workflow.approve(report, w["police"], w["police_editor"], today=TODAY)
    assert workflow.update_texts(report, w["town_editor"], conclusions="Nya slutsatser.")
    report.refresh_from_db()
    assert report.status == FollowUpReport.Status.DRAFT and not report.approvals.exists()


def test_someone_who_is_not_a_party_cannot_approve():
    w = world()
    report = draft(w)
    workflow.submit(report, w["town_editor"])
    outsider_org = factories.organisation(w["kommun"], "other")
    outsider = factories.user("raddning", outsider_org, role="editor")
    with pytest.raises(ReportError, match="är inte part"):
        workflow.approve(report, outsider_org, outsider, today=TODAY)


def test_published_reports_lists_only_published_ones_of_the_asked_place():
    w = world()
    report = published_report(w)
    workflow.create_report(w["set"], w["town_editor"], date(2023, 8, 31), today=TODAY)
    assert list(published_reports(w["kommun"], promise_set=w["set"])) == [report]
    other = factories.municipality(code="0484", name="Eskilstuna")
    assert not published_reports(other).exists()
