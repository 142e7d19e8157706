"""A walk protocol names each organisation once, whether recorded or typed as present."""

import pytest

from lofte.walks.public import participating_organisations
from tests.walks import helpers
from tests import factories

pytestmark = pytest.mark.django_db


def test_typed_names_of_recorded_organisations_are_not_repeated():
    w = helpers.world()
    town = factories.organisation(w["kommun"], "municipality", name="Strängnäs kommun")
    w["walk"].organisations.add(town)
    w["walk"].details["organisations_present"] = "Polisen, kommunen, strängnäs kommun, Fastighetsägare, fastighetsägare"
    recorded = [o.name for o in w["walk"].organisations.all()]
    assert sorted(recorded) == sorted([w["police"].name, "Strängnäs kommun"])
    assert participating_organisations(w["walk"]) == recorded + ["Fastighetsägare"]


def test_without_a_recorded_police_area_polisen_is_kept():
    w = helpers.world()
    w["walk"].organisations.clear()
    w["walk"].details["organisations_present"] = "Polisen, Bostadsbolaget"
    assert participating_organisations(w["walk"]) == ["Polisen", "Bostadsbolaget"]
