"""Staff moderate and answer citizen input: /personal/synpunkter/ (redaktörer only)."""

import pytest
from django.urls import reverse

from lofte.dialogue.models import CitizenInput
from tests.dialogue import helpers

pytestmark = pytest.mark.django_db


@pytest.fixture
def w():
    return helpers.world()


def test_an_editor_sees_pending_input_with_the_original_text(client, w):
    item = helpers.citizen_input(w["strangnas"], message="Anna Svensson 811218-9876 stör.")
    client.force_login(w["editor"])
    assert "Anna Svensson" in client.get(reverse("staff:inputs")).content.decode()
    content = client.get(reverse("staff:input", args=[item.pk])).content.decode()
    assert "Anna Svensson 811218-9876" in content
    assert "[personnummer borttaget]" in content


def test_approving_with_an_edit_publishes_the_redacted_edit(client, w):
    item = helpers.citizen_input(w["strangnas"], message="Anna Svensson ringer 070-123 45 67.")
    client.force_login(w["editor"])
    response = client.post(reverse("staff:input", args=[item.pk]),
                           {"action": "approve", "public_text": "[namn] ringer 070-123 45 67."})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == "published" and item.public_message == "[namn] ringer [telefonnummer borttaget]."
    assert "Anna" not in client.get("/strangnas/synpunkter/").content.decode()


def test_rejecting_needs_a_reason(client, w):
    item = helpers.citizen_input(w["strangnas"])
    client.force_login(w["editor"])
    response = client.post(reverse("staff:input", args=[item.pk]), {"action": "reject", "reason": ""})
    assert response.status_code == 400
    assert "Skriv varför synpunkten avvisas." in response.content.decode()
    item.refresh_from_db()
    assert item.status == "pending"
    client.post(reverse("staff:input", args=[item.pk]), {"action": "reject", "reason": "Personangrepp."})
    item.refresh_from_db()
    assert item.status == "rejected" and item.rejection_reason == "Personangrepp."


def test_answering_for_another_municipalitys_organisation_is_refused(client, w):
    item = helpers.citizen_input(w["strangnas"])
    client.force_login(w["editor"])
    response = client.post(reverse("staff:input", args=[item.pk]),
                           {"action": "answer", "answer": "Svar.", "organisation": w["other_police"].pk})
    assert response.status_code == 400
    assert "Välj en organisation i kommunen." in response.content.decode()
    item.refresh_from_db()
    assert item.answer == ""


def test_answering_stores_the_answer(client, w, django_capture_on_commit_callbacks):
    item = helpers.citizen_input(w["strangnas"], email="a@example.se")
    client.force_login(w["editor"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("staff:input", args=[item.pk]),
                    {"action": "answer", "answer": "Lampan är lagad.", "organisation": w["town"].pk})
    item.refresh_from_db()
    assert item.answer == "Lampan är lagad." and item.answered_by == w["town"] and item.answer_notified_at


def test_a_recorder_may_not_moderate(client, w):
    item = helpers.citizen_input(w["strangnas"])
    client.force_login(w["recorder"])
    assert client.get(reverse("staff:inputs")).status_code == 403
    assert client.get(reverse("staff:input", args=[item.pk])).status_code == 403
    assert client.post(reverse("staff:input", args=[item.pk]), {"action": "approve"}).status_code == 403
    item.refresh_from_db()
    assert item.status == "pending"


def test_it_refuses_another_municipalitys_input(client, w):
    item = helpers.citizen_input(w["strangnas"])
    client.force_login(w["outsider"])
    assert client.get(reverse("staff:input", args=[item.pk])).status_code == 404
    assert client.post(reverse("staff:input", args=[item.pk]), {"action": "approve"}).status_code == 404
    assert "Det är mörkt" not in client.get(reverse("staff:inputs")).content.decode()
    assert CitizenInput.objects.get().status == "pending"


def test_anonymous_visitors_are_sent_to_log_in(client, w):
    item = helpers.citizen_input(w["strangnas"])
    response = client.get(reverse("staff:input", args=[item.pk]))
    assert response.status_code == 302 and "/personal/logga-in/" in response["Location"]
