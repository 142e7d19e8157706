"""The import_promises command: arguments in, one line out; bad input fails with one line."""

import json
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lofte.promises.importing import PromiseImportError, import_text
from lofte.promises.models import PromiseSet
from tests import factories

SEED = Path(__file__).resolve().parents[2] / "src/lofte/core/data/demo/strangnas-medborgarloften.txt"

pytestmark = pytest.mark.django_db


@pytest.fixture
def kommun():
    return factories.municipality()


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("import_promises", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_dry_run_json_prints_the_promised_shape(kommun):
    out, _ = run(SEED, "--kommun", "0486", "--dry-run", "--json")
    data = json.loads(out)
    assert data["kommun"] == "0486"
    assert set(data["promise_sets"][0]) >= {"title", "years", "intro", "themes"}
    commitment = data["promise_sets"][1]["themes"][0]["commitments"][3]
    assert set(commitment) >= {"number", "text", "parties", "targets"}
    assert commitment["targets"] == [
        {"count": 2, "unit": "föräldraträffar", "activity_type": "parent_meeting", "per": "period"}
    ]
    assert isinstance(data["warnings"], list)


def test_dry_run_writes_nothing(kommun):
    run(SEED, "--kommun", "0486", "--dry-run", "--json")
    assert PromiseSet.objects.count() == 0


def test_an_import_reports_each_period(kommun):
    out, _ = run(SEED, "--kommun", "0486")
    assert out.splitlines() == ["2022–2023: skapat (8 löften)", "2021: skapat (7 löften)"]


def test_a_second_import_reports_unchanged(kommun):
    run(SEED, "--kommun", "0486")
    out, _ = run(SEED, "--kommun", "0486")
    assert "2021: oförändrat (7 löften)" in out


def test_warnings_go_to_stderr_with_their_line(kommun):
    _, err = run(SEED, "--kommun", "0486", "--dry-run")
    assert "varning: rad 22:" in err


def test_a_changed_document_fails_unless_replace(kommun, tmp_path):
    run(SEED, "--kommun", "0486")
    changed = tmp_path / "changed.txt"
    changed.write_text(SEED.read_text(encoding="utf-8").replace("A-traktorer", "EPA-traktorer"), encoding="utf-8")
    with pytest.raises(CommandError, match="löfte 7 har ändrad text"):
        run(changed, "--kommun", "0486")
    out, _ = run(changed, "--kommun", "0486", "--replace")
    assert "2022–2023: ersatt (8 löften)" in out


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "tom"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG-bild"),
        (b"\x01\x02\x03\x00binary", "binära"),
        ("Medborgarlöfte 2024\n\nBara en text.".encode(), "hittade inga löften"),
    ],
    ids=["empty", "picture", "binary", "no-commitments"],
)
def test_bad_files_fail_with_one_line_and_store_nothing(kommun, tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message) as error:
        run(path, "--kommun", "0486")
    assert "\n" not in str(error.value)
    assert PromiseSet.objects.count() == 0


def test_an_unknown_municipality_fails(kommun):
    with pytest.raises(CommandError, match="okänd kommunkod"):
        run(SEED, "--kommun", "0000")


def test_a_missing_file_fails(kommun, tmp_path):
    with pytest.raises(CommandError, match="finns inte"):
        run(tmp_path / "saknas.txt", "--kommun", "0486")


@settings(max_examples=60, deadline=2000, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.text(max_size=600), st.binary(max_size=400),
                 st.lists(st.sampled_from([
                     "Medborgarlöfte 2024", "• Polisen lovar minst två trygghetsvandringar.", "", "Tema",
                     "1. Kommunen ska", "Polisen lovar att:", "  fortsättning", "– minst 3", "2022–2023",
                 ]), max_size=20).map("\n".join)))
def test_any_input_either_imports_or_raises_the_import_error(kommun, data):
    try:
        import_text(data, "x.txt", kommun, dry_run=True)
    except PromiseImportError:
        pass


NO_PERIOD = (
    "Exempelby – medborgarlöften\n\nKommunen och polisen lovar att arbeta mot droger bland unga.\n\n"
    "Detta ska göras genom att:\n\n• Kommunen genomför minst två föräldraträffar.\n"
)


def test_a_document_without_a_period_is_refused_with_a_hint(kommun, tmp_path):
    path = tmp_path / "utan-period.txt"
    path.write_text(NO_PERIOD, encoding="utf-8")
    with pytest.raises(CommandError, match="hittade ingen period.*--years"):
        run(path, "--kommun", "0486")
    assert not PromiseSet.objects.exists()


