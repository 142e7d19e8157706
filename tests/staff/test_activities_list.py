"""The staff list of activities: filters, pages, and the CSV export for Swedish Excel."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse

from lofte.activities.recording import move_to_bin
from tests import factories
from tests.staff.test_activities import build_world

LIST = reverse("staff:activities")
EXPORT = reverse("staff:activity_export")
pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    world = build_world()
    walks, visits, areas = world["walks"], world["visits"], world["areas"]
    walk = factories.activity(walks, type="safety_walk", on=date(2021, 9, 20), area=areas[1], note="=HYPERLINK(\"x\")")
    walk.details = {"route": "Torget", "participants": 14, "light": "dark"}
    walk.save()
    factories.activity(walks, type="parent_meeting", on=date(2021, 3, 15), area=areas[0], note="Föräldraträff")
    search = factories.activity(visits, type="school_drug_search", on=date(2021, 10, 21))
    search.details = {"school": "Hemliga skolan", "find": True, "outside_school_hours": True,
                      "informed_beforehand": True}
    search.save()
    binned = factories.activity(walks, type="safety_walk", on=date(2021, 6, 1), note="I papperskorgen")
    move_to_bin(binned, user=None)
    return world


def rows_of(response):
    body = response.content
    assert body.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))


def test_the_list_shows_live_records_of_my_municipalities_only(client, world):
    client.force_login(world["reader"])
    content = client.get(LIST).content.decode()
    assert "3 insatser" in content
    assert "Trygghetsvandring" in content and "Föräldraträff" in content and "Narkotikasök" in content
    assert "Stockholm" not in content.split("<main", 1)[1].split("Kommundel", 1)[1]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"type": "safety_walk"}, "1 insats"),
        ({"area": "AREA0"}, "1 insats"),
        ({"commitment": "VISITS"}, "1 insats"),
        ({"start": "2021-09-01", "end": "2021-09-30"}, "1 insats"),
        ({"start": "2021-01-01"}, "3 insatser"),
    ],
)
def test_the_list_filters_by_type_area_commitment_and_period(client, world, query, expected):
    replace = {"AREA0": str(world["areas"][0].pk), "VISITS": str(world["visits"].pk)}
    query = {k: replace.get(v, v) for k, v in query.items()}
    client.force_login(world["reader"])
    assert f">{expected}<" in client.get(LIST, query).content.decode()


def test_a_filter_of_another_municipality_is_refused_with_a_message(client, world):
    client.force_login(world["reader"])
    content = client.get(LIST, {"commitment": world["foreign_commitment"].pk}).content.decode()
    assert "Välj ett löfte i dina kommuner." in content
    assert "Stockholms vandring" not in content


def test_a_period_ending_before_it_starts_is_explained(client, world):
    client.force_login(world["reader"])
    content = client.get(LIST, {"start": "2021-12-01", "end": "2021-01-01"}).content.decode()
    assert "Slutdatumet ligger före startdatumet." in content


def test_the_list_is_paginated(client, world):
    for day in range(1, 29):
        factories.activity(world["walks"], type="training", on=date(2021, 2, day))
    client.force_login(world["reader"])
    first = client.get(LIST, {"type": "training"}).content.decode()
    assert "Sida 1 av 2" in first and "sida=2" in first and "type=training" in first
    assert "Sida 2 av 2" in client.get(LIST, {"type": "training", "sida": "2"}).content.decode()
    assert client.get(LIST, {"sida": "x"}).status_code == 200


def test_the_export_is_semicolon_separated_utf8_with_bom_and_swedish_headers(client, world):
    client.force_login(world["reader"])
    response = client.get(EXPORT)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = rows_of(response)
    assert rows[0][:7] == ["Id", "Datum", "Typ", "Kommun", "Kommundel", "Löften", "Antal"]
    assert len(rows) == 4
    types_ = [r[2] for r in rows[1:]]
    assert types_ == ["Narkotikasök med hund på skola", "Trygghetsvandring", "Föräldraträff"]
    assert all(r[3] == "Strängnäs" for r in rows[1:])
    assert "Skola: Hemliga skolan" in rows[1][-1]


def test_the_export_uses_the_same_filters_and_a_column_per_field_of_one_type(client, world):
    client.force_login(world["reader"])
    rows = rows_of(client.get(EXPORT, {"type": "safety_walk"}))
    assert "Sträcka" in rows[0] and "Antal deltagare" in rows[0]
    assert len(rows) == 2
    record = dict(zip(rows[0], rows[1], strict=True))
    assert record["Sträcka"] == "Torget" and record["Ljus"] == "Mörker" and record["Antal deltagare"] == "14"
    assert record["Kommundel"] == "Mariefred" and record["Löften"] == "2021/5"


def test_the_export_defuses_spreadsheet_formulas(client, world):
    client.force_login(world["reader"])
    rows = rows_of(client.get(EXPORT, {"type": "safety_walk"}))
    assert rows[1][rows[0].index("Offentlig kommentar")] == "'=HYPERLINK(\"x\")"


def test_the_export_is_for_staff_of_the_municipality_only(client, world):
    assert client.get(EXPORT).status_code == 302
    client.force_login(world["outsider"])
    rows = rows_of(client.get(EXPORT))
    assert [r[3] for r in rows[1:]] == ["Stockholm"]
    client.force_login(factories.user("ingen"))
    assert len(rows_of(client.get(EXPORT))) == 1


def test_the_bin_lists_only_my_municipalities(client, world):
    move_to_bin(world["foreign"], user=None)
    client.force_login(world["reader"])
    content = client.get(reverse("staff:activity_bin")).content.decode()
    assert "Trygghetsvandring" in content and "Stockholm" not in content.split("<main", 1)[1]
    assert "Återställ" not in content  # a reader may not restore
