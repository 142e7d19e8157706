"""Published follow-up reports in open data (the API and the Atom feeds): as frozen at publication, drafts never."""

import pytest

from lofte.reports import workflow
from tests.api.helpers import items
from tests.reports import helpers

pytestmark = pytest.mark.django_db


def test_a_published_report_is_listed_with_its_frozen_content_and_a_draft_is_not(client):
    w = helpers.world()
    report = helpers.published_report(w)
    draft = workflow.create_report(w["set"], w["town_editor"], helpers.TODAY, today=helpers.TODAY,
                                   introduction="Utkastets hemliga inledning.")
    [found] = items(client, "/api/v1/reports", municipality="0486")
    assert found["id"] == report.pk and found["as_of"] == report.as_of.isoformat()
    assert found["content"] == report.snapshot
    assert found["pdf_url"].endswith(report.pdf_url())
    assert sorted(a["organisation"] for a in found["approvals"]) == sorted([w["police"].name, w["town"].name])
    assert client.get(f"/api/v1/reports/{report.pk}").json()["title"] == report.title
    assert client.get(f"/api/v1/reports/{draft.pk}").status_code == 404
    assert "Utkastets hemliga inledning" not in client.get("/api/v1/reports").content.decode()
    assert [r["id"] for r in items(client, "/api/v1/reports", county="04")] == [report.pk]
    assert items(client, "/api/v1/reports", period="2019") == []


def test_a_published_report_is_an_entry_of_the_feeds_and_a_draft_is_not(client):
    w = helpers.world()
    report = helpers.published_report(w)
    workflow.create_report(w["set"], w["town_editor"], helpers.TODAY, today=helpers.TODAY, title="Hemligt utkast")
    for path in ("/strangnas/flode.atom", "/flode.atom"):
        feed = client.get(path).content.decode()
        assert f",2026:uppfoljning/{report.pk}</id>" in feed and report.get_absolute_url() in feed
        assert "Så här gick det." in feed  # the introduction, as published
        assert "Hemligt utkast" not in feed
