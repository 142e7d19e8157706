"""The public citizen-input page: /<kommun>/synpunkter/ (form, abuse limits, you said – we did)."""

import json
import re
import uuid
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from lofte.dialogue.inputs import answer_input, approve_input
from lofte.dialogue.models import CitizenInput
from tests.dialogue import helpers
from tests.site.helpers import assert_accessible_page

pytestmark = pytest.mark.django_db
URL = "/strangnas/synpunkter/"


def post(client, **overrides):
    data = {"message": "Det är mörkt i gångtunneln vid stationen.", "commitment": "", "area": "",
            "latitude": "", "longitude": "", "email": "", "website": ""}
    data.update(overrides)
    return client.post(URL, data)


def test_the_page_says_input_becomes_an_official_record_and_is_accessible(client):
    helpers.world()
    response = client.get(URL)
    assert response.status_code == 200
    content = response.content.decode()
    assert "allmän handling" in content
    assert "anonym" in content
    assert "bara för att svara dig" in content
    assert "private" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    assert_accessible_page(response)


def test_it_offers_only_the_municipalitys_published_commitments(client):
    helpers.world()
    content = client.get(URL).content.decode()
    assert "1. Dialogmöten i alla kommundelar" in content
    assert "Ett utkast" not in content and "Stockholms löfte" not in content


def test_an_anonymous_submission_is_stored_for_moderation(client):
    w = helpers.world()
    response = post(client, commitment=w["commitment"].pk, area=w["areas"][1].pk, latitude="59.37800",
                    longitude="17.03100")
    assert response.status_code == 302 and response["Location"].startswith("/strangnas/synpunkter/tack/?kvitto=")
    item = CitizenInput.objects.get()
    assert item.status == CitizenInput.Status.PENDING and item.email == ""
    assert item.commitment == w["commitment"] and item.area == w["areas"][1]


@pytest.mark.parametrize("field,value,message", [
    ("commitment", "draft", "Välj ett av kommunens publicerade löften"),
    ("commitment", "other_commitment", "Välj ett av kommunens publicerade löften"),
    ("commitment", "999999", "Välj ett av kommunens publicerade löften"),
    ("area", "other_area", "Välj en kommundel i listan"),
    ("latitude", "48.85", "Platsen ligger inte i Sverige"),
    ("email", "inte-en-adress", "Ange en giltig e-postadress"),
    ("message", "", "Skriv din synpunkt"),
    ("message", "x" * 4001, "högst 4000 tecken"),
])
def test_bad_input_gets_a_message_next_to_the_field_and_nothing_is_saved(client, field, value, message):
    w = helpers.world()
    lookups = {"draft": w["draft"].pk, "other_commitment": w["other_commitment"].pk, "other_area": w["other_area"].pk}
    extra = {field: lookups.get(value, value)}
    if field == "latitude":
        extra["longitude"] = "2.35"
    response = post(client, **extra)
    assert response.status_code == 400
    content = response.content.decode()
    assert message in content.replace("\u00a0", "")
    assert f'id="id_{field}_error"' in content
    assert not CitizenInput.objects.exists()


def test_half_a_coordinate_is_refused(client):
    helpers.world()
    response = post(client, latitude="59.3")
    assert "Ange både latitud och longitud" in response.content.decode()
    assert not CitizenInput.objects.exists()


def test_the_honeypot_stores_nothing_but_looks_like_success(client):
    helpers.world()
    response = post(client, website="http://spam.example")
    assert response.status_code == 302
    assert not CitizenInput.objects.exists()


def test_the_sixth_submission_in_an_hour_gets_429_with_retry_after(client, settings):
    settings.CITIZEN_INPUT_RATE_LIMIT = 5
    helpers.world()
    for _ in range(5):
        assert post(client).status_code == 302
    response = post(client, message="En sjätte synpunkt.")
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 3600
    content = response.content.decode()
    assert "Försök igen efter klockan" in content
    assert "En sjätte synpunkt." in content
    assert CitizenInput.objects.count() == 5
    assert "Försök igen efter klockan" in client.get(URL).content.decode()
    other_client = Client(REMOTE_ADDR="10.0.0.9")
    assert other_client.post(URL, {"message": "Från en annan uppkoppling."}).status_code == 302


def test_a_missing_csrf_token_is_refused():
    helpers.world()
    client = Client(enforce_csrf_checks=True)
    response = client.post(URL, {"message": "Utan token."})
    assert response.status_code == 403
    assert not CitizenInput.objects.exists()


def test_published_input_appears_beside_its_answer_and_script_is_escaped(client):
    w = helpers.world()
    item = helpers.citizen_input(w["strangnas"], message="<script>alert(1)</script> Ring 070-123 45 67")
    approve_input(item, w["editor"])
    answer_input(item, w["editor"], "<b>Vi</b> har lagat lampan.", w["town"])
    pending = helpers.citizen_input(w["strangnas"], message="Väntar på granskning.")
    content = client.get(URL).content.decode()
    assert "Ni sa" in content and "Vi gjorde" in content
    assert "<script>alert(1)</script>" not in content and "&lt;script&gt;" in content
    assert "070-123 45 67" not in content and "[telefonnummer borttaget]" in content
    assert "&lt;b&gt;Vi&lt;/b&gt; har lagat lampan." in content
    assert pending.message not in content


