"""What the public sees of citizen input and meetings: the one place every public output reads them.

Pages, `synpunkter.json`, the CSV downloads, the bulk download and the feeds all call these, so that
input waiting for moderation, rejected input and contact details never leave the workspace, and a
non-public meeting never reaches a calendar or a file.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone

from lofte.core.models import Municipality
from lofte.dialogue.meetings import site_url
from lofte.dialogue.models import CitizenInput, Meeting


def published_inputs(municipality: Municipality | None = None) -> QuerySet[CitizenInput]:
    """Published input, newest first, of one municipality (or all)."""
    items = CitizenInput.objects.published()
    if municipality is not None:
        items = items.filter(municipality=municipality)
    return items.select_related(
        "municipality", "area", "answered_by", "commitment__promise_set__municipality", "commitment__promise_set__area",
    ).order_by("-created_at", "-pk")


def answered_inputs(municipality: Municipality | None = None) -> QuerySet[CitizenInput]:
    """Published input that has an answer, most recently answered first (the feeds' "vi gjorde")."""
    return published_inputs(municipality).filter(answered_at__isnull=False).exclude(answer="").order_by(
        "-answered_at", "-pk"
    )


def input_pair(item: CitizenInput) -> dict:
    """A published input with its answer as an issue/action pair (data.police.uk's "you said, we
    did"): the published text only, never the citizen's own words or address."""
    return {
        "id": item.pk,
        "issue": item.public_message,
        "issue_date": timezone.localtime(item.created_at).date().isoformat(),
        "area": item.area.name if item.area else None,
        "commitment": site_url(item.commitment.get_absolute_url()) if item.commitment_id else None,
        "action": item.answer or None,
        "action_date": timezone.localtime(item.answered_at).date().isoformat() if item.answered_at else None,
        "action_by": item.answered_by.name if item.answered_by else None,
        "action_by_person": item.answerer_name or None,
    }


def public_meetings(municipality: Municipality | None = None) -> QuerySet[Meeting]:
    meetings = Meeting.objects.public()
    if municipality is not None:
        meetings = meetings.filter(municipality=municipality)
    return meetings.select_related("municipality", "area", "organiser", "commitment__promise_set__municipality",
                                   "commitment__promise_set__area")
