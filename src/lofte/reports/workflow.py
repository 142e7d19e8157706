"""Writing, approving and publishing follow-up reports: the workflow as plain functions.

A report goes draft → ready for approval → published, like a promise set (lofte.promises.workflow):
a redaktör of each promising party of the set approves it, and the last approval publishes it. At
publication its content is computed once more as of its date and stored (`snapshot`); from then on
it is frozen: its texts cannot be edited, and the page and PDF render only what was stored. Editing
the texts of a report that awaits approval withdraws the approvals, so nobody approves a text that
changed under them. Every step is written to the audit log; an illegal step raises
ReportError with a Swedish message fit to show the user.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lofte.core.audit import log_change, snapshot as audit_snapshot
from lofte.core.models import Membership, Organisation
from lofte.promises.models import PromiseSet
from lofte.promises.workflow import APPROVER_ROLES, WorkflowError, parties_of, require_full_name
from lofte.reports.models import FollowUpReport, ReportApproval
from lofte.reports.snapshot import build_snapshot, day_label

TEXT_FIELDS = ("title", "introduction", "conclusions", "next_steps")


class ReportError(Exception):
    """An illegal step; the message is Swedish and names the problem."""


def _log(user, action, obj, **kwargs):
    # The snapshot is large and frozen; the log keeps the rest of the report's fields.
    exclude = ("snapshot",) if isinstance(obj, FollowUpReport) else ()
    for key in ("before", "after"):
        if kwargs.get(key) is True:
            kwargs[key] = audit_snapshot(obj, exclude=exclude)
    log_change(user, action, obj, **kwargs)


def report_slug(promise_set: PromiseSet, as_of: date) -> str:
    prefix = f"{promise_set.area.slug}-" if promise_set.area_id else ""
    return f"{prefix}{promise_set.slug}-{as_of.isoformat()}"


def default_title(promise_set: PromiseSet, as_of: date) -> str:
    return _("Uppföljning av %(title)s per %(date)s") % {"title": promise_set.title, "date": day_label(as_of)}


def check_date(promise_set: PromiseSet, as_of: date | None, today: date) -> None:
    if as_of is None:
        raise ReportError(_("Ange uppföljningsdatumet (ÅÅÅÅ-MM-DD)."))
    if as_of < promise_set.start:
        raise ReportError(
            _("Datumet %(date)s ligger före medborgarlöftets period (%(start)s–%(end)s).")
            % {"date": as_of.isoformat(), "start": promise_set.start.isoformat(), "end": promise_set.end.isoformat()}
        )
    if as_of > today:
        raise ReportError(_("En uppföljning kan inte dateras i framtiden (%(date)s).") % {"date": as_of.isoformat()})


@transaction.atomic
def create_report(promise_set: PromiseSet, user, as_of: date, *, today: date | None = None,
                  **texts) -> FollowUpReport:
    """A new draft report of a published set as of a date (at most one per set and date)."""
    today = today or timezone.localdate()
    if not promise_set.is_published:
        raise ReportError(_("Bara ett publicerat medborgarlöfte kan följas upp i en rapport."))
    check_date(promise_set, as_of, today)
    if FollowUpReport.objects.filter(promise_set=promise_set, as_of=as_of).exists():
        raise ReportError(_("Det finns redan en uppföljning av medborgarlöftet per %(date)s.") % {"date": as_of.isoformat()})
    values = {k: (v or "").strip() for k, v in texts.items() if k in TEXT_FIELDS}
    values["title"] = (values.get("title") or default_title(promise_set, as_of))[:300]
    report = FollowUpReport.objects.create(
        promise_set=promise_set, municipality_id=promise_set.municipality_id, as_of=as_of,
        slug=report_slug(promise_set, as_of), created_by=user if getattr(user, "is_authenticated", False) else None,
        **values,
    )
    _log(user, "create", report, after=True, municipality_id=report.municipality_id)
    return report


def _require_unpublished(report: FollowUpReport) -> None:
    if report.is_published:
        raise ReportError(_("Uppföljningen är publicerad och kan inte ändras."))


@transaction.atomic
def update_texts(report: FollowUpReport, user, **texts) -> bool:
    """Change the title and the coordinator's texts. A report awaiting approval returns to draft."""
    report = FollowUpReport.objects.select_for_update().get(pk=report.pk)
    _require_unpublished(report)
    values = {k: (v or "").strip() for k, v in texts.items() if k in TEXT_FIELDS}
    if "title" in values and not values["title"]:
        raise ReportError(_("Uppföljningen behöver en rubrik."))
    changed = {k: v for k, v in values.items() if getattr(report, k) != v}
    if not changed:
        return False
    before = audit_snapshot(report, exclude=("snapshot",))
    for key, value in changed.items():
        setattr(report, key, value)
    report.save()
    _log(user, "update", report, before=before, after=True, municipality_id=report.municipality_id)
    if report.status == FollowUpReport.Status.READY:
        _back_to_draft(report, user, _("Texten ändrades efter att uppföljningen skickats för godkännande."))
    return True


