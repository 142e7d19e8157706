"""The content of a follow-up report: a promise set as it was known at the report's date.

`build_snapshot(report, today)` returns plain JSON-ready data (strings, numbers, lists, dicts), so
that publishing can store it and every later rendering reads only what was stored. What "as known
at the date" means follows the status rules of lofte.promises.status: the report's date is a
follow-up point, and work counts when it is dated on or before it and was recorded by the point plus
the grace period (`known_by`, never after today); final assessments count when they were written by
then. Everything public goes through the publication and privacy functions:

- status and progress per commitment: lofte.activities.progress.follow_up_at (the ledger);
- activities per type: lofte.activities.privacy.public_work_per_type (sensitive types as totals,
  small counts "färre än 5"), of published records recorded by `known_by`;
- assessments and final verdicts dated by the report's date and written by `known_by`;
- the linked indicators before and during/after the period: lofte.situation.effects;
- findings of the set's public safety walks by the date: fixed and closed by `known_by` (a finding
  whose status changed after that is counted as open, which is what was known);
- published citizen input about the set's commitments, and how much of it was answered by then.
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, time

from django.db.models import Prefetch
from django.utils import dateformat, timezone, translation
from django.utils.translation import gettext as _

from lofte.activities import privacy, types
from lofte.activities.models import Activity
from lofte.activities.progress import (
    area_count,
    cutoff_of,
    follow_up_at,
    status_summary,
    target_text,
    with_progress_data,
)
from lofte.dialogue.models import CitizenInput
from lofte.promises.models import Assessment, Commitment, PromiseSet, Theme
from lofte.promises.workflow import parties_of
from lofte.situation import effects
from lofte.walks.models import CLOSED_STATUSES, FIXED_STATUSES, Finding

VERSION = 1


def day_label(day: date) -> str:
    """"15 februari 2024", whatever language is active."""
    with translation.override("sv"):
        return dateformat.format(day, "j F Y")


def known_by(as_of: date, today: date) -> date:
    """The last day of recording that a report as of `as_of` counts (the point plus the grace period)."""
    return min(cutoff_of(as_of), today)


def _end_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.max))


def _status(status) -> dict:
    return {"value": status.value, "label": status.label}


def build_snapshot(report, today: date) -> dict:
    """The report's content as of its date (see the module docstring), ready to store as JSON."""
    with translation.override("sv"):
        return _build(report, today)