def test_years_gives_the_period_of_a_document_that_states_none(kommun, tmp_path):
    path = tmp_path / "utan-period.txt"
    path.write_text(NO_PERIOD, encoding="utf-8")
    run(path, "--kommun", "0486", "--years", "2023-2024")
    promise_set = PromiseSet.objects.get()
    assert (promise_set.start, promise_set.end) == (date(2023, 1, 1), date(2024, 12, 31))
    assert promise_set.commitments.get().targets.get().count == 2


@pytest.mark.parametrize("value", ["20x4", "2024-2019", "2020-2030", "förra året"])
def test_bad_years_are_refused_naming_the_value(kommun, tmp_path, value):
    path = tmp_path / "utan-period.txt"
    path.write_text(NO_PERIOD, encoding="utf-8")
    with pytest.raises(CommandError, match=f"ogiltig period «{value}»"):
        run(path, "--kommun", "0486", "--years", value)
    assert not PromiseSet.objects.exists()


def test_dry_run_json_gives_each_set_its_first_and_last_day(kommun):
    out, _ = run(SEED, "--kommun", "0486", "--dry-run", "--json")
    sets = json.loads(out)["promise_sets"]
    assert [(s["years"], s["start"], s["end"], s["area"]) for s in sets] == [
        ([2022, 2023], "2022-01-01", "2023-12-31", None),
        ([2021], "2021-01-01", "2021-12-31", None),
    ]


def test_years_may_be_the_first_and_last_day(kommun, tmp_path):
    path = tmp_path / "utan-period.txt"
    path.write_text(NO_PERIOD, encoding="utf-8")
    out, _ = run(path, "--kommun", "0486", "--years", "2023-07-01--2024-06-30", "--dry-run", "--json")
    [promise_set] = json.loads(out)["promise_sets"]
    assert (promise_set["years"], promise_set["start"], promise_set["end"]) == (
        [2023, 2024], "2023-07-01", "2024-06-30")
    run(path, "--kommun", "0486", "--years", "2023-07-01–2024-06-30")
    stored = PromiseSet.objects.get()
    assert (stored.start, stored.end, stored.slug) == (date(2023, 7, 1), date(2024, 6, 30), "2023-2024")


@pytest.mark.parametrize("value", ["2023-02-30–2024-01-01", "2024-06-30–2023-07-01"])
def test_impossible_dates_are_refused_naming_the_value(kommun, tmp_path, value):
    path = tmp_path / "utan-period.txt"
    path.write_text(NO_PERIOD, encoding="utf-8")
    with pytest.raises(CommandError, match=f"ogiltig period «{value}»"):
        run(path, "--kommun", "0486", "--years", value)
    assert not PromiseSet.objects.exists()


def test_area_scopes_the_sets_and_creates_the_area_once(kommun, tmp_path):
    from lofte.core.models import Area

    path = tmp_path / "stadsdel.txt"
    path.write_text(NO_PERIOD, encoding="utf-8")
    out, _ = run(path, "--kommun", "0486", "--years", "2024", "--area", "Västra  Mariefred")
    assert out.splitlines() == ["Västra Mariefred 2024: skapat (1 löften)"]
    area = Area.objects.get(municipality=kommun)
    assert (area.name, area.slug) == ("Västra Mariefred", "vastra-mariefred")
    stored = PromiseSet.objects.get()
    assert stored.area == area and stored.get_absolute_url() == "/strangnas/vastra-mariefred/2024/"
    again, _ = run(path, "--kommun", "0486", "--years", "2024", "--area", "västra mariefred")
    assert "oförändrat" in again and Area.objects.count() == 1
    # The same document for the whole municipality is another set of the same period.
    whole, _ = run(path, "--kommun", "0486", "--years", "2024")
    assert whole.splitlines() == ["2024: skapat (1 löften)"] and PromiseSet.objects.count() == 2


def test_imported_commitments_get_short_titles(kommun):
    run(SEED, "--kommun", "0486")
    from lofte.promises.models import Commitment

    walks = Commitment.objects.get(promise_set__slug="2021", number=5)
    assert walks.short_title == "Minst fyra trygghetsvandringar i kommunen"
    assert all(0 < len(c.short_title) <= 71 for c in Commitment.objects.all())
