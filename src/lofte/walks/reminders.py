"""Reminding owners of findings whose deadline passed without a status change.

Safe to run at any time and from several workers at once: each reminder is claimed with a
conditional update (reminded_at from NULL to now) before its e-mail goes out, so only one worker
sends it, and a finding is reminded of once per deadline (editing the deadline or the status clears
reminded_at).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from lofte.walks.models import Finding


@dataclass
class ReminderRun:
    sent: int = 0
    failed: int = 0
    skipped_without_email: int = 0

    def line(self) -> str:
        return (
            f"Påminnelser om fynd: {self.sent} skickade, {self.failed} misslyckades, "
            f"{self.skipped_without_email} saknar e-postadress."
        )


def overdue_findings(today: date | None = None):
    today = today or timezone.localdate()
    return Finding.objects.overdue(today).select_related("walk", "walk__area", "municipality")


def due_reminders(today: date | None = None):
    """Overdue findings that have an owner address and have not been reminded of yet."""
    return overdue_findings(today).filter(reminded_at__isnull=True).exclude(owner_email="")


def _claim(finding: Finding) -> bool:
    return Finding.objects.filter(pk=finding.pk, reminded_at__isnull=True).update(reminded_at=timezone.now()) == 1


def send_reminder(finding: Finding) -> None:
    context = {
        "finding": finding,
        "url": settings.SITE_URL + reverse("staff:finding_edit", args=[finding.pk]),
    }
    subject = f"Påminnelse: fynd från trygghetsvandring i {finding.municipality.name} har passerat sista dag"
    body = render_to_string("walks/reminder_email.txt", context)
    send_mail(subject, body, None, [finding.owner_email])


def send_due_reminders(today: date | None = None) -> ReminderRun:
    run = ReminderRun()
    run.skipped_without_email = overdue_findings(today).filter(reminded_at__isnull=True, owner_email="").count()
    for finding in due_reminders(today):
        if not _claim(finding):
            continue  # Another worker got it first.
        try:
            send_reminder(finding)
        except Exception:
            # Release the claim so a later run tries again; the failure is counted and logged.
            Finding.objects.filter(pk=finding.pk).update(reminded_at=None)
            run.failed += 1
            import logging

            logging.getLogger(__name__).exception("Reminder for finding %s failed", finding.pk)
        else:
            run.sent += 1
    return run
