"""Filing and correcting EST reports: the rapportör role, idempotence by UUID, the correction week,
the audit log and the redaction of free text."""

import uuid
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from lofte.core.models import AuditEntry
from lofte.core.permissions import access, is_reporter_only, may_report, municipalities_for
from lofte.est.models import Report
from lofte.est.reports import (CORRECTION_DAYS, ReportData, ReportError, correct_report, data_of, file_report,
                               text_for)
from tests.est import helpers

pytestmark = pytest.mark.django_db


def test_a_rapportor_may_report_but_has_no_staff_role():
    w = helpers.world()
    assert may_report(w["reporter"], w["kommun"])
    assert not may_report(w["reporter"], w["other_kommun"])
    assert not access(w["reporter"], w["kommun"]).read
    assert list(municipalities_for(w["reporter"])) == []
    assert is_reporter_only(w["reporter"])
    assert not is_reporter_only(w["recorder"])
    assert may_report(w["recorder"], w["kommun"])


def test_a_report_is_stored_with_its_week_and_logged():
    w = helpers.world()
    report = helpers.report(w, on=date.today() - timedelta(days=1), text="Klotter på gaveln")
    assert report.week.weekday() == 0 and report.week <= report.date
    assert report.organisation == w["housing"]
    entry = AuditEntry.objects.get(object_type="est.Report", object_id=str(report.pk))
    assert entry.action == AuditEntry.Action.CREATE and entry.municipality_id == w["kommun"].pk


def test_the_same_uuid_twice_is_one_report():
    w = helpers.world()
    key = uuid.uuid4()
    first, created = file_report(w["reporter"], w["kommun"], helpers.data(w["areas"][0]), key)
    again, created_again = file_report(w["reporter"], w["kommun"], helpers.data(w["areas"][1], count=9), str(key))
    assert (created, created_again) == (True, False)
    assert again.pk == first.pk and again.count == 1
    assert Report.objects.count() == 1


def test_someone_elses_uuid_is_refused():
    w = helpers.world()
    key = uuid.uuid4()
    file_report(w["reporter"], w["kommun"], helpers.data(w["areas"][0]), key)
    with pytest.raises(ReportError, match="används redan"):
        file_report(w["recorder"], w["kommun"], helpers.data(w["areas"][0]), key)


def test_an_outsider_cannot_report():
    w = helpers.world()
    with pytest.raises(ReportError, match="inte rapportör"):
        file_report(w["reporter"], w["other_kommun"], helpers.data(), uuid.uuid4())
    assert not Report.objects.exists()


@pytest.mark.parametrize("fields, message", [
    ({"category": ""}, "kategori"),
    ({"area": None}, "plats"),
    ({"count": 0}, "Antal"),
    ({"latitude": Decimal("59.3")}, "både latitud"),
])
def test_incomplete_reports_are_refused_with_a_swedish_reason(fields, message):
    w = helpers.world()
    values = {"area": w["areas"][0], **fields}
    with pytest.raises(ReportError, match=message):
        file_report(w["reporter"], w["kommun"], helpers.data(**values), uuid.uuid4())


def test_an_area_of_another_municipality_is_refused():
    w = helpers.world()
    foreign = helpers.factories.areas(w["other_kommun"], ["Torshälla"])[0]
    with pytest.raises(ReportError, match="hör inte till"):
        file_report(w["reporter"], w["kommun"], helpers.data(foreign), uuid.uuid4())


def test_nothing_to_report_is_a_report_without_category_or_place():
    w = helpers.world()
    report, _ = file_report(w["reporter"], w["kommun"], ReportData(date=date.today(), nothing_to_report=True),
                            uuid.uuid4())
    assert report.nothing_to_report and report.category == "" and report.count == 0
    assert not Report.objects.incidents().exists()


def test_the_reporter_corrects_within_a_week_then_only_an_editor():
    w = helpers.world()
    report = helpers.report(w)
    changed = data_of(report)
    changed.count = 3
    correct_report(w["reporter"], report, changed)
    assert Report.objects.get(pk=report.pk).count == 3
    later = timezone.now() + timedelta(days=CORRECTION_DAYS, minutes=1)
    changed.count = 4
    with pytest.raises(ReportError, match="7 dagar"):
        correct_report(w["reporter"], report, changed, now=later)
    with pytest.raises(ReportError, match="redaktör"):
        correct_report(w["recorder"], report, changed)
    correct_report(w["editor"], report, changed, now=later)
    assert Report.objects.get(pk=report.pk).count == 4
    updates = AuditEntry.objects.filter(object_type="est.Report", action=AuditEntry.Action.UPDATE)
    assert [(e.before["count"], e.after["count"]) for e in updates.order_by("at", "pk")] == [(1, 3), (3, 4)]


def test_free_text_is_redacted_for_everyone_but_the_reporter():
    w = helpers.world()
    report = helpers.report(w, text="Ring mig på 070-123 45 67 eller anna@example.se")
    assert text_for(report, w["reporter"]) == report.text
    shown = text_for(report, w["editor"])
    assert "070" not in shown and "anna@" not in shown and "[telefonnummer borttaget]" in shown
    entry = AuditEntry.objects.get(object_type="est.Report")
    assert "070" not in entry.after["text"]
