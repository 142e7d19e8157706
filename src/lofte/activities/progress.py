"""Glue between stored records and the pure status functions in lofte.promises.status.

`promises` knows nothing of activities (dependencies point one way), so the functions that feed
recorded work into `evaluate()` live here. They read the ledger of counted work
(lofte.activities.ledger), which says what each record counted and from when until when, so a
follow-up point can be computed as it was known. Each loads what a page needs in a fixed number of
queries, however many commitments or activities there are.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from lofte.activities import types
from lofte.activities.models import CountedWork
from lofte.core.models import Area
from lofte.promises.models import Assessment, Commitment, PromiseSet, Target
from lofte.promises.status import Evaluation, Status, TargetSpec, Work, evaluate, follow_up_points, is_late


def grace_days() -> int:
    return settings.FOLLOW_UP_GRACE_DAYS


def with_progress_data(commitments: QuerySet[Commitment]) -> QuerySet[Commitment]:
    """Prefetch what evaluate_commitment() reads: targets, parties, counted work, final verdicts."""
    return commitments.prefetch_related(
        Prefetch("targets", queryset=Target.objects.order_by("pk")),
        "parties",
        Prefetch(
            "counted_work",
            queryset=CountedWork.objects.only(
                "id", "commitment_id", "activity_id", "date", "type", "count", "area_id", "figures", "known_from",
                "known_until",
            ).order_by("date", "pk"),
            to_attr="ledger",
        ),
        Prefetch(
            "assessments",
            queryset=Assessment.objects.exclude(verdict="").only(
                "id", "commitment_id", "verdict", "assessed_on", "created_at"
            ).order_by("-assessed_on", "-pk"),
            to_attr="final_assessments",
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


_AREA_WORDS = {"kommundelar", "kommundel", "områden", "område", "stadsdelar", "stadsdel", "orter", "tätorter"}


def target_text(target: Target) -> str:
    """A target as a sentence fragment: "minst 4 trygghetsvandringar per år i olika kommundelar"."""
    type_plural = str(types.get(target.activity_type).plural) if target.activity_type in types.REGISTRY else ""
    unit = target.unit or type_plural
    if target.covers_areas and type_plural and unit.lower() in _AREA_WORDS:
        # An imported coverage target counts areas; name what is done in them: "dialogmöten i alla …".
        unit = type_plural
    if target.count is None:
        return _("%(unit)s i alla kommundelar") % {"unit": unit}
    text = _("minst %(count)s %(unit)s") % {"count": target.count, "unit": unit}
    if target.per == Target.Per.YEAR:
        text += " " + _("per år")
    if target.covers_areas:
        text += " " + _("i olika kommundelar")
    return text


def _local_date(moment: datetime | None) -> date | None:
    return timezone.localtime(moment).date() if moment is not None else None


def work_of(rows) -> list[Work]:
    """The pure status functions' view of ledger rows."""
    # The zone looked up once, not once per row: timezone.localtime() asks asgiref's context-local
    # storage each time, which was a third of an API page of 50 commitments' time at national scale.
    zone = timezone.get_current_timezone()
    return [
        Work(
            date=row.date, activity_type=row.type, count=row.count, area_id=row.area_id,
            figures=tuple(sorted(row.figures.items())) if row.figures else (),
            recorded=row.known_from.astimezone(zone).date() if row.known_from is not None else None,
            removed=row.known_until.astimezone(zone).date() if row.known_until is not None else None,
        )
        for row in rows
    ]


def _specs(commitment: Commitment) -> list[TargetSpec]:
    """The commitment's targets as the status functions read them, built once per commitment (a set
    page evaluates each commitment today and at every follow-up point)."""
    cached = getattr(commitment, "_specs", None)
    if cached is None:
        cached = commitment._specs = [target_spec(t) for t in commitment.targets.all()]
    return cached


def _work(commitment: Commitment) -> list[Work]:
    cached = getattr(commitment, "_work", None)
    if cached is None:
        cached = commitment._work = work_of(commitment.ledger)
    return cached


def verdict_of(commitment: Commitment, known_by: date | None = None) -> Status | None:
    """The verdict of the commitment's latest final assessment (written by `known_by`, if given)."""
    for assessment in commitment.final_assessments:
        if known_by is None or _local_date(assessment.created_at) <= known_by:
            return Status(assessment.verdict)
    return None


