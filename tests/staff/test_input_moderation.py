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
    assert "Välj en av dina egna organisationer i kommunen." in response.content.decode()
    item.refresh_from_db()
    assert item.answer == ""


def test_an_editor_may_not_answer_in_another_organisations_name(client, w):
    """Reproduces 9.13: a municipal editor published an answer attributed to the police."""
    item = helpers.citizen_input(w["strangnas"])
    client.force_login(w["editor"])  # a redaktör of the municipality, not of the police
    page = client.get(reverse("staff:input", args=[item.pk])).content.decode()
    assert f'value="{w["police"].pk}"' not in page
    response = client.post(reverse("staff:input", args=[item.pk]),
                           {"action": "answer", "answer": "Polisen svarar.", "organisation": w["police"].pk})
    assert response.status_code == 400
    assert "Välj en av dina egna organisationer i kommunen." in response.content.decode()
    item.refresh_from_db()
    assert item.answer == "" and item.answered_by is None


def test_an_editor_in_two_organisations_may_answer_for_either_but_not_as_a_mere_reader(client, w):
    from lofte.core.models import Membership

    item = helpers.citizen_input(w["strangnas"])
    Membership.objects.create(user=w["editor"], organisation=w["police"], role=Membership.Role.READER)
    client.force_login(w["editor"])
    response = client.post(reverse("staff:input", args=[item.pk]),
                           {"action": "answer", "answer": "Svar.", "organisation": w["police"].pk})
    assert response.status_code == 400
    Membership.objects.filter(user=w["editor"], organisation=w["police"]).update(role=Membership.Role.EDITOR)
    response = client.post(reverse("staff:input", args=[item.pk]),
                           {"action": "answer", "answer": "Svar.", "organisation": w["police"].pk})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.answered_by == w["police"]


def test_the_moderation_list_pages_through_every_pending_item_with_counts(client, w):
    """Reproduces 9.12: the list stopped at 300 pending items, then said "Inga granskade
    synpunkter ännu." although some were published."""
    from lofte.dialogue.inputs import approve_input

    for n in range(305):
        helpers.citizen_input(w["strangnas"], message=f"Synpunkt {n:03d}.")
    published = helpers.citizen_input(w["strangnas"], message="En publicerad synpunkt.")
    approve_input(published, w["editor"])
    client.force_login(w["editor"])
    content = client.get(reverse("staff:inputs")).content.decode()
    assert "Väntar på granskning (305)" in content and "Publicerade (1)" in content
    assert "Visar 1–50 av 305" in content and "Sida 1 av 7" in content
    last = client.get(reverse("staff:inputs") + "?status=pending&sida=7").content.decode()
    assert "Synpunkt 000." in last and "Visar 301–305 av 305" in last
    done = client.get(reverse("staff:inputs") + "?status=published").content.decode()
    assert "En publicerad synpunkt." in done


def test_the_moderation_list_counts_only_the_editors_municipalities(client, w):
    helpers.citizen_input(w["other"], message="Från Stockholm.")
    client.force_login(w["editor"])
    content = client.get(reverse("staff:inputs") + "?status=nonsense&sida=99").content.decode()
    assert "Väntar på granskning (0)" in content and "Från Stockholm." not in content
    assert "Inget väntar på granskning." in content


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
