"""What the API reads: public querysets and the functions that turn a page of rows into items.

Every queryset starts from the domain's publication rules (`published()`, `public()`, `live()`)
and every figure of recorded work comes from lofte.activities.privacy, so the API shows exactly what
the public pages show and nothing else. Each builder loads a page in a fixed number of queries.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from ninja.errors import HttpError

from lofte.activities import privacy, types
from lofte.activities.models import Activity, CountedWork
from lofte.activities.progress import evaluate_commitment, target_spec, with_progress_data
from lofte.core.models import Area, Municipality
from lofte.dialogue.models import CitizenInput, Meeting
from lofte.promises.models import Assessment, Commitment, PromiseSet, Theme
from lofte.promises.periods import parse_period
from lofte.promises.status import Period, follow_up_points
from lofte.reports.public import published_reports
from lofte.situation.models import ImportRun, Indicator, Observation
from lofte.walks.models import CLOSED_STATUSES, FIXED_STATUSES, OPEN_STATUSES, Finding, FindingPhoto
from lofte.walks.models import Status as FindingStatus


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def label(key: str, text) -> dict:
    return {"key": str(key), "label": str(text)}


# ---------------------------------------------------------------------------------------------
# Filters shared by the lists


def municipality_filter(value: str | None) -> Municipality | None:
    """A municipality by code (0486) or address name (strangnas); 400 when there is none."""
    if not value:
        return None
    found = Municipality.objects.filter(Q(code=value) | Q(slug=value)).first()
    if found is None:
        raise HttpError(400, f"Kommunen {value!r} finns inte. Ange kommunkoden (t.ex. 0486) eller namnet i "
                             "webbadressen (t.ex. strangnas).")
    return found


def county_filter(value: str | None) -> str | None:
    if not value:
        return None
    if not Municipality.objects.filter(county_code=value).exists():
        raise HttpError(400, f"Länet {value!r} finns inte. Ange länskoden med två siffror, t.ex. 04.")
    return value


def period_filter(value: str | None) -> Period | None:
    """"2022", "2022-2023" or "2022-07-01--2023-06-30"; 400 for anything else."""
    if not value:
        return None
    try:
        period = parse_period(value)
    except ValueError as exc:
        raise HttpError(400, f"Parametern period är ogiltig: {exc}.") from None
    if period is None:
        raise HttpError(400, "Parametern period är ogiltig. Ange ett år (2022), två år (2022-2023) eller två "
                             "datum (2022-07-01--2023-06-30).")
    return period


def place(queryset, municipality: str | None, county: str | None, path: str = "municipality"):
    """Narrow a queryset to a municipality and/or a county, through the relation at `path`."""
    m = municipality_filter(municipality)
    c = county_filter(county)
    if m is not None:
        queryset = queryset.filter(**{path: m})
    if c is not None:
        queryset = queryset.filter(**{f"{path}__county_code": c})
    return queryset


def _localdate(moment: datetime | None) -> date | None:
    return timezone.localtime(moment).date() if moment else None


# ---------------------------------------------------------------------------------------------
# Municipalities


def municipalities():
    return Municipality.objects.annotate(
        has_promises=Exists(PromiseSet.objects.published().filter(municipality=OuterRef("pk")))
    ).prefetch_related(Prefetch("areas", queryset=Area.objects.order_by("name")))


def municipality_items(rows) -> list[dict]:
    return [
        {
            "code": m.code, "slug": m.slug, "name": m.name, "county_code": m.county_code, "county": m.county,
            "areas": [{"id": a.pk, "slug": a.slug, "name": a.name} for a in m.areas.all()],
            "has_promises": m.has_promises,
            "url": absolute(reverse("site:municipality", args=[m.slug])),
            "updated_at": m.content_changed_at,
        }
        for m in rows
    ]


def municipality_ref(m: Municipality) -> dict:
    return {"code": m.code, "slug": m.slug, "name": m.name}


# ---------------------------------------------------------------------------------------------
# Promise sets and themes


def promise_sets():
    return (
        PromiseSet.objects.published().select_related("municipality", "area")
        .prefetch_related("partners")
        # A subquery per row, not COUNT over a join: with GROUP BY the database counts every set
        # of the country before it can take a page of them.
        .annotate(commitment_count=Coalesce(Subquery(
            Commitment.objects.filter(promise_set=OuterRef("pk"), archived=False).order_by()
            .values("promise_set").annotate(n=Count("pk")).values("n")
        ), 0))
    )


def overlapping(queryset, period: Period | None, start: str = "start", end: str = "end"):
    if period is None:
        return queryset
    return queryset.filter(**{f"{start}__lte": period.end, f"{end}__gte": period.start})


def promise_set_items(rows) -> list[dict]:
    today = timezone.localdate()
    return [
        {
            "id": s.pk, "municipality": municipality_ref(s.municipality),
            "area": {"id": s.area.pk, "slug": s.area.slug, "name": s.area.name} if s.area_id else None,
            "period": s.slug, "title": s.title, "intro": s.intro, "start": s.start, "end": s.end,
            "ended": s.dates.has_ended(today),
            "signatories": [line.strip() for line in s.signatories.splitlines() if line.strip()],
            "partners": [p.name for p in s.partners.all()],
            "commitment_count": s.commitment_count,
            "published_at": s.published_at, "updated_at": s.updated_at,
            "url": absolute(s.get_absolute_url()),
        }
        for s in rows
    ]


def themes():
    return Theme.objects.filter(promise_set__in=PromiseSet.objects.published())


def theme_items(rows) -> list[dict]:
    return [{"id": t.pk, "promise_set": t.promise_set_id, "title": t.title, "position": t.position} for t in rows]


# ---------------------------------------------------------------------------------------------
# Commitments: computed status and progress


def commitments():
    return Commitment.objects.published()


def changed_commitments(queryset, since: datetime):
    """Commitments whose set, counted work or assessments changed since `since`."""
    work = CountedWork.objects.filter(commitment=OuterRef("pk")).filter(
        Q(known_from__gte=since) | Q(known_until__gte=since))
    assessed = Assessment.objects.filter(commitment=OuterRef("pk"), created_at__gte=since)
    return queryset.filter(Q(promise_set__updated_at__gte=since) | Exists(work) | Exists(assessed))


def _target_item(target, part, figures_shown: bool) -> dict:
    item = {
        "count": target.count, "unit": target.unit, "activity_type": target.activity_type or None,
        "per": target.per, "covers_areas": target.covers_areas, "figure": target.figure or None,
        "done": None, "required": None, "percent": None, "suppressed": False,
    }
    if part is None:
        return item
    sensitive = bool(target.activity_type) and target.activity_type in privacy.sensitive_type_keys()
    if privacy.is_suppressed(target.activity_type, part.done) or (sensitive and not figures_shown):
        item["suppressed"] = True
        return item
    item.update(done=part.done, required=part.required, percent=int(part.progress * 100 + 1e-9))
    return item


def _final_assessment(commitment) -> dict | None:
    assessment = next(iter(commitment.api_final_assessments), None)
    if assessment is None:
        return None
    return {
        "verdict": label(assessment.verdict, assessment.get_verdict_display()),
        "assessed_on": assessment.assessed_on, "text": assessment.text,
        "evidence": assessment.evidence_links, "organisation": assessment.organisation.name,
        "author": assessment.author_name,
    }


def commitment_items(rows, as_of: date | None = None) -> list[tuple[int, dict]]:
    """(id, item) of each commitment, its status and progress as of `as_of` (today by default)."""
    today = timezone.localdate()
    as_of = as_of or today
    ids = [c.pk for c in rows]
    loaded = (
        with_progress_data(Commitment.objects.filter(pk__in=ids))
        .select_related("promise_set__municipality", "promise_set__area")
        .prefetch_related(Prefetch(
            "assessments",
            queryset=Assessment.objects.exclude(verdict="").select_related("organisation").order_by("-assessed_on", "-pk"),
            to_attr="api_final_assessments",
        ))
        .order_by("pk")
    )
    loaded = list(loaded)
    municipality_ids = {c.promise_set.municipality_id for c in loaded}
    areas = dict(
        Area.objects.filter(municipality_id__in=municipality_ids).values("municipality_id")
        .annotate(n=Count("pk")).values_list("municipality_id", "n")
    )
    items = []
    for c in loaded:
        evaluation = evaluate_commitment(c, as_of, areas.get(c.promise_set.municipality_id, 0))
        figures_shown = privacy.sensitive_figures_shown(as_of, today, follow_up_points(c.promise_set.dates))
        parts = iter(evaluation.targets)
        targets = []
        for target in c.targets.all():
            spec = target_spec(target)
            numeric = spec.count is not None or (spec.covers_areas and areas.get(c.promise_set.municipality_id, 0) > 0)
            part = next(parts) if numeric and evaluation.progress is not None else None
            targets.append(_target_item(target, part, figures_shown))
        suppressed = any(t["suppressed"] for t in targets)
        items.append((c.pk, {
            "id": c.pk, "promise_set": c.promise_set_id, "municipality": c.promise_set.municipality.code,
            "number": c.number, "theme": c.theme_id, "short_title": c.title, "text": c.text,
            "parties": [p.name for p in c.parties.all()], "targets": targets, "as_of": as_of,
            "status": label(evaluation.status.value, evaluation.status.label),
            "progress": None if suppressed else evaluation.percent,
            "final": evaluation.final,
            "final_assessment": _final_assessment(c),
            "url": absolute(c.get_absolute_url()),
        }))
    return items


# ---------------------------------------------------------------------------------------------
# Activities: one by one where the type allows it, totals per set for sensitive types


def public_records(queryset):
    """Candidate rows for the activity list: live, published, non-sensitive. The privacy function
    decides what of them is shown (activity_items)."""
    return queryset.published().exclude(type__in=privacy.sensitive_type_keys())


def activity_items(rows) -> list[dict]:
    """The page's records as lofte.activities.privacy.public_activity_figures() gives them."""
    ids = [a.pk for a in rows]
    figures = privacy.public_activity_figures(
        Activity.objects.filter(pk__in=ids), start=date.min, end=timezone.localdate()
    )
    codes = dict(Activity.objects.filter(pk__in=ids).values_list("pk", "municipality__code"))
    links = defaultdict(list)
    for activity_id, commitment_id in (
        Activity.commitments.through.objects.filter(activity_id__in=ids, commitment__in=Commitment.objects.published())
        .order_by("commitment_id").values_list("activity_id", "commitment_id")
    ):
        links[activity_id].append(commitment_id)
    items = []
    for record in sorted(figures.records, key=lambda r: r.id):
        items.append({
            "id": record.id, "date": record.date, "type": label(record.type_key, record.type_label),
            "municipality": codes[record.id], "area": record.area or None, "count": int(record.count),
            "note": record.note,
            "details": [{"label": lbl, "text": text, "link": link or None} for lbl, text, link in record.details],
            "commitments": links[record.id], "recorded_on": record.recorded_on,
        })
    return items


