"""Purging citizens' contact details after the retention period (DESIGN.md §3).

Safe to run at any time and as often as wanted: it only blanks addresses that are past their period
and not blank already, with one conditional UPDATE per rule, so parallel runs never conflict.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from lofte.dialogue.models import CitizenInput


@dataclass(frozen=True)
class PurgeResult:
    closed: int
    unanswered: int

    @property
    def summary(self) -> str:
        return (
            f"Kontaktuppgifter rensade från {self.closed} besvarade eller avvisade och "
            f"{self.unanswered} obesvarade synpunkter."
        )


def purge_contact_details(now: datetime | None = None) -> PurgeResult:
    now = now or timezone.now()
    closed_cutoff = now - timedelta(days=settings.CITIZEN_CONTACT_RETENTION_DAYS)
    open_cutoff = now - timedelta(days=settings.CITIZEN_CONTACT_UNANSWERED_RETENTION_DAYS)
    with_contact = CitizenInput.objects.exclude(email="")
    closed = with_contact.filter(
        Q(answered_at__lte=closed_cutoff)
        | Q(answered_at__isnull=True, status=CitizenInput.Status.REJECTED, moderated_at__lte=closed_cutoff)
    ).update(email="", contact_purged_at=now)
    unanswered = with_contact.filter(answered_at__isnull=True, created_at__lte=open_cutoff).update(
        email="", contact_purged_at=now
    )
    return PurgeResult(closed, unanswered)
