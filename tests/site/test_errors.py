"""Every error page is Swedish, in the site's look, with lang="sv" and no stack trace (issue 9.16),
and request bodies are limited before they are read (issue 9.9)."""

from unittest import mock

import pytest
from django.conf import settings
from django.db import OperationalError
from django.test import Client

from lofte.dialogue.models import CitizenInput
from tests.dialogue import helpers
from tests.site.helpers import NS, assert_accessible_page, text_of

pytestmark = pytest.mark.django_db
INPUT = "/strangnas/synpunkter/"
ENGLISH = ("Bad Request", "Forbidden", "CSRF verification failed", "Traceback", "Not Found", "Server Error")


def assert_swedish_error(response, status: int, heading: str):
    assert response.status_code == status
    doc = assert_accessible_page(response)
    assert text_of(doc.find(f".//{NS}h1")) == heading
    content = response.content.decode()
    assert not any(word in content for word in ENGLISH), content
    return content


def test_a_csrf_failure_is_a_swedish_page():
    """Reproduces 9.16: Django's English 403 (CSRF) page."""
    helpers.world()
    response = Client(enforce_csrf_checks=True).post(INPUT, {"message": "Utan token."})
    content = assert_swedish_error(response, 403, "Formuläret kunde inte skickas")
    assert "ladda om sidan" in content
    assert not CitizenInput.objects.exists()


def test_a_bad_host_is_a_swedish_400_page(client):
    """Reproduces 9.16: Django's English "Bad Request (400)"."""
    response = client.get("/", HTTP_HOST="angripare.example")
    assert_swedish_error(response, 400, "Felaktig begäran")


def test_too_many_fields_is_a_swedish_400_page_naming_the_problem(client):
    helpers.world()
    body = "&".join(f"f{i}=" for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))
    response = client.post(INPUT, body, content_type="application/x-www-form-urlencoded")
    assert_swedish_error(response, 400, "Formuläret har för många fält")


def test_a_staff_refusal_says_why_in_swedish(client):
    w = helpers.world()
    client.force_login(w["recorder"])
    response = client.get("/personal/synpunkter/")
    content = assert_swedish_error(response, 403, "Du har inte behörighet till sidan")
    assert "Bara redaktörer granskar synpunkter." in content


def test_a_method_that_is_not_allowed_gets_a_page(client):
    helpers.world()
    response = client.post("/strangnas/")
    assert response["Allow"]
    assert_swedish_error(response, 405, "Det går inte att göra så här")


def test_a_busy_database_is_a_swedish_try_again_page_not_a_500(client):
    helpers.world()
    with mock.patch("lofte.site.pages.municipality_page", side_effect=OperationalError("database is locked")):
        response = client.get("/strangnas/")
    content = assert_swedish_error(response, 503, "Försök igen om en stund")
    assert response["Retry-After"]
    assert "database is locked" not in content


def test_a_public_body_larger_than_any_public_form_is_refused_before_it_is_read(client):
    """Reproduces 9.9: a 500 MB multipart post to the citizen form was spooled to /tmp before the
    CSRF 403. The Content-Length alone now decides; nothing is parsed or stored."""
    helpers.world()
    with mock.patch("django.http.request.HttpRequest._load_post_and_files") as parse:
        response = client.post(INPUT, "x" * 100, content_type="application/x-www-form-urlencoded",
                               CONTENT_LENGTH=str(500 * 1024 * 1024))
    assert not parse.called
    content = assert_swedish_error(response, 413, "Det du skickade är för stort")
    assert "256 kB" in content
    assert not CitizenInput.objects.exists()


def test_the_staff_workspace_takes_a_ten_megabyte_document_but_not_more(client, settings):
    w = helpers.world()
    client.force_login(w["editor"])
    just_right = client.post("/personal/importera/", "x", content_type="text/plain",
                             CONTENT_LENGTH=str(11 * 1024 * 1024))
    assert just_right.status_code != 413
    too_big = client.post("/personal/importera/", "x", content_type="text/plain",
                          CONTENT_LENGTH=str(13 * 1024 * 1024))
    assert_swedish_error(too_big, 413, "Det du skickade är för stort")


def test_the_field_limit_covers_the_largest_import_preview():
    """Reproduces 9.8 at the setting: a preview of ~120 commitments posts 1,211 fields, more than
    Django's default of 1,000; the preview allows 2,000 rows."""
    from lofte.staff.importing import RowForm, RowFormSet, SetForm, SetFormSet

    largest = RowFormSet.max_num * len(RowForm.base_fields) + SetFormSet.max_num * len(SetForm.base_fields) + 20
    assert largest <= settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
