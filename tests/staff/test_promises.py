"""Promise sets in the staff workspace: /personal/loften/…"""

from datetime import date

import pytest
from django.urls import reverse

from lofte.core.models import AuditEntry, Membership
from lofte.promises.models import Approval, Assessment, Commitment, CommitmentVersion, PromiseSet, Target
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    kommun = factories.municipality()
    police = factories.organisation(kommun, "police")
    town = factories.organisation(kommun, "municipality")
    ps = factories.promise_set(kommun, 2024, 2025, status=PromiseSet.Status.DRAFT, title="Utkast 2024–2025")
    theme = factories.theme(ps, "Trygg trafikmiljö")
    walks = factories.commitment(
        ps, 1, "Polisen och kommunen lovar trygghetsvandringar.", theme_=theme, parties=[police, town],
        targets=[{"count": 4, "unit": "trygghetsvandringar", "activity_type": "safety_walk"}],
    )
    police_editor = factories.user("polisredaktor", police, role=Membership.Role.EDITOR)
    town_editor = factories.user("kommunredaktor", town, role=Membership.Role.EDITOR)
    reader = factories.user("lasare", town, role=Membership.Role.READER)
    recorder = factories.user("registrerare", police, role=Membership.Role.RECORDER)
    other = factories.municipality("0180", "Stockholm", county="Stockholms län", county_code="01")
    other_police = factories.organisation(other, "police")
    other_set = factories.promise_set(other, 2024, status=PromiseSet.Status.DRAFT, title="Stockholms utkast")
    foreign = factories.commitment(other_set, 1, "Stockholms löfte.", parties=[other_police])
    return {"kommun": kommun, "police": police, "town": town, "set": ps, "theme": theme, "walks": walks,
            "police_editor": police_editor, "town_editor": town_editor, "reader": reader, "recorder": recorder,
            "other_set": other_set, "foreign": foreign}


def set_url(name, ps):
    return reverse(f"staff:{name}", kwargs={"promise_set_id": ps.pk})


def c_url(name, commitment):
    return reverse(f"staff:{name}", kwargs={"commitment_id": commitment.pk})


def commitment_post(commitment=None, **overrides):
    """A complete post of the commitment form with its one target (if any) and an empty extra target."""
    data = {"text": commitment.text if commitment else "Nytt löfte.", "theme": "", "parties": [],
            "targets-TOTAL_FORMS": "1", "targets-INITIAL_FORMS": "0", "targets-MIN_NUM_FORMS": "0",
            "targets-MAX_NUM_FORMS": "10", "reason": ""}
    if commitment is not None:
        data["theme"] = commitment.theme_id or ""
        data["parties"] = [p.pk for p in commitment.parties.all()]
        targets = list(commitment.targets.order_by("pk"))
        for i, t in enumerate(targets):
            data.update({f"targets-{i}-id": t.pk, f"targets-{i}-commitment": commitment.pk,
                         f"targets-{i}-count": t.count or "", f"targets-{i}-unit": t.unit,
                         f"targets-{i}-activity_type": t.activity_type, f"targets-{i}-per": t.per,
                         f"targets-{i}-figure": t.figure})
            if t.covers_areas:
                data[f"targets-{i}-covers_areas"] = "on"
        data["targets-TOTAL_FORMS"] = str(len(targets) + 1)
        data["targets-INITIAL_FORMS"] = str(len(targets))
        extra = len(targets)
        data.update({f"targets-{extra}-per": "period"})
    else:
        data["targets-0-per"] = "period"
    data.update(overrides)
    return data


# --- the list and the set page


def test_the_list_shows_my_municipalitys_sets_drafts_included(client, world):
    client.force_login(world["reader"])
    content = client.get(reverse("staff:promise_sets")).content.decode()
    assert "Utkast 2024–2025" in content and "Utkast" in content
    assert "Stockholms utkast" not in content
    assert "Nytt medborgarlöfte" not in content


