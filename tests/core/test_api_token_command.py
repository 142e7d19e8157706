"""lofte api-token: create (the key printed once), list (never the key), revoke."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from lofte.core.models import ApiToken, AuditEntry
from lofte.core.tokens import token_for_key
from tests import factories

pytestmark = pytest.mark.django_db


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("api_token", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_creates_lists_and_revokes_a_key():
    police = factories.organisation(factories.municipality())
    key, note = run("create", "--organisation", police.name, "--name", "Verksamhetssystemet", "--days", "90")
    key = key.strip()
    token = token_for_key(key)
    assert token.organisation == police and "visas bara nu" in note
    listing, _ = run("list")
    assert token.prefix in listing and key not in listing and "gäller till" in listing
    done, _ = run("revoke", token.prefix)
    assert "återkallad" in done
    assert token_for_key(key) is None
    actors = set(AuditEntry.objects.filter(object_type="core.ApiToken").values_list("username", flat=True))
    assert actors == {"kommandoraden (lofte api-token)"}


def test_it_refuses_an_unknown_organisation_and_an_unknown_prefix():
    with pytest.raises(CommandError, match="finns inte"):
        run("create", "--organisation", "Ingen", "--name", "X")
    with pytest.raises(CommandError, match="0 nycklar"):
        run("revoke", "lofte_xyz")
    assert not ApiToken.objects.exists()
