"""What the public sees of findings: published walks only, figures that keep fixed apart from closed.

The public rule (README "Findings"): a finding is public when its walk is public, that is when the
walk is not in the bin and serves at least one published commitment (Activity.objects.published()).
Its photos are public once a redaktör has approved them. Nothing else about findings is withheld:
findings describe places, never people, and the owner's e-mail address is never shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lofte.activities.models import Activity
from lofte.core.models import Area, Municipality
from lofte.walks.models import (
    CLOSED_STATUSES,
    FIXED_STATUSES,
    OPEN_STATUSES,
    SAFETY_WALK,
    Category,
    Finding,
    FindingPhoto,
    Status,
)


@dataclass(frozen=True)
class Figures:
    """Counts by group: fixed and closed are reported separately, never added together."""

    total: int = 0
    open: int = 0
    fixed: int = 0
    closed: int = 0
    no_action: int = 0
    not_ours: int = 0


@dataclass
class Filters:
    walk: Activity | None = None
    area: Area | None = None
    category: str = ""
    status: str = ""
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def active(self) -> bool:
        return bool(self.walk or self.area or self.category or self.status)


def map_centre(municipality: Municipality) -> str:
    """Where a place picker starts: the mean of the municipality's findings ("lat,lon"), or "" when
    none has a point (the picker then shows all of Sweden). Municipalities have no stored centre."""
    from django.db.models import Avg

    centre = Finding.objects.filter(municipality=municipality, latitude__isnull=False).aggregate(
        lat=Avg("latitude"), lon=Avg("longitude")
    )
    if centre["lat"] is None:
        return ""
    return f"{float(centre['lat']):.5f},{float(centre['lon']):.5f}"


def published_walks(municipality: Municipality) -> QuerySet[Activity]:
    return (
        Activity.objects.published()
        .filter(municipality=municipality, type=SAFETY_WALK)
        .select_related("area")
        .order_by("-date", "-pk")
    )


def public_findings(municipality: Municipality | None = None) -> QuerySet[Finding]:
    """The public findings of one municipality (or, for the open-data files, of all)."""
    approved = FindingPhoto.objects.filter(approved_at__isnull=False).order_by("uploaded_at", "pk")
    findings = Finding.objects.published()
    if municipality is not None:
        findings = findings.filter(municipality=municipality)
    return (
        findings
        .select_related("walk", "walk__area", "municipality")
        .prefetch_related(Prefetch("photos", queryset=approved, to_attr="public_photos"))
        .order_by("-walk__date", "walk_id", "pk")
    )


def parse_filters(municipality: Municipality, params, walks: list[Activity]) -> Filters:
    """Read the GET filter form. An unknown walk, area, category or status gets a message for its
    field and is ignored, so the page still shows what it can."""
    filters = Filters()
    walk_value = (params.get("vandring") or "").strip()
    if walk_value:
        by_id = {str(w.pk): w for w in walks}
        filters.walk = by_id.get(walk_value)
        if filters.walk is None:
            filters.errors["vandring"] = _("Vandringen finns inte bland kommunens publicerade trygghetsvandringar.")
    area_value = (params.get("omrade") or "").strip()
    if area_value:
        filters.area = Area.objects.filter(municipality=municipality, slug=area_value).first()
        if filters.area is None:
            filters.errors["omrade"] = _("Kommundelen finns inte i kommunen.")
    category_value = (params.get("kategori") or "").strip()
    if category_value:
        if category_value in Category.values:
            filters.category = category_value
        else:
            filters.errors["kategori"] = _("Kategorin finns inte.")
    status_value = (params.get("status") or "").strip()
    if status_value:
        if status_value in Status.values or status_value in GROUPS:
            filters.status = status_value
        else:
            filters.errors["status"] = _("Statusen finns inte.")
    return filters


# Status filter values that select a group rather than one status.
GROUPS = {"oppna": OPEN_STATUSES, "atgardade": FIXED_STATUSES, "avslutade": CLOSED_STATUSES}


def apply_filters(findings: QuerySet[Finding], filters: Filters) -> QuerySet[Finding]:
    if filters.walk is not None:
        findings = findings.filter(walk=filters.walk)
    if filters.area is not None:
        findings = findings.filter(walk__area=filters.area)
    if filters.category:
        findings = findings.filter(category=filters.category)
    if filters.status:
        findings = findings.filter(status__in=GROUPS.get(filters.status, (filters.status,)))
    return findings


def mark_late(findings, today: date) -> list[Finding]:
    """Set `late` on each finding still open (ny, planerad) after its deadline: the public pages say
    "försenad" rather than only "Ny" or "Planerad"."""
    for finding in findings:
        finding.late = finding.is_late(today)
    return findings


def figures(findings) -> Figures:
    statuses = [f.status for f in findings]
    return Figures(
        total=len(statuses),
        open=sum(s in OPEN_STATUSES for s in statuses),
        fixed=sum(s in FIXED_STATUSES for s in statuses),
        closed=sum(s in CLOSED_STATUSES for s in statuses),
        no_action=statuses.count(Status.NO_ACTION),
        not_ours=statuses.count(Status.NOT_OURS),
    )


@dataclass
class WalkGroup:
    walk: Activity
    findings: list[Finding]
    figures: Figures


def group_by_walk(findings: list[Finding]) -> list[WalkGroup]:
    groups: dict[int, WalkGroup] = {}
    for finding in findings:
        group = groups.get(finding.walk_id)
        if group is None:
            group = groups[finding.walk_id] = WalkGroup(finding.walk, [], Figures())
        group.findings.append(finding)
    for group in groups.values():
        group.figures = figures(group.findings)
    return list(groups.values())


def get_public_walk(municipality: Municipality, walk_id: int) -> Activity | None:
    return published_walks(municipality).prefetch_related("organisations").filter(pk=walk_id).first()


@dataclass
class Protocol:
    walk: Activity
    route: str
    light: str
    participants: int | None
    organisations: list[str]
    pre_meeting: date | None
    follow_up: date | None
    findings: list[Finding]
    figures: Figures


def _date(value) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


LIGHT_LABELS = {"daylight": gettext_lazy("Dagsljus"), "dark": gettext_lazy("Mörker")}


_POLICE_WORDS = {"polisen", "polis", "lokalpolisen", "lokalpolisområdet", "polisområdet"}
_MUNICIPALITY_WORDS = {"kommunen", "kommun"}


def _names_listed_party(name: str, organisation) -> bool:
    """Whether a name typed among those present ("Polisen", "kommunen", "Strängnäs kommun") means
    an organisation the record already lists (the police area, the municipality)."""
    folded = " ".join(name.casefold().split())
    if folded == organisation.name.casefold():
        return True
    if organisation.kind == "police":
        return folded in _POLICE_WORDS or folded.startswith("polisen i ")
    if organisation.kind == "municipality":
        return folded in _MUNICIPALITY_WORDS
    return False


def participating_organisations(walk: Activity) -> list[str]:
    """The organisations of a walk: those recorded, then the others typed as present, each once
    (regression: "LPO Eskilstuna/Strängnäs, Strängnäs kommun, Polisen" named the police twice)."""
    recorded = list(walk.organisations.all())
    names = [o.name for o in recorded]
    present = str((walk.details or {}).get("organisations_present") or "")
    for name in (part.strip() for part in present.split(",")):
        if not name or any(_names_listed_party(name, o) for o in recorded):
            continue
        if name.casefold() not in {n.casefold() for n in names}:
            names.append(name)
    return names


def walk_protocol(walk: Activity, findings: list[Finding]) -> Protocol:
    """The walk's public protocol. Participants are a count and organisations, never names."""
    details = walk.details or {}
    organisations = participating_organisations(walk)
    participants = details.get("participants")
    return Protocol(
        walk=walk,
        route=str(details.get("route") or ""),
        light=str(LIGHT_LABELS.get(details.get("light") or "", "")),
        participants=participants if isinstance(participants, int) else None,
        organisations=organisations,
        pre_meeting=_date(details.get("pre_meeting_date")),
        follow_up=_date(details.get("follow_up_date")),
        findings=findings,
        figures=figures(findings),
    )


def public_point(finding: Finding) -> tuple[float, float] | None:
    """A finding's position as every public output gives it, (longitude, latitude), or None."""
    if not finding.has_point:
        return None
    return float(finding.longitude), float(finding.latitude)


def geojson(findings, walk_url) -> dict:
    """Findings with a point as a GeoJSON FeatureCollection for the map (text only, no HTML).

    RFC 7946: positions are [longitude, latitude] in WGS 84, which is also what the open-data
    file `/<kommun>/fynd.geojson` serves."""
    features = []
    for f in findings:
        point = public_point(f)
        if point is None:
            continue
        features.append({
            "type": "Feature",
            "id": f.pk,
            "geometry": {"type": "Point", "coordinates": list(point)},
            "properties": {
                "id": f.pk,
                "anchor": f"fynd-{f.pk}",
                "category": f.get_category_display(),
                "status": f.get_status_display() + (" – " + _("försenad") if getattr(f, "late", False) else ""),
                "group": "fixed" if f.is_fixed else "closed" if f.is_closed else "open",
                "description": f.description,
                "address": f.address,
                "walk": f.walk.date.isoformat(),
                "walk_url": walk_url(f.walk),
            },
        })
    return {"type": "FeatureCollection", "features": features}
