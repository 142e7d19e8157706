"""Which municipality a form starts with: the user's own, or the one a document names."""

import pytest

from lofte.core.audit import log_change
from lofte.core.municipalities import named_municipalities, named_municipality, own_municipality
from lofte.core.models import Municipality
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def towns():
    strangnas = factories.municipality()
    eskilstuna = factories.municipality("0484", "Eskilstuna")
    lund = factories.municipality("1281", "Lund", county="Skåne län", county_code="12")
    gotland = factories.municipality("0980", "Gotland", county="Gotlands län", county_code="09")
    goteborg = factories.municipality("1480", "Göteborg", county="Västra Götalands län", county_code="14")
    return {"strangnas": strangnas, "eskilstuna": eskilstuna, "lund": lund, "gotland": gotland,
            "goteborg": goteborg}


def both(towns):
    return list(Municipality.objects.filter(pk__in=[towns["eskilstuna"].pk, towns["strangnas"].pk]).order_by("name"))


def test_a_member_of_the_municipality_gets_their_own(towns):
    police = factories.organisation(towns["eskilstuna"], "police")
    police.municipalities.add(towns["strangnas"])
    user = factories.user("samordnare", factories.organisation(towns["strangnas"], "municipality"))
    assert own_municipality(user, both(towns)) == towns["strangnas"]


def test_a_police_officer_gets_the_municipality_of_their_latest_change(towns):
    police = factories.organisation(towns["eskilstuna"], "police")
    police.municipalities.add(towns["strangnas"])
    user = factories.user("polis", police)
    log_change(user, "create", object_type="x", object_id="1", municipality_id=towns["strangnas"].pk)
    assert own_municipality(user, both(towns)) == towns["strangnas"]


def test_without_history_the_one_with_published_promises_comes_before_the_alphabet(towns):
    police = factories.organisation(towns["eskilstuna"], "police")
    police.municipalities.add(towns["strangnas"])
    factories.promise_set(towns["strangnas"], 2026)
    assert own_municipality(factories.user("polis", police), both(towns)) == towns["strangnas"]


def test_with_nothing_to_go_by_it_is_the_first(towns):
    police = factories.organisation(towns["eskilstuna"], "police")
    police.municipalities.add(towns["strangnas"])
    assert own_municipality(factories.user("polis", police), both(towns)) == towns["eskilstuna"]


@pytest.mark.parametrize("text, name", [
    ("Polis och kommun ska verka för trygg trafik i Strängnäs kommun.", "Strängnäs"),
    ("Polisen och Lunds kommun lovar ...", "Lund"),
    ("Göteborgs Stad och Polisen lovar ...", "Göteborg"),
    ("Region Gotland och Polisen lovar ...", "Gotland"),
])
def test_a_document_names_its_municipality(towns, text, name):
    assert named_municipality(text).name == name


def test_the_police_area_s_name_does_not_count_only_the_municipality_does(towns):
    text = "LPO Eskilstuna/Strängnäs och Strängnäs kommun lovar. Polisen i Eskilstuna deltar."
    assert named_municipality(text) == towns["strangnas"]


def test_the_most_named_wins_and_a_tie_names_none(towns):
    assert named_municipality("Strängnäs kommun, Strängnäs kommun och Eskilstuna kommun.") == towns["strangnas"]
    assert named_municipality("Strängnäs kommun och Eskilstuna kommun.") is None
    assert named_municipality("Inget kommunnamn här.") is None
    assert named_municipalities("Strängnäs kommun.", [towns["lund"]]) == []
