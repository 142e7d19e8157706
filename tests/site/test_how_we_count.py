import pytest

from lofte.promises.status import LABELS
from tests.site.helpers import assert_accessible_page, assert_public_headers

pytestmark = pytest.mark.django_db


def test_it_explains_the_rules_with_the_tolerance_from_the_status_module(client):
    response = client.get("/sa-raknar-vi/")
    assert response.status_code == 200
    assert_accessible_page(response)
    content = response.content.decode()
    assert "1 insats eller 10 % av målet" in content
    for label in LABELS.values():
        assert label in content
    assert "30 april, den 31 augusti och den 31 december" in content
    assert "färre än 5" in content


def test_it_follows_changes_of_the_tolerance_constants(client, monkeypatch):
    monkeypatch.setattr("lofte.promises.status.TOLERANCE_SHARE", 0.25)
    monkeypatch.setattr("lofte.promises.status.TOLERANCE_MIN", 2)
    content = client.get("/sa-raknar-vi/").content.decode()
    assert "2 insatser eller 25 % av målet" in content


def test_it_sends_security_and_cache_headers_and_answers_304(client):
    response = client.get("/sa-raknar-vi/")
    assert_public_headers(response)
    assert client.get("/sa-raknar-vi/", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
