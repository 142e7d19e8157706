"""`lofte import-est`: documented columns, line-numbered Swedish errors, all or nothing, idempotent."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from lofte.est.importing import import_est
from lofte.est.models import Report
from lofte.situation.importing.errors import IndicatorImportError
from lofte.situation.models import Observation
from tests.est import helpers

pytestmark = pytest.mark.django_db
FILES = Path(__file__).parent / "files"


def test_a_valid_file_is_imported_once():
    w = helpers.world()
    data = (FILES / "valid.csv").read_bytes()
    assert import_est(data, w["kommun"]) == (3, 0)
    assert import_est(data, w["kommun"]) == (0, 3)
    graffiti = Report.objects.get(category="klotter")
    assert (graffiti.area.name, graffiti.count, graffiti.time_band, graffiti.reporter_label) == (
        "Mariefred", 2, "kvall", "Anna Andersson")
    assert str(graffiti.latitude) == "59.260100" and graffiti.imported
    assert Report.objects.get(category="nedskrapning").reporter == w["reporter"]
    assert Report.objects.filter(nothing_to_report=True).count() == 1


def test_every_bad_row_is_named_and_nothing_is_stored():
    w = helpers.world()
    with pytest.raises(IndicatorImportError) as error:
        import_est((FILES / "bad_rows.csv").read_bytes(), w["kommun"])
    problems = error.value.problems
    assert [p.split(":")[0] for p in problems] == ["rad 2", "rad 3", "rad 4", "rad 5", "rad 6"]
    assert "ÅÅÅÅ-MM-DD" in problems[0] and "Snöskottning" in problems[1] and "Atlantis" in problems[2]
    assert "dag, kväll eller natt" in problems[3] and "heltal" in problems[4]
    assert not Report.objects.exists()


def test_unexpected_headers_name_the_missing_columns():
    w = helpers.world()
    with pytest.raises(IndicatorImportError, match="«datum»"):
        import_est((FILES / "unexpected_headers.csv").read_bytes(), w["kommun"])


def test_the_command_imports_and_rebuilds_the_indicators():
    helpers.world()
    out = StringIO()
    call_command("import_est", str(FILES / "valid.csv"), "--kommun", "0486", stdout=out)
    assert "3 nya rapporter" in out.getvalue()
    assert Observation.objects.filter(series__indicator__key="est:klotter").exists()
    with pytest.raises(CommandError, match="rad 2"):
        call_command("import_est", str(FILES / "bad_rows.csv"), "--kommun", "0486")
    with pytest.raises(CommandError, match="finns inte"):
        call_command("import_est", str(FILES / "valid.csv"), "--kommun", "9999")
