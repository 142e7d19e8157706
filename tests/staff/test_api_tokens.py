"""The "API-nycklar" section: /personal/api-nycklar/ (administratörer create and revoke their
organisations' API keys; a key is shown once)."""

import re

import pytest
from django.urls import reverse

from lofte.core.models import ApiToken, AuditEntry, Membership
from lofte.core.tokens import create_token, token_for_key
from tests import factories

pytestmark = pytest.mark.django_db
LIST = reverse("staff:api_tokens")


@pytest.fixture
def world():
    strangnas = factories.municipality()
    police = factories.organisation(strangnas)
    kommun = factories.organisation(strangnas, "municipality")
    admin = factories.user("admin", police, role=Membership.Role.ADMIN)
    editor = factories.user("redaktor", police, role=Membership.Role.EDITOR)
    return {"police": police, "kommun": kommun, "admin": admin, "editor": editor}


def test_an_administrator_creates_a_key_and_sees_it_once(client, world):
    factories.verified_login(client, world["admin"])
    response = client.post(LIST, {"organisation": world["police"].pk, "name": "Verksamhetssystemet", "days": 30})
    assert response.status_code == 200
    key = re.search(r'<code class="secret">(lofte_[^<]+)</code>', response.content.decode()).group(1)
    token = ApiToken.objects.get()
    assert token_for_key(key) == token and token.organisation == world["police"]
    assert (token.expires_at - token.created_at).days == 30
    assert key not in client.get(LIST).content.decode()
    assert token.prefix in client.get(LIST).content.decode()
    entry = AuditEntry.objects.get(object_type="core.ApiToken", action="create")
    assert entry.username == "admin"


def test_an_administrator_revokes_a_key(client, world):
    token, key = create_token(world["police"], "Gammalt system")
    factories.verified_login(client, world["admin"])
    response = client.post(reverse("staff:api_token_revoke", args=[token.pk]))
    assert response.status_code == 302
    assert token_for_key(key) is None
    assert AuditEntry.objects.filter(object_type="core.ApiToken", action="delete", username="admin").exists()


def test_only_the_organisations_one_administers(client, world):
    other, _key = create_token(world["kommun"], "Kommunens system")
    factories.verified_login(client, world["admin"])
    assert "Kommunens system" not in client.get(LIST).content.decode()
    assert client.post(reverse("staff:api_token_revoke", args=[other.pk])).status_code == 404
    response = client.post(LIST, {"organisation": world["kommun"].pk, "name": "Smyg", "days": 30})
    assert "Välj en organisation som du administrerar." in response.content.decode()
    assert not ApiToken.objects.filter(name="Smyg").exists()


def test_an_editor_may_not(client, world):
    client.force_login(world["editor"])
    assert client.get(LIST).status_code == 403
    assert client.post(LIST, {"organisation": world["police"].pk, "name": "X", "days": 30}).status_code == 403


def test_a_validity_over_two_years_is_refused(client, world):
    factories.verified_login(client, world["admin"])
    response = client.post(LIST, {"organisation": world["police"].pk, "name": "Länge", "days": 1000})
    assert response.status_code == 200 and not ApiToken.objects.exists()
