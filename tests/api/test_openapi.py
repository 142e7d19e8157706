"""The OpenAPI document describes the API as it answers: schemathesis generates requests from the
document for every operation and checks each answer against it (no server error, documented status,
content type and schema), through Django's WSGI application, with a small world of data loaded."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from tests.api.helpers import build_world

pytestmark = pytest.mark.django_db

# Small and bounded: a few examples per operation keep the whole run well under a minute.
MAX_EXAMPLES = 5


def load_schema():
    """The document as the application serves it, with the application to call. Built from the API
    object rather than fetched: collection may not touch the database (the rate limit would)."""
    from lofte.api.v1 import api

    loaded = schemathesis.openapi.from_dict(api.get_openapi_schema())
    loaded.app = get_wsgi_application()
    loaded.location = "/api/v1/openapi.json"
    return loaded


schema = load_schema()


@pytest.fixture(autouse=True)
def world(db):
    return build_world()


@pytest.fixture(autouse=True)
def _connection_kept_open():
    # Django's WSGI handler closes the connection after each request; in a test that would close the
    # test database's transaction. Django's own test client disconnects the same receivers.
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_every_answer_conforms_to_the_document(case):
    # Every check but one: a filter naming a municipality, county or cursor that does not exist is
    # a 400 that says so in Swedish (the document lists it), which positive_data_acceptance takes
    # for refusing valid data. Invalid data must still be refused (negative_data_rejection).
    case.call_and_validate(excluded_checks=[positive_data_acceptance])


def test_the_document_is_openapi_3_1_with_problem_details(client):
    document = client.get("/api/v1/openapi.json").json()
    assert document["openapi"] == "3.1.0"
    assert document["info"]["title"] == "Löfte – öppna data"
    listing = document["paths"]["/api/v1/commitments"]["get"]["responses"]
    assert set(listing["404"]["content"]) == {"application/problem+json"}
    assert "304" in listing
    write = document["paths"]["/api/v1/activities"]["post"]
    assert write["security"] == [{"ApiKey": []}]
    assert "401" in write["responses"]


def test_the_docs_page_uses_vendored_files_and_no_inline_script(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="sv">' in html
    assert "/static/ninja/swagger-ui-bundle.js" in html and "/static/api/docs.js" in html
    assert "cdn" not in html.lower()
    # The one <script> with content is JSON data, which the CSP does not treat as script.
    import re

    for attributes, content in re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S):
        assert "src=" in attributes or 'type="application/json"' in attributes, attributes
    assert "script-src 'self'" in response["Content-Security-Policy"]
