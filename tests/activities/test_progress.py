"""Targets count activities of their type, or sum one of their figures; coverage targets count areas."""

from datetime import date

import pytest

from lofte.activities.progress import evaluate_commitment, with_progress_data
from lofte.promises.models import Commitment
from lofte.promises.status import Period, Status, TargetSpec, Work, evaluate
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_figure_target_sums_the_figure_instead_of_counting_records():
    target = TargetSpec(count=100, activity_type="dialogue_meeting", figure="attendees")
    work = [
        Work(date(2022, 3, 1), "dialogue_meeting", figures=(("attendees", 60),)),
        Work(date(2022, 4, 1), "dialogue_meeting", figures=(("attendees", 45),)),
        Work(date(2022, 4, 2), "parent_meeting", figures=(("attendees", 500),)),
    ]
    result = evaluate([target], work, Period.of_years(2022), date(2022, 5, 1))
    assert result.status is Status.ACHIEVED
    assert result.targets[0].done == 100


def test_a_record_without_the_figure_adds_nothing_to_a_figure_target():
    target = TargetSpec(count=10, activity_type="training", figure="participants")
    result = evaluate([target], [Work(date(2022, 3, 1), "training")], Period.of_years(2022), date(2022, 3, 2))
    assert result.targets[0].done == 0


def commitment_with(target):
    kommun = factories.municipality()
    areas = factories.areas(kommun)
    ps = factories.promise_set(kommun, 2022)
    return factories.commitment(ps, targets=[target]), areas


def evaluated(commitment, as_of=date(2022, 12, 31)):
    fetched = with_progress_data(Commitment.objects.filter(pk=commitment.pk)).select_related("promise_set").get()
    return evaluate_commitment(fetched, as_of, area_count=5)


def test_a_stored_figure_target_sums_the_records_details():
    commitment, _ = commitment_with(
        {"count": 50, "unit": "deltagare", "activity_type": "training", "figure": "participants"}
    )
    for participants in (20, 25):
        activity = factories.activity(commitment, type="training", on=date(2022, 3, 1))
        activity.details = {"participants": participants, "audience": "Fritidsledare"}
        activity.save()
    assert evaluated(commitment).targets[0].done == 45
    assert evaluated(commitment).status is Status.PARTLY
    extra = factories.activity(commitment, type="training", on=date(2022, 6, 1))
    extra.details = {"participants": 5}
    extra.save()
    assert evaluated(commitment).status is Status.ACHIEVED


def test_a_coverage_target_is_met_by_covering_areas_not_by_counting_records():
    commitment, areas = commitment_with(
        {"count": None, "unit": "dialogmöten", "activity_type": "dialogue_meeting", "covers_areas": True}
    )
    for _ in range(6):
        factories.activity(commitment, type="dialogue_meeting", area=areas[0])
    assert evaluated(commitment).targets[0].done == 1
    for area in areas[1:]:
        factories.activity(commitment, type="dialogue_meeting", area=area)
    assert evaluated(commitment).status is Status.ACHIEVED


def test_the_commitment_page_names_the_areas_a_coverage_target_reached(client):
    commitment, areas = commitment_with(
        {"count": None, "unit": "dialogmöten", "activity_type": "dialogue_meeting", "covers_areas": True}
    )
    factories.activity(commitment, type="dialogue_meeting", area=areas[1])
    factories.activity(commitment, type="dialogue_meeting", area=areas[3])
    content = client.get(commitment.get_absolute_url()).content.decode()
    assert "2 av 5 kommundelar" in content
    assert "Kommundelar hittills: Mariefred, Stallarholmen" in content
