"""Managing memberships: lofte.core.memberships, every change in the audit log."""

import pytest
from django.contrib.auth import authenticate
from django.test import RequestFactory

from lofte.core.memberships import (
    MembershipError,
    add_member,
    change_role,
    create_member,
    one_time_password,
    remove_membership,
)
from lofte.core.models import AuditEntry, Membership
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    """LPO Eskilstuna/Strängnäs, serving two municipalities, with its administrator."""
    strangnas = factories.municipality()
    eskilstuna = factories.municipality("0484", "Eskilstuna")
    police = factories.organisation(strangnas, name="LPO Eskilstuna/Strängnäs")
    police.municipalities.add(eskilstuna)
    admin = factories.user("chef", police, role=Membership.Role.ADMIN)
    return {"police": police, "admin": admin, "municipalities": {strangnas.pk, eskilstuna.pk}}


def test_a_one_time_password_is_long_random_and_readable():
    first, second = one_time_password(), one_time_password()
    assert first != second
    assert len(first.replace("-", "")) == 16
    assert not set(first) & set("0O1lI")


def test_creating_a_member_stores_only_a_hash_of_the_password_and_logs_in_every_served_municipality(org):
    membership, password = create_member(org["admin"], org["police"], username="ny.polis",
                                         role=Membership.Role.RECORDER, first_name="Ny", email="ny@example.se")
    assert membership.user.password != password
    request = RequestFactory().post("/personal/logga-in/")
    assert authenticate(request, username="ny.polis", password=password) == membership.user
    entries = AuditEntry.objects.filter(action=AuditEntry.Action.ROLE, object_id=str(membership.pk))
    assert {e.municipality_id for e in entries} == org["municipalities"]
    assert entries[0].before is None
    assert entries[0].after == {"user": "ny.polis", "organisation": "LPO Eskilstuna/Strängnäs", "role": "recorder"}
    assert entries[0].username == "chef"
    assert AuditEntry.objects.filter(action=AuditEntry.Action.CREATE, object_id=str(membership.user.pk)).count() == 2


def test_changing_a_role_logs_the_role_before_and_after(org):
    member = factories.user("polis", org["police"], role=Membership.Role.READER)
    membership = member.memberships.get()
    change_role(org["admin"], membership, Membership.Role.EDITOR)
    membership.refresh_from_db()
    assert membership.role == Membership.Role.EDITOR
    entry = AuditEntry.objects.filter(action=AuditEntry.Action.ROLE).first()
    assert entry.before["role"] == "reader" and entry.after["role"] == "editor"


def test_changing_to_the_same_role_logs_nothing(org):
    membership = factories.user("polis", org["police"]).memberships.get()
    change_role(org["admin"], membership, Membership.Role.RECORDER)
    assert not AuditEntry.objects.exists()


def test_the_last_administrator_can_be_neither_demoted_nor_removed(org):
    membership = org["admin"].memberships.get()
    with pytest.raises(MembershipError, match="minst en administratör"):
        change_role(org["admin"], membership, Membership.Role.EDITOR)
    with pytest.raises(MembershipError, match="minst en administratör"):
        remove_membership(org["admin"], membership)
    assert Membership.objects.get(pk=membership.pk).role == Membership.Role.ADMIN
    assert not AuditEntry.objects.exists()


def test_an_administrator_may_step_down_when_another_remains(org):
    factories.user("ny-chef", org["police"], role=Membership.Role.ADMIN)
    change_role(org["admin"], org["admin"].memberships.get(), Membership.Role.EDITOR)
    assert org["admin"].memberships.get().role == Membership.Role.EDITOR


def test_removing_a_membership_keeps_the_user_and_logs_the_role_it_had(org):
    member = factories.user("polis", org["police"], role=Membership.Role.EDITOR)
    membership = member.memberships.get()
    remove_membership(org["admin"], membership)
    assert not Membership.objects.filter(pk=membership.pk).exists()
    member.refresh_from_db()
    entry = AuditEntry.objects.filter(action=AuditEntry.Action.ROLE).first()
    assert entry.before["role"] == "editor" and entry.after is None
    assert entry.object_id == str(membership.pk)


def test_adding_an_existing_member_twice_is_refused(org):
    member = factories.user("polis", org["police"])
    with pytest.raises(MembershipError, match="redan medlem"):
        add_member(org["admin"], org["police"], member, Membership.Role.EDITOR)


def test_adding_an_existing_user_to_another_organisation(org):
    kommun = factories.organisation(factories.municipality(), "municipality")
    member = factories.user("polis", org["police"])
    membership = add_member(org["admin"], kommun, member, Membership.Role.READER)
    assert membership.role == Membership.Role.READER
    assert AuditEntry.objects.get(action=AuditEntry.Action.ROLE).after["role"] == "reader"