@transaction.atomic
def submit(report: FollowUpReport, user) -> FollowUpReport:
    report = FollowUpReport.objects.select_for_update().get(pk=report.pk)
    if report.status != FollowUpReport.Status.DRAFT:
        raise ReportError(_("Bara ett utkast kan skickas för godkännande."))
    if not report.introduction.strip() or not report.conclusions.strip():
        raise ReportError(_("Skriv inledningen och slutsatserna innan uppföljningen skickas för godkännande."))
    before = audit_snapshot(report, exclude=("snapshot",))
    report.status = FollowUpReport.Status.READY
    report.save(update_fields=["status", "updated_at"])
    _log(user, "update", report, before=before, after=True, municipality_id=report.municipality_id)
    return report


def _back_to_draft(report: FollowUpReport, user, reason: str) -> None:
    before = audit_snapshot(report, exclude=("snapshot",))
    before["approvals"] = [audit_snapshot(a) for a in report.approvals.all()]
    report.approvals.all().delete()
    report.status = FollowUpReport.Status.DRAFT
    report.save(update_fields=["status", "updated_at"])
    after = audit_snapshot(report, exclude=("snapshot",))
    after["approvals"] = []
    if reason:
        after["reason"] = reason
    log_change(user, "update", report, before=before, after=after, municipality_id=report.municipality_id)


@transaction.atomic
def withdraw(report: FollowUpReport, user, reason: str = "") -> FollowUpReport:
    report = FollowUpReport.objects.select_for_update().get(pk=report.pk)
    if report.status != FollowUpReport.Status.READY:
        raise ReportError(_("Bara en uppföljning som väntar på godkännande kan dras tillbaka."))
    _back_to_draft(report, user, reason.strip())
    return report


def parties(report: FollowUpReport):
    """The parties that approve the report: the promising parties of its set."""
    return parties_of(report.promise_set)


def missing_approvals(report: FollowUpReport) -> list[Organisation]:
    approved = set(report.approvals.values_list("organisation_id", flat=True))
    return [p for p in parties(report) if p.pk not in approved]


def approvable_organisations(report: FollowUpReport, user) -> list[Organisation]:
    """The parties the user could approve for now (redaktör or more there, not approved yet)."""
    if report.status != FollowUpReport.Status.READY or not user.is_authenticated:
        return []
    mine = set(Membership.objects.filter(user=user, role__in=APPROVER_ROLES).values_list("organisation_id", flat=True))
    return [p for p in missing_approvals(report) if p.pk in mine]


@transaction.atomic
def approve(report: FollowUpReport, organisation: Organisation, user, approver_name: str = "",
            today: date | None = None) -> ReportApproval:
    """Approve a report for one party; the last party's approval publishes it (and freezes it)."""
    report = FollowUpReport.objects.select_for_update().select_related("promise_set__municipality").get(pk=report.pk)
    if report.status != FollowUpReport.Status.READY:
        raise ReportError(_("Bara en uppföljning som är klar för godkännande kan godkännas."))
    if not parties(report).filter(pk=organisation.pk).exists():
        raise ReportError(_("%(organisation)s är inte part i medborgarlöftet.") % {"organisation": organisation.name})
    if not Membership.objects.filter(user=user, organisation=organisation, role__in=APPROVER_ROLES).exists():
        raise ReportError(_("Bara en redaktör i %(organisation)s kan godkänna för organisationen.")
                          % {"organisation": organisation.name})
    if report.approvals.filter(organisation=organisation).exists():
        raise ReportError(_("%(organisation)s har redan godkänt uppföljningen.") % {"organisation": organisation.name})
    try:
        full_name = require_full_name(user)
    except WorkflowError as error:
        raise ReportError(str(error)) from None
    approval = ReportApproval.objects.create(report=report, organisation=organisation, user=user,
                                             approver_name=(approver_name.strip() or full_name)[:200])
    log_change(user, "approve", approval, after=audit_snapshot(approval), municipality_id=report.municipality_id)
    if not missing_approvals(report):
        publish(report, user, today=today)
    return approval


def publish(report: FollowUpReport, user, *, today: date | None = None, at=None) -> FollowUpReport:
    """Freeze the report's content as of its date and publish it. Called by the last approval (and
    by the demo, whose approvals are invented); refuses a report some party has not approved."""
    if report.is_published:
        raise ReportError(_("Uppföljningen är redan publicerad."))
    if missing_approvals(report):
        raise ReportError(_("Alla parter har inte godkänt uppföljningen."))
    before = audit_snapshot(report, exclude=("snapshot",))
    report.status = FollowUpReport.Status.PUBLISHED
    report.published_at = at or timezone.now()
    report.snapshot = build_snapshot(report, today or timezone.localdate())
    report.save(update_fields=["status", "published_at", "snapshot", "updated_at"])
    _log(user, "publish", report, before=before, after=True, municipality_id=report.municipality_id)
    return report