def activity_total_items(rows) -> list[tuple[int, list[dict]]]:
    """Per published set: the totals of sensitive types over its period until today (privacy rules),
    one query for the whole page."""
    today = timezone.localdate()
    rows = list(rows)
    periods = {s.pk: (s.start, min(s.end, today)) for s in rows if s.start <= today}
    totals = privacy.public_activity_totals_per_group(Activity.objects.all(), "commitments__promise_set", periods)
    return [
        (s.pk, [
            {
                "promise_set": s.pk, "municipality": s.municipality.code,
                "type": label(t.type_key, t.type_label), "start": t.start, "end": t.end,
                "count": None if t.suppressed else int(t.count), "count_text": t.count, "suppressed": t.suppressed,
            }
            for t in totals.get(s.pk, [])
        ])
        for s in rows
    ]


def activity_type_items() -> list[dict]:
    return [
        {
            "key": t.key, "label": str(t.label), "sensitive": t.sensitive, "asks_area": t.asks_area,
            "asks_count": t.asks_count, "per_month": t.per_month,
            "note_required": t.note_label is not None and t.note_required,
            "fields": [
                {"name": f.name, "label": str(f.label), "kind": f.kind, "required": f.required,
                 "choices": [label(k, v) for k, v in f.choices], "public": not (f.staff_only or t.sensitive)}
                for f in t.fields
            ],
        }
        for t in types.all_types()
    ]


