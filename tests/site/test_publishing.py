"""Public pages show the approvals of a set, the earlier texts of a commitment and its assessments."""

from datetime import date

import pytest

from lofte.core.models import Membership
from lofte.promises import workflow
from lofte.promises.models import PromiseSet
from tests import factories
from tests.site.helpers import assert_accessible_page, many_municipalities, query_count, strangnas_set

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    """A set taken through the workflow: submitted, approved by both parties, so published."""
    kommun, ps, commitments, areas = strangnas_set(2022, 2023, status=PromiseSet.Status.DRAFT)
    police, town = list(workflow.parties_of(ps))
    police_editor = factories.user("polisredaktor", police, role=Membership.Role.EDITOR)
    police_editor.first_name, police_editor.last_name = "Per", "Polis"
    police_editor.save()
    town_editor = factories.user("kommunredaktor", town, role=Membership.Role.EDITOR)
    workflow.submit_for_approval(ps, town_editor)
    workflow.approve(ps, town, town_editor, approver_name="Anna Andersson")
    workflow.approve(ps, police, police_editor)
    ps.refresh_from_db()
    return {"kommun": kommun, "set": ps, "commitments": commitments, "police": police, "town": town,
            "police_editor": police_editor, "town_editor": town_editor}


def set_url(world):
    return world["set"].get_absolute_url()


def test_the_set_page_shows_who_approved_for_each_party(client, world):
    response = client.get(set_url(world))
    content = response.content.decode()
    day = world["set"].published_at.date().isoformat()
    assert f"Godkänd av Anna Andersson, Strängnäs kommun, den {day}" in content
    assert f"Godkänd av Per Polis, LPO Strängnäs, den {day}" in content
    assert_accessible_page(response)


def test_a_set_published_without_the_workflow_shows_no_approvals(client):
    kommun, ps, _commitments, _areas = strangnas_set()
    assert "Godkänd av" not in client.get(ps.get_absolute_url()).content.decode()


def test_a_draft_sets_approvals_never_reach_the_public(client, world):
    workflow.edit_commitment_text(world["commitments"][0], world["town_editor"], "Ny.", "Skäl.")
    world["set"].status = PromiseSet.Status.READY
    world["set"].save()
    assert client.get(set_url(world)).status_code == 404


def test_the_commitment_page_shows_earlier_texts_with_the_reason(client, world):
    commitment = world["commitments"][0]
    old = commitment.text
    workflow.edit_commitment_text(commitment, world["town_editor"], "Polisen och kommunen lovar fem vandringar.",
                                  "Antalet ändrades efter beslut i styrgruppen.")
    response = client.get(commitment.get_absolute_url())
    content = response.content.decode()
    assert "Polisen och kommunen lovar fem vandringar." in content
    assert "Tidigare lydelse" in content and old in content
    assert "Antalet ändrades efter beslut i styrgruppen." in content
    assert "Version 1, gällde" in content
    assert_accessible_page(response)


def test_a_commitment_without_changes_shows_no_earlier_texts(client, world):
    assert "Tidigare lydelse" not in client.get(world["commitments"][0].get_absolute_url()).content.decode()


def test_assessments_are_shown_newest_first_signed_by_the_organisation(client, world):
    commitment = world["commitments"][1]
    workflow.add_assessment(commitment, world["police_editor"], text="Första bedömningen.",
                            organisation=world["police"], assessed_on=date(2022, 12, 31))
    workflow.add_assessment(commitment, world["town_editor"], text="Andra bedömningen.",
                            organisation=world["town"], assessed_on=date(2023, 6, 30))
    response = client.get(commitment.get_absolute_url())
    content = response.content.decode()
    newer = content.index("Bedömning 2023-06-30 av Kommunredaktor Testsson, Strängnäs kommun")
    older = content.index("Bedömning 2022-12-31 av Per Polis, LPO Strängnäs")
    assert newer < older
    assert content.index("Andra bedömningen.") < content.index("Första bedömningen.")
    # Signed by a person and the organisation; the author's user name stays in the staff workspace.
    assert "polisredaktor" not in content
    assert_accessible_page(response)


def test_an_assessment_changes_the_pages_etag(client, world):
    commitment = world["commitments"][1]
    before = client.get(commitment.get_absolute_url())["ETag"]
    workflow.add_assessment(commitment, world["police_editor"], text="Ny.", organisation=world["police"],
                            assessed_on=date(2023, 6, 30))
    assert client.get(commitment.get_absolute_url())["ETag"] != before


def test_the_query_count_does_not_grow_with_assessments_versions_or_approvals(client, world):
    commitment = world["commitments"][0]
    url = commitment.get_absolute_url()
    first_commitment = query_count(client, url)
    first_set = query_count(client, set_url(world))
    for day in (1, 2, 3):
        workflow.add_assessment(commitment, world["police_editor"], text=f"Bedömning {day}.",
                                organisation=world["police"], assessed_on=date(2023, 1, day))
        workflow.edit_commitment_text(commitment, world["town_editor"], f"Text {day}.", "Skäl.")
    many_municipalities(3)
    assert query_count(client, url) == first_commitment
    assert query_count(client, set_url(world)) == first_set


def test_the_demo_shows_assessments_of_qualitative_commitments(client):
    from lofte.demo.loader import load_demo

    load_demo()
    content = client.get("/strangnas/2022-2023/2/").content.decode()
    assert "Bedömning 2023-06-30 av Erik Lindqvist, kommunpolis, LPO Eskilstuna/Strängnäs" in content
    assert "Slutbedömning 2024-01-31 av Erik Lindqvist, kommunpolis, LPO Eskilstuna/Strängnäs" in content
    assert content.index("Slutbedömning 2024-01-31") < content.index("Bedömning 2023-06-30") < content.index(
        "Bedömning 2022-12-15")
    assert "Slutresultat:" in content and "Pågående" in content  # Pågående at the points during the period
    load_demo()
    from lofte.demo.loader import DEMO_ASSESSMENTS
    from lofte.promises.models import Assessment

    assert Assessment.objects.filter(is_demo=True).count() == len(DEMO_ASSESSMENTS)