def evaluate_commitment(commitment: Commitment, as_of: date, area_count: int) -> Evaluation:
    """Status of a commitment fetched through with_progress_data(), counting all work recorded so far."""
    return evaluate(
        _specs(commitment),
        _work(commitment),
        commitment.promise_set.dates,
        as_of,
        area_count=area_count,
        verdict=verdict_of(commitment),
    )


@dataclass(frozen=True)
class FollowUp:
    """A commitment's status at one follow-up point, as it was known at the point's cutoff."""

    as_of: date
    evaluation: Evaluation
    # The cutoff (point + grace) has not passed yet: later records may still change the cell.
    provisional: bool = False
    cutoff: date | None = None


def cutoff_of(point: date) -> date:
    return point + timedelta(days=grace_days())


def follow_up_at(commitment: Commitment, point: date, today: date, area_count: int) -> FollowUp:
    cutoff = cutoff_of(point)
    known_by = min(cutoff, today)
    evaluation = evaluate(
        _specs(commitment),
        _work(commitment),
        commitment.promise_set.dates,
        point,
        area_count=area_count,
        known_by=known_by,
        verdict=verdict_of(commitment, known_by),
    )
    return FollowUp(point, evaluation, provisional=cutoff > today, cutoff=cutoff)


def follow_ups(commitment: Commitment, today: date, area_count: int) -> list[FollowUp]:
    """The commitment's status at each follow-up point of its period that has passed."""
    return [
        follow_up_at(commitment, point, today, area_count)
        for point in follow_up_points(commitment.promise_set.dates)
        if point <= today
    ]


def late_records(commitment: Commitment) -> int:
    """How many of the records counting for the commitment now were recorded after their point closed."""
    period = commitment.promise_set.dates
    return sum(1 for w in _work(commitment) if w.removed is None and is_late(w.date, w.recorded, period, grace_days()))


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


def current_statuses(promise_sets: list[PromiseSet], as_of: date, area_counts: dict[int, int]
                     ) -> dict[int, list[Evaluation]]:
    """Evaluations of every published commitment of many sets as of a date, keyed by set id: the
    same evaluate() with the same inputs as evaluate_commitment(), for national figures.

    Reads plain rows instead of model instances (building a hundred thousand ledger rows as models
    took most of the time at national scale), only the ledger rows that count now (a current status
    needs no follow-up history), in four queries whatever the number of sets; the caller chunks
    very long lists. `area_counts` maps municipality id to its number of areas.
    """
    by_id = {s.pk: s for s in promise_sets}
    published = Commitment.objects.published().filter(promise_set__in=list(by_id))
    commitments = list(published.order_by("promise_set", "number").values_list("id", "promise_set_id"))
    chosen = published.values("id")
    targets: dict[int, list[TargetSpec]] = defaultdict(list)
    for row in (Target.objects.filter(commitment__in=chosen).order_by("pk")
                .values_list("commitment_id", "count", "per", "activity_type", "covers_areas", "figure", named=True)):
        targets[row.commitment_id].append(target_spec(row))
    work: dict[int, list[Work]] = defaultdict(list)
    rows = (CountedWork.objects.filter(commitment__in=chosen, known_until__isnull=True).order_by("date", "pk")
            .values_list("commitment_id", "date", "type", "count", "area_id", "figures"))
    for commitment_id, day, kind, count, area_id, figures in rows:
        work[commitment_id].append(Work(date=day, activity_type=kind, count=count, area_id=area_id,
                                        figures=tuple(sorted((figures or {}).items()))))
    verdicts: dict[int, Status] = {}
    for commitment_id, verdict in (Assessment.objects.exclude(verdict="").filter(commitment__in=chosen)
                                   .order_by("-assessed_on", "-pk").values_list("commitment_id", "verdict")):
        verdicts.setdefault(commitment_id, Status(verdict))
    evaluations: dict[int, list[Evaluation]] = {pk: [] for pk in by_id}
    for commitment_id, set_id in commitments:
        promise_set = by_id[set_id]
        evaluations[set_id].append(evaluate(
            targets[commitment_id], work[commitment_id], promise_set.dates, as_of,
            area_count=area_counts.get(promise_set.municipality_id, 0), verdict=verdicts.get(commitment_id),
        ))
    return evaluations
