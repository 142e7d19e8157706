"""`/statistik/`: the national overview. The figures come from lofte.overview.national (cached per
day and data version there); this view only adds the county map and renders."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from lofte.overview import countymap
from lofte.overview.national import cached_overview
from lofte.site.views import _index_freshness, public_page


def county_shades(overview) -> list[countymap.CountyShade]:
    return [
        countymap.CountyShade(
            county.code,
            _("%(county)s: %(n)s av %(total)s kommuner har gällande medborgarlöften")
            % {"county": county.name, "n": county.with_current, "total": county.municipalities},
            county.percent,
        )
        for county in overview.counties
    ]


@public_page(_index_freshness)
def national(request):
    overview = cached_overview(timezone.localdate())
    svg = countymap.county_map(
        "lanskarta",
        _("Karta: andel kommuner med gällande medborgarlöften per län"),
        _("%(n)s av %(total)s kommuner har gällande medborgarlöften. Siffrorna per län finns i tabellen under kartan.")
        % {"n": overview.with_current, "total": overview.municipalities},
        county_shades(overview),
    )
    return render(request, "site/statistik.html", {"page": overview, "county_map": svg,
                                                   "shades": countymap.SHADES})
