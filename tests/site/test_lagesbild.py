"""The lägesbild page: named for the law, the åtgärdsplan linked, indicators as SVG charts with
tables, rates compared with county and country, police events of the last twelve months, the PDF."""

import io
from datetime import date

import pytest
from django.urls import reverse

from lofte.situation.importing import bra, events, kolada, population, surveys
from tests.site.helpers import assert_accessible_page, assert_public_headers, parse, query_count, strangnas_set, table_by_caption, text_of
from tests.situation.helpers import fixture

pytestmark = pytest.mark.django_db
URL = "/strangnas/lagesbild/"


def load_sources():
    kommun, ps, commitments, areas = strangnas_set(2022, 2023)
    from tests import factories

    factories.municipality(code="0484", name="Eskilstuna")
    population.import_file(fixture("scb_be0101n1.json"), "be0101n1.json")
    kolada.import_files([(n, fixture(n)) for n in ("kolada_N07403_page1.json", "kolada_N07403_page2.json",
                                                   "kolada_kpi.json")])
    bra.import_file(fixture("bra_anmalda_brott.csv"), "bra.csv")
    surveys.import_file(fixture("trygghetsmatning.csv"), "t.csv")
    events.import_events(io.BytesIO(fixture("polisen_events.json")), "events.json")
    return kommun, ps, commitments


@pytest.fixture
def today(monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date(2023, 12, 1))
    return date(2023, 12, 1)


def test_the_page_is_named_for_the_law_and_passes_the_public_page_checks(client, today):
    load_sources()
    response = client.get(URL)
    assert response.status_code == 200
    assert_public_headers(response)
    doc = assert_accessible_page(response)
    assert "lägesbild enligt lag (2023:196)" in text_of(doc.find(".//{http://www.w3.org/1999/xhtml}h1"))


def test_the_action_plan_links_the_published_sets_and_their_commitments(client, today):
    kommun, ps, commitments = load_sources()
    content = client.get(URL).content.decode()
    assert reverse("site:promise_set", args=["strangnas", "2022-2023"]) in content
    assert reverse("site:commitment", args=["strangnas", "2022-2023", 1]) in content
    assert "Åtgärdsplan: medborgarlöftena" in content


def test_each_indicator_has_an_accessible_svg_chart_and_a_table_with_the_same_numbers(client, today):
    load_sources()
    response = client.get(URL)
    doc = parse(response.content)
    svg = doc.find(".//{http://www.w3.org/2000/svg}svg[@id='diagram-kolada-N07403']")
    assert svg is not None and svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "diagram-kolada-N07403-title diagram-kolada-N07403-desc"
    assert svg.find("{http://www.w3.org/2000/svg}title").text == "Anmälda våldsbrott, antal/100 000 inv"
    table = table_by_caption(doc, "Anmälda våldsbrott, antal/100 000 inv")
    text = text_of(table)
    assert "Strängnäs" in text and "Södermanlands län" in text and "Riket" in text
    assert "901,7" not in text  # no decimals for this KPI
    cells = [text_of(td) for td in table.iter("{http://www.w3.org/1999/xhtml}td")]
    assert cells == ["812", "1 010", "1 052", "902", "1 032", "–"]  # 2023's country value is "Saknas"
    assert "Källa: Kolada" in response.content.decode()


def test_counts_become_rates_per_100000_with_the_population(client, today):
    load_sources()
    doc = parse(client.get(URL).content)
    table = table_by_caption(doc, "Anmälda brott: Narkotikabrott")
    # 176 narcotics crimes in 2023: Brå gives 455 per 100 000 itself.
    assert "455" in text_of(table) and "176" in text_of(table)


def test_the_svg_carries_no_inline_style_or_script(client, today):
    load_sources()
    content = client.get(URL).content.decode()
    assert "<style" not in content and "<script" not in content and "style=" not in content


