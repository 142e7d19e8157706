"""Filing and correcting EST reports: the domain side of the reporting form, the offline queue's
endpoint, the import and the demo. Every change is written to the audit log in the same transaction.

Rules:
* a report is filed by someone who may report in the municipality (lofte.core.permissions.may_report);
* the report's UUID comes from the form (or the phone's queue): filing the same UUID again returns
  the stored report unchanged, so a resend never duplicates;
* the reporter may correct their report for CORRECTION_DAYS after filing it, then only a redaktör;
* free text is shown redacted (lofte.dialogue.redaction) to everyone but its reporter.
"""

from __future__ import annotations

import uuid as uuid_module
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lofte.core.audit import log_change, snapshot
from lofte.core.models import Area, AuditEntry, Municipality, Organisation
from lofte.core.permissions import access, may_report
from lofte.dialogue.redaction import redact
from lofte.est.models import Category, PlaceKind, Report, Severity, TimeBand

CORRECTION_DAYS = 7
# Reports further back than this are history for the import, not the weekly form.
MAX_AGE_DAYS = 60


class ReportError(ValueError):
    """A report that cannot be stored or changed; the message is for the user, in Swedish."""


@dataclass
class ReportData:
    """The fields a reporter fills in (validated by the form or the import before they get here)."""

    date: date
    nothing_to_report: bool = False
    category: str = ""
    place_kind: str = PlaceKind.AREA
    area: Area | None = None
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    time_band: str = ""
    count: int = 1
    severity: int = Severity.LOW
    text: str = ""

    FIELDS = ("date", "nothing_to_report", "category", "place_kind", "area", "latitude", "longitude",
              "time_band", "count", "severity", "text")

    def problems(self, municipality: Municipality) -> list[str]:
        """What is wrong with the data, in Swedish (empty when it may be stored)."""
        found = []
        if self.area is not None and self.area.municipality_id != municipality.pk:
            found.append(_("Kommundelen hör inte till %(name)s.") % {"name": municipality.name})
        if self.nothing_to_report:
            return found
        if self.category not in Category.values:
            found.append(_("Välj en kategori."))
        if self.time_band and self.time_band not in TimeBand.values:
            found.append(_("Okänd tid på dygnet."))
        if self.severity not in Severity.values:
            found.append(_("Okänd allvarlighet."))
        if (self.latitude is None) != (self.longitude is None):
            found.append(_("En plats behöver både latitud och longitud."))
        if self.latitude is None and self.area is None:
            found.append(_("Ange en plats: en punkt på kartan, telefonens position eller en kommundel."))
        if not 0 < self.count <= 1000:
            found.append(_("Antal ska vara mellan 1 och 1000."))
        return found


def _snapshot(report: Report) -> dict:
    # The log is read by redaktörer, not only by the reporter: the text there is redacted too.
    data = snapshot(report)
    data["text"] = redact(data.get("text") or "")
    return data


def _organisation(user, municipality: Municipality) -> Organisation | None:
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return Organisation.objects.filter(memberships__user=user, municipalities=municipality).order_by("pk").first()


