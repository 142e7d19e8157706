"""lofte create-org-admin: the first administrator of an organisation."""

import pytest
from django.core.management import CommandError, call_command

from lofte.core.models import AuditEntry, Membership, Organisation
from tests import factories

pytestmark = pytest.mark.django_db


def run(*args):
    from io import StringIO

    out = StringIO()
    call_command("create_org_admin", *args, stdout=out)
    return out.getvalue()


def test_it_creates_the_organisation_the_user_and_prints_the_password_once():
    strangnas = factories.municipality()
    eskilstuna = factories.municipality("0484", "Eskilstuna")
    output = run("chef", "--organisation", "LPO Eskilstuna/Strängnäs", "--kind", "police",
                 "--kommun", "0486", "--kommun", "0484")
    org = Organisation.objects.get(name="LPO Eskilstuna/Strängnäs")
    assert set(org.municipalities.all()) == {strangnas, eskilstuna}
    membership = Membership.objects.get(user__username="chef", organisation=org)
    assert membership.role == Membership.Role.ADMIN
    password = output.split("Engångslösenord (visas bara nu): ")[1].split()[0]
    assert membership.user.check_password(password)
    assert AuditEntry.objects.filter(action=AuditEntry.Action.ROLE).count() == 2


def test_it_promotes_an_existing_member():
    kommun = factories.municipality()
    org = factories.organisation(kommun, "municipality")
    user = factories.user("samordnare", org, role=Membership.Role.EDITOR)
    output = run("samordnare", "--organisation", org.name)
    assert user.memberships.get().role == Membership.Role.ADMIN
    assert "Engångslösenord" not in output


def test_a_new_organisation_needs_a_kind_and_a_municipality():
    factories.municipality()
    with pytest.raises(CommandError, match="ange --kind"):
        run("chef", "--organisation", "Ny organisation")
    assert not Organisation.objects.exists()


def test_an_unknown_municipality_code_is_named():
    with pytest.raises(CommandError, match="9999"):
        run("chef", "--organisation", "X", "--kind", "other", "--kommun", "9999")
