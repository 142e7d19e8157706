"""`/datasets/dcat`: the DCAT-AP-SE description of Löfte's open data (RDF/XML), the address Sveriges
dataportal harvests by default. Built by lofte.opendata.dcat."""

from __future__ import annotations

from django.http import HttpResponse

from lofte.opendata.dcat import catalog_rdf_xml
from lofte.site.views import _index_freshness, public_page


@public_page(_index_freshness)
def catalog(request):
    return HttpResponse(catalog_rdf_xml(), content_type="application/rdf+xml; charset=utf-8")
