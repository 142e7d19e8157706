import pytest

from tests import factories


@pytest.mark.django_db
def test_factories_build_a_published_set_with_work():
    kommun = factories.municipality()
    police = factories.organisation(kommun)
    ps = factories.promise_set(kommun, 2021)
    c = factories.commitment(ps, parties=[police], targets=[{"count": 4, "unit": "trygghetsvandringar", "activity_type": "safety_walk"}])
    factories.activity(c)
    assert c.activities.count() == 1
    assert ps.period == "2021"