def test_the_list_offers_a_new_set_to_a_redaktor(client, world):
    client.force_login(world["town_editor"])
    assert "Nytt medborgarlöfte" in client.get(reverse("staff:promise_sets")).content.decode()


def test_a_reader_sees_the_set_page_read_only(client, world):
    client.force_login(world["reader"])
    response = client.get(set_url("promise_set", world["set"]))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Polisen och kommunen lovar trygghetsvandringar." in content
    assert "minst 4 trygghetsvandringar" in content and "Trygghetsvandring" in content
    assert "Du har läsbehörighet" in content
    assert "Skicka för godkännande" not in content and "Ändra löfte 1" not in content


def test_another_municipalitys_set_and_commitment_are_not_found(client, world):
    client.force_login(world["town_editor"])
    for name in ("promise_set", "promise_set_edit", "commitment_new"):
        assert client.get(set_url(name, world["other_set"])).status_code == 404
    for name in ("promise_set_submit", "promise_set_approve", "promise_set_withdraw", "promise_set_themes"):
        assert client.post(set_url(name, world["other_set"]), {"action": "add", "title": "x"}).status_code == 404
    for name in ("commitment", "commitment_edit", "commitment_assess"):
        assert client.get(c_url(name, world["foreign"])).status_code == 404
    assert client.post(c_url("commitment_edit", world["foreign"]), {"text": "Hackat."}).status_code == 404
    world["foreign"].refresh_from_db()
    assert world["foreign"].text == "Stockholms löfte."
    assert not world["other_set"].themes.exists()


