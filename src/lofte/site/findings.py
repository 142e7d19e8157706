"""Public pages of findings from safety walks: the list and table (the primary view), the map's
data, a walk's protocol and approved photos. Data assembly lives in lofte.walks.public."""

from __future__ import annotations

from django.conf import settings
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from lofte.walks import public
from lofte.walks.models import Category, FindingPhoto, Status
from lofte.site.views import _municipality, _municipality_freshness, public_page


def _walk_url(kommun: str):
    return lambda walk: reverse("site:walk", args=[kommun, walk.pk])


def _filtered(request, municipality):
    walks = list(public.published_walks(municipality))
    filters = public.parse_filters(municipality, request.GET, walks)
    findings = public.mark_late(list(public.apply_filters(public.public_findings(municipality), filters)),
                                timezone.localdate())
    return walks, filters, findings


@public_page(_municipality_freshness)
def findings(request, kommun):
    municipality = _municipality(request, kommun)
    walks, filters, items = _filtered(request, municipality)
    query = request.GET.urlencode()
    context = {
        "municipality": municipality,
        "walks": walks,
        "areas": list(municipality.areas.all()),
        "categories": Category.choices,
        "statuses": Status.choices,
        "filters": filters,
        "findings": items,
        "groups": public.group_by_walk(items),
        "figures": public.figures(items),
        "map_data_url": reverse("site:findings_map", args=[kommun]) + (f"?{query}" if query else ""),
        "map_tile_url": settings.MAP_TILE_URL,
        "map_attribution": settings.MAP_ATTRIBUTION,
    }
    return render(request, "site/findings.html", context)


@public_page(_municipality_freshness)
def findings_map(request, kommun):
    municipality = _municipality(request, kommun)
    _walks, _filters, items = _filtered(request, municipality)
    return JsonResponse(public.geojson(items, _walk_url(kommun)))


@public_page(_municipality_freshness)
def walk(request, kommun, walk_id):
    municipality = _municipality(request, kommun)
    walk_ = public.get_public_walk(municipality, walk_id)
    if walk_ is None:
        raise Http404("Trygghetsvandringen finns inte eller är inte publicerad.")
    items = public.mark_late(list(public.public_findings(municipality).filter(walk=walk_)), timezone.localdate())
    protocol = public.walk_protocol(walk_, items)
    return render(request, "site/walk.html", {"municipality": municipality, "protocol": protocol})


@require_safe
def photo(request, kommun, photo_id):
    """An approved photo of a public finding; anything else is a 404, whatever its id."""
    municipality = _municipality(request, kommun)
    item = (
        FindingPhoto.objects.filter(
            pk=photo_id, approved_at__isnull=False, finding__in=public.public_findings(municipality)
        ).first()
    )
    if item is None:
        raise Http404("Fotot finns inte.")
    try:
        handle = item.image.open("rb")
    except FileNotFoundError:
        # The row outlived its file (a restore from an older backup): a missing photo, not an error.
        raise Http404("Fotot finns inte.") from None
    response = FileResponse(handle, content_type="image/jpeg")
    response["Cache-Control"] = f"public, max-age={settings.PUBLIC_CACHE_SECONDS}"
    response["Content-Disposition"] = f'inline; filename="fynd-{item.finding_id}-{item.pk}.jpg"'
    return response
