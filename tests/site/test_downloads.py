"""CSV on every public list (/<kommun>/data/<tabell>.csv, both variants), their links on the pages,
and the findings as GeoJSON (/<kommun>/fynd.geojson)."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from lofte.dialogue.models import CitizenInput
from lofte.opendata import tables
from lofte.promises.models import PromiseSet
from tests import factories
from tests.site.helpers import NS, parse, strangnas_set
from tests.walks import helpers as walk_helpers

pytestmark = pytest.mark.django_db


def rows_of(response, comma=False):
    text = response.content.decode("utf-8" if comma else "utf-8-sig")
    return list(csv.DictReader(io.StringIO(text), delimiter="," if comma else ";"))


def test_every_table_downloads_for_a_municipality_in_both_variants(client):
    strangnas_set()
    for table in tables.TABLES:
        swedish = client.get(f"/strangnas/data/{table.name}.csv")
        comma = client.get(f"/strangnas/data/{table.name}.csv?sep=comma")
        assert swedish.status_code == comma.status_code == 200, table.name
        assert swedish["Content-Type"].startswith("text/csv; charset=utf-8")
        assert swedish.content.startswith("\ufeff".encode()) and not comma.content.startswith("\ufeff".encode())
        assert swedish.content.decode("utf-8-sig").splitlines()[0] == ";".join(table.columns)
        assert comma.content.decode().splitlines()[0] == ",".join(table.columns)
        assert f'filename="strangnas-{table.name}-komma.csv"' in comma["Content-Disposition"]


def test_commitments_csv_has_status_and_progress_and_no_draft(client):
    kommun, ps, commitments, areas = strangnas_set(2022, 2022)
    factories.activity(commitments[0], on=date(2022, 3, 1))
    draft = factories.promise_set(kommun, 2030, status=PromiseSet.Status.DRAFT)
    factories.commitment(draft, text="Ett hemligt utkast.")
    rows = rows_of(client.get("/strangnas/data/loften.csv"))
    assert [r["nummer"] for r in rows] == ["1", "2"]
    first = rows[0]
    assert first["period"] == "2022" and set(first["parter"].split(", ")) == {"LPO Strängnäs", "Strängnäs kommun"}
    assert first["mal"] == "minst 4 trygghetsvandringar"
    assert first["status"] == "Ej uppfyllt" and first["andel_genomford_procent"] == "25"
    assert first["adress"].endswith("/strangnas/2022/1/")
    assert "Ett hemligt utkast." not in client.get("/strangnas/data/loften.csv").content.decode("utf-8-sig")


def test_a_sensitive_type_is_a_total_per_period_never_a_row_and_small_totals_are_hidden(client):
    kommun, ps, commitments, areas = strangnas_set(2022, 2022)
    for _i in range(2):
        factories.activity(commitments[0], type="school_drug_search", on=date(2022, 4, 1),
                           details={"school": "Hemliga skolan"})
    factories.activity(commitments[0], type="dialogue_meeting", on=date(2022, 5, 1), note="Möte på torget.")
    activities = rows_of(client.get("/strangnas/data/insatser.csv"))
    assert [r["typ"] for r in activities] == ["dialogue_meeting"]
    totals = rows_of(client.get("/strangnas/data/insatser-summerade.csv"))
    assert [(t["typ"], t["antal"]) for t in totals] == [("school_drug_search", "färre än 5")]
    assert "Hemliga skolan" not in client.get("/strangnas/data/insatser.csv").content.decode("utf-8-sig")


def test_citizen_input_csv_has_the_published_text_and_answer_never_the_original_or_address(client):
    kommun, *_rest = strangnas_set()
    town = factories.organisation(kommun, "municipality")
    CitizenInput.objects.create(
        municipality=kommun, message="Ring mig på 070-1234567", public_message="Ring mig på [telefonnummer]",
        email="medborgare@example.se", status=CitizenInput.Status.PUBLISHED, answer="Vi ringer inte.",
        answered_by=town, answered_at=timezone.now(),
    )
    CitizenInput.objects.create(municipality=kommun, message="Ogranskad synpunkt.")
    body = client.get("/strangnas/data/synpunkter.csv").content.decode("utf-8-sig")
    [row] = list(csv.DictReader(io.StringIO(body), delimiter=";"))
    assert row["synpunkt"] == "Ring mig på [telefonnummer]" and row["svar"] == "Vi ringer inte."
    assert row["svar_fran"] == "Strängnäs kommun"
    assert "070-1234567" not in body and "medborgare@example.se" not in body and "Ogranskad" not in body


def test_a_cell_that_looks_like_a_formula_is_neutralised_in_both_variants(client):
    kommun, ps, commitments, areas = strangnas_set()
    commitments[0].short_title = '=HYPERLINK("https://evil.example","Klicka")'
    commitments[0].save()
    for comma in (False, True):
        rows = rows_of(client.get("/strangnas/data/loften.csv" + ("?sep=comma" if comma else "")), comma)
        assert rows[0]["kort_rubrik"] == "'" + commitments[0].short_title


def test_decimals_have_a_comma_for_excel_and_a_point_in_the_comma_variant(client):
    from lofte.situation.models import ImportRun, Indicator, Observation, Series

    kommun, *_rest = strangnas_set()
    run = ImportRun.objects.create(source="kolada", name="k.json", status=ImportRun.Status.LIVE)
    indicator = Indicator.objects.create(key="kolada:N07403", name="Anmälda våldsbrott", unit="per 100 000",
                                         period_kind="year", source="kolada", attribution="Källa: Kolada")
    series = Series.objects.create(indicator=indicator, region="0486", municipality=kommun)
    Observation.objects.create(series=series, period_start=date(2023, 1, 1), value=1234.5, run=run)
    assert rows_of(client.get("/strangnas/data/observationer.csv"))[0]["varde"] == "1234,5"
    assert rows_of(client.get("/strangnas/data/observationer.csv?sep=comma"), comma=True)[0]["varde"] == "1234.5"


def test_an_unknown_table_is_a_404_and_an_unknown_separator_a_400_that_names_it(client):
    strangnas_set()
    assert client.get("/strangnas/data/hemligt.csv").status_code == 404
    response = client.get("/strangnas/data/loften.csv?sep=tab")
    assert response.status_code == 400 and "«tab»" in response.content.decode()
    assert client.get("/okand-kommun/data/loften.csv").status_code == 404


def test_csv_downloads_are_cached_and_revalidated_like_the_pages(client):
    strangnas_set()
    first = client.get("/strangnas/data/fynd.csv")
    assert "public" in first["Cache-Control"] and first["ETag"]
    assert client.get("/strangnas/data/fynd.csv", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


@pytest.mark.parametrize("url,tables_linked", [
    ("/strangnas/", ["medborgarloften", "loften", "insatser", "insatser-summerade"]),
    ("/strangnas/fynd/", ["fynd"]),
    ("/strangnas/kalender/", ["moten"]),
    ("/strangnas/synpunkter/", ["synpunkter"]),
    ("/strangnas/lagesbild/", ["indikatorer", "observationer"]),
])
def test_each_public_list_links_its_csv_in_both_variants(client, url, tables_linked):
    strangnas_set()
    doc = parse(client.get(url).content)
    links = {a.get("href") for a in doc.iter(f"{NS}a")}
    for name in tables_linked:
        assert f"/strangnas/data/{name}.csv" in links and f"/strangnas/data/{name}.csv?sep=comma" in links
    assert "/data/" in links


# ---------------------------------------------------------------------------------------------
# GeoJSON


def test_findings_geojson_is_rfc_7946_with_longitude_first_and_the_maps_features(client):
    w = walk_helpers.world()
    walk_helpers.finding(w["walk"], latitude=Decimal("59.377123"), longitude=Decimal("17.031234"))
    walk_helpers.finding(w["walk"], latitude=None, longitude=None, address="Torget", description="Utan punkt.")
    response = client.get("/strangnas/fynd.geojson")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    data = json.loads(response.content)
    assert data["type"] == "FeatureCollection" and len(data["features"]) == 1
    feature = data["features"][0]
    assert feature["geometry"] == {"type": "Point", "coordinates": [17.031234, 59.377123]}
    assert feature["properties"]["walk_url"].startswith("http") and feature["properties"]["walk_url"].endswith(
        f"/strangnas/fynd/vandring/{w['walk'].pk}/")
    # The same positions and texts as the map's own data.
    map_feature = client.get("/strangnas/fynd/karta.json").json()["features"][0]
    assert map_feature["geometry"] == feature["geometry"]
    assert "gatuenheten@example.se" not in response.content.decode()


def test_findings_of_unpublished_walks_are_not_in_the_geojson(client):
    w = walk_helpers.world(status=PromiseSet.Status.DRAFT)
    walk_helpers.finding(w["walk"])
    assert json.loads(client.get("/strangnas/fynd.geojson").content)["features"] == []


def test_a_sensitive_record_serving_two_commitments_of_a_set_counts_once_in_its_total(client):
    kommun, ps, commitments, areas = strangnas_set(2022, 2022)
    visit = factories.activity(commitments[0], type="home_visit", on=date(2022, 4, 1), count=3)
    visit.commitments.add(commitments[1])
    totals = rows_of(client.get("/strangnas/data/insatser-summerade.csv"))
    assert [(t["typ"], t["antal"]) for t in totals] == [("home_visit", "färre än 5")]
