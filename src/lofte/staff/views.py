"""The staff workspace: thin views over lofte.core.permissions and lofte.activities.recording."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import render
from django.utils import timezone

from lofte.activities import types
from lofte.activities.models import Activity
from lofte.activities.progress import evaluate_commitment, with_progress_data
from lofte.core.models import Area
from lofte.core.permissions import editable_municipalities, municipalities_for, recordable_municipalities
from lofte.promises import workflow
from lofte.promises.models import Commitment, PromiseSet
from lofte.promises.status import Evaluation, Status


class LoginView(auth_views.LoginView):
    template_name = "staff/login.html"
    redirect_authenticated_user = True


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


# Lagging work first: at risk, then not started, then the rest in the status list's order.
_HOME_ORDER = {Status.AT_RISK: 0, Status.NOT_STARTED: 1}


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
    statuses = list(Status)
    rows.sort(key=lambda r: (
        _HOME_ORDER.get(r.status, 2), statuses.index(r.status), r.commitment.promise_set.municipality.name,
        -r.commitment.promise_set.end.toordinal(), r.commitment.promise_set.pk, r.commitment.number,
    ))
    return rows


@login_required
def home(request):
    municipalities = list(municipalities_for(request.user).order_by("name"))
    recordable_ids = set(recordable_municipalities(request.user).values_list("pk", flat=True))
    recent = (
        Activity.objects.live().filter(created_by=request.user, municipality__in=municipalities)
        .select_related("municipality", "area")
        .prefetch_related("commitments__promise_set__municipality", "commitments__promise_set__area")[:10]
    )
    return render(
        request,
        "staff/home.html",
        {
            "municipalities": municipalities,
            "can_record": bool(recordable_ids),
            "current": current_commitments(municipalities, recordable_ids, timezone.localdate()),
            # Final assessments are written by redaktörer: only they are shown what waits for one.
            "awaiting_verdicts": workflow.awaiting_final_assessment(
                editable_municipalities(request.user), timezone.localdate()
            ),
            "recent": recent,
        },
    )
