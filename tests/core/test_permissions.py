import pytest

from lofte.core.models import Membership
from lofte.core.permissions import access, municipalities_for, recordable_municipalities
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_police_area_gives_access_to_every_municipality_it_serves():
    strangnas = factories.municipality()
    eskilstuna = factories.municipality("0484", "Eskilstuna")
    police = factories.organisation(strangnas, name="LPO Eskilstuna/Strängnäs")
    police.municipalities.add(eskilstuna)
    user = factories.user("polis", police)
    assert set(municipalities_for(user)) == {strangnas, eskilstuna}
    assert access(user, eskilstuna).record


def test_it_gives_no_access_outside_the_users_municipalities():
    strangnas = factories.municipality()
    other = factories.municipality("0180", "Stockholm")
    user = factories.user("polis", factories.organisation(strangnas))
    assert not access(user, other).read
    assert other not in municipalities_for(user)


def test_roles_include_the_weaker_ones():
    kommun = factories.municipality()
    org = factories.organisation(kommun, "municipality")
    editor = factories.user("red", org, role=Membership.Role.EDITOR)
    result = access(editor, kommun)
    assert result.read and result.record and result.edit and not result.administer


def test_a_reader_may_read_but_not_record():
    kommun = factories.municipality()
    reader = factories.user("las", factories.organisation(kommun), role=Membership.Role.READER)
    assert access(reader, kommun).read
    assert not access(reader, kommun).record
    assert not recordable_municipalities(reader).exists()


def test_the_strongest_of_several_memberships_counts():
    kommun = factories.municipality()
    user = factories.user("two", factories.organisation(kommun), role=Membership.Role.READER)
    Membership.objects.create(user=user, organisation=factories.organisation(kommun, "municipality"),
                              role=Membership.Role.ADMIN)
    assert access(user, kommun).administer


def test_anonymous_and_inactive_users_have_no_access():
    from django.contrib.auth.models import AnonymousUser

    kommun = factories.municipality()
    user = factories.user("gone", factories.organisation(kommun))
    user.is_active = False
    assert not access(AnonymousUser(), kommun).read
    assert not access(user, kommun).read
    assert not municipalities_for(user).exists()
