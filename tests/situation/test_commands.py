"""The import commands: arguments only, Swedish output, every problem on failure, nothing stored."""

import pytest
from django.core.management import CommandError, call_command

from lofte.situation.models import Observation, PoliceEvent
from tests.situation.helpers import FIXTURES, places

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "command, files, created",
    [
        ("import_indicators", ["indikatorer.csv"], "4 nya värden"),
        ("import_bra", ["bra_anmalda_brott.csv"], "8 nya värden"),
        ("import_survey", ["trygghetsmatning.csv"], "4 nya värden"),
        ("import_population", ["scb_be0101n1.json"], "8 nya värden"),
        ("import_kolada", ["kolada_N07403_page1.json", "kolada_N07403_page2.json", "kolada_kpi.json"], "6 nya värden"),
    ],
)
def test_each_command_imports_its_file_and_says_what_it_did(capsys, command, files, created):
    places()
    call_command(command, *[str(FIXTURES / f) for f in files], "--utan-forlopp")
    assert created in capsys.readouterr().out
    call_command(command, *[str(FIXTURES / f) for f in files], "--utan-forlopp")
    assert "oförändrat" in capsys.readouterr().out


def test_import_events_reports_events_and_weekly_counts(capsys):
    places()
    call_command("import_events", str(FIXTURES / "polisen_events.json"), "--utan-forlopp")
    out = capsys.readouterr().out
    assert "6 händelser: 6 nya, 0 ändrade, 0 oförändrade; 1 sammanfattningar räknas inte" in out
    assert PoliceEvent.objects.count() == 6


def test_a_bad_file_fails_with_every_problem_and_stores_nothing(tmp_path):
    places()
    bad = tmp_path / "bad.csv"
    bad.write_text("Indikator;Enhet;Period;Kommun;Värde;Källa\nA;%;2023;Gnesta;tjugo;Enkät\nA;%;20x;Strängnäs;1;Enkät\n",
                   encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("import_indicators", str(bad), "--utan-forlopp")
    text = str(error.value)
    assert text.startswith("Inget importerades:")
    assert "rad 2: värdet: «tjugo» är inget tal" in text and "rad 3: perioden" in text and "«Gnesta» (rad 2)" in text
    assert not Observation.objects.exists()


def test_a_missing_file_is_named():
    with pytest.raises(CommandError, match="filen /finns/inte.csv finns inte"):
        call_command("import_bra", "/finns/inte.csv")


def test_fetch_and_files_exclude_each_other():
    with pytest.raises(CommandError, match="antingen"):
        call_command("import_kolada")
    with pytest.raises(CommandError, match="antingen"):
        call_command("import_events", str(FIXTURES / "polisen_events.json"), "--fetch")
