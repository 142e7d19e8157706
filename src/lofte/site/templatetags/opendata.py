"""`{% data_links municipality "fynd" geojson=True %}`: a page's open-data download links."""

from django import template
from django.urls import reverse

from lofte.site.downloads import csv_links

register = template.Library()


@register.inclusion_tag("site/_downloads.html")
def data_links(municipality, *tables, geojson=False):
    return {
        "downloads": csv_links(municipality, *tables),
        "geojson_url": reverse("site:findings_geojson", args=[municipality.slug]) if geojson else "",
    }
