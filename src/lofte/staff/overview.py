"""The staff start page (/personal/): a coordinator's overview of where things stand and what waits
for the user, assembled from the domain apps in a fixed number of queries.

Per municipality the user serves: the current sets with counts per status (lagging first) and their
commitments; what waits for this user (approvals for their organisation, citizen input to moderate,
photos to approve, overdue findings, ended sets lacking final assessments, meetings to mark as
held), the latest registrations and the next meetings. What waits is decided by the user's role in
each municipality (lofte.core.permissions): moderation, photos and final assessments are a
redaktör's, meetings and findings a registrerare's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Count

from lofte.activities import types
from lofte.activities.models import Activity
from lofte.activities.progress import evaluate_commitment, with_progress_data
from lofte.core.models import Area, Municipality
from lofte.core.permissions import editable_municipalities, municipalities_for, recordable_municipalities
from lofte.dialogue import agenda
from lofte.promises import workflow
from lofte.promises.models import Commitment, PromiseSet
from lofte.promises.status import Evaluation, Status
from lofte.staff.findings import overdue_for
from lofte.walks.models import FindingPhoto

# Lagging work first: at risk, then not started, then the rest in the status list's order.
LAGGING_ORDER = {Status.AT_RISK: 0, Status.NOT_STARTED: 1, Status.MISSED: 2}


def lagging_rank(status: Status) -> int:
    """A status's place on the start page: lagging first (also the sort value of its table cell)."""
    return LAGGING_ORDER.get(status, 3) * 10 + list(Status).index(status)


@dataclass
class CurrentCommitment:
    """A commitment on the start page: its status now and the activity type to record for it."""

    commitment: Commitment
    evaluation: Evaluation
    record_type: str | None
    can_record: bool

    @property
    def status(self) -> Status:
        return self.evaluation.status

    @property
    def rank(self) -> int:
        return lagging_rank(self.status)


def current_sets(promise_sets: list[PromiseSet], today: date) -> list[PromiseSet]:
    """Per municipality, the sets whose period includes today, or else its latest set."""
    by_municipality: dict[int, list[PromiseSet]] = {}
    for promise_set in promise_sets:
        by_municipality.setdefault(promise_set.municipality_id, []).append(promise_set)
    chosen = []
    for sets in by_municipality.values():
        current = [s for s in sets if s.dates.contains(today)]
        chosen += current or [max(sets, key=lambda s: (s.end, s.start))]
    return chosen


def current_commitments(municipalities, recordable_ids: set[int], today: date) -> list[CurrentCommitment]:
    """The current commitments of the municipalities, lagging ones first, in a fixed number of queries."""
    promise_sets = list(
        PromiseSet.objects.published().filter(municipality__in=municipalities).select_related("municipality", "area")
    )
    chosen = {s.pk: s for s in current_sets(promise_sets, today)}
    if not chosen:
        return []
    areas = dict(
        Area.objects.filter(municipality__in={s.municipality_id for s in chosen.values()})
        .values("municipality")
        .annotate(n=Count("pk"))
        .values_list("municipality", "n")
    )
    rows = []
    for commitment in with_progress_data(Commitment.objects.published().filter(promise_set__in=list(chosen))):
        commitment.promise_set = chosen[commitment.promise_set_id]
        municipality_id = commitment.promise_set.municipality_id
        # The first target naming a type decides what "Registrera insats" offers; none: the form asks.
        record_type = next(
            (t.activity_type for t in commitment.targets.all() if t.activity_type in types.REGISTRY), None
        )
        rows.append(CurrentCommitment(
            commitment=commitment,
            evaluation=evaluate_commitment(commitment, today, areas.get(municipality_id, 0)),
            record_type=record_type,
            can_record=municipality_id in recordable_ids,
        ))
    rows.sort(key=lambda r: (
        lagging_rank(r.status), r.commitment.promise_set.municipality.name,
        -r.commitment.promise_set.end.toordinal(), r.commitment.promise_set.pk, r.commitment.number,
    ))
    return rows


