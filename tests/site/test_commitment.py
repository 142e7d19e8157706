from datetime import date

import pytest

from tests import factories
from tests.site.helpers import (
    NS, assert_accessible_page, assert_public_headers, many_municipalities, query_count, strangnas_set,
    table_by_caption, text_of,
)

pytestmark = pytest.mark.django_db


def build():
    kommun, ps, (first, second), areas = strangnas_set(2022, 2022)
    factories.activity(first, on=date(2022, 3, 1), area=areas[1], note="Vandring i Mariefred med 14 deltagare.")
    factories.activity(first, on=date(2022, 9, 12), count=2, area=areas[3], note="Två kvällsvandringar.")
    return kommun, ps, first, second, areas


def test_it_shows_the_commitment_with_targets_progress_and_status(client):
    build()
    response = client.get("/strangnas/2022/1/")
    assert response.status_code == 200
    doc = assert_accessible_page(response)
    content = response.content.decode()
    for expected in ["Löfte 1", "Polisen och Strängnäs kommun lovar åtagande nummer 1.", "LPO Strängnäs",
                     "minst 4 trygghetsvandringar", "3 av 4", "Genomfört: 75 %", "Slutresultat:",
                     "Delvis uppfyllt"]:
        assert expected in content, expected
    assert [b.get("value") for b in doc.iter(f"{NS}progress")] == ["75"]


def test_it_lists_recorded_activities_newest_first(client):
    build()
    doc = assert_accessible_page(client.get("/strangnas/2022/1/"))
    table = table_by_caption(doc, "Insatser för löftet")
    rows = [[text_of(td) for td in tr] for tr in table.find(f"{NS}tbody")]
    assert rows == [
        ["2022-09-12", "Trygghetsvandring", "Stallarholmen", "2", "Två kvällsvandringar."],
        ["2022-03-01", "Trygghetsvandring", "Mariefred", "1", "Vandring i Mariefred med 14 deltagare."],
    ]


def test_it_shows_the_status_history_of_the_commitment(client):
    build()
    doc = assert_accessible_page(client.get("/strangnas/2022/1/"))
    table = table_by_caption(doc, "Status och andel genomfört")
    rows = [[text_of(cell) for cell in tr] for tr in table.find(f"{NS}tbody")]
    assert rows == [
        ["30 april 2022", "Enligt plan", "25 %"],
        ["31 augusti 2022", "I riskzonen", "25 %"],
        ["31 december 2022", "Delvis uppfyllt", "75 %"],
    ]


def test_it_never_lists_single_records_of_sensitive_types(client):
    kommun, ps, first, second, areas = build()
    factories.activity(first, type="home_visit", on=date(2022, 5, 17), count=1, area=areas[2], note="Hemlig anteckning")
    factories.activity(first, type="home_visit", on=date(2022, 6, 18), count=2, note="Annan anteckning")
    factories.activity(second, type="school_drug_search", on=date(2022, 4, 4), count=7, note="Sök på skolan")
    first_page = client.get("/strangnas/2022/1/")
    doc = assert_accessible_page(first_page)
    content = first_page.content.decode()
    for leaked in ["2022-05-17", "2022-06-18", "Hemlig anteckning", "Annan anteckning", "Åkers styckebruk"]:
        assert leaked not in content, leaked
    table = table_by_caption(doc, "Antal under perioden")
    assert [[text_of(td) for td in tr] for tr in table.find(f"{NS}tbody")] == [
        ["Hembesök enligt Linköpingsmodellen", "färre än 5"],
    ]
    activities = table_by_caption(doc, "Insatser för löftet")
    assert "Hembesök" not in text_of(activities)

    second_page = client.get("/strangnas/2022/2/").content.decode()
    assert "2022-04-04" not in second_page and "Sök på skolan" not in second_page
    assert "Narkotikasök med hund på skola" in second_page
    doc = assert_accessible_page(client.get("/strangnas/2022/2/"))
    table = table_by_caption(doc, "Antal under perioden")
    assert [[text_of(td) for td in tr] for tr in table.find(f"{NS}tbody")] == [["Narkotikasök med hund på skola", "7"]]


def test_it_says_so_when_nothing_is_recorded(client):
    build()
    content = client.get("/strangnas/2022/2/").content.decode()
    assert "Inga insatser är registrerade för löftet ännu." in content


def test_it_returns_404_for_an_unknown_number(client):
    build()
    for url in ["/strangnas/2022/3/", "/strangnas/2022/0/", "/strangnas/2023/1/", "/okand/2022/1/"]:
        response = client.get(url)
        assert response.status_code == 404, url
        assert_accessible_page(response)


def test_its_query_count_does_not_grow_with_activities_or_municipalities(client):
    kommun, ps, first, second, areas = build()
    small = query_count(client, "/strangnas/2022/1/")
    for day in range(1, 28):
        factories.activity(first, on=date(2022, 5, day), area=areas[day % 5], note=f"Insats {day}")
        factories.activity(first, type="home_visit", on=date(2022, 6, day))
    many_municipalities(5)
    assert query_count(client, "/strangnas/2022/1/") == small


def test_it_sends_security_and_cache_headers_and_answers_304(client):
    build()
    response = client.get("/strangnas/2022/1/")
    assert_public_headers(response)
    assert client.get("/strangnas/2022/1/", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_its_etag_changes_when_an_activity_is_recorded(client):
    kommun, ps, first, second, areas = build()
    etag = client.get("/strangnas/2022/1/")["ETag"]
    factories.activity(first, on=date(2022, 11, 1))
    response = client.get("/strangnas/2022/1/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert "2022-11-01" in response.content.decode()
