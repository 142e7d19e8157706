"""What the dialogue app has waiting for staff: citizen input to moderate or answer, meetings held
but not yet marked so (their activity not recorded), and the next meetings. For the staff start
page; each function runs a fixed number of queries whatever the data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Q

from lofte.dialogue.models import CitizenInput, Meeting


@dataclass(frozen=True)
class InputCounts:
    pending: int = 0
    unanswered: int = 0

    def __bool__(self) -> bool:
        return bool(self.pending or self.unanswered)


def input_counts(municipalities) -> InputCounts:
    """Input waiting for moderation, and published input nobody has answered yet (one query)."""
    counts = CitizenInput.objects.filter(municipality__in=municipalities).aggregate(
        pending=Count("pk", filter=Q(status=CitizenInput.Status.PENDING)),
        unanswered=Count("pk", filter=Q(status=CitizenInput.Status.PUBLISHED, answer="")),
    )
    return InputCounts(pending=counts["pending"] or 0, unanswered=counts["unanswered"] or 0)


def _meetings(municipalities):
    return Meeting.objects.filter(municipality__in=municipalities, cancelled=False).select_related(
        "municipality", "area", "commitment__promise_set"
    )


def awaiting_held(municipalities, now: datetime, limit: int = 10) -> list[Meeting]:
    """Meetings that have ended without being marked as held, the most recent first."""
    return list(_meetings(municipalities).filter(ends_at__lt=now, held_activity__isnull=True)
                .order_by("-starts_at", "-pk")[:limit])


def upcoming(municipalities, now: datetime, limit: int = 5) -> list[Meeting]:
    """The next meetings (not cancelled), the soonest first; also those going on right now."""
    return list(_meetings(municipalities).filter(ends_at__gte=now).order_by("starts_at", "pk")[:limit])