def file_report(user, municipality: Municipality, data: ReportData, report_uuid: uuid_module.UUID | str,
                *, is_demo: bool = False, imported: bool = False, reporter_label: str = "",
                check_permission: bool = True) -> tuple[Report, bool]:
    """Store a report under its UUID; returns (report, created). The same UUID again is the same
    report (created False), whatever the second request says: a resend, never a change."""
    report_uuid = uuid_module.UUID(str(report_uuid))
    existing = Report.objects.filter(uuid=report_uuid).first()
    if existing is not None:
        return _same_sender(existing, user, municipality), False
    if check_permission and not may_report(user, municipality):
        raise ReportError(_("Du är inte rapportör i %(name)s.") % {"name": municipality.name})
    problems = data.problems(municipality)
    if problems:
        raise ReportError(" ".join(problems))
    if check_permission and not imported and data.date < timezone.localdate() - timedelta(days=MAX_AGE_DAYS):
        raise ReportError(_("Datumet ligger mer än %(days)s dagar bakåt.") % {"days": MAX_AGE_DAYS})
    if check_permission and data.date > timezone.localdate() + timedelta(days=1):
        raise ReportError(_("Datumet ligger i framtiden."))
    reporter = user if getattr(user, "is_authenticated", False) else None
    try:
        with transaction.atomic():
            report = Report(uuid=report_uuid, municipality=municipality, reporter=reporter,
                            reporter_label=reporter_label[:150], organisation=_organisation(reporter, municipality),
                            is_demo=is_demo, imported=imported,
                            **{f: getattr(data, f) for f in ReportData.FIELDS})
            report.save()
            log_change(reporter, AuditEntry.Action.IMPORT if imported else AuditEntry.Action.CREATE, report,
                       after=_snapshot(report), municipality_id=municipality.pk)
    except IntegrityError:
        # The same UUID arrived twice at once (the queue and a retry): the other request stored it.
        existing = Report.objects.filter(uuid=report_uuid).first()
        if existing is None:
            raise
        return _same_sender(existing, user, municipality), False
    if not imported:
        counts_changed(municipality)
    return report, True


def _same_sender(report: Report, user, municipality: Municipality) -> Report:
    if report.municipality_id != municipality.pk or (report.reporter_id and report.reporter_id != getattr(user, "pk", None)):
        raise ReportError(_("Rapport-id:t används redan av en annan rapport."))
    return report


def correction_deadline(report: Report):
    return report.created_at + timedelta(days=CORRECTION_DAYS)


def may_correct(user, report: Report, now=None) -> bool:
    """The reporter, within CORRECTION_DAYS of filing; a redaktör of the municipality, always."""
    now = now or timezone.now()
    if access(user, report.municipality_id).edit:
        return True
    return report.reporter_id == getattr(user, "pk", None) and now < correction_deadline(report) \
        and may_report(user, report.municipality_id)


def correct_report(user, report: Report, data: ReportData, now=None) -> Report:
    """Change a report's fields; the audit log keeps both versions."""
    if not may_correct(user, report, now):
        if report.reporter_id == getattr(user, "pk", None):
            raise ReportError(_("Rapporten kan bara rättas av dig under %(days)s dagar; be en redaktör om hjälp.")
                              % {"days": CORRECTION_DAYS})
        raise ReportError(_("Bara rapportören eller en redaktör får rätta rapporten."))
    problems = data.problems(report.municipality)
    if problems:
        raise ReportError(" ".join(problems))
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        before = _snapshot(report)
        for field in ReportData.FIELDS:
            setattr(report, field, getattr(data, field))
        report.save()
        after = _snapshot(report)
        if after != before:
            log_change(user, AuditEntry.Action.UPDATE, report, before=before, after=after,
                       municipality_id=report.municipality_id)
    counts_changed(report.municipality)
    return report


def data_of(report: Report) -> ReportData:
    return ReportData(**{f: getattr(report, f) for f in ReportData.FIELDS})


def text_for(report: Report, viewer) -> str:
    """The free text as `viewer` may read it: their own words as written, everyone else's redacted."""
    if report.reporter_id is not None and report.reporter_id == getattr(viewer, "pk", None):
        return report.text
    return redact(report.text)


def own_reports(user, municipality: Municipality | None = None):
    reports = Report.objects.filter(reporter=user).select_related("area", "municipality")
    return reports.filter(municipality=municipality) if municipality is not None else reports


def counts_changed(municipality: Municipality) -> None:
    """After reports change, rebuild the municipality's EST indicators in the background (once the
    transaction has committed, so the task sees the change)."""
    from lofte.est import tasks

    municipality_id = municipality.pk
    transaction.on_commit(lambda: tasks.rebuild_indicators_task.enqueue(municipality_id))