@dataclass
class SetState:
    """A current set on the start page: its commitments (lagging first) and counts per status."""

    promise_set: PromiseSet
    rows: list = field(default_factory=list)

    @property
    def counts(self) -> list[tuple[Status, int]]:
        counts: dict[Status, int] = {}
        for row in self.rows:
            counts[row.status] = counts.get(row.status, 0) + 1
        return sorted(counts.items(), key=lambda pair: lagging_rank(pair[0]))

    @property
    def lagging(self) -> int:
        return sum(1 for row in self.rows if row.status in (Status.AT_RISK, Status.NOT_STARTED, Status.MISSED))


@dataclass
class MunicipalityState:
    municipality: Municipality
    sets: list[SetState]


@dataclass
class Overview:
    municipalities: list[Municipality]
    can_record: bool
    can_edit: bool
    states: list[MunicipalityState]
    approvals: list[workflow.AwaitingApproval]
    inputs: agenda.InputCounts
    photos: int
    overdue: list
    verdicts: list[workflow.AwaitingVerdict]
    unheld: list
    upcoming: list
    recent: list[Activity]

    @property
    def several(self) -> bool:
        """Whether the user serves several municipalities (items then name theirs)."""
        return len(self.municipalities) > 1

    @property
    def without_sets(self) -> list[Municipality]:
        return [state.municipality for state in self.states if not state.sets]

    @property
    def several_with_sets(self) -> bool:
        return sum(1 for state in self.states if state.sets) > 1

    @property
    def waiting(self) -> int:
        """How many things wait for the user's action (the heading's count)."""
        return (sum(1 for a in self.approvals if a.waits_for_user) + self.inputs.pending + self.photos
                + len(self.overdue) + sum(len(v.commitments) for v in self.verdicts) + len(self.unheld))


def group_by_set(rows, municipalities: list[Municipality]) -> list[MunicipalityState]:
    """The current commitments (already lagging first) as sets per municipality, lagging sets first."""
    by_set: dict[int, SetState] = {}
    for row in rows:
        promise_set = row.commitment.promise_set
        by_set.setdefault(promise_set.pk, SetState(promise_set)).rows.append(row)
    states = []
    for municipality in municipalities:
        sets = [s for s in by_set.values() if s.promise_set.municipality_id == municipality.pk]
        sets.sort(key=lambda s: (-s.lagging, s.promise_set.area_id is not None, -s.promise_set.end.toordinal()))
        states.append(MunicipalityState(municipality, sets))
    return states


def recent_activities(municipalities, limit: int = 8) -> list[Activity]:
    """The latest registrations in the municipalities, by anyone, newest first."""
    return list(
        Activity.objects.live().filter(municipality__in=municipalities)
        .select_related("municipality", "area", "created_by")
        .prefetch_related("commitments__promise_set__municipality", "commitments__promise_set__area")
        .order_by("-created_at", "-pk")[:limit]
    )


def build_overview(user, today: date, now: datetime) -> Overview:
    municipalities = list(municipalities_for(user).order_by("name"))
    recordable = list(recordable_municipalities(user))
    editable = list(editable_municipalities(user))
    editable_ids = {m.pk for m in editable}
    rows = current_commitments(municipalities, {m.pk for m in recordable}, today)
    approvals = [
        entry for entry in workflow.awaiting_approval(municipalities, user)
        if entry.waits_for_user or entry.promise_set.municipality_id in editable_ids
    ]
    # The user's own first: "väntar på ditt godkännande" before "väntar på andra".
    approvals.sort(key=lambda entry: not entry.waits_for_user)
    return Overview(
        municipalities=municipalities,
        can_record=bool(recordable),
        can_edit=bool(editable),
        states=group_by_set(rows, municipalities),
        approvals=approvals,
        inputs=agenda.input_counts(editable) if editable else agenda.InputCounts(),
        photos=(FindingPhoto.objects.filter(approved_at__isnull=True, finding__municipality__in=editable).count()
                if editable else 0),
        # Findings are followed up by those who record: overdue ones of municipalities they only read stay out.
        overdue=[f for f in overdue_for(user, today) if f.municipality_id in {m.pk for m in recordable}],
        # Final assessments are written by redaktörer: only they are shown what waits for one.
        verdicts=workflow.awaiting_final_assessment(editable, today) if editable else [],
        unheld=agenda.awaiting_held(recordable, now) if recordable else [],
        upcoming=agenda.upcoming(municipalities, now),
        recent=recent_activities(municipalities),
    )
