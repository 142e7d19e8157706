"""Open-data files of the public site: a CSV of every public list (`/<kommun>/data/<tabell>.csv`),
the findings as GeoJSON (`/<kommun>/fynd.geojson`) and the national bulk download (`/data/`).

CSV comes in two variants (lofte.lib.spreadsheets.open_data_csv): Swedish Excel by default
(semicolons, decimal commas, UTF-8 with BOM) and `?sep=comma` (commas, decimal points, UTF-8).
Every cell that a spreadsheet would run as a formula is neutralised. The rows come from
lofte.opendata.tables, which reads through the same published querysets and privacy functions as
the pages.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from lofte.dialogue.meetings import site_url
from lofte.lib.spreadsheets import open_data_csv
from lofte.opendata import bulk, tables
from lofte.site.views import _municipality, _municipality_freshness, public_page
from lofte.walks import public as walks_public

COMMA = "comma"


def csv_links(municipality, *names: str) -> list[dict]:
    """The download links of a page's tables: title, Swedish Excel and comma variants."""
    links = []
    for name in names:
        table = tables.get(name)
        url = reverse("site:table_csv", args=[municipality.slug, name])
        links.append({"title": table.title, "url": url, "comma_url": f"{url}?sep={COMMA}"})
    return links


@public_page(_municipality_freshness)
def table_csv(request, kommun, table):
    municipality = _municipality(request, kommun)
    found = tables.get(table)
    if found is None:
        raise Http404(_("Det finns ingen sådan tabell. Tabellerna finns på sidan Öppna data."))
    separator = request.GET.get("sep", "")
    if separator not in ("", COMMA, "semicolon"):
        return HttpResponse(_("Okänd avgränsare «%(sep)s»: ange sep=comma eller utelämna sep.") % {"sep": separator[:20]},
                            status=400, content_type="text/plain; charset=utf-8")
    comma = separator == COMMA
    body = open_data_csv([found.columns, *found.rows(municipality, timezone.localdate())], comma=comma)
    response = HttpResponse(body, content_type="text/csv; charset=utf-8" + ("" if comma else "; header=present"))
    suffix = "-komma" if comma else ""
    response["Content-Disposition"] = f'attachment; filename="{municipality.slug}-{found.name}{suffix}.csv"'
    return response


@public_page(_municipality_freshness)
def findings_geojson(request, kommun):
    """The public findings with a position as an RFC 7946 FeatureCollection ([longitude, latitude],
    WGS 84), the same features as the map's karta.json, with absolute links."""
    municipality = _municipality(request, kommun)
    findings = walks_public.mark_late(list(walks_public.public_findings(municipality)), timezone.localdate())
    collection = walks_public.geojson(
        findings, lambda walk: site_url(reverse("site:walk", args=[municipality.slug, walk.pk]))
    )
    return HttpResponse(json.dumps(collection, ensure_ascii=False), content_type="application/geo+json")


@require_safe
@cache_control(public=True, max_age=300)
def data_page(request):
    """`/data/`: the bulk download (its date and size) and where the other files are."""
    return render(request, "site/data.html", {
        "archive": bulk.current(),
        "tables": tables.TABLES,
        "site_url": settings.SITE_URL,
    })


@require_safe
def bulk_file(request):
    archive = bulk.current()
    if archive is None:
        raise Http404(_("Filen med alla öppna data har inte skapats ännu. Försök igen om en stund."))
    response = FileResponse(archive.path.open("rb"), as_attachment=True, filename=bulk.ARCHIVE_NAME,
                            content_type="application/zip")
    response["Cache-Control"] = "public, max-age=300"
    response["Last-Modified"] = http_date(archive.created_at.timestamp())
    return response
