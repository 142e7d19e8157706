"""Invitation links for rapportörer: signed, expiring, single use, by a redaktör only."""

from datetime import timedelta

import pytest
from django.utils import timezone

from lofte.core.models import AuditEntry, Membership, Organisation
from lofte.est import invitations
from lofte.est.invitations import InvitationError
from tests import factories
from tests.est import helpers

pytestmark = pytest.mark.django_db


def test_an_editor_invites_a_new_organisation_and_the_link_makes_a_rapportor_once():
    w = helpers.world()
    invitation, token = invitations.invite_reporter(w["editor"], w["kommun"], organisation_name="Sörmlandstrafiken")
    organisation = Organisation.objects.get(name="Sörmlandstrafiken")
    assert list(organisation.municipalities.all()) == [w["kommun"]]
    user = invitations.accept_with_new_account(token, username="chauffor", password="en-lang-fras-123")
    membership = Membership.objects.get(user=user)
    assert (membership.organisation, membership.role) == (organisation, Membership.Role.REPORTER)
    with pytest.raises(InvitationError, match="redan använd"):
        invitations.accept(token, factories.user("annan"))
    assert AuditEntry.objects.filter(object_type="core.Membership", action=AuditEntry.Action.ROLE).exists()


def test_only_an_editor_invites():
    w = helpers.world()
    with pytest.raises(InvitationError, match="redaktör"):
        invitations.invite_reporter(w["recorder"], w["kommun"], organisation=w["police"])


def test_an_altered_or_expired_link_is_refused():
    w = helpers.world()
    invitation, token = invitations.invite_reporter(w["editor"], w["kommun"], organisation=w["housing"])
    with pytest.raises(InvitationError, match="inte en giltig"):
        invitations.open_invitation(token[:-2] + "xx")
    later = timezone.now() + timedelta(days=invitations.INVITATION_DAYS, minutes=1)
    with pytest.raises(InvitationError, match="gått ut"):
        invitations.accept(token, factories.user("sen"), now=later)


def test_a_member_already_keeps_a_stronger_role():
    w = helpers.world()
    _invitation, token = invitations.invite_reporter(w["editor"], w["kommun"], organisation=w["police"])
    membership = invitations.accept(token, w["recorder"])
    assert membership.role == Membership.Role.RECORDER


def test_an_organisation_not_serving_the_municipality_is_refused():
    w = helpers.world()
    elsewhere = factories.organisation(w["other_kommun"], kind="other", name="Eskilstunahem")
    with pytest.raises(InvitationError, match="verkar inte"):
        invitations.invite_reporter(w["editor"], w["kommun"], organisation=elsewhere)