def test_a_reader_or_recorder_may_not_change_anything(client, world):
    for user in (world["reader"], world["recorder"]):
        client.force_login(user)
        assert client.get(set_url("promise_set_edit", world["set"])).status_code == 403
        assert client.get(reverse("staff:promise_set_new")).status_code == 403
        assert client.post(set_url("promise_set_submit", world["set"])).status_code == 403
        assert client.post(set_url("promise_set_themes", world["set"]), {"action": "add", "title": "x"}).status_code == 403
        assert client.get(c_url("commitment_edit", world["walks"])).status_code == 403
        assert client.get(c_url("commitment_assess", world["walks"])).status_code == 403
        assert client.get(set_url("commitment_new", world["set"])).status_code == 403
    world["set"].refresh_from_db()
    assert world["set"].status == PromiseSet.Status.DRAFT
    assert not AuditEntry.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(client, world):
    response = client.get(reverse("staff:promise_sets"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("staff:login"))


def test_the_nav_links_to_the_promise_sets(client, world):
    client.force_login(world["reader"])
    assert f'href="{reverse("staff:promise_sets")}"' in client.get(reverse("staff:home")).content.decode()


# --- editing a set


def test_a_redaktor_creates_a_draft_set(client, world):
    client.force_login(world["town_editor"])
    response = client.post(reverse("staff:promise_set_new"), {
        "municipality_choice": world["kommun"].pk, "title": "Medborgarlöfte 2026", "start": "2026-01-01",
        "end": "2026-12-31", "intro": "", "signatories": "",
    })
    ps = PromiseSet.objects.get(start__year=2026)
    assert response.status_code == 302 and response["Location"] == set_url("promise_set", ps)
    assert ps.status == PromiseSet.Status.DRAFT and ps.municipality == world["kommun"]
    assert AuditEntry.objects.get(action="create", object_type="promises.PromiseSet").after["title"] == "Medborgarlöfte 2026"


def test_a_new_set_in_another_municipality_is_refused(client, world):
    client.force_login(world["town_editor"])
    response = client.post(reverse("staff:promise_set_new"), {
        "municipality_choice": world["other_set"].municipality_id, "title": "X", "start": "2026-01-01",
        "end": "2026-12-31",
    })
    assert "Välj en kommun där du är redaktör." in response.content.decode()
    assert not PromiseSet.objects.filter(start__year=2026).exists()


def test_editing_a_set_saves_and_logs(client, world):
    client.force_login(world["town_editor"])
    response = client.post(set_url("promise_set_edit", world["set"]), {
        "title": "Ny rubrik", "start": "2024-01-01", "end": "2025-12-31", "intro": "Inledning.",
        "signatories": "Kommundirektör A\nLPO-chef B",
    })
    assert response.status_code == 302
    world["set"].refresh_from_db()
    assert world["set"].title == "Ny rubrik" and world["set"].signatories == "Kommundirektör A\nLPO-chef B"
    entry = AuditEntry.objects.get(action="update", object_type="promises.PromiseSet")
    assert entry.before["title"] == "Utkast 2024–2025" and entry.after["title"] == "Ny rubrik"


@pytest.mark.parametrize(("changes", "message"), [
    ({"end": "2023-12-31"}, "Sista dagen kan inte ligga före den första."),
    ({"start": "1999-01-01"}, "Ange ett datum mellan år 2000 och 2100."),
    ({"start": "abc"}, "Ange datumet som ÅÅÅÅ-MM-DD."),
    ({"end": "2025-02-30"}, "Ange datumet som ÅÅÅÅ-MM-DD."),
    ({"title": ""}, "Ange en rubrik."),
])
def test_bad_set_values_are_refused_next_to_the_field_and_typed_text_kept(client, world, changes, message):
    client.force_login(world["town_editor"])
    data = {"title": "Ny rubrik", "start": "2024-01-01", "end": "2025-12-31", "intro": "Min inledning", "signatories": ""}
    data.update(changes)
    content = client.post(set_url("promise_set_edit", world["set"]), data).content.decode()
    assert message in content and "Min inledning" in content
    world["set"].refresh_from_db()
    assert world["set"].title == "Utkast 2024–2025"


def test_a_period_the_municipality_already_has_is_refused(client, world):
    factories.promise_set(world["kommun"], 2021)
    client.force_login(world["town_editor"])
    content = client.post(set_url("promise_set_edit", world["set"]), {
        "title": "X", "start": "2021-01-01", "end": "2021-12-31"}).content.decode()
    assert "Kommunen har redan ett medborgarlöfte för den perioden och det området." in content


def test_themes_are_added_renamed_and_removed(client, world):
    client.force_login(world["town_editor"])
    url = set_url("promise_set_themes", world["set"])
    client.post(url, {"action": "add", "title": "Ökad trygghet"})
    added = world["set"].themes.get(title="Ökad trygghet")
    client.post(url, {"action": "rename", "theme": added.pk, "title": "Ökad trygghet i centrum"})
    added.refresh_from_db()
    assert added.title == "Ökad trygghet i centrum"
    client.post(url, {"action": "delete", "theme": world["theme"].pk})
    world["walks"].refresh_from_db()
    assert world["walks"].theme is None
    assert AuditEntry.objects.filter(object_type="promises.Theme").count() == 3


def test_another_sets_theme_cannot_be_touched_through_my_set(client, world):
    foreign_theme = factories.theme(world["other_set"], "Stockholms tema")
    client.force_login(world["town_editor"])
    client.post(set_url("promise_set_themes", world["set"]), {"action": "delete", "theme": foreign_theme.pk})
    client.post(set_url("promise_set_themes", world["set"]), {"action": "rename", "theme": "x", "title": "Y"})
    foreign_theme.refresh_from_db()
    assert foreign_theme.title == "Stockholms tema"


# --- commitments


def test_a_redaktor_adds_a_commitment_with_a_target(client, world):
    client.force_login(world["town_editor"])
    data = commitment_post(text="Kommunen lovar två föräldraträffar per år.", theme=world["theme"].pk,
                           parties=[world["town"].pk])
    data.update({"targets-0-count": "2", "targets-0-unit": "föräldraträffar", "targets-0-activity_type": "parent_meeting",
                 "targets-0-per": "year"})
    response = client.post(set_url("commitment_new", world["set"]), data)
    assert response.status_code == 302
    commitment = Commitment.objects.get(number=2, promise_set=world["set"])
    assert commitment.theme == world["theme"] and list(commitment.parties.all()) == [world["town"]]
    target = commitment.targets.get()
    assert (target.count, target.activity_type, target.per) == (2, "parent_meeting", "year")


def test_a_commitment_form_offers_the_activity_types_of_the_registry(client, world):
    client.force_login(world["town_editor"])
    content = client.get(c_url("commitment_edit", world["walks"])).content.decode()
    assert '<option value="safety_walk" selected>' in content
    assert "Narkotikasök med hund på skola" in content


def test_a_commitment_without_parties_or_text_is_refused(client, world):
    client.force_login(world["town_editor"])
    content = client.post(set_url("commitment_new", world["set"]), commitment_post(text="")).content.decode()
    assert "Skriv löftets text." in content and "Välj minst en part." in content
    assert world["set"].commitments.count() == 1


def test_a_target_without_count_or_coverage_is_refused_next_to_the_field(client, world):
    client.force_login(world["town_editor"])
    data = commitment_post(text="Nytt.", parties=[world["town"].pk])
    data.update({"targets-0-unit": "möten", "targets-0-count": ""})
    content = client.post(set_url("commitment_new", world["set"]), data).content.decode()
    assert "Ange ett antal, eller kryssa i att målet gäller olika kommundelar." in content
    assert world["set"].commitments.count() == 1


def test_a_party_from_another_municipality_is_refused(client, world):
    client.force_login(world["town_editor"])
    stockholm_police = world["foreign"].parties.get()
    content = client.post(set_url("commitment_new", world["set"]),
                          commitment_post(parties=[stockholm_police.pk])).content.decode()
    assert "Välj parter som verkar i kommunen." in content


def test_editing_a_draft_commitment_changes_text_and_target(client, world):
    client.force_login(world["town_editor"])
    data = commitment_post(world["walks"], text="Polisen och kommunen lovar fem trygghetsvandringar.")
    data["targets-0-count"] = "5"
    response = client.post(c_url("commitment_edit", world["walks"]), data)
    assert response.status_code == 302
    world["walks"].refresh_from_db()
    assert world["walks"].text == "Polisen och kommunen lovar fem trygghetsvandringar."
    assert world["walks"].targets.get().count == 5
    assert not CommitmentVersion.objects.exists()


def test_a_target_can_be_deleted(client, world):
    client.force_login(world["town_editor"])
    data = commitment_post(world["walks"])
    data["targets-0-DELETE"] = "on"
    client.post(c_url("commitment_edit", world["walks"]), data)
    assert not Target.objects.filter(commitment=world["walks"]).exists()


# --- the workflow through the views


def approve_as(client, user, ps, organisation):
    client.force_login(user)
    return client.post(set_url("promise_set_approve", ps), {"organisation": organisation.pk,
                                                            "approver_name": user.get_full_name()})


def test_the_full_workflow_publishes_and_shows_the_approvals(client, world):
    ps = world["set"]
    client.force_login(world["town_editor"])
    client.post(set_url("promise_set_submit", ps))
    ps.refresh_from_db()
    assert ps.status == PromiseSet.Status.READY
    page = client.get(set_url("promise_set", ps)).content.decode()
    assert "Väntar på godkännande från:" in page and "LPO Strängnäs" in page
    approve_as(client, world["town_editor"], ps, world["town"])
    ps.refresh_from_db()
    assert ps.status == PromiseSet.Status.READY
    approve_as(client, world["police_editor"], ps, world["police"])
    ps.refresh_from_db()
    assert ps.status == PromiseSet.Status.PUBLISHED
    page = client.get(set_url("promise_set", ps)).content.decode()
    today = ps.published_at.date().isoformat()
    assert f"Godkänd av Kommunredaktor Testsson, Strängnäs kommun, den {today}" in page
    assert f"Godkänd av Polisredaktor Testsson, LPO Strängnäs, den {today}" in page
    assert set(AuditEntry.objects.values_list("action", flat=True)) >= {"update", "approve", "publish"}


def test_approving_for_an_organisation_not_ones_own_is_refused(client, world):
    ps = world["set"]
    client.force_login(world["town_editor"])
    client.post(set_url("promise_set_submit", ps))
    response = approve_as(client, world["town_editor"], ps, world["police"])
    assert response.status_code == 302
    assert not Approval.objects.exists()
    assert "Du kan inte godkänna" in client.get(set_url("promise_set", ps)).content.decode()


def test_a_submit_without_a_promising_police_or_municipality_shows_the_reason(client, world):
    world["walks"].parties.set([factories.organisation(world["kommun"], "other")])
    client.force_login(world["town_editor"])
    client.post(set_url("promise_set_submit", world["set"]))
    page = client.get(set_url("promise_set", world["set"])).content.decode()
    assert "Löftena måste ha polisen eller kommunen (eller båda) som part som lovar." in page
    world["set"].refresh_from_db()
    assert world["set"].status == PromiseSet.Status.DRAFT


def test_a_set_promised_by_the_police_alone_needs_only_the_polices_approval(client, world):
    world["walks"].parties.set([world["police"]])
    client.force_login(world["police_editor"])
    client.post(set_url("promise_set_submit", world["set"]))
    page = client.get(set_url("promise_set", world["set"])).content.decode()
    assert "(ensam part)" in page
    approve_as(client, world["police_editor"], world["set"], world["police"])
    world["set"].refresh_from_db()
    assert world["set"].status == PromiseSet.Status.PUBLISHED
    assert list(Approval.objects.values_list("organisation__name", flat=True)) == ["LPO Strängnäs"]


def test_an_approver_without_a_full_name_is_asked_for_it_first(client, world):
    nameless = factories.user("namnlos", world["police"], role=Membership.Role.EDITOR, full_name="")
    client.force_login(world["town_editor"])
    client.post(set_url("promise_set_submit", world["set"]))
    client.force_login(nameless)
    page = client.get(set_url("promise_set", world["set"])).content.decode()
    assert "Ange ditt för- och efternamn först" in page
    assert f'action="{set_url("promise_set_approve", world["set"])}"' not in page
    client.post(set_url("promise_set_approve", world["set"]), {"organisation": world["police"].pk,
                                                               "approver_name": "namnlos"})
    assert not Approval.objects.exists()
    response = client.post(reverse("staff:account_name"), {"first_name": "Nora", "last_name": "Namn",
                                                           "next": set_url("promise_set", world["set"])})
    assert response["Location"] == set_url("promise_set", world["set"])
    nameless.refresh_from_db()
    assert nameless.get_full_name() == "Nora Namn"
    assert 'value="Nora Namn"' in client.get(set_url("promise_set", world["set"])).content.decode()


def test_editing_a_ready_set_withdraws_the_approvals(client, world):
    ps = world["set"]
    client.force_login(world["town_editor"])
    client.post(set_url("promise_set_submit", ps))
    approve_as(client, world["town_editor"], ps, world["town"])
    client.post(c_url("commitment_edit", world["walks"]), commitment_post(world["walks"], text="Ändrad text."))
    ps.refresh_from_db()
    assert ps.status == PromiseSet.Status.DRAFT
    assert not Approval.objects.exists()


def test_withdrawing_returns_the_set_to_draft(client, world):
    ps = world["set"]
    client.force_login(world["town_editor"])
    client.post(set_url("promise_set_submit", ps))
    client.post(set_url("promise_set_withdraw", ps), {"reason": "Fel siffra."})
    ps.refresh_from_db()
    assert ps.status == PromiseSet.Status.DRAFT


def test_workflow_actions_refuse_get(client, world):
    client.force_login(world["town_editor"])
    for name in ("promise_set_submit", "promise_set_approve", "promise_set_withdraw", "promise_set_themes"):
        assert client.get(set_url(name, world["set"])).status_code == 405


def test_workflow_posts_without_csrf_token_are_refused(world):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(world["town_editor"])
    assert client.post(set_url("promise_set_submit", world["set"])).status_code == 403
    world["set"].refresh_from_db()
    assert world["set"].status == PromiseSet.Status.DRAFT


# --- published commitments: frozen text, versions


@pytest.fixture
def published_world(world):
    world["set"].status = PromiseSet.Status.PUBLISHED
    world["set"].published_at = world["set"].created_at
    world["set"].save()
    return world


def test_a_published_text_change_needs_a_reason(client, published_world):
    w = published_world
    client.force_login(w["town_editor"])
    content = client.post(c_url("commitment_edit", w["walks"]), commitment_post(w["walks"], text="Ny lydelse.")).content.decode()
    assert "Ange skälet till ändringen" in content and "Ny lydelse." in content
    w["walks"].refresh_from_db()
    assert w["walks"].text == "Polisen och kommunen lovar trygghetsvandringar."


def test_a_published_text_change_keeps_the_previous_text_as_a_version(client, published_world):
    w = published_world
    client.force_login(w["town_editor"])
    response = client.post(c_url("commitment_edit", w["walks"]),
                           commitment_post(w["walks"], text="Ny lydelse.", reason="Förtydligat efter beslut."))
    assert response.status_code == 302
    version = CommitmentVersion.objects.get()
    assert version.text == "Polisen och kommunen lovar trygghetsvandringar." and version.reason == "Förtydligat efter beslut."
    page = client.get(c_url("commitment", w["walks"])).content.decode()
    assert "Tidigare lydelse" in page and "Förtydligat efter beslut." in page and "Ny lydelse." in page


def test_a_published_target_change_needs_a_reason_and_is_logged(client, published_world):
    w = published_world
    client.force_login(w["town_editor"])
    data = commitment_post(w["walks"])
    data["targets-0-count"] = "6"
    assert "Ange skälet" in client.post(c_url("commitment_edit", w["walks"]), data).content.decode()
    assert w["walks"].targets.get().count == 4
    data["reason"] = "Fler vandringar beslutade."
    client.post(c_url("commitment_edit", w["walks"]), data)
    assert w["walks"].targets.get().count == 6
    entry = AuditEntry.objects.get(object_type="promises.Target")
    assert entry.after["reason"] == "Fler vandringar beslutade."


def test_a_published_set_offers_no_new_commitment(client, published_world):
    client.force_login(published_world["town_editor"])
    assert client.get(set_url("commitment_new", published_world["set"])).status_code == 403


# --- assessments


def test_a_redaktor_writes_an_assessment_signed_by_their_organisation(client, world):
    client.force_login(world["police_editor"])
    url = c_url("commitment_assess", world["walks"])
    form = client.get(url).content.decode()
    assert 'type="date"' in form and "LPO Strängnäs" in form
    response = client.post(url, {"text": "Arbetet pågår enligt plan.", "assessed_on": "2024-06-30",
                                 "organisation": world["police"].pk})
    assert response.status_code == 302
    assessment = Assessment.objects.get()
    assert assessment.organisation == world["police"] and assessment.assessed_on == date(2024, 6, 30)
    page = client.get(c_url("commitment", world["walks"])).content.decode()
    assert "Bedömning 2024-06-30 av Polisredaktor Testsson, LPO Strängnäs" in page


def test_an_assessment_for_another_organisation_is_refused(client, world):
    client.force_login(world["police_editor"])
    content = client.post(c_url("commitment_assess", world["walks"]), {
        "text": "X", "assessed_on": "2024-06-30", "organisation": world["town"].pk}).content.decode()
    assert "Välj din egen organisation." in content
    assert not Assessment.objects.exists()


@pytest.mark.parametrize(("changes", "message"), [
    ({"text": ""}, "Skriv en bedömning."),
    ({"assessed_on": "30/6"}, "Ange datumet som ÅÅÅÅ-MM-DD."),
    ({"assessed_on": "2999-01-01"}, "En bedömning kan inte dateras i framtiden."),
])
def test_bad_assessment_values_are_refused_and_the_text_kept(client, world, changes, message):
    client.force_login(world["police_editor"])
    data = {"text": "Min bedömning", "assessed_on": "2024-06-30", "organisation": world["police"].pk}
    data.update(changes)
    content = client.post(c_url("commitment_assess", world["walks"]), data).content.decode()
    assert message in content
    if data["text"]:
        assert "Min bedömning" in content
    assert not Assessment.objects.exists()


def test_the_approver_chooses_the_name_shown_and_it_is_required(client, world):
    ps = world["set"]
    client.force_login(world["town_editor"])
    client.post(set_url("promise_set_submit", ps))
    assert 'value="Kommunredaktor Testsson"' in client.get(set_url("promise_set", ps)).content.decode()
    client.post(set_url("promise_set_approve", ps), {"organisation": world["town"].pk, "approver_name": " "})
    assert not Approval.objects.exists()
    client.post(set_url("promise_set_approve", ps), {"organisation": world["town"].pk,
                                                     "approver_name": "Anna Andersson, kommundirektör"})
    assert Approval.objects.get().approver_name == "Anna Andersson, kommundirektör"


# --- periods as dates, areas, partners, names and verdicts


def test_a_set_runs_from_a_first_to_a_last_day_in_a_new_or_existing_area(client, world):
    client.force_login(world["town_editor"])
    partner = factories.organisation(world["kommun"], "other", name="Stadsdelsförvaltningen")
    response = client.post(reverse("staff:promise_set_new"), {
        "municipality_choice": world["kommun"].pk, "title": "Medborgarlöfte Söder", "start": "2026-07-01",
        "end": "2027-06-30", "new_area": "Söder", "partners": [partner.pk], "intro": "", "signatories": "",
    })
    ps = PromiseSet.objects.get(title="Medborgarlöfte Söder")
    assert response["Location"] == set_url("promise_set", ps)
    assert (ps.start, ps.end, ps.area.name, ps.slug) == (date(2026, 7, 1), date(2027, 6, 30), "Söder", "2026-2027")
    assert list(ps.partners.all()) == [partner]
    page = client.get(set_url("promise_set", ps)).content.decode()
    assert "Söder · 1 juli 2026–30 juni 2027" in page
    assert "I samverkan med (godkänner inte): Stadsdelsförvaltningen" in page


def test_a_published_sets_period_changes_only_with_a_reason_and_its_old_address_redirects(client, world):
    ps = factories.promise_set(world["kommun"], 2022, title="Publicerat")
    client.force_login(world["town_editor"])
    data = {"title": "Publicerat", "start": "2022-01-01", "end": "2023-12-31", "intro": "", "signatories": ""}
    content = client.post(set_url("promise_set_edit", ps), data).content.decode()
    assert "Ange skälet: perioden och området syns öppet och i webbadressen." in content
    ps.refresh_from_db()
    assert ps.end == date(2022, 12, 31)
    client.post(set_url("promise_set_edit", ps), {**data, "reason": "Löftet gällde två år."})
    ps.refresh_from_db()
    assert (ps.end, ps.slug) == (date(2023, 12, 31), "2022-2023")
    assert client.get("/strangnas/2022/")["Location"] == "/strangnas/2022-2023/"


def test_a_redaktor_names_a_commitment_and_an_empty_name_is_derived_from_the_text(client, world):
    client.force_login(world["town_editor"])
    client.post(c_url("commitment_edit", world["walks"]), commitment_post(world["walks"], short_title="Vandringar"))
    world["walks"].refresh_from_db()
    assert world["walks"].short_title == "Vandringar"
    client.post(c_url("commitment_edit", world["walks"]), commitment_post(world["walks"], short_title=""))
    world["walks"].refresh_from_db()
    assert world["walks"].short_title == "Trygghetsvandringar"


def test_after_the_period_a_final_assessment_gives_the_verdict_with_its_evidence(client, world):
    ended = factories.promise_set(world["kommun"], 2021, title="Avslutat")
    qualitative = factories.commitment(ended, 1, "Polisen lovar synlighet.", parties=[world["police"]])
    client.force_login(world["police_editor"])
    form = client.get(c_url("commitment_assess", qualitative)).content.decode()
    assert "Slutbedömning" in form and 'name="verdict"' in form
    bad = client.post(c_url("commitment_assess", qualitative), {
        "text": "Gjort.", "assessed_on": "2022-01-20", "organisation": world["police"].pk, "verdict": "partly",
        "evidence": "protokollet från mötet"}).content.decode()
    assert "«protokollet från mötet» är ingen webbadress" in bad
    client.post(c_url("commitment_assess", qualitative), {
        "text": "Synligheten ökade men inte varje helg.", "assessed_on": "2022-01-20",
        "organisation": world["police"].pk, "verdict": "partly", "evidence": "https://www.example.se/rapport"})
    final = Assessment.objects.get(commitment=qualitative)
    assert (final.verdict, final.evidence, final.author_name) == (
        "partly", "https://www.example.se/rapport", "Polisredaktor Testsson")
    public = client.get(qualitative.get_absolute_url()).content.decode()
    assert ">Delvis uppfyllt<" in public and "Slutbedömning 2022-01-20 av Polisredaktor Testsson" in public


def test_a_running_commitment_offers_no_verdict(client, world):
    client.force_login(world["police_editor"])
    running = factories.promise_set(world["kommun"], date.today().year + 1, title="Kommande")
    c = factories.commitment(running, 1, "Polisen lovar.", parties=[world["police"]])
    assert 'name="verdict"' not in client.get(c_url("commitment_assess", c)).content.decode()


def test_the_start_page_lists_ended_sets_lacking_final_assessments(client, world):
    ended = factories.promise_set(world["kommun"], 2021, title="Avslutat 2021")
    factories.commitment(ended, 1, "Polisen lovar synlighet i centrum.", parties=[world["police"]])
    client.force_login(world["police_editor"])
    page = client.get(reverse("staff:home")).content.decode()
    assert "Slutbedömning saknas för 1 löfte i ”Avslutat 2021”" in page
    assert "Synlighet i centrum" in page
    client.force_login(world["recorder"])
    assert "Slutbedömning saknas för" not in client.get(reverse("staff:home")).content.decode()



# ---------------------------------------------------------------------------------------------
# Löftesgranskning


def test_the_set_page_counts_measurable_commitments_and_flags_the_vague_one(client, world):
    police = world["police"]
    factories.commitment(world["set"], 2, "Polisen ska verka för att öka tryggheten i trafiken.", parties=[police])
    client.force_login(world["reader"])
    page = client.get(set_url("promise_set", world["set"])).content.decode()
    assert "Löftesgranskning: 1 av 2 löften har ett mätbart mål." in page
    assert page.count('class="review-hint"') == 1
    assert "Vaga verb («verka för», «öka tryggheten»)" in page
    assert "minst fyra trafikkontroller per år" in page and "Importen läser det som målet 4 trafikkontroller per år" in page


def test_the_set_list_shows_how_many_commitments_are_measurable(client, world):
    factories.commitment(world["set"], 2, "Kommunen ska sträva efter trygghet.", parties=[world["town"]])
    client.force_login(world["reader"])
    page = client.get(reverse("staff:promise_sets")).content.decode()
    assert 'data-label="Med mätbart mål" class="num" data-sort-value="1">1 av 2</td>' in page


def test_the_commitment_page_and_editor_show_the_hint_and_saving_is_never_blocked(client, world):
    vague = factories.commitment(world["set"], 2, "Kommunen ska arbeta för att öka kunskapen om bedrägerier.",
                                 parties=[world["town"]])
    client.force_login(world["town_editor"])
    for url in (c_url("commitment", vague), c_url("commitment_edit", vague)):
        page = client.get(url).content.decode()
        assert "Inget mätbart mål" in page and "minst två informationsträffar per år" in page
    response = client.post(c_url("commitment_edit", vague), commitment_post(vague, parties=[world["town"].pk]))
    assert response.status_code == 302
    assert "review-hint" not in client.get(c_url("commitment", world["walks"])).content.decode()
