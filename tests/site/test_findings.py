"""The public findings page /<kommun>/fynd/: list and table first, map data as JSON, filters,
figures that keep fixed apart from closed, drafts never shown, text escaped."""

from datetime import date

import pytest

from lofte.promises.models import PromiseSet
from tests import factories
from tests.site.helpers import NS, parse, text_of
from tests.walks import helpers

pytestmark = pytest.mark.django_db
URL = "/strangnas/fynd/"


def page_findings(w):
    fixed = helpers.finding(w["walk"], status="fixed", description="Lampan är bytt.")
    closed = helpers.finding(w["walk"], category="vegetation", status="no_action",
                             no_action_reason="Buskaget står på privat mark.", description="Högt buskage.")
    not_ours = helpers.finding(w["walk"], category="traffic", status="not_ours", sent_to="Trafikverket",
                               description="Farlig korsning vid riksvägen.", latitude=None, longitude=None,
                               address="Korsningen vid väg 55")
    open_ = helpers.finding(w["walk"], category="graffiti", status="planned", description="Klotter på tunneln.")
    return fixed, closed, not_ours, open_


def test_it_lists_the_findings_of_published_walks_without_javascript(client):
    w = helpers.world()
    page_findings(w)
    response = client.get(URL)
    assert response.status_code == 200
    doc = parse(response.content)
    assert len(doc.findall(f".//{NS}h1")) == 1
    text = text_of(doc)
    for description in ("Lampan är bytt.", "Högt buskage.", "Farlig korsning vid riksvägen.", "Klotter på tunneln."):
        assert description in text
    # The table is there too, one row per finding.
    table = doc.find(f".//{NS}table")
    assert len(table.findall(f".//{NS}tbody/{NS}tr")) == 4
    assert "Buskaget står på privat mark." in text and "skickat till Trafikverket" in text


def test_fixed_and_closed_are_reported_separately(client):
    w = helpers.world()
    page_findings(w)
    doc = parse(client.get(URL).content)
    figures = text_of(doc.find(f".//{NS}ul[@class='findings-figures']"))
    assert "Åtgärdade 1" in figures
    assert "Avslutade utan åtgärd 2" in figures and "ingen åtgärd 1, inte vårt ansvar 1" in figures
    assert "Öppna 1" in figures


def test_findings_of_walks_serving_only_draft_commitments_never_appear(client):
    w = helpers.world(status=PromiseSet.Status.DRAFT)
    helpers.finding(w["walk"], description="Hemligt utkastfynd.")
    response = client.get(URL)
    assert response.status_code == 200
    assert "Hemligt utkastfynd." not in response.content.decode()
    assert client.get(f"{URL}karta.json").json()["features"] == []
    assert client.get(f"{URL}vandring/{w['walk'].pk}/").status_code == 404


def test_findings_of_a_walk_in_the_bin_never_appear(client):
    from django.utils import timezone

    w = helpers.world()
    helpers.finding(w["walk"], description="Fynd i papperskorgen.")
    w["walk"].deleted_at = timezone.now()
    w["walk"].save()
    assert "Fynd i papperskorgen." not in client.get(URL).content.decode()


def test_another_municipalitys_findings_are_not_shown(client):
    w = helpers.world()
    helpers.finding(w["other_walk"], description="Stockholmsfynd.", latitude=None, longitude=None, address="Sergels torg")
    assert "Stockholmsfynd." not in client.get(URL).content.decode()
    assert "Stockholmsfynd." in client.get("/stockholm/fynd/").content.decode()


def test_script_in_text_fields_is_escaped(client):
    w = helpers.world()
    helpers.finding(w["walk"], description="<script>alert('x')</script>", address="<img src=x onerror=alert(1)>",
                    owner="<b>Gatuenheten</b>")
    body = client.get(URL).content.decode()
    assert "<script>alert(" not in body and "<img src=x" not in body and "<b>Gatuenheten</b>" not in body
    assert "&lt;script&gt;alert(" in body
    walk_body = client.get(f"{URL}vandring/{w['walk'].pk}/").content.decode()
    assert "<script>alert(" not in walk_body


def test_the_owners_email_is_never_shown(client):
    w = helpers.world()
    helpers.finding(w["walk"])
    assert "gatuenheten@example.se" not in client.get(URL).content.decode()
    assert "gatuenheten@example.se" not in client.get(f"{URL}karta.json").content.decode()


@pytest.mark.parametrize("query, shown, hidden", [
    ("?kategori=vegetation", "Högt buskage.", "Lampan är bytt."),
    ("?status=fixed", "Lampan är bytt.", "Högt buskage."),
    ("?status=avslutade", "Farlig korsning", "Lampan är bytt."),
    ("?status=oppna", "Klotter på tunneln.", "Lampan är bytt."),
    ("?omrade=strangnas", "Lampan är bytt.", "Mariefredsfynd."),
])
def test_filters_narrow_the_list(client, query, shown, hidden):
    w = helpers.world()
    page_findings(w)
    mariefred_walk = factories.activity(w["commitment"], type="safety_walk", on=date(2021, 10, 5), area=w["areas"][1])
    helpers.finding(mariefred_walk, description="Mariefredsfynd.", latitude=None, longitude=None, address="Torget")
    body = client.get(URL + query).content.decode()
    assert shown in body and hidden not in body


