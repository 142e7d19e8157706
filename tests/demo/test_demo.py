"""`lofte demo`: Strängnäs' real promises with invented records, loaded idempotently."""

import re

import pytest
from django.core.management import call_command

from lofte.activities.models import Activity
from lofte.core.models import Area, Organisation
from lofte.demo.loader import load_demo
from lofte.promises.models import Commitment, PromiseSet

pytestmark = pytest.mark.django_db

LABELS = ["Uppfyllt", "Enligt plan", "I riskzonen", "Ej uppfyllt", "Ej påbörjat", "Pågående"]


def test_the_demo_loads_strangnas_with_areas_organisations_and_both_sets():
    load_demo()
    assert sorted(Area.objects.filter(municipality__code="0486").values_list("name", flat=True)) == sorted(
        ["Strängnäs", "Mariefred", "Åkers styckebruk", "Stallarholmen", "Läggesta"]
    )
    police = Organisation.objects.get(name="LPO Eskilstuna/Strängnäs")
    assert sorted(police.municipalities.values_list("code", flat=True)) == ["0484", "0486"]
    assert Organisation.objects.filter(name="Strängnäs kommun", kind="municipality").exists()
    sets = PromiseSet.objects.published().filter(municipality__code="0486")
    assert sorted(s.period for s in sets) == ["2021", "2022-2023"]
    assert Commitment.objects.filter(promise_set__in=sets).count() == 15


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


def test_the_two_set_pages_show_all_six_statuses(client):
    load_demo()
    shown = set()
    for period in ("2021", "2022-2023"):
        content = client.get(f"/strangnas/{period}/").content.decode()
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