def _build(report, today: date) -> dict:
    promise_set: PromiseSet = report.promise_set
    municipality = promise_set.municipality
    as_of = report.as_of
    known = known_by(as_of, today)
    known_until = _end_of(known)
    period = promise_set.dates
    areas = area_count(municipality.pk)
    commitments = list(
        with_progress_data(Commitment.objects.published().filter(promise_set=promise_set))
        .select_related("theme").prefetch_related(
            Prefetch("assessments", queryset=Assessment.objects.filter(assessed_on__lte=as_of, created_at__lte=known_until)
                     .select_related("organisation").order_by("-assessed_on", "-pk"), to_attr="report_assessments"),
        ).order_by("number")
    )
    effects_by_commitment = effects.effects_for(commitments, promise_set, until=as_of)
    work_end = min(period.end, as_of)
    evaluations = []
    themes: dict[int | None, dict] = {}
    theme_order = {t.pk: (t.position, t.pk) for t in Theme.objects.filter(promise_set=promise_set)}
    for commitment in commitments:
        commitment.promise_set = promise_set
        follow_up = follow_up_at(commitment, as_of, today, areas)
        evaluation = follow_up.evaluation
        evaluations.append(evaluation)
        records = Activity.objects.filter(commitments=commitment, created_at__lte=known_until)
        work = privacy.public_work_per_type(records, start=period.start, end=work_end) if work_end >= period.start else []
        targets = list(commitment.targets.all())
        # The targets evaluate() counted, in its order (a coverage target without a number needs areas).
        numeric = [t for t in targets if t.count is not None or (t.covers_areas and areas > 0)]
        pairs = list(zip(numeric, evaluation.targets))
        suppressed = any(privacy.is_suppressed(t.activity_type, p.done) for t, p in pairs)
        entry = {
            "number": commitment.number,
            "title": commitment.title,
            "text": commitment.text,
            "url": commitment.get_absolute_url(),
            "parties": [p.name for p in commitment.parties.all()],
            "status": _status(evaluation.status),
            "final": evaluation.final,
            "percent": None if evaluation.percent is None or suppressed else evaluation.percent,
            "targets": [_target_line(t, p) for t, p in pairs] or [target_text(t) for t in targets],
            "work": [[label, count] for label, count in work],
            "assessments": [
                {"date": a.assessed_on.isoformat(), "date_label": day_label(a.assessed_on),
                 "organisation": a.organisation.name, "author": a.author_name, "final": a.is_final,
                 "verdict": a.get_verdict_display() if a.verdict else "", "text": a.text,
                 "evidence": a.evidence_links}
                for a in commitment.report_assessments
            ],
            "effects": [dataclasses.asdict(e) for e in effects_by_commitment.get(commitment.pk, [])],
        }
        key = commitment.theme_id
        if key not in themes:
            themes[key] = {"title": commitment.theme.title if commitment.theme else None, "commitments": [],
                           "order": theme_order.get(key, (10_000, 0))}
        themes[key]["commitments"].append(entry)
    ordered = sorted(themes.values(), key=lambda t: t["order"])
    for theme in ordered:
        del theme["order"]
    if len(ordered) > 1 and ordered[-1]["title"] is None:
        ordered[-1]["title"] = _("Övriga löften")

    approvals = [
        {"organisation": a.organisation.name, "name": a.approver_name,
         "date": timezone.localtime(a.approved_at).date().isoformat()}
        for a in report.approvals.select_related("organisation").order_by("approved_at", "pk")
    ] if report.pk else []
    return {
        "version": VERSION,
        "title": report.title,
        "as_of": as_of.isoformat(),
        "as_of_label": day_label(as_of),
        "known_by": known.isoformat(),
        "known_by_label": day_label(known),
        "municipality": {"name": municipality.name, "slug": municipality.slug, "code": municipality.code},
        "set": {
            "title": promise_set.title, "period_label": promise_set.period_label,
            "start_label": day_label(promise_set.start), "end_label": day_label(promise_set.end),
            "area": promise_set.area.name if promise_set.area_id else "", "url": promise_set.get_absolute_url(),
            "ended": period.has_ended(as_of),
            "parties": [p.name for p in parties_of(promise_set)],
        },
        "texts": {"introduction": report.introduction, "conclusions": report.conclusions,
                  "next_steps": report.next_steps},
        "summary": [[_status(s), n] for s, n in status_summary(evaluations)],
        "themes": ordered,
        "commitment_count": len(commitments),
        "findings": _findings(promise_set, as_of, known_until),
        "inputs": _inputs(promise_set, known_until),
        "approvals": approvals,
        "published": day_label(timezone.localdate(report.published_at)) if report.published_at else "",
        "published_on": timezone.localdate(report.published_at).isoformat() if report.published_at else "",
        "is_demo": report.is_demo or Activity.objects.filter(
            commitments__promise_set=promise_set, is_demo__in=[True]).exists(),
        "not_proof": _(effects.NOT_PROOF),
        "small_count_threshold": types.SMALL_COUNT_THRESHOLD,
    }


def _target_line(target, progress) -> str:
    """"minst 4 trygghetsvandringar: 3 av 4", the count through the privacy rules ("färre än 5")."""
    done = (privacy.public_figure(target.activity_type, progress.done) if target.activity_type in types.REGISTRY
            else str(progress.done))
    values = {"target": target_text(target), "done": done, "required": progress.required}
    if target.covers_areas:
        return _("%(target)s: %(done)s av %(required)s kommundelar") % values
    return _("%(target)s: %(done)s av %(required)s") % values


def _findings(promise_set: PromiseSet, as_of: date, known_until: datetime) -> dict:
    findings = (
        Finding.objects.published()
        .filter(walk__commitments__promise_set=promise_set, walk__date__gte=promise_set.start,
                walk__date__lte=as_of)
        .distinct().values_list("status", "status_changed_at")
    )
    counts = {"total": 0, "fixed": 0, "closed": 0, "open": 0}
    for status, changed in findings:
        counts["total"] += 1
        settled = changed is not None and changed <= known_until
        if settled and status in FIXED_STATUSES:
            counts["fixed"] += 1
        elif settled and status in CLOSED_STATUSES:
            counts["closed"] += 1
        else:
            counts["open"] += 1
    return counts


def _inputs(promise_set: PromiseSet, known_until: datetime) -> dict:
    inputs = CitizenInput.objects.published().filter(commitment__promise_set=promise_set,
                                                     created_at__lte=known_until)
    return {
        "received": inputs.count(),
        "answered": inputs.filter(answered_at__isnull=False, answered_at__lte=known_until).count(),
    }
