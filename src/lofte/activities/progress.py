"""Glue between stored records and the pure status functions in lofte.promises.status.

`promises` knows nothing of activities (dependencies point one way), so the functions that feed
recorded activities into `evaluate()` live here. Each loads what a page needs in a fixed number of
queries, however many commitments or activities there are.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, QuerySet

from lofte.activities import types
from lofte.activities.models import Activity
from lofte.core.models import Area
from lofte.promises.models import Commitment, PromiseSet, Target
from lofte.promises.status import Evaluation, Status, TargetSpec, Work, evaluate, follow_up_points


def counted_activities() -> QuerySet[Activity]:
    """The activity records that count towards targets: everything not in the bin."""
    return Activity.objects.live()


def with_progress_data(commitments: QuerySet[Commitment]) -> QuerySet[Commitment]:
    """Prefetch what evaluate_commitment() reads: targets, parties and the activities."""
    return commitments.prefetch_related(
        Prefetch("targets", queryset=Target.objects.order_by("pk")),
        "parties",
        Prefetch(
            "activities",
            queryset=counted_activities().only("id", "date", "type", "count", "area_id", "details").order_by("date", "pk"),
            to_attr="counted_activities",
        ),
    )


def target_spec(target: Target) -> TargetSpec:
    return TargetSpec(
        count=target.count,
        per=target.per,
        activity_type=target.activity_type or None,
        covers_areas=target.covers_areas,
        figure=target.figure or None,
    )


def _figures(activity) -> tuple[tuple[str, int], ...]:
    if activity.type not in types.REGISTRY:
        return ()
    return tuple(sorted(types.get(activity.type).figure_values(activity.details or {}).items()))


def work_of(activities) -> list[Work]:
    return [
        Work(date=a.date, activity_type=a.type, count=a.count, area_id=a.area_id, figures=_figures(a))
        for a in activities
    ]


def evaluate_commitment(commitment: Commitment, as_of: date, area_count: int) -> Evaluation:
    """Status of a commitment fetched through with_progress_data()."""
    promise_set = commitment.promise_set
    return evaluate(
        [target_spec(t) for t in commitment.targets.all()],
        work_of(commitment.counted_activities),
        promise_set.first_year,
        promise_set.last_year,
        as_of,
        area_count=area_count,
    )


@dataclass(frozen=True)
class FollowUp:
    """A commitment's status at one follow-up point (a tertial's end)."""

    as_of: date
    evaluation: Evaluation


def follow_ups(commitment: Commitment, today: date, area_count: int) -> list[FollowUp]:
    """The commitment's status at each follow-up point of its period that has passed."""
    promise_set = commitment.promise_set
    return [
        FollowUp(point, evaluate_commitment(commitment, point, area_count))
        for point in follow_up_points(promise_set.first_year, promise_set.last_year)
        if point <= today
    ]


def area_count(municipality_id: int) -> int:
    return Area.objects.filter(municipality_id=municipality_id).count()


def status_summary(evaluations) -> list[tuple[Status, int]]:
    """How many commitments have each status, in the order of the status list, zeros left out."""
    counts: dict[Status, int] = {}
    for evaluation in evaluations:
        counts[evaluation.status] = counts.get(evaluation.status, 0) + 1
    return [(status, counts[status]) for status in Status if status in counts]


def set_evaluations(promise_sets: list[PromiseSet], as_of: date) -> dict[int, list[Evaluation]]:
    """Evaluations of every published commitment of the given sets, keyed by set id.

    A fixed number of queries for any number of sets (one municipality's page).
    """
    if not promise_sets:
        return {}
    by_set: dict[int, list[Evaluation]] = {s.pk: [] for s in promise_sets}
    sets_by_id = {s.pk: s for s in promise_sets}
    commitments = with_progress_data(
        Commitment.objects.published().filter(promise_set__in=promise_sets).order_by("promise_set", "number")
    )
    areas = {s.municipality_id: area_count(s.municipality_id) for s in promise_sets[:1]}
    for commitment in commitments:
        commitment.promise_set = sets_by_id[commitment.promise_set_id]
        by_set[commitment.promise_set_id].append(
            evaluate_commitment(commitment, as_of, areas.get(commitment.promise_set.municipality_id, 0))
        )
    return by_set
