"""Kolada, SCB population, Brå and surveys from recorded files in the sources' real shapes."""

import json

import pytest

from lofte.situation.importing import bra, kolada, population, surveys
from lofte.situation.importing.errors import IndicatorImportError
from lofte.situation.models import POPULATION_KEY, Indicator, Observation
from tests.situation.helpers import csv, fixture, places

pytestmark = pytest.mark.django_db


def live(key):
    return sorted(
        Observation.objects.live().filter(series__indicator__key=key)
        .values_list("series__region", "series__gender", "period_start__year", "value", "status")
    )


def test_kolada_pages_and_metadata_import_as_one_run_with_county_and_country():
    places()
    files = [(n, fixture(n)) for n in ("kolada_N07403_page1.json", "kolada_N07403_page2.json", "kolada_kpi.json")]
    result = kolada.import_files(files)
    assert result.created == 6
    indicator = Indicator.objects.get(key="kolada:N07403")
    assert indicator.name == "Anmälda våldsbrott, antal/100 000 inv"
    assert indicator.kind == "rate" and indicator.attribution == "Källa: Kolada" and indicator.theme == "crime"
    assert live("kolada:N07403") == [
        ("00", "T", 2022, 1051.9, ""), ("00", "T", 2023, None, "Saknas"),
        ("04", "T", 2022, 1010.2, ""), ("04", "T", 2023, 1032.0, ""),
        ("0486", "T", 2022, 812.4, ""), ("0486", "T", 2023, 901.7, ""),
    ]


def test_kolada_keeps_each_gender_and_the_count():
    places()
    kolada.import_files([("g.json", fixture("kolada_gender.json")), ("k.json", fixture("kolada_kpi.json"))])
    assert [row[1] for row in live("kolada:U07999")] == ["K", "M", "T"]
    assert Indicator.objects.get(key="kolada:U07999").theme == "safety"
    assert Observation.objects.get(series__gender="T").base == 810


def test_kolada_names_an_unknown_municipality_id_and_a_bad_value_by_position():
    places()
    document = json.loads(fixture("kolada_N07403_page1.json"))
    document["values"][0]["municipality"] = "9999"
    document["values"][1]["values"][0]["value"] = "hög"
    with pytest.raises(IndicatorImportError) as error:
        kolada.import_files([("p.json", json.dumps(document).encode())])
    text = str(error.value)
    assert "p.json: values[1].values[0]: «value» 'hög' är inget tal" in text
    assert "okända kommun- eller region-id: «9999» (p.json: values[0])" in text
    assert not Observation.objects.exists()


def test_kolada_refuses_invalid_json_with_its_line():
    places()
    with pytest.raises(IndicatorImportError) as error:
        kolada.import_files([("p.json", b'{"values": [\n{"kpi": }]}')])
    assert "p.json: ogiltig JSON på rad 2" in str(error.value)


def test_scb_json_stat2_population_per_region_and_year():
    places()
    result = population.import_file(fixture("scb_be0101n1.json"), "be0101n1.json")
    assert result.created == 8
    assert ("0486", "T", 2023, 38650.0, "") in live(POPULATION_KEY)
    assert ("00", "T", 2022, 10521556.0, "") in live(POPULATION_KEY)


def test_scb_csv_gives_the_same_population():
    places()
    population.import_file(fixture("scb_folkmangd.csv"), "folkmangd.csv")
    again = population.import_file(fixture("scb_be0101n1.json"), "be0101n1.json")
    assert again.unchanged == 6 and again.created == 2


def test_scb_refuses_a_dimension_that_was_not_eliminated():
    places()
    document = json.loads(fixture("scb_be0101n1.json"))
    document["id"].insert(1, "Kon")
    document["size"].insert(1, 2)
    document["dimension"]["Kon"] = {"category": {"index": {"1": 0, "2": 1}, "label": {"1": "män", "2": "kvinnor"}}}
    document["value"] = document["value"] * 2
    with pytest.raises(IndicatorImportError) as error:
        population.import_file(json.dumps(document).encode(), "x.json")
    assert "dimensionen «Kon» har 2 värden" in str(error.value)


def test_bra_counts_with_their_rates_for_municipality_county_and_country():
    places()
    result = bra.import_file(fixture("bra_anmalda_brott.csv"), "bra.csv")
    assert result.created == 8
    indicator = Indicator.objects.get(key="bra:skadegorelsebrott")
    assert indicator.name == "Anmälda brott: Skadegörelsebrott" and indicator.kind == "count"
    rows = sorted(Observation.objects.live().filter(series__indicator=indicator)
                  .values_list("series__region", "period_start__year", "value", "rate", "status"))
    assert ("0486", 2023, 455.0, 1177.0, "") in rows
    assert ("00", 2023, None, None, "..") in rows


def test_bra_refuses_a_count_that_is_no_whole_number():
    places()
    data = csv("Region;Brottskategori;År;Antal\nSträngnäs;Misshandel;2023;12,5\n")
    with pytest.raises(IndicatorImportError) as error:
        bra.import_file(data, "x.csv")
    assert "rad 2: antalet «12,5» är inget heltal ≥ 0" in str(error.value)


def test_bra_reads_quarters():
    places()
    bra.import_file(csv("Region;Brottskategori;Kvartal;Antal\nSträngnäs;Misshandel;2023 kv 2;31\n"), "x.csv")
    observation = Observation.objects.live().get()
    assert observation.period_start.month == 4
    assert observation.series.indicator.period_kind == "quarter"


def test_survey_shares_per_area_and_county():
    strangnas, *_ = places()
    result = surveys.import_file(fixture("trygghetsmatning.csv"), "t.csv")
    assert result.created == 4
    indicator = Indicator.objects.get()
    assert indicator.kind == "share" and indicator.attribution == "Källa: Polisens trygghetsmätning"
    assert indicator.name.endswith("– Mycket eller ganska otrygg")
    area = Observation.objects.live().get(series__area__name="Mariefred")
    assert area.value == 15.2 and area.base == 301


def test_survey_refuses_a_share_over_100():
    places()
    data = csv("Undersökning;Fråga;Kommun;År;Andel\nNTU;Otrygg?;Strängnäs;2023;120\n")
    with pytest.raises(IndicatorImportError) as error:
        surveys.import_file(data, "x.csv")
    assert "rad 2: andelen 120 ligger inte mellan 0 och 100 procent" in str(error.value)
