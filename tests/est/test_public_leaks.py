"""EST's free text, reporter names and exact positions never appear on a public page (the lead's
site-wide leak test should take these over): every public page of the municipality is read."""

from decimal import Decimal

import pytest
from django.urls import get_resolver, reverse

from lofte.est import indicators
from tests.est import helpers

pytestmark = pytest.mark.django_db

SECRET = "xq7hemlig"


def public_paths(kommun):
    """Every public site URL that needs only the municipality (lists, pages, feeds, JSON)."""
    paths = ["/"]
    for pattern in get_resolver().url_patterns:
        if getattr(pattern, "namespace", None) != "site":
            continue
        for entry in pattern.url_patterns:
            names = list(entry.pattern.regex.groupindex)
            if names == ["kommun"]:
                paths.append(reverse(f"site:{entry.name}", kwargs={"kommun": kommun.slug}))
    return paths


def test_est_text_names_and_positions_never_reach_a_public_page(client):
    w = helpers.world()
    for index in range(6):
        helpers.report(w, area_index=0, category="nedskrapning", text=f"{SECRET} sopor {index}",
                       latitude=Decimal("59.381234"), longitude=Decimal("17.024567"))
    indicators.rebuild_indicators(w["kommun"])
    paths = public_paths(w["kommun"])
    assert reverse("site:situation", kwargs={"kommun": "strangnas"}) in paths
    shown = client.get(reverse("site:situation", kwargs={"kommun": "strangnas"})).content.decode()
    assert "EST-rapporter per kategori och månad" in shown and "Nedskräpning" in shown
    for path in paths:
        response = client.get(path)
        if response.status_code != 200 or response["Content-Type"].startswith("application/pdf"):
            continue
        body = response.content.decode("utf-8", "replace")
        for secret in (SECRET, "59.381", "59,381", "17.024", "17,024", "Vaktmastare"):
            assert secret not in body, (path, secret)
