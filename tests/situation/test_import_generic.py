"""The generic indicator template: every documented column, Swedish errors with row numbers."""

import pytest
from django.db import connection

from lofte.situation.importing import generic
from lofte.situation.importing.errors import IndicatorImportError
from lofte.situation.models import Indicator, ImportRun, Observation
from tests.situation.helpers import csv, fixture, places

pytestmark = pytest.mark.django_db

HEADER = "Indikator;Enhet;Period;Kommun;Värde;Källa\n"


def test_the_template_imports_values_per_quarter_and_area():
    strangnas, *_ = places()
    result = generic.import_file(fixture("indikatorer.csv"), "indikatorer.csv")
    assert result.created == 4
    indicator = Indicator.objects.get(key="egen:klotter")
    assert indicator.kind == "count" and indicator.period_kind == "quarter" and indicator.theme == "crime"
    assert indicator.attribution == "Källa: Strängnäs kommun, felanmälan"
    values = sorted(Observation.objects.live().values_list("period_start", "value", "series__area__name"))
    assert [v[1] for v in values] == [34, 41, 28, 9]
    assert values[-1][2] == "Mariefred"
    assert ImportRun.objects.get().status == ImportRun.Status.LIVE


def test_importing_the_same_file_again_changes_nothing():
    places()
    generic.import_file(fixture("indikatorer.csv"), "indikatorer.csv")
    again = generic.import_file(fixture("indikatorer.csv"), "indikatorer.csv")
    assert (again.created, again.changed, again.unchanged) == (0, 0, 4)
    assert Observation.objects.count() == 4


def test_a_changed_value_replaces_the_old_one_and_the_old_row_is_removed():
    places()
    generic.import_file(csv(HEADER + "Otrygghet;%;2023;Strängnäs;20,5;Enkät\n"), "a.csv")
    result = generic.import_file(csv(HEADER + "Otrygghet;%;2023;Strängnäs;19,0;Enkät\n"), "b.csv")
    assert result.changed == 1
    assert list(Observation.objects.live().values_list("value", flat=True)) == [19.0]
    assert Observation.objects.count() == 1


def test_an_unknown_municipality_is_listed_with_its_rows_and_nothing_is_stored():
    places()
    data = csv(HEADER + "Otrygghet;%;2023;Strängnäs;20;Enkät\nOtrygghet;%;2023;Gnesta;20;Enkät\n"
               "Otrygghet;%;2022;Gnesta;19;Enkät\nOtrygghet;%;2023;Atlantis;3;Enkät\n")
    with pytest.raises(IndicatorImportError) as error:
        generic.import_file(data, "x.csv")
    assert "okända kommuner, län eller riket: «Atlantis» (rad 5); «Gnesta» (rad 3, 4)" in str(error.value)
    assert not Observation.objects.exists()


@pytest.mark.parametrize(
    "row, message",
    [
        ("Otrygghet;%;2023Q5;Strängnäs;20;Enkät", "rad 2: perioden «2023q5» kunde inte tolkas"),
        ("Otrygghet;%;2023;Strängnäs;tjugo;Enkät", "rad 2: värdet: «tjugo» är inget tal"),
        ("Otrygghet;%;2023;;20;Enkät", "rad 2: kommun (eller län/riket) saknas"),
        ("Otrygghet;%;2023;Strängnäs;20;", "rad 2: «Källa» är tom"),
    ],
)
def test_a_bad_cell_is_named_by_its_row(row, message):
    places()
    with pytest.raises(IndicatorImportError) as error:
        generic.import_file(csv(HEADER + row + "\n"), "x.csv")
    assert message in str(error.value)
    assert not Observation.objects.exists()


def test_two_rows_for_the_same_value_are_refused():
    places()
    data = csv(HEADER + "Otrygghet;%;2023;Strängnäs;20;Enkät\nOtrygghet;%;2023;0486;21;Enkät\n")
    with pytest.raises(IndicatorImportError) as error:
        generic.import_file(data, "x.csv")
    assert "rad 3: samma indikator, plats och period som rad 2" in str(error.value)


def test_an_unknown_area_is_listed():
    places()
    data = csv("Indikator;Enhet;Period;Kommun;Område;Värde;Källa\nOtrygghet;%;2023;Strängnäs;Centrum;20;Enkät\n")
    with pytest.raises(IndicatorImportError) as error:
        generic.import_file(data, "x.csv")
    assert "okända kommundelar" in str(error.value) and "«Centrum» i Strängnäs (rad 2)" in str(error.value)


def test_missing_columns_are_named():
    places()
    with pytest.raises(IndicatorImportError) as error:
        generic.import_file(csv("Indikator;Period;Kommun\nA;2023;Strängnäs\n"), "x.csv")
    assert "«Enhet»" in str(error.value) and "«Värde»" in str(error.value)


def test_an_xlsx_with_excel_numbers_imports_like_the_csv():
    import io

    import openpyxl

    places()
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Indikator", "Enhet", "Period", "Kommun", "Värde", "Källa"])
    sheet.append(["Otrygghet", "%", 2023, "Strängnäs", 20.5, "Enkät"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = generic.import_file(buffer.getvalue(), "x.xlsx")
    assert result.created == 1
    assert Observation.objects.live().get().value == 20.5


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite keeps no planner statistics by itself")
def test_a_large_import_brings_sqlites_planner_statistics_up_to_date():
    from lofte.situation.importing import runs

    places()
    generic.import_file(fixture("indikatorer.csv"), "indikatorer.csv")  # a small one: below the threshold
    runs.refresh_planner_statistics(runs.STATISTICS_AFTER)
    with connection.cursor() as cursor:
        cursor.execute("SELECT DISTINCT tbl FROM sqlite_stat1")
        analyzed = {row[0] for row in cursor.fetchall()}
    assert {"situation_observation", "situation_series"} <= analyzed