def test_police_events_by_type_for_the_last_twelve_months(client, today):
    load_sources()
    doc = parse(client.get(URL).content)
    table = table_by_caption(doc, "Polisens händelser per typ")
    rows = {text_of(r.find("{http://www.w3.org/1999/xhtml}th")): r for r in table.iter("{http://www.w3.org/1999/xhtml}tr")}
    assert "Inbrott" in rows and "Trafikolycka" in rows
    assert "Sammanfattning natt" not in rows
    # Two burglaries among 38 650 inhabitants; the county and the country (both municipalities of the
    # test have events, so the comparison rests on complete data).
    cells = [text_of(td) for td in rows["Inbrott"].iter("{http://www.w3.org/1999/xhtml}td")]
    assert cells == ["2", "5,2", "0,7", "0,0"]


def test_a_municipality_without_data_says_so(client, today):
    strangnas_set()
    response = client.get(URL)
    assert "Ingen statistik ännu" in response.content.decode()


def test_the_query_count_does_not_grow_with_other_municipalities_data(client, today):
    from django.core.cache import cache

    from tests.site.helpers import many_municipalities

    load_sources()
    before = query_count(client, URL)
    many_municipalities(3)
    cache.clear()  # a full render again, not the cached page
    assert query_count(client, URL) == before


def test_a_cached_page_costs_two_queries(client, today):
    load_sources()
    client.get(URL)
    # The municipality (for the ETag) and the demo flag; the page itself comes from the cache.
    assert query_count(client, URL) == 2


def test_a_conditional_request_gets_304(client, today):
    load_sources()
    etag = client.get(URL)["ETag"]
    assert client.get(URL, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_an_import_changes_the_etag_and_the_cached_page(client, today):
    load_sources()
    first = client.get(URL)
    assert "19,8" in first.content.decode()
    surveys.import_file(fixture("trygghetsmatning.csv").replace(b"19,8 %", b"18,0 %"), "t2.csv")
    second = client.get(URL)
    assert second["ETag"] != first["ETag"]
    assert "18,0" in second.content.decode() and "19,8" not in second.content.decode()


def test_recorded_work_shows_at_once_on_the_cached_page(client, today):
    kommun, ps, commitments = load_sources()
    assert "Inga insatser registrerade ännu." in client.get(URL).content.decode()
    from tests import factories

    factories.activity(commitments[0], type="safety_walk", on=date(2022, 5, 1))
    assert "Trygghetsvandring 1" in client.get(URL).content.decode()


def test_the_pdf_is_a_pdf_in_swedish_with_the_charts(client, today):
    load_sources()
    response = client.get("/strangnas/lagesbild.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    import pdfplumber

    with pdfplumber.open(io.BytesIO(response.content)) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    assert "lägesbild enligt lag (2023:196)" in text
    assert "Anmälda våldsbrott" in text


def test_an_unknown_municipality_is_404(client):
    assert client.get("/finns-inte/lagesbild/").status_code == 404


def test_an_indicator_edited_in_the_admin_changes_every_page(client, today):
    from lofte.situation.models import Indicator

    load_sources()
    etag = client.get(URL)["ETag"]
    indicator = Indicator.objects.get(key="kolada:N07403")
    indicator.description = "Ny beskrivning av måttet."
    indicator.save()
    response = client.get(URL)
    assert response["ETag"] != etag and "Ny beskrivning av måttet." in response.content.decode()


def test_an_indicator_measured_only_per_area_is_shown(client, today):
    from lofte.situation.importing import generic
    from tests.situation.helpers import csv

    load_sources()
    generic.import_file(csv("Indikator;Enhet;Period;Kommun;Område;Värde;Källa\n"
                            "Otrygghet i centrum;%;2023;Strängnäs;Mariefred;31,5;Kommunens enkät\n"), "a.csv")
    doc = parse(client.get(URL).content)
    table = table_by_caption(doc, "Otrygghet i centrum")
    assert "Mariefred" in text_of(table) and "31,5" in text_of(table)
