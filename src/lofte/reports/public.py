"""What of follow-up reports the public (pages, the API, feeds) may read: published reports only."""

from __future__ import annotations

from django.db.models import QuerySet
from django.db.models.fields.json import KeyTextTransform

from lofte.reports.models import FollowUpReport


def published_reports(municipality=None, promise_set=None) -> QuerySet[FollowUpReport]:
    """Published reports, newest first, optionally of one municipality or one promise set.

    Each has its frozen `snapshot` (the content as published), `get_absolute_url()` and `pdf_url()`.
    """
    reports = FollowUpReport.objects.published().select_related("municipality", "promise_set__area")
    if municipality is not None:
        reports = reports.filter(municipality=municipality)
    if promise_set is not None:
        reports = reports.filter(promise_set=promise_set)
    return reports.order_by("-as_of", "-pk")


def published_report_links(promise_set) -> QuerySet[FollowUpReport]:
    """A set's published reports for a list of links: `link_title` and `link_date` (the frozen
    title and "as of" label), without reading and decoding each whole snapshot."""
    return (
        published_reports(promise_set=promise_set).defer("snapshot")
        .annotate(link_title=KeyTextTransform("title", "snapshot"), link_date=KeyTextTransform("as_of_label", "snapshot"))
    )
