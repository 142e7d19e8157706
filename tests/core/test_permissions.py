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


def test_editable_municipalities_are_those_where_the_user_is_at_least_redaktor():
    kommun = factories.municipality()
    other = factories.municipality("0180", "Stockholm")
    user = factories.user("red", factories.organisation(kommun, "municipality"), role=Membership.Role.EDITOR)
    Membership.objects.create(user=user, organisation=factories.organisation(other), role=Membership.Role.RECORDER)
    from lofte.core.permissions import editable_municipalities

    assert list(editable_municipalities(user)) == [kommun]


def test_an_administrator_administers_only_their_own_organisations():
    from lofte.core.permissions import administered_organisations, administrable_memberships

    kommun = factories.municipality()
    police = factories.organisation(kommun)
    municipality_org = factories.organisation(kommun, "municipality")
    admin = factories.user("admin", municipality_org, role=Membership.Role.ADMIN)
    colleague = factories.user("kollega", municipality_org)
    officer = factories.user("polis", police)
    assert list(administered_organisations(admin)) == [municipality_org]
    assert set(administrable_memberships(admin)) == {admin.memberships.get(), colleague.memberships.get()}
    assert officer.memberships.get() not in administrable_memberships(admin)
    assert not administered_organisations(colleague).exists()


def test_two_factor_is_required_for_administrators_and_superusers_only():
    from django.contrib.auth.models import AnonymousUser

    from lofte.core.permissions import requires_two_factor

    kommun = factories.municipality()
    org = factories.organisation(kommun)
    admin = factories.user("admin", org, role=Membership.Role.ADMIN)
    editor = factories.user("red", org, role=Membership.Role.EDITOR)
    root = factories.user("root")
    root.is_superuser = True
    assert requires_two_factor(admin)
    assert requires_two_factor(root)
    assert not requires_two_factor(editor)
    assert not requires_two_factor(AnonymousUser())
