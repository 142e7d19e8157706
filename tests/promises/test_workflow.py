"""The publishing workflow as plain functions: draft → ready → approved by every party → published."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from lofte.core.models import AuditEntry, Membership
from lofte.promises import workflow
from lofte.promises.models import Approval, Assessment, CommitmentVersion, PromiseSet
from lofte.promises.workflow import WorkflowError
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    """A draft set whose commitments name the police and the municipality, a redaktör in each."""
    kommun = factories.municipality()
    police = factories.organisation(kommun, "police")
    town = factories.organisation(kommun, "municipality")
    ps = factories.promise_set(kommun, 2024, 2025, status=PromiseSet.Status.DRAFT)
    both = factories.commitment(ps, 1, "Polisen och kommunen lovar trygghetsvandringar.", parties=[police, town],
                                targets=[{"count": 4, "unit": "trygghetsvandringar", "activity_type": "safety_walk"}])
    only_police = factories.commitment(ps, 2, "Polisen lovar trafikinsatser.", parties=[police])
    police_editor = factories.user("polisredaktor", police, role=Membership.Role.EDITOR)
    town_editor = factories.user("kommunredaktor", town, role=Membership.Role.EDITOR)
    town_editor.first_name, town_editor.last_name = "Anna", "Andersson"
    town_editor.save()
    return {"kommun": kommun, "police": police, "town": town, "set": ps, "both": both, "only_police": only_police,
            "police_editor": police_editor, "town_editor": town_editor}


def ready(world):
    workflow.submit_for_approval(world["set"], world["town_editor"])
    world["set"].refresh_from_db()
    return world["set"]


def published(world):
    ps = ready(world)
    workflow.approve(ps, world["police"], world["police_editor"])
    workflow.approve(ps, world["town"], world["town_editor"])
    ps.refresh_from_db()
    return ps


def test_the_parties_are_the_organisations_named_on_the_commitments(world):
    assert list(workflow.parties_of(world["set"])) == [world["police"], world["town"]]


def test_submitting_a_draft_makes_it_ready_and_logs_it(world):
    ps = ready(world)
    assert ps.status == PromiseSet.Status.READY
    entry = AuditEntry.objects.get(action="update", object_type="promises.PromiseSet")
    assert entry.before["status"] == "draft" and entry.after["status"] == "ready"
    assert entry.municipality_id == world["kommun"].pk


def test_a_set_promised_by_no_police_or_municipality_cannot_be_submitted(world):
    rescue = factories.organisation(world["kommun"], "other")
    world["both"].parties.set([rescue])
    world["only_police"].parties.set([rescue])
    with pytest.raises(WorkflowError, match="polisen eller kommunen"):
        workflow.submit_for_approval(world["set"], world["town_editor"])
    world["set"].refresh_from_db()
    assert world["set"].status == PromiseSet.Status.DRAFT


def test_a_set_promised_by_the_police_alone_is_published_by_the_polices_approval(world):
    world["both"].parties.set([world["police"]])
    partner = factories.organisation(world["kommun"], "other", name="Stadsdelsförvaltningen")
    workflow.update_promise_set(world["set"], world["town_editor"], partners=[partner])
    ps = ready(world)
    assert list(workflow.parties_of(ps)) == [world["police"]]
    workflow.approve(ps, world["police"], world["police_editor"])
    ps.refresh_from_db()
    assert ps.status == PromiseSet.Status.PUBLISHED
    assert list(ps.partners.all()) == [partner]
    with pytest.raises(WorkflowError):
        workflow.approve(ps, world["town"], world["town_editor"])


def test_approving_needs_a_person_with_a_full_name(world):
    nameless = factories.user("namnlos", world["police"], role=Membership.Role.EDITOR, full_name="")
    ps = ready(world)
    with pytest.raises(WorkflowError, match="för- och efternamn"):
        workflow.approve(ps, world["police"], nameless, approver_name="namnlos")
    assert not Approval.objects.exists()


def test_a_set_without_commitments_cannot_be_submitted(world):
    empty = factories.promise_set(world["kommun"], 2030, status=PromiseSet.Status.DRAFT)
    with pytest.raises(WorkflowError, match="inga löften"):
        workflow.submit_for_approval(empty, world["town_editor"])


def test_a_ready_set_cannot_be_submitted_twice(world):
    ps = ready(world)
    with pytest.raises(WorkflowError, match="Bara ett utkast"):
        workflow.submit_for_approval(ps, world["town_editor"])


def test_one_approval_records_the_party_but_does_not_publish(world):
    ps = ready(world)
    approval = workflow.approve(ps, world["town"], world["town_editor"])
    assert approval.approver_name == "Anna Andersson"
    assert approval.organisation == world["town"]
    ps.refresh_from_db()
    assert ps.status == PromiseSet.Status.READY and ps.published_at is None
    assert AuditEntry.objects.filter(action="approve", object_type="promises.Approval").count() == 1
    assert [o.name for o in workflow.missing_approvals(ps)] == [world["police"].name]


def test_the_last_partys_approval_publishes_the_set(world):
    ps = published(world)
    assert ps.status == PromiseSet.Status.PUBLISHED
    assert ps.published_at is not None
    assert Approval.objects.filter(promise_set=ps).count() == 2
    entry = AuditEntry.objects.get(action="publish")
    assert entry.before["status"] == "ready" and entry.after["status"] == "published"


def test_approving_twice_for_the_same_organisation_is_refused(world):
    ps = ready(world)
    workflow.approve(ps, world["town"], world["town_editor"])
    with pytest.raises(WorkflowError, match="har redan godkänt"):
        workflow.approve(ps, world["town"], world["town_editor"])
    assert Approval.objects.count() == 1


def test_approving_for_an_organisation_that_is_not_a_party_is_refused(world):
    ps = ready(world)
    rescue = factories.organisation(world["kommun"], "other")
    rescuer = factories.user("raddning", rescue, role=Membership.Role.EDITOR)
    with pytest.raises(WorkflowError, match="är inte part"):
        workflow.approve(ps, rescue, rescuer)
    assert not Approval.objects.exists()


def test_approving_as_a_recorder_is_refused(world):
    ps = ready(world)
    recorder = factories.user("registrerare", world["town"], role=Membership.Role.RECORDER)
    with pytest.raises(WorkflowError, match="Bara en redaktör"):
        workflow.approve(ps, world["town"], recorder)


def test_approving_for_another_organisation_than_ones_own_is_refused(world):
    ps = ready(world)
    with pytest.raises(WorkflowError, match="Bara en redaktör i LPO"):
        workflow.approve(ps, world["police"], world["town_editor"])


def test_a_draft_cannot_be_approved(world):
    with pytest.raises(WorkflowError, match="klart för godkännande"):
        workflow.approve(world["set"], world["town"], world["town_editor"])


def test_an_administrator_may_approve_for_their_organisation(world):
    ps = ready(world)
    admin = factories.user("admin", world["police"], role=Membership.Role.ADMIN)
    assert workflow.approve(ps, world["police"], admin).user == admin


def test_approvable_organisations_are_my_parties_not_yet_approved(world):
    ps = ready(world)
    assert workflow.approvable_organisations(ps, world["town_editor"]) == [world["town"]]
    workflow.approve(ps, world["town"], world["town_editor"])
    assert workflow.approvable_organisations(ps, world["town_editor"]) == []


def test_withdrawing_returns_to_draft_and_removes_the_approvals(world):
    ps = ready(world)
    workflow.approve(ps, world["town"], world["town_editor"])
    workflow.withdraw(ps, world["police_editor"], "Fel i texten.")
    ps.refresh_from_db()
    assert ps.status == PromiseSet.Status.DRAFT
    assert not Approval.objects.exists()
    entry = AuditEntry.objects.filter(action="update", object_type="promises.PromiseSet").first()
    assert entry.before["approvals"][0]["organisation_id"] == world["town"].pk
    assert entry.after["reason"] == "Fel i texten."


def test_a_draft_cannot_be_withdrawn(world):
    with pytest.raises(WorkflowError, match="dras tillbaka"):
        workflow.withdraw(world["set"], world["town_editor"])


def test_editing_a_ready_sets_commitment_withdraws_the_approvals(world):
    ps = ready(world)
    workflow.approve(ps, world["town"], world["town_editor"])
    workflow.edit_commitment_text(world["both"], world["police_editor"], "Polisen och kommunen lovar fem vandringar.")
    ps.refresh_from_db()
    assert ps.status == PromiseSet.Status.DRAFT
    assert not Approval.objects.exists()
    assert not CommitmentVersion.objects.exists()


@pytest.mark.parametrize("edit", ["title", "theme", "target"])
def test_any_content_edit_of_a_ready_set_withdraws_the_approvals(world, edit):
    ps = ready(world)
    workflow.approve(ps, world["town"], world["town_editor"])
    user = world["police_editor"]
    if edit == "title":
        workflow.update_promise_set(ps, user, title="Ny rubrik")
    elif edit == "theme":
        workflow.add_theme(ps, user, "Trygg trafikmiljö")
    else:
        workflow.save_target(world["only_police"], user, count=2, unit="trafikinsatser",
                             activity_type="traffic_operation", per="year", covers_areas=False)
    ps.refresh_from_db()
    assert ps.status == PromiseSet.Status.DRAFT
    assert not Approval.objects.exists()


def test_an_unchanged_save_keeps_the_approvals(world):
    ps = ready(world)
    workflow.approve(ps, world["town"], world["town_editor"])
    assert workflow.update_promise_set(ps, world["police_editor"], title=ps.title) is False
    ps.refresh_from_db()
    assert ps.status == PromiseSet.Status.READY


def test_editing_a_published_text_keeps_the_previous_text_as_a_version(world):
    ps = published(world)
    old = world["both"].text
    version = workflow.edit_commitment_text(world["both"], world["town_editor"], "Ny lydelse.", "Stavfel rättat.")
    assert version.version == 1 and version.text == old and version.reason == "Stavfel rättat."
    assert version.valid_from == ps.published_at
    assert version.changed_by == world["town_editor"]
    world["both"].refresh_from_db()
    assert world["both"].text == "Ny lydelse."
    ps.refresh_from_db()
    assert ps.status == PromiseSet.Status.PUBLISHED
    second = workflow.edit_commitment_text(world["both"], world["town_editor"], "Tredje lydelsen.", "Förtydligande.")
    assert second.version == 2 and second.text == "Ny lydelse." and second.valid_from == version.valid_until
    entry = AuditEntry.objects.filter(action="update", object_type="promises.Commitment").first()
    assert entry.before["text"] == "Ny lydelse." and entry.after["reason"] == "Förtydligande."


def test_editing_a_published_text_needs_a_reason(world):
    published(world)
    with pytest.raises(WorkflowError, match="Ange skälet"):
        workflow.edit_commitment_text(world["both"], world["town_editor"], "Ny lydelse.", "  ")
    world["both"].refresh_from_db()
    assert world["both"].text.startswith("Polisen och kommunen")
    assert not CommitmentVersion.objects.exists()


def test_an_empty_text_is_refused(world):
    with pytest.raises(WorkflowError, match="måste ha en text"):
        workflow.edit_commitment_text(world["both"], world["town_editor"], "   ")


def test_a_published_target_changes_only_with_a_logged_reason(world):
    published(world)
    target = world["both"].targets.get()
    with pytest.raises(WorkflowError, match="Ange skälet"):
        workflow.save_target(world["both"], world["town_editor"], target, count=5, unit="trygghetsvandringar",
                             activity_type="safety_walk", per="period", covers_areas=False)
    workflow.save_target(world["both"], world["town_editor"], target, reason="Utökat efter beslut.", count=5,
                         unit="trygghetsvandringar", activity_type="safety_walk", per="period", covers_areas=False)
    target.refresh_from_db()
    assert target.count == 5
    entry = AuditEntry.objects.filter(object_type="promises.Target").first()
    assert entry.before["count"] == 4 and entry.after["count"] == 5 and entry.after["reason"] == "Utökat efter beslut."


def test_a_target_without_count_or_coverage_is_refused(world):
    with pytest.raises(WorkflowError, match="antal"):
        workflow.save_target(world["both"], world["town_editor"], count=None, unit="x", covers_areas=False)


def test_deleting_a_target_is_logged(world):
    target = world["both"].targets.get()
    workflow.delete_target(target, world["town_editor"])
    assert not world["both"].targets.exists()
    assert AuditEntry.objects.get(action="delete", object_type="promises.Target").before["count"] == 4


def test_a_published_set_gets_no_new_commitments(world):
    ps = published(world)
    with pytest.raises(WorkflowError, match="nya löften"):
        workflow.create_commitment(ps, world["town_editor"], text="Nytt.")


def test_a_published_sets_period_changes_only_with_a_reason(world):
    ps = published(world)
    with pytest.raises(WorkflowError, match="Ange skälet"):
        workflow.update_promise_set(ps, world["town_editor"], start=date(2024, 7, 1))
    ps.refresh_from_db()
    assert ps.start == date(2024, 1, 1)


def test_correcting_a_published_sets_dates_within_its_years_keeps_its_address(world):
    ps = published(world)
    workflow.update_promise_set(ps, world["town_editor"], reason="Löftet gäller juli–juni.",
                                start=date(2024, 7, 1), end=date(2025, 6, 30))
    ps.refresh_from_db()
    assert (ps.start, ps.end, ps.slug) == (date(2024, 7, 1), date(2025, 6, 30), "2024-2025")
    assert not ps.aliases.exists()
    entry = AuditEntry.objects.filter(action="update", object_type="promises.PromiseSet").first()
    assert entry.after["reason"] == "Löftet gäller juli–juni." and entry.after["start"] == "2024-07-01"


def test_moving_a_published_set_keeps_its_old_address_as_an_alias(world):
    ps = published(world)
    area = factories.areas(world["kommun"], ["Mariefred"])[0]
    workflow.update_promise_set(ps, world["town_editor"], reason="Löftet gäller Mariefred.", area=area,
                                end=date(2026, 12, 31))
    ps.refresh_from_db()
    assert (ps.area, ps.slug) == (area, "2024-2026")
    alias = ps.aliases.get()
    assert (alias.area, alias.slug) == (None, "2024-2025")


def test_a_period_ending_before_it_starts_or_taken_is_refused(world):
    with pytest.raises(WorkflowError, match="sista dag ligger före"):
        workflow.update_promise_set(world["set"], world["town_editor"], end=date(2023, 12, 31))
    factories.promise_set(world["kommun"], 2030)
    with pytest.raises(WorkflowError, match="finns redan ett medborgarlöfte för perioden 2030-01-01–2030-12-31"):
        workflow.update_promise_set(world["set"], world["town_editor"], start=date(2030, 1, 1),
                                    end=date(2030, 12, 31))


def test_two_sets_of_one_municipality_may_share_a_period_when_their_areas_differ(world):
    north, south = factories.areas(world["kommun"], ["Norr", "Söder"])
    first = workflow.create_promise_set(world["kommun"], world["town_editor"], title="Norr", start=date(2024, 1, 1),
                                        end=date(2025, 12, 31), area=north)
    second = workflow.create_promise_set(world["kommun"], world["town_editor"], title="Söder",
                                         start=date(2024, 1, 1), end=date(2025, 12, 31), area=south)
    assert first.slug == second.slug == "2024-2025"
    assert first.get_absolute_url() == "/strangnas/norr/2024-2025/"
    with pytest.raises(WorkflowError, match="i Norr"):
        workflow.create_promise_set(world["kommun"], world["town_editor"], title="Igen", start=date(2024, 1, 1),
                                    end=date(2025, 12, 31), area=north)


def test_a_set_that_would_share_an_address_gets_a_short_suffix(world):
    july = workflow.create_promise_set(world["kommun"], world["town_editor"], title="Juli–juni",
                                       start=date(2024, 7, 1), end=date(2025, 6, 30))
    assert world["set"].slug == "2024-2025" and july.slug == "2024-2025-jul"
    another = workflow.create_promise_set(world["kommun"], world["town_editor"], title="Igen juli",
                                          start=date(2024, 7, 1), end=date(2025, 12, 31))
    assert another.slug == "2024-2025-2"


def test_a_commitment_gets_a_short_title_from_its_text_and_a_redaktor_may_rename_it(world):
    commitment = workflow.create_commitment(
        world["set"], world["town_editor"], parties=[world["town"]],
        text="Strängnäs kommun kommer i samverkan med polisen att genomföra minst fyra trygghetsvandringar i kommunen.",
    )
    assert commitment.short_title == "Minst fyra trygghetsvandringar i kommunen"
    assert workflow.set_short_title(commitment, world["town_editor"], "  Trygghetsvandringar  ")
    commitment.refresh_from_db()
    assert commitment.title == "Trygghetsvandringar"


def test_a_published_commitments_parties_cannot_change(world):
    published(world)
    with pytest.raises(WorkflowError, match="Parterna"):
        workflow.update_commitment(world["both"], world["town_editor"], theme=None, parties=[world["police"]])


def test_creating_a_commitment_numbers_it_after_the_last(world):
    commitment = workflow.create_commitment(world["set"], world["town_editor"], text=" Nytt löfte. ",
                                            parties=[world["town"]])
    assert commitment.number == 3 and commitment.text == "Nytt löfte."
    assert list(commitment.parties.all()) == [world["town"]]
    assert AuditEntry.objects.filter(action="create", object_type="promises.Commitment").exists()


def test_an_assessment_is_dated_signed_and_logged(world):
    assessment = workflow.add_assessment(world["only_police"], world["police_editor"], text=" Arbetet pågår. ",
                                         organisation=world["police"], assessed_on=date(2024, 6, 30))
    assert assessment.text == "Arbetet pågår."
    assert assessment.author == world["police_editor"] and assessment.author_name == "Polisredaktor Testsson"
    assert AuditEntry.objects.get(action="create", object_type="promises.Assessment").after["text"] == "Arbetet pågår."


def test_an_assessment_defaults_to_today(world):
    assessment = workflow.add_assessment(world["both"], world["police_editor"], text="Bra.", organisation=world["police"])
    assert assessment.assessed_on == timezone.localdate()


def test_an_assessment_for_another_organisation_is_refused(world):
    with pytest.raises(WorkflowError, match="din egen organisation"):
        workflow.add_assessment(world["both"], world["police_editor"], text="Bra.", organisation=world["town"])
    assert not Assessment.objects.exists()


def test_an_assessment_dated_in_the_future_is_refused(world):
    with pytest.raises(WorkflowError, match="framtiden"):
        workflow.add_assessment(world["both"], world["police_editor"], text="Bra.", organisation=world["police"],
                                assessed_on=timezone.localdate() + timedelta(days=1))


def test_an_empty_assessment_is_refused(world):
    with pytest.raises(WorkflowError, match="Skriv en bedömning"):
        workflow.add_assessment(world["both"], world["police_editor"], text=" ", organisation=world["police"])


def test_a_final_assessment_gives_a_verdict_only_after_the_period(world):
    running = factories.promise_set(world["kommun"], timezone.localdate().year, status=PromiseSet.Status.PUBLISHED)
    current = factories.commitment(running, 1, "Polisen lovar närvaro.", parties=[world["police"]])
    with pytest.raises(WorkflowError, match="först när perioden är slut"):
        workflow.add_assessment(current, world["police_editor"], text="Klart.", organisation=world["police"],
                                verdict="achieved")
    ended = factories.promise_set(world["kommun"], 2021, status=PromiseSet.Status.PUBLISHED)
    commitment = factories.commitment(ended, 1, "Polisen lovar synlighet.", parties=[world["police"]])
    final = workflow.add_assessment(commitment, world["police_editor"], text="Synligheten ökade.",
                                    organisation=world["police"], verdict="partly",
                                    evidence="https://www.example.se/protokoll")
    assert final.is_final and final.evidence_links == ["https://www.example.se/protokoll"]
    with pytest.raises(WorkflowError, match="Okänd slutbedömning"):
        workflow.add_assessment(commitment, world["police_editor"], text="X", organisation=world["police"],
                                verdict="kanske")


def test_ended_sets_list_the_qualitative_commitments_without_a_final_assessment(world):
    ended = factories.promise_set(world["kommun"], 2021, status=PromiseSet.Status.PUBLISHED)
    qualitative = factories.commitment(ended, 1, "Polisen lovar synlighet.", parties=[world["police"]])
    factories.commitment(ended, 2, "Polisen lovar fyra vandringar.", parties=[world["police"]],
                         targets=[{"count": 4, "unit": "trygghetsvandringar"}])
    assessed = factories.commitment(ended, 3, "Kommunen lovar dialog.", parties=[world["town"]])
    workflow.add_assessment(assessed, world["town_editor"], text="Gjort.", organisation=world["town"],
                            verdict="achieved")
    awaiting = workflow.awaiting_final_assessment([world["kommun"]], date(2026, 12, 1))
    assert [(a.promise_set, a.commitments) for a in awaiting] == [(ended, [qualitative])]
    assert workflow.awaiting_final_assessment([world["kommun"]], date(2021, 6, 1)) == []