# ---------------------------------------------------------------------------------------------
# Findings, meetings, citizen input


FINDING_GROUPS = {"open": OPEN_STATUSES, "fixed": FIXED_STATUSES, "closed": CLOSED_STATUSES}


def findings():
    approved = FindingPhoto.objects.filter(approved_at__isnull=False).order_by("uploaded_at", "pk")
    return (
        Finding.objects.published().select_related("municipality", "walk", "walk__area")
        .prefetch_related(Prefetch("photos", queryset=approved, to_attr="public_photos"))
    )


def finding_status_filter(queryset, status: str | None):
    if not status:
        return queryset
    if status in FINDING_GROUPS:
        return queryset.filter(status__in=FINDING_GROUPS[status])
    if status in FindingStatus.values:
        return queryset.filter(status=status)
    raise HttpError(400, f"Statusen {status!r} finns inte. Ange open, fixed, closed eller en av "
                         f"{', '.join(FindingStatus.values)}.")


def finding_items(rows) -> list[dict]:
    today = timezone.localdate()
    return [
        {
            "id": f.pk, "municipality": f.municipality.code,
            "walk": {"id": f.walk_id, "date": f.walk.date, "area": f.walk.area.name if f.walk.area_id else None},
            "category": label(f.category, f.get_category_display()), "description": f.description,
            "address": f.address,
            "latitude": float(f.latitude) if f.latitude is not None else None,
            "longitude": float(f.longitude) if f.longitude is not None else None,
            "owner": f.owner, "deadline": f.deadline, "status": label(f.status, f.get_status_display()),
            "group": "fixed" if f.is_fixed else "closed" if f.is_closed else "open",
            "late": f.is_late(today), "no_action_reason": f.no_action_reason, "sent_to": f.sent_to,
            "feedback_date": f.feedback_date,
            "photos": [
                {"url": absolute(reverse("site:finding_photo", args=[f.municipality.slug, p.pk])),
                 "alt_text": p.alt_text, "width": p.width, "height": p.height}
                for p in f.public_photos
            ],
            "updated_at": f.updated_at,
        }
        for f in rows
    ]


