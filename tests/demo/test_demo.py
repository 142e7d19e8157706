"""`lofte demo`: Strängnäs' real promises with invented records, loaded idempotently."""

import re

import pytest
from django.core.management import call_command

from lofte.activities.models import Activity
from lofte.core.models import Area, Organisation
from lofte.demo.loader import load_demo
from lofte.promises.models import Commitment, PromiseSet

pytestmark = pytest.mark.django_db

LABELS = ["Uppfyllt", "Enligt plan", "I riskzonen", "Ej uppfyllt", "Delvis uppfyllt", "Ej påbörjat", "Pågående",
          "Slutbedömning saknas"]


def test_the_demo_loads_strangnas_with_areas_organisations_and_both_sets():
    load_demo()
    assert sorted(Area.objects.filter(municipality__code="0486").values_list("name", flat=True)) == sorted(
        ["Strängnäs", "Mariefred", "Åkers styckebruk", "Stallarholmen", "Läggesta"]
    )
    police = Organisation.objects.get(name="LPO Eskilstuna/Strängnäs")
    assert sorted(police.municipalities.values_list("code", flat=True)) == ["0484", "0486"]
    assert Organisation.objects.filter(name="Strängnäs kommun", kind="municipality").exists()
    sets = PromiseSet.objects.published().filter(municipality__code="0486", area=None)
    assert sorted(s.period for s in sets) == ["2021", "2022-2023"]
    assert Commitment.objects.filter(promise_set__in=sets).count() == 15


def test_the_demo_has_an_area_scoped_mid_year_set_promised_by_the_police_alone(client):
    load_demo()
    district = PromiseSet.objects.get(municipality__code="0486", area__name="Mariefred")
    assert (district.start.isoformat(), district.end.isoformat()) == ("2026-07-01", "2027-06-30")
    assert "påhittat exempel" in district.title
    response = client.get("/strangnas/mariefred/2026-2027/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "1 juli 2026–30 juni 2027" in content
    assert "Medborgarlöftet ges av LPO Eskilstuna/Strängnäs ensam." in content
    assert "I samverkan med: Lokala BRÅ-gruppen i Mariefred." in content
    municipality_page = client.get("/strangnas/").content.decode()
    assert ">Mariefred</h2>" in municipality_page and ">Hela Strängnäs</h2>" in municipality_page


def test_the_demo_shows_a_late_registration_that_leaves_the_passed_point_as_it_was(client):
    load_demo()
    content = client.get("/strangnas/2021/5/").content.decode()
    assert "registrerad i efterhand 2022-03-01" in content
    assert "1 insats registrerades i efterhand" in content
    assert "4 av 4" in content  # the final result counts it
    history = client.get("/strangnas/2021/").content.decode()
    row = history[history.index('href="/strangnas/2021/5/"', history.index("historik-caption")):]
    row = row[: row.index("</tr>")]
    assert row.count("Delvis uppfyllt") == 1 and "Uppfyllt<" not in row.replace("Delvis uppfyllt<", "")


def test_running_the_demo_twice_duplicates_nothing():
    first = load_demo()
    counts = (PromiseSet.objects.count(), Commitment.objects.count(), Activity.objects.count(), Area.objects.count(),
              Organisation.objects.count())
    second = load_demo()
    assert counts == (PromiseSet.objects.count(), Commitment.objects.count(), Activity.objects.count(),
                      Area.objects.count(), Organisation.objects.count())
    assert second.activities_created == 0
    assert first.password == second.password


def test_the_demo_user_can_log_in(client):
    summary = load_demo()
    assert client.login(username="demo", password=summary.password)


def test_the_set_pages_show_every_status_and_verdict(client):
    load_demo()
    shown = set()
    for path in ("2021", "2022-2023", "mariefred/2026-2027"):
        content = client.get(f"/strangnas/{path}/").content.decode()
        shown |= {label for label in LABELS if re.search(rf">\s*{label}\s*<", content)}
    assert shown == set(LABELS)


def test_every_page_says_demo_records_are_invented(client):
    load_demo()
    for path in ("/", "/strangnas/", "/strangnas/2021/", "/strangnas/2021/4/"):
        assert "Demo: registrerade insatser är påhittade exempel" in client.get(path).content.decode()


def test_the_demo_command_prints_the_log_in(capsys):
    call_command("demo")
    out = capsys.readouterr().out
    assert "användare 'demo'" in out
    assert "lösenord" in out


def test_a_new_run_keeps_the_demo_password_and_the_session(client):
    """Regression: a second `make run` printed a new password and ended the demo session."""
    first = load_demo()
    assert client.login(username="demo", password=first.password)
    assert client.get("/personal/").status_code == 200
    second = load_demo()
    assert second.password == first.password
    assert client.get("/personal/").status_code == 200  # still logged in: the hash was not renewed


def test_the_printed_password_works_even_after_the_account_was_changed():
    from django.contrib.auth import get_user_model

    summary = load_demo()
    user = get_user_model().objects.get(username="demo")
    user.set_password("något-annat-lösenord")
    user.save()
    again = load_demo()
    assert again.password == summary.password
    user.refresh_from_db()
    assert user.check_password(summary.password)


def test_the_suite_never_writes_into_a_real_data_directory(settings):
    import tempfile
    from pathlib import Path

    # tests/settings.py overrides LOFTE_DATA_DIR (which the Makefile exports for `make run`).
    assert Path(settings.DATA_DIR).resolve().is_relative_to(Path(tempfile.gettempdir()).resolve())
    assert Path(settings.DATA_DIR).name.startswith("lofte-test-")


def test_the_coordinator_log_in_shows_a_set_waiting_for_the_municipalitys_approval(client):
    summary = load_demo()
    assert client.login(username="samordnare", password=summary.password)
    content = client.get("/personal/").content.decode()
    assert "Hej Maria Sandberg" in content
    assert "Godkänn ”Medborgarlöfte för Åkers styckebruk 2027 (påhittat utkast)” för Strängnäs kommun" in content
    assert "LPO Eskilstuna/Strängnäs godkände" in content
    assert "Markera som genomfört: (Exempel) Dialogmöte om skolvägarna i Mariefred" in content
    assert "Slutbedömning" in content