def test_the_pairs_are_published_as_json_issue_and_action(client):
    w = helpers.world()
    item = helpers.citizen_input(w["strangnas"], email="hemlig@example.se")
    approve_input(item, w["editor"])
    answer_input(item, w["editor"], "Lampan är lagad.", w["town"])
    helpers.citizen_input(w["strangnas"], message="Ogranskad.")
    response = client.get(reverse("site:input_json", args=["strangnas"]))
    data = json.loads(response.content)
    assert response["Content-Type"].startswith("application/json")
    assert [(i["issue"], i["action"]) for i in data["items"]] == [("Det är mörkt vid busshållplatsen.", "Lampan är lagad.")]
    assert "hemlig" not in response.content.decode()


def test_an_unknown_municipality_is_404(client):
    assert client.get("/ingenstans/synpunkter/").status_code == 404


@pytest.mark.django_db(transaction=True)
def test_twenty_parallel_posts_are_counted_exactly_and_accept_the_limit(settings):
    """Reproduces 9.11: the cache's read-modify-write let 6 of 5 through under 20–40 parallel
    posts and never counted 38 % of the submissions."""
    settings.CITIZEN_INPUT_RATE_LIMIT = 5
    helpers.world()
    results = helpers.in_parallel(20, lambda i: post(Client(), message=f"Synpunkt nummer {i}.").status_code)
    assert sorted(results) == [302] * 5 + [429] * 15
    assert CitizenInput.objects.count() == 5



def test_posting_the_same_form_twice_stores_it_once(client):
    """Reproduces 9.16: identical double submits (a double click, a reload) stored two rows."""
    helpers.world()
    token = str(uuid.uuid4())
    assert post(client, token=token).status_code == 302
    assert post(client, token=token).status_code == 302
    assert CitizenInput.objects.count() == 1
    assert CitizenInput.objects.get().submission_token == uuid.UUID(token)
    # Another form (a new token) is another submission.
    assert post(client, token=str(uuid.uuid4())).status_code == 302
    assert CitizenInput.objects.count() == 2


def test_a_duplicate_post_does_not_use_up_the_rate_limit(client, settings):
    settings.CITIZEN_INPUT_RATE_LIMIT = 2
    helpers.world()
    token = str(uuid.uuid4())
    for _ in range(4):
        assert post(client, token=token).status_code == 302
    assert post(client, token=str(uuid.uuid4())).status_code == 302
    assert CitizenInput.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_the_same_form_posted_twice_at_the_same_moment_is_stored_once():
    helpers.world()
    token = str(uuid.uuid4())
    results = helpers.in_parallel(2, lambda i: post(Client(), token=token).status_code)
    assert results == [302, 302]
    assert CitizenInput.objects.count() == 1


def test_every_empty_form_carries_a_new_token(client):
    helpers.world()
    first, second = (re.search(r'name="token" value="([0-9a-f-]{36})"', client.get(URL).content.decode())
                     for _ in range(2))
    assert first and second and first.group(1) != second.group(1)


def test_a_mangled_token_still_stores_the_input(client):
    helpers.world()
    assert post(client, token="inte-ett-uuid").status_code == 302
    assert CitizenInput.objects.get().submission_token is None


def test_bidirectional_controls_are_removed_from_the_message(client):
    """Reproduces 9.16: U+202E and other bidi controls reached public pages."""
    w = helpers.world()
    post(client, message="Lampan \u202egpj.exe\u202c vid \u2066torget\u2069 är trasig.")
    item = CitizenInput.objects.get()
    assert item.message == "Lampan gpj.exe vid torget är trasig."
    approve_input(item, w["editor"], "Redigerad \u202etext\u200f.")
    assert CitizenInput.objects.get().public_message == "Redigerad text."


def test_a_message_of_only_bidi_controls_is_empty(client):
    helpers.world()
    response = post(client, message="\u202e\u202c")
    assert response.status_code == 400
    assert "Skriv din synpunkt." in response.content.decode()


def test_a_decimal_comma_is_accepted_like_the_finding_form_accepts_it(client):
    """Reproduces 9.16: the citizen form refused "59,378", which the finding form accepts."""
    helpers.world()
    assert post(client, latitude="59,378", longitude="17,031").status_code == 302
    item = CitizenInput.objects.get()
    assert (item.latitude, item.longitude) == (Decimal("59.37800"), Decimal("17.03100"))


def test_the_maps_six_decimal_pin_is_rounded_to_the_stored_five(client):
    helpers.world()
    assert post(client, latitude="59.378123", longitude="17.031987").status_code == 302
    item = CitizenInput.objects.get()
    assert (item.latitude, item.longitude) == (Decimal("59.37812"), Decimal("17.03199"))


@pytest.mark.parametrize("value", ["1e400", "NaN", "-Infinity", "9" * 30, "59,3,7"])
def test_an_impossible_coordinate_is_a_message_not_a_crash(client, value):
    helpers.world()
    response = post(client, latitude=value, longitude="17.03")
    assert response.status_code == 400
    assert "Ange ett decimaltal i grader" in response.content.decode()
    assert not CitizenInput.objects.exists()


def test_a_database_still_busy_after_its_timeout_keeps_the_text_and_says_try_again(client, settings, monkeypatch):
    """Part of 9.2: at worst a Swedish "försök igen" with what was written, never a 500; the
    rate-limit slot is given back."""
    from django.db import OperationalError

    from lofte.site import dialogue

    settings.CITIZEN_INPUT_RATE_LIMIT = 1
    helpers.world()

    def locked(**kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(dialogue, "submit_input", locked)
    response = post(client, message="Lampan vid skolan är trasig.")
    assert response.status_code == 503 and response["Retry-After"] == "5"
    content = response.content.decode()
    assert "Synpunkten kunde inte sparas just nu" in content and "Lampan vid skolan är trasig." in content
    monkeypatch.undo()
    assert post(client, message="Lampan vid skolan är trasig.").status_code == 302
