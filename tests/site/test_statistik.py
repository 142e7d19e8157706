"""/statistik/: the national overview page, its county map and its table."""

from datetime import date

import pytest
from django.utils import timezone

from tests import factories
from tests.site.helpers import assert_accessible_page, parse, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def current_set():
    kommun = factories.municipality()
    factories.municipality(code="0484", name="Eskilstuna")
    year = timezone.localdate().year
    promise_set = factories.promise_set(kommun, year, year)
    theme = factories.theme(promise_set)
    factories.commitment(promise_set, 1, theme_=theme,
                         targets=[{"count": 2, "unit": "trygghetsvandringar", "activity_type": "safety_walk"}])
    return promise_set


def test_the_page_is_accessible_and_cacheable(client, current_set):
    response = client.get("/statistik/")
    assert response.status_code == 200
    assert_accessible_page(response)
    assert "public" in response["Cache-Control"]
    assert client.get("/statistik/", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_it_shows_the_counties_on_a_map_and_in_a_table(client, current_set):
    doc = parse(client.get("/statistik/").content)
    ns = "{http://www.w3.org/2000/svg}"
    svg = doc.find(f".//{ns}svg")
    assert svg.get("role") == "img"
    paths = svg.findall(f"{ns}path")
    assert len(paths) == 21
    titles = [text_of(p.find(f"{ns}title")) for p in paths if p.find(f"{ns}title") is not None]
    assert "Södermanlands län: 1 av 2 kommuner har gällande medborgarlöften" in titles
    rows = {text_of(r.find("{http://www.w3.org/1999/xhtml}th")): text_of(r) for r in
            doc.iterfind(".//{http://www.w3.org/1999/xhtml}table[@class='overview-counties stack']/"
                         "{http://www.w3.org/1999/xhtml}tbody/{http://www.w3.org/1999/xhtml}tr")}
    assert rows["Södermanlands län"].startswith("Södermanlands län 2 1 50 %")
    # One municipality with promises in the county: its statuses are not shown as the county's.
    assert "Redovisas när minst 3 kommuner har gällande löften" in rows["Södermanlands län"]


def test_a_new_set_is_on_the_page_at_once(client, current_set):
    first = client.get("/statistik/")
    factories.promise_set(factories.municipality(code="0484"), 2020, date.today().year)
    second = client.get("/statistik/")
    assert first["ETag"] != second["ETag"]
    assert "2 av 2 kommuner har gällande medborgarlöften" in second.content.decode()


def test_it_says_why_nothing_is_ranked(client, current_set):
    text = text_of(parse(client.get("/statistik/").content))
    assert "Kommunerna rangordnas inte." in text
    assert "minst 3 av länets kommuner" in text
