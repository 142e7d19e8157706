"""The weekly e-mail to rapportörer who have not reported this week (not even "Inget att rapportera").

Safe to run at any time and from several workers at once: each reminder is claimed by creating its
Reminder row (unique per user and week) before the e-mail goes out, so nobody gets two in a week.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from lofte.core.models import Membership
from lofte.est.models import Reminder, Report, week_of

logger = logging.getLogger(__name__)


@dataclass
class ReminderRun:
    sent: int = 0
    failed: int = 0
    skipped_without_email: int = 0

    def line(self) -> str:
        return (f"Påminnelser till EST-rapportörer: {self.sent} skickade, {self.failed} misslyckades, "
                f"{self.skipped_without_email} saknar e-postadress.")


def silent_reporters(today: date | None = None):
    """Active rapportörer without a report (of any kind) dated in the current week."""
    week = week_of(today or timezone.localdate())
    reported = Report.objects.filter(week=week, reporter__isnull=False).values("reporter_id")
    return (get_user_model().objects.filter(is_active=True, memberships__role=Membership.Role.REPORTER)
            .exclude(pk__in=reported).distinct().order_by("pk"))


def _claim(user, week: date) -> Reminder | None:
    try:
        with transaction.atomic():
            return Reminder.objects.create(user=user, week=week)
    except IntegrityError:
        return None  # Already reminded this week (or another worker is at it).


def send_reminders(today: date | None = None) -> ReminderRun:
    today = today or timezone.localdate()
    week = week_of(today)
    run = ReminderRun()
    url = settings.SITE_URL + reverse("staff:est_report")
    for user in silent_reporters(today):
        if not user.email:
            run.skipped_without_email += 1
            continue
        claim = _claim(user, week)
        if claim is None:
            continue
        body = render_to_string("est/reminder_email.txt", {"user": user, "url": url, "week": week})
        try:
            send_mail(f"Påminnelse: veckans EST-rapport (vecka {week.isocalendar()[1]})", body, None, [user.email])
        except Exception:
            claim.delete()  # Release the claim so a later run tries again.
            run.failed += 1
            logger.exception("EST reminder to user %s failed", user.pk)
        else:
            run.sent += 1
    return run