def test_a_walk_filter_shows_only_that_walks_findings(client):
    w = helpers.world()
    helpers.finding(w["walk"], description="Första vandringen.")
    second = factories.activity(w["commitment"], type="safety_walk", on=date(2021, 10, 5))
    helpers.finding(second, description="Andra vandringen.")
    body = client.get(f"{URL}?vandring={second.pk}").content.decode()
    assert "Andra vandringen." in body and "Första vandringen." not in body


@pytest.mark.parametrize("query, field, message", [
    ("?vandring=999999", "f-vandring", "Vandringen finns inte"),
    ("?vandring=abc", "f-vandring", "Vandringen finns inte"),
    ("?omrade=atlantis", "f-omrade", "Kommundelen finns inte"),
    ("?kategori=<script>", "f-kategori", "Kategorin finns inte"),
    ("?status=borta", "f-status", "Statusen finns inte"),
])
def test_an_unknown_filter_value_gets_a_message_next_to_its_field(client, query, field, message):
    w = helpers.world()
    helpers.finding(w["walk"])
    response = client.get(URL + query)
    assert response.status_code == 200
    doc = parse(response.content)
    error = doc.find(f".//{NS}p[@id='{field}-error']")
    assert error is not None and message in text_of(error)
    assert doc.find(f".//{NS}select[@id='{field}']").get("aria-invalid") == "true"


def test_another_municipalitys_walk_is_an_unknown_filter_value(client):
    w = helpers.world()
    body = client.get(f"{URL}?vandring={w['other_walk'].pk}").content.decode()
    assert "Vandringen finns inte" in body


def test_the_map_is_progressive_enhancement_without_inline_script(client):
    w = helpers.world()
    helpers.finding(w["walk"])
    response = client.get(URL)
    doc = parse(response.content)
    for script in doc.iter(f"{NS}script"):
        assert script.get("src", "").startswith("/static/") and not "".join(script.itertext()).strip()
    map_div = doc.find(f".//{NS}div[@id='karta']")
    assert map_div.get("hidden") is not None
    assert map_div.get("data-findings-url") == "/strangnas/fynd/karta.json"
    assert map_div.get("data-tile-url") == "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    assert "OpenStreetMap" in map_div.get("data-attribution")
    assert "OpenStreetMap" in text_of(doc)
    for tag in doc.iter():
        assert tag.get("style") is None
        assert not any(name.startswith("on") for name in tag.keys())


def test_the_csp_allows_the_tile_host_for_images(client):
    w = helpers.world()
    helpers.finding(w["walk"])
    csp = client.get(URL)["Content-Security-Policy"]
    img = [part for part in csp.split(";") if part.strip().startswith("img-src")][0]
    assert "https://tile.openstreetmap.org" in img
    assert "unsafe-inline" not in csp


def test_the_tile_host_of_a_subdomain_template_becomes_a_wildcard():
    from lofte.settings import _tile_host

    assert _tile_host("https://{s}.tile.example.org/{z}/{x}/{y}.png") == "https://*.tile.example.org"
    assert _tile_host("not a url") == ""


def test_the_map_data_is_geojson_of_findings_with_a_point(client):
    w = helpers.world()
    fixed, closed, not_ours, open_ = page_findings(w)
    data = client.get(f"{URL}karta.json").json()
    assert data["type"] == "FeatureCollection"
    ids = {f["properties"]["id"] for f in data["features"]}
    assert ids == {fixed.pk, closed.pk, open_.pk}  # not_ours has only an address
    feature = next(f for f in data["features"] if f["properties"]["id"] == fixed.pk)
    assert feature["geometry"]["coordinates"] == [17.03, 59.377]
    assert feature["properties"]["group"] == "fixed"
    assert feature["properties"]["anchor"] == f"fynd-{fixed.pk}"


def test_the_map_data_follows_the_filters(client):
    w = helpers.world()
    page_findings(w)
    data = client.get(f"{URL}karta.json?kategori=vegetation").json()
    assert [f["properties"]["category"] for f in data["features"]] == ["Vegetation"]


def test_an_unknown_municipality_is_a_404(client):
    assert client.get("/atlantis/fynd/").status_code == 404
    assert client.get("/atlantis/fynd/karta.json").status_code == 404


def test_the_page_is_cacheable_and_revalidates_with_an_etag(client):
    w = helpers.world()
    helpers.finding(w["walk"])
    first = client.get(URL)
    assert "public" in first["Cache-Control"] and first["ETag"]
    assert client.get(URL, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_a_change_to_a_finding_changes_the_etag(client):
    w = helpers.world()
    finding = helpers.finding(w["walk"])
    etag = client.get(URL)["ETag"]
    finding.status = "fixed"
    finding.save()
    assert client.get(URL)["ETag"] != etag


def test_it_refuses_to_be_posted_to(client):
    helpers.world()
    assert client.post(URL).status_code == 405


def test_the_number_of_queries_does_not_grow_with_findings(client):
    from tests.site.helpers import query_count

    w = helpers.world()
    helpers.finding(w["walk"])
    few = query_count(client, URL)
    for i in range(10):
        f = helpers.finding(w["walk"], description=f"Fynd {i}")
        helpers.photo(f, approved_by=w["editor"])
    assert query_count(client, URL) == few


def test_a_municipality_without_findings_says_so(client):
    helpers.world()
    body = client.get(URL).content.decode()
    assert "har inte publicerat några fynd" in body
