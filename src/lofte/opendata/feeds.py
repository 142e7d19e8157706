"""What the Atom feeds (`/flode.atom`, `/<kommun>/flode.atom`) say: plain entries, newest first.

The site face renders them with Django's syndication framework. Each source reads through the public
functions: published sets, recorded work through `public_activity_figures()` (sensitive types are
never an entry: they are only ever totals), answered citizen input through lofte.dialogue.public.

Entry ids are tag URIs (RFC 4151) made of the site's host name and the record's kind and id, so an
entry keeps its id when its title or text changes and a feed reader never shows it twice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from lofte.activities import privacy
from lofte.activities.models import Activity
from lofte.core.models import Municipality
from lofte.dialogue import public as dialogue_public
from lofte.dialogue.meetings import site_url
from lofte.promises.models import Commitment, PromiseSet, published_commitment
from lofte.reports.public import published_reports

LIMIT = 50
# The year in every tag URI: the site's host name was the operator's then (RFC 4151 §2.1). It never
# changes, or every id would.
TAG_YEAR = 2026
EARLIEST = date(1900, 1, 1)


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    link: str
    updated: datetime
    summary: str
    category: str
    municipality: str


def tag(kind: str, pk: int) -> str:
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"tag:{host},{TAG_YEAR}:{kind}/{pk}"


def _where(queryset, municipality: Municipality | None, field: str = "municipality"):
    return queryset if municipality is None else queryset.filter(**{field: municipality})


def published_sets(municipality: Municipality | None, limit: int = LIMIT) -> list[Entry]:
    sets = _where(PromiseSet.objects.published(), municipality).select_related("municipality", "area")
    entries = []
    for s in sets.order_by("-published_at", "-updated_at", "-pk")[:limit]:
        place = f"{s.area.name}, {s.municipality.name}" if s.area_id else s.municipality.name
        entries.append(Entry(
            id=tag("medborgarlofte", s.pk),
            title=f"Medborgarlöfte {s.period_label} för {place}: {s.title}",
            link=site_url(s.get_absolute_url()),
            updated=s.published_at or s.updated_at,
            summary=s.intro[:1000],
            category="Medborgarlöfte",
            municipality=s.municipality.name,
        ))
    return entries


def recorded_activities(municipality: Municipality | None, limit: int = LIMIT) -> list[Entry]:
    """The latest recorded public work, each linked to the first published commitment it serves."""
    latest = (
        _where(Activity.objects.published(), municipality).exclude(type__in=privacy.sensitive_type_keys())
        .order_by("-updated_at", "-pk").values_list("pk", "updated_at")[:limit]
    )
    updated = dict(latest)
    if not updated:
        return []
    figures = privacy.public_activity_figures(
        Activity.objects.filter(pk__in=list(updated)), start=EARLIEST, end=timezone.localdate()
    )
    links = Activity.commitments.through.objects.filter(
        published_commitment("commitment__"), activity_id__in=list(updated)
    ).select_related("commitment__promise_set__municipality", "commitment__promise_set__area").order_by("commitment_id")
    served: dict[int, Commitment] = {}
    for link in links:
        served.setdefault(link.activity_id, link.commitment)
    entries = []
    for record in figures.records:
        commitment = served.get(record.id)
        if commitment is None:
            continue
        place = record.area or commitment.promise_set.municipality.name
        details = [record.note] + [f"{label}: {text}" for label, text, _link in record.details]
        entries.append(Entry(
            id=tag("insats", record.id),
            title=f"{record.type_label} {record.date:%Y-%m-%d} i {place}",
            link=site_url(commitment.get_absolute_url()) + "#insatser",
            updated=updated[record.id],
            summary="\n".join([f"För löftet: {commitment.title}", *[d for d in details if d]]),
            category="Insats",
            municipality=commitment.promise_set.municipality.name,
        ))
    return entries


def answered_input(municipality: Municipality | None, limit: int = LIMIT) -> list[Entry]:
    entries = []
    for item in dialogue_public.answered_inputs(municipality)[:limit]:
        pair = dialogue_public.input_pair(item)
        by = f" ({pair['action_by']})" if pair["action_by"] else ""
        entries.append(Entry(
            id=tag("synpunkt", item.pk),
            title=f"Svar på en synpunkt till {item.municipality.name}{by}",
            link=site_url(reverse("site:input_list", args=[item.municipality.slug]) + f"#synpunkt-{item.pk}"),
            updated=item.answered_at,
            summary=f"Ni sa: {pair['issue']}\n\nVi gjorde: {pair['action']}",
            category="Synpunkt",
            municipality=item.municipality.name,
        ))
    return entries


def published_follow_up_reports(municipality: Municipality | None, limit: int = LIMIT) -> list[Entry]:
    entries = []
    for report in published_reports(municipality)[:limit]:
        set_ = report.promise_set
        place = f"{set_.area.name}, {report.municipality.name}" if set_.area_id else report.municipality.name
        entries.append(Entry(
            id=tag("uppfoljning", report.pk),
            title=f"Uppföljning för {place}: {report.title}",
            link=site_url(report.get_absolute_url()),
            updated=report.published_at,
            summary=((report.snapshot or {}).get("texts") or {}).get("introduction", "")[:1000] or report.title,
            category="Uppföljning",
            municipality=report.municipality.name,
        ))
    return entries


# Every source of entries.
SOURCES: list[Callable[[Municipality | None, int], list[Entry]]] = [
    published_sets, recorded_activities, answered_input, published_follow_up_reports,
]


def _aware(moment: datetime) -> datetime:
    if isinstance(moment, datetime):
        return moment if timezone.is_aware(moment) else timezone.make_aware(moment)
    return timezone.make_aware(datetime.combine(moment, time.min))


def entries(municipality: Municipality | None, limit: int = LIMIT) -> list[Entry]:
    """The newest entries of every source, newest first (ties in a fixed order, by id)."""
    found = [entry for source in SOURCES for entry in source(municipality, limit)]
    found.sort(key=lambda e: (_aware(e.updated), e.id), reverse=True)
    return found[:limit]
