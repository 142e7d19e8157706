"""`/datasets/dcat`: the DCAT-AP-SE description of Löfte's open data (RDF/XML), the address Sveriges
dataportal harvests by default. Built by lofte.opendata.dcat and written by the nightly export; the
first request before any export writes it."""

from __future__ import annotations

from django.http import FileResponse
from django.utils.http import http_date
from django.views.decorators.http import condition, require_safe

from lofte.opendata import dcat


def _catalog_modified(request):
    path = dcat.catalog_path()
    if not path.exists():
        dcat.write_catalog()
    return path.stat().st_mtime


def _etag(request):
    return f'"dcat-{int(_catalog_modified(request) * 1000)}"'


@require_safe
@condition(etag_func=_etag)
def catalog(request):
    mtime = _catalog_modified(request)
    response = FileResponse(dcat.catalog_path().open("rb"), content_type="application/rdf+xml; charset=utf-8")
    response["Cache-Control"] = "public, max-age=300"
    response["Last-Modified"] = http_date(mtime)
    return response