def meetings():
    return Meeting.objects.public().select_related("municipality", "area", "organiser")


def meeting_items(rows) -> list[dict]:
    return [
        {
            "id": m.pk, "municipality": m.municipality.code, "title": m.title, "description": m.description,
            "kind": label(m.kind, m.get_kind_display()), "starts_at": m.starts_at, "ends_at": m.ends_at,
            "place": m.place, "area": m.area.name if m.area_id else None,
            "organiser": m.organiser.name if m.organiser_id else None, "commitment": m.commitment_id,
            "cancelled": m.cancelled, "held": m.held_activity_id is not None,
            "url": absolute(reverse("site:meeting", args=[m.municipality.slug, m.pk])),
            "ics": absolute(reverse("site:meeting_ics", args=[m.municipality.slug, m.pk])),
            "updated_at": m.updated_at,
        }
        for m in rows
    ]


def citizen_inputs():
    return CitizenInput.objects.published().select_related("municipality", "area", "answered_by")


def citizen_input_items(rows) -> list[dict]:
    # The commitment is linked only while it is published (a set withdrawn to draft hides it).
    public = set(Commitment.objects.published().filter(pk__in=[i.commitment_id for i in rows if i.commitment_id])
                 .values_list("pk", flat=True))
    return [
        {
            "id": i.pk, "municipality": i.municipality.code, "issue": i.public_message,
            "issue_date": _localdate(i.created_at), "area": i.area.name if i.area_id else None,
            "commitment": i.commitment_id if i.commitment_id in public else None,
            "action": i.answer or None, "action_date": _localdate(i.answered_at),
            "action_by": i.answered_by.name if i.answered_by_id else None,
            "action_by_person": i.answerer_name or None,
        }
        for i in rows
    ]


# ---------------------------------------------------------------------------------------------
# The situation picture: indicators and their live observations


def indicators():
    live = Observation.objects.public_series().filter(series__indicator=OuterRef("pk"))
    return Indicator.objects.filter(Exists(live))


def indicator_items(rows) -> list[dict]:
    return [
        {
            "key": i.key, "name": i.name, "description": i.description, "unit": i.unit, "kind": i.kind,
            "period_kind": i.period_kind, "theme": label(i.theme, i.get_theme_display()),
            "source": label(i.source, i.get_source_display()), "source_ref": i.source_ref,
            "source_url": i.source_url, "attribution": i.attribution, "licence": i.licence,
            "decimals": i.decimals, "updated_at": i.updated_at,
        }
        for i in rows
    ]


def observations():
    # The runs are read apart (observation_items): joined too, they made PostgreSQL plan an eight-table
    # join for every page (15 ms), and each row decoded its run's summary (the police run's holds
    # the coverage of every municipality).
    return Observation.objects.public_series().select_related("series__indicator", "series__municipality", "series__area")


def observation_items(rows) -> list[dict]:
    demo_runs = set(ImportRun.objects.filter(pk__in={o.run_id for o in rows}, is_demo=True).values_list("pk", flat=True))
    return [
        {
            "id": o.pk, "indicator": o.series.indicator.key, "region": o.series.region,
            "municipality": o.series.municipality.code if o.series.municipality_id else None,
            "area": o.series.area.name if o.series.area_id else None, "gender": o.series.gender,
            "period_start": o.period_start, "value": o.value, "rate": o.rate, "base": o.base,
            "status": o.status, "demo": o.run_id in demo_runs,
        }
        for o in rows
    ]


# ---------------------------------------------------------------------------------------------
# Follow-up reports: published ones only, as frozen at publication


def reports():
    return published_reports().prefetch_related("approvals__organisation")


def report_items(rows) -> list[dict]:
    return [
        {
            "id": r.pk, "municipality": municipality_ref(r.municipality), "promise_set": r.promise_set_id,
            "title": r.title, "as_of": r.as_of, "published_at": r.published_at,
            "approvals": [
                {"organisation": a.organisation.name, "approved_by": a.approver_name, "approved_at": a.approved_at}
                for a in r.approvals.all()
            ],
            "url": absolute(r.get_absolute_url()), "pdf_url": absolute(r.pdf_url()),
            "content": r.snapshot or {},
        }
        for r in rows
    ]
