"""Data assembly for the public pages: small functions that the views call and tests can call too.

Every read goes through the `published()` queryset methods, so a draft never reaches a page. Each
function loads what its page needs in a fixed number of queries, however many municipalities,
sets, commitments or activities there are.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Exists, OuterRef
from django.http import Http404
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from lofte.activities import privacy, types
from lofte.activities.models import Activity
from lofte.activities.progress import (
    FollowUp,
    area_count,
    evaluate_commitment,
    follow_ups,
    grace_days,
    late_records,
    set_evaluations,
    status_summary,
    target_spec,
    target_text,
    with_progress_data,
)
from lofte.core.models import Area, Municipality, Organisation
from lofte.est.public import PublicEst, public_est
from lofte.promises import status as status_rules
from lofte.promises.models import (
    Approval,
    Assessment,
    Commitment,
    CommitmentVersion,
    PromiseSet,
    PromiseSetAlias,
    Target,
)
from lofte.promises.status import Evaluation, Status, TargetProgress, follow_up_points, is_late
from lofte.promises.workflow import party_sort_key
from lofte.reports.public import published_report_links
from lofte.situation import effects as situation_effects
from lofte.situation.picture import SituationPicture, situation_picture
from lofte.walks.models import Finding

# ---------------------------------------------------------------------------------------------
# Text helpers


def fold(text: str) -> str:
    """Case- and diacritics-insensitive form of a text, for search: "Strängnäs" -> "strangnas"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).strip()


# Swedish alphabetical order puts å, ä, ö after z (and in that order); code-point order does not.
_SV_ORDER = str.maketrans({"å": "{", "ä": "|", "ö": "}", "æ": "|", "ø": "}", "é": "e", "ü": "y"})


def sv_sort_key(text: str) -> str:
    return text.casefold().translate(_SV_ORDER)


def canonical_years(period: str) -> str:
    """"2021-2021" -> "2021": the one address of a one-year set (older links may repeat the year)."""
    first, _sep, rest = period.partition("-")
    return first if rest == first else period


def is_sensitive(type_key: str | None) -> bool:
    return bool(type_key) and type_key in types.REGISTRY and types.get(type_key).sensitive


# ---------------------------------------------------------------------------------------------
# Lookups that 404


def get_municipality(slug: str) -> Municipality:
    try:
        return Municipality.objects.get(slug=slug)
    except Municipality.DoesNotExist:
        raise Http404(_("Kommunen finns inte.")) from None


def find_published_set(municipality: Municipality, period: str, area_slug: str | None = None
                       ) -> tuple[PromiseSet, bool]:
    """The published set at an address, and whether the address is the set's own.

    When it is not (an address the set had before its period or area changed, "2021-2021" for
    "2021", or a municipality-wide address of the one set now scoped to an area), the view redirects
    to the set's own address, so links people made keep working. Anything else is a 404.
    """
    published = PromiseSet.objects.published().filter(municipality=municipality).select_related("area")
    area = None
    if area_slug is not None:
        area = Area.objects.filter(municipality=municipality, slug=area_slug).first()
        if area is None:
            raise Http404(_("Området finns inte."))
    found = published.filter(area=area, slug=period).first()
    if found is not None:
        return _attached(found, municipality), True
    alias = (
        PromiseSetAlias.objects.filter(municipality=municipality, area=area, slug=period,
                                       promise_set__status=PromiseSet.Status.PUBLISHED)
        .select_related("promise_set__area").first()
    )
    if alias is not None:
        return _attached(alias.promise_set, municipality), False
    if canonical_years(period) != period:
        found = published.filter(area=area, slug=canonical_years(period)).first()
        if found is not None:
            return _attached(found, municipality), False
    if area is None:
        scoped = list(published.filter(slug=period, area__isnull=False)[:2])
        if len(scoped) == 1:
            return _attached(scoped[0], municipality), False
    raise Http404(_("Det finns inget publicerat medborgarlöfte för perioden."))


def get_published_set(municipality: Municipality, period: str, area_slug: str | None = None) -> PromiseSet:
    """The published set at its own address (404 otherwise); for callers that never redirect."""
    promise_set, canonical = find_published_set(municipality, period, area_slug)
    if not canonical:
        raise Http404(_("Det finns inget publicerat medborgarlöfte för perioden."))
    return promise_set


def _attached(promise_set: PromiseSet, municipality: Municipality) -> PromiseSet:
    promise_set.municipality = municipality
    return promise_set


# ---------------------------------------------------------------------------------------------
# `/`: every municipality, grouped by county


@dataclass
class County:
    name: str
    municipalities: list[Municipality]


@dataclass
class IndexPage:
    query: str
    with_promises: list[Municipality]
    counties: list[County]
    total: int
    shown: int


def index_page(query: str = "") -> IndexPage:
    """All municipalities (optionally filtered by a search text), those with promises first."""
    query = (query or "").strip()[:100]
    municipalities = list(
        Municipality.objects.only("code", "name", "slug", "county", "county_code").annotate(
            has_promises=Exists(PromiseSet.objects.published().filter(municipality=OuterRef("pk")))
        )
    )
    total = len(municipalities)
    # One reverse() for up to 580 links (each took a tenth of a millisecond): the address with a
    # marker for the slug (slugs are ASCII, so reverse() would quote nothing in them).
    head, tail = reverse("site:municipality", args=["0"]).rsplit("0", 1)
    for m in municipalities:
        m.url = f"{head}{m.slug}{tail}"
    needle = fold(query)
    if needle:
        municipalities = [
            m for m in municipalities if needle in fold(m.name) or needle in fold(m.county) or needle == m.code
        ]
    municipalities.sort(key=lambda m: sv_sort_key(m.name))
    by_county: dict[str, list[Municipality]] = {}
    for m in municipalities:
        by_county.setdefault(m.county, []).append(m)
    counties = [County(name, by_county[name]) for name in sorted(by_county, key=sv_sort_key)]
    return IndexPage(
        query=query,
        with_promises=[m for m in municipalities if m.has_promises],
        counties=counties,
        total=total,
        shown=len(municipalities),
    )


# ---------------------------------------------------------------------------------------------
# `/<kommun>/`: the municipality's sets with a status summary each


@dataclass
class SetSummary:
    promise_set: PromiseSet
    commitment_count: int
    summary: list[tuple[Status, int]]
    # The period is over: the summary counts verdicts ("Slutresultat").
    ended: bool = False


@dataclass
class AreaGroup:
    """The sets of the whole municipality (area None) or of one of its areas."""

    area: Area | None
    sets: list[SetSummary]


@dataclass
class MunicipalityPage:
    municipality: Municipality
    sets: list[SetSummary]
    groups: list[AreaGroup] = field(default_factory=list)


def municipality_page(municipality: Municipality, today: date) -> MunicipalityPage:
    """The municipality's published sets, newest first, grouped by area (the whole municipality first)."""
    promise_sets = list(
        PromiseSet.objects.published().filter(municipality=municipality).select_related("area")
        .order_by("-end", "-start")
    )
    for promise_set in promise_sets:
        promise_set.municipality = municipality
    evaluations = set_evaluations(promise_sets, today)
    summaries = [
        SetSummary(s, len(evaluations[s.pk]), status_summary(evaluations[s.pk]), s.dates.has_ended(today))
        for s in promise_sets
    ]
    by_area: dict[int | None, list[SetSummary]] = {}
    for summary in summaries:
        by_area.setdefault(summary.promise_set.area_id, []).append(summary)
    areas = {s.promise_set.area_id: s.promise_set.area for s in summaries}
    order = sorted(by_area, key=lambda pk: (pk is not None, sv_sort_key(areas[pk].name) if pk else ""))
    return MunicipalityPage(
        municipality=municipality,
        sets=summaries,
        groups=[AreaGroup(areas[pk], by_area[pk]) for pk in order],
    )


# ---------------------------------------------------------------------------------------------
# Commitments: targets, progress and status as text


@dataclass
class TargetView:
    text: str
    progress_text: str | None
    percent: int | None
    # True when the figure would reveal fewer than five records of a sensitive activity type.
    suppressed: bool
    # The kommundelar a coverage target's work has reached so far ("i olika kommundelar").
    covered_areas: list[str] = field(default_factory=list)


@dataclass
class CommitmentView:
    commitment: Commitment
    parties: list[str]
    targets: list[TargetView]
    evaluation: Evaluation
    history: list[FollowUp]
    suppressed: bool
    # Records counting now that were registered after the follow-up point that should have had them.
    late: int = 0

    @property
    def number(self) -> int:
        return self.commitment.number

    @property
    def title(self) -> str:
        return self.commitment.title

    @property
    def status(self) -> Status:
        return self.evaluation.status

    @property
    def url(self) -> str:
        return self.commitment.get_absolute_url()

    @property
    def label(self) -> str:
        return _("Löfte %(number)s") % {"number": self.number}

    @property
    def percent(self) -> int | None:
        return None if self.suppressed else self.evaluation.percent


def _done_text(target: Target, done: int) -> str:
    if is_sensitive(target.activity_type):
        return privacy.public_figure(target.activity_type, done)
    return str(done)


def covered_area_names(commitment: Commitment, target: Target, today: date, area_names: dict[int, str]) -> list[str]:
    """The areas a coverage target's counted work reached, in the period up to today, by name."""
    if not target.covers_areas or is_sensitive(target.activity_type):
        return []
    period = commitment.promise_set.dates
    ids = {
        row.area_id
        for row in commitment.ledger
        if row.known_until is None and row.area_id and period.contains(row.date) and row.date <= today
        and (not target.activity_type or row.type == target.activity_type)
    }
    return sorted((area_names[i] for i in ids if i in area_names), key=sv_sort_key)


def per_year_text(target: Target, part: TargetProgress, done: str) -> str:
    """ "3 av 4 (2 per år i 2 år)", saying how a last part-year shorter than twelve months counts."""
    full = sum(1 for year_part, _required, _got in part.parts if year_part.is_full)
    short = part.short_part
    values = {"done": done, "required": part.required, "count": target.count, "years": full}
    if short is None:
        return _("%(done)s av %(required)s (%(count)s per år i %(years)s år)") % values
    year_part, required = short
    values.update(months=year_part.months, short=required)
    if not full:
        return _(
            "%(done)s av %(required)s (%(count)s per år; perioden är %(months)s månader, så målet är "
            "%(short)s, avrundat uppåt)"
        ) % values
    return _(
        "%(done)s av %(required)s (%(count)s per år i %(years)s år och %(short)s för de sista %(months)s "
        "månaderna, avrundat uppåt)"
    ) % values


def target_view(target: Target, part: TargetProgress | None) -> TargetView:
    text = target_text(target)
    if part is None:
        return TargetView(text, None, None, False)
    suppressed = privacy.is_suppressed(target.activity_type, part.done)
    done = _done_text(target, part.done)
    if target.covers_areas:
        progress = _("%(done)s av %(required)s kommundelar") % {"done": done, "required": part.required}
    elif target.per == Target.Per.YEAR and (len(part.parts) > 1 or part.short_part):
        progress = per_year_text(target, part, done)
    else:
        progress = _("%(done)s av %(required)s") % {"done": done, "required": part.required}
    percent = None if suppressed else int(part.progress * 100 + 1e-9)
    return TargetView(text, progress, percent, suppressed)


def commitment_view(
    commitment: Commitment, today: date, areas: int, area_names: dict[int, str] | None = None
) -> CommitmentView:
    """One commitment fetched through with_progress_data(), with its promise_set attached.

    With `area_names` (id -> name), coverage targets also list the areas reached.
    """
    evaluation = evaluate_commitment(commitment, today, areas)
    parts = iter(evaluation.targets)
    target_views = []
    for target in commitment.targets.all():
        spec = target_spec(target)
        # evaluate() leaves out targets without a number (unless they ask for every area and the
        # municipality has areas); they are shown as text only.
        numeric = spec.count is not None or (spec.covers_areas and areas > 0)
        target_views.append(target_view(target, next(parts) if numeric and evaluation.progress is not None else None))
        if area_names is not None and target_views[-1].progress_text:
            target_views[-1].covered_areas = covered_area_names(commitment, target, today, area_names)
    return CommitmentView(
        commitment=commitment,
        parties=[p.name for p in commitment.parties.all()],
        targets=target_views,
        evaluation=evaluation,
        history=follow_ups(commitment, today, areas),
        suppressed=any(t.suppressed for t in target_views),
        late=late_records(commitment),
    )


# ---------------------------------------------------------------------------------------------
# Who promises


@dataclass
class Promisors:
    """The parties that promise (and approve) and the partners that take part without promising."""

    parties: list[Organisation]
    partners: list[Organisation]

    @property
    def single(self) -> bool:
        return len(self.parties) == 1


def promisors(promise_set: PromiseSet, commitments: list[Commitment]) -> Promisors:
    """Who promises: the parties named on the set's published commitments (fetched with their
    parties, as the set page has them), as lofte.promises.workflow.parties_of() orders them."""
    unique = {p.pk: p for c in commitments for p in c.parties.all()}
    return Promisors(
        parties=sorted(unique.values(), key=party_sort_key),
        partners=list(promise_set.partners.order_by("kind", "name")),
    )


# ---------------------------------------------------------------------------------------------
# `/<kommun>/<period>/`: the whole set


@dataclass
class ThemeView:
    title: str | None
    commitments: list[CommitmentView]


@dataclass
class HistoryRow:
    """A commitment's row of the set page's history table: each cell with its column's date."""

    view: CommitmentView
    cells: list[tuple[str, FollowUp]]


@dataclass
class SetPage:
    municipality: Municipality
    promise_set: PromiseSet
    signatories: list[str]
    themes: list[ThemeView]
    commitments: list[CommitmentView]
    points: list[date]  # follow-up points of the period that have passed
    summary: list[tuple[Status, int]]
    upcoming: list[date] = field(default_factory=list)
    # "Godkänd av … den …": one approval per promising party (lofte.promises.workflow).
    approvals: list[Approval] = field(default_factory=list)
    promisors: Promisors | None = None
    # The period is over: "Läget i dag" is the final result, every status a verdict.
    ended: bool = False
    grace_days: int = 0
    # Published follow-up reports of the set, newest first (lofte.reports).
    reports: list = field(default_factory=list)
    # The passed points as the history table's headings ("30 apr 2023"), and its rows.
    point_labels: list[str] = field(default_factory=list)
    history: list[HistoryRow] = field(default_factory=list)


def passed_points(promise_set: PromiseSet, today: date) -> list[date]:
    return [p for p in follow_up_points(promise_set.dates) if p <= today]


def set_page(promise_set: PromiseSet, today: date) -> SetPage:
    municipality = promise_set.municipality
    areas = area_count(municipality.pk)
    commitments = list(
        with_progress_data(Commitment.objects.published().filter(promise_set=promise_set).order_by("number"))
        .select_related("theme")
    )
    # The headings that have published commitments, in their order (no query of their own).
    themes = sorted({c.theme_id: c.theme for c in commitments if c.theme_id}.values(), key=lambda t: (t.position, t.pk))
    views = []
    for commitment in commitments:
        commitment.promise_set = promise_set
        views.append(commitment_view(commitment, today, areas))
    by_theme: dict[int | None, list[CommitmentView]] = {}
    for view in views:
        by_theme.setdefault(view.commitment.theme_id, []).append(view)
    theme_views = [ThemeView(t.title, by_theme.pop(t.pk)) for t in themes if t.pk in by_theme]
    if by_theme:
        # Commitments without a theme (a set without headings, like Strängnäs 2021).
        rest = [v for group in by_theme.values() for v in group]
        rest.sort(key=lambda v: v.number)
        theme_views.append(ThemeView(_("Övriga löften") if theme_views else None, rest))
    all_points = follow_up_points(promise_set.dates)
    points = [p for p in all_points if p <= today]
    # Formatted once per column rather than once per cell.
    labels = {p: date_format(p, "j b Y") for p in points}
    return SetPage(
        municipality=municipality,
        promise_set=promise_set,
        signatories=[line.strip() for line in promise_set.signatories.splitlines() if line.strip()],
        themes=theme_views,
        commitments=views,
        points=points,
        summary=status_summary(v.evaluation for v in views),
        upcoming=[p for p in all_points if p > today],
        approvals=list(
            Approval.objects.filter(promise_set=promise_set).select_related("organisation").order_by("approved_at")
        ),
        promisors=promisors(promise_set, commitments),
        ended=promise_set.dates.has_ended(today),
        grace_days=grace_days(),
        reports=list(published_report_links(promise_set)),
        point_labels=list(labels.values()),
        history=[HistoryRow(v, [(labels[f.as_of], f) for f in v.history]) for v in views],
    )


# ---------------------------------------------------------------------------------------------
# `/<kommun>/<period>/<number>/`: one commitment and its recorded work


@dataclass(frozen=True)
class ActivityRow:
    """A public record, whether it was registered after its follow-up point had closed, and (for a
    safety walk) how many public findings it has, linked to the walk's protocol."""

    record: privacy.PublicRecord
    late: bool
    findings: int = 0


@dataclass
class CommitmentPage:
    municipality: Municipality
    promise_set: PromiseSet
    theme: str | None
    view: CommitmentView
    # Non-sensitive records one by one, sensitive types as totals: see lofte.activities.privacy.
    activities: list[ActivityRow]
    sensitive: list[privacy.PublicTotal]
    # Earlier texts of the published commitment ("Tidigare lydelse"), newest first.
    versions: list[CommitmentVersion] = field(default_factory=list)
    # Written assessments, newest first, each signed by its author's organisation.
    assessments: list[Assessment] = field(default_factory=list)
    ended: bool = False
    grace_days: int = 0
    # The indicators the commitment should move, before and during/after the period
    # (lofte.situation.effects), with the sentence that a change is no proof of an effect.
    effects: list[situation_effects.Effect] = field(default_factory=list)
    not_proof: str = ""

    @property
    def final_assessment(self) -> Assessment | None:
        return next((a for a in self.assessments if a.is_final), None)


def sensitive_types() -> list[str]:
    return privacy.sensitive_type_keys()


def commitment_page(promise_set: PromiseSet, number: int, today: date) -> CommitmentPage:
    commitment = (
        with_progress_data(Commitment.objects.published().filter(promise_set=promise_set, number=number))
        .select_related("theme")
        .first()
    )
    if commitment is None:
        raise Http404(_("Löftet finns inte."))
    commitment.promise_set = promise_set
    area_names = dict(Area.objects.filter(municipality_id=promise_set.municipality_id).values_list("id", "name"))
    view = commitment_view(commitment, today, len(area_names), area_names)

    period = promise_set.dates
    figures = privacy.public_activity_figures(
        Activity.objects.filter(commitments=commitment), start=period.start, end=min(period.end, today)
    )
    grace = grace_days()
    # The findings of the commitment's public safety walks, counted per walk in one query.
    findings = dict(
        Finding.objects.published().filter(walk__commitments=commitment).values("walk_id")
        .annotate(n=Count("pk")).values_list("walk_id", "n")
    )
    return CommitmentPage(
        municipality=promise_set.municipality,
        promise_set=promise_set,
        theme=commitment.theme.title if commitment.theme else None,
        view=view,
        activities=[ActivityRow(r, is_late(r.date, r.recorded_on, period, grace), findings.get(r.id, 0))
                    for r in figures.records],
        sensitive=figures.totals,
        versions=list(CommitmentVersion.objects.filter(commitment=commitment).order_by("-version")),
        assessments=list(
            Assessment.objects.filter(commitment=commitment).select_related("organisation")
            .order_by("-assessed_on", "-pk")
        ),
        ended=period.has_ended(today),
        grace_days=grace,
        effects=situation_effects.commitment_effects(commitment),
        not_proof=_(situation_effects.NOT_PROOF),
    )


# ---------------------------------------------------------------------------------------------
# "Så räknar vi"


@dataclass
class HowWeCount:
    tolerance_percent: str
    tolerance_min: int
    statuses: list[tuple[Status, str]]
    small_count_threshold: int
    grace_days: int
    partly_percent: int


STATUS_MEANINGS = {
    Status.ACHIEVED: "Alla mål med ett antal är nådda.",
    Status.ON_TRACK: "Det som gjorts räcker för den del av perioden som har gått, inom toleransen.",
    Status.AT_RISK: "Arbetet ligger efter den takten och perioden pågår fortfarande.",
    Status.MISSED: "Perioden är slut och inget mål nåddes; mindre än hälften av det som lovades gjordes.",
    Status.PARTLY: "Perioden är slut och minst ett mål nåddes, eller minst hälften av det som lovades gjordes, "
                   "men inte allt.",
    Status.NOT_STARTED: "Inget är registrerat ännu och inget är försenat.",
    Status.ONGOING: "Löftet saknar mätbart mål och perioden pågår; det följs upp med registrerade insatser och "
                    "skriftliga bedömningar.",
    Status.NO_VERDICT: "Perioden är slut, löftet saknar mätbart mål och ingen slutbedömning är skriven ännu.",
}


def how_we_count() -> HowWeCount:
    # Read at request time from the status module so the page always says what the code does.
    share = status_rules.TOLERANCE_SHARE * 100
    percent = f"{share:.0f}" if float(share).is_integer() else f"{share:.1f}".replace(".", ",")
    return HowWeCount(
        tolerance_percent=percent,
        tolerance_min=status_rules.TOLERANCE_MIN,
        statuses=[(s, _(STATUS_MEANINGS[s])) for s in Status],
        small_count_threshold=types.SMALL_COUNT_THRESHOLD,
        grace_days=grace_days(),
        partly_percent=round(status_rules.PARTLY_SHARE * 100),
    )


# ---------------------------------------------------------------------------------------------
# `/<kommun>/lagesbild/`: the situation picture and the åtgärdsplan (law 2023:196)


@dataclass
class PlanCommitment:
    commitment: Commitment
    status: Status


@dataclass
class PlanTheme:
    title: str | None
    commitments: list[PlanCommitment]


@dataclass
class PlanSet:
    promise_set: PromiseSet
    themes: list[PlanTheme]
    summary: list[tuple[Status, int]]
    # Recorded work per activity type in the set's period, through the privacy rules.
    work: list[tuple[str, str]]


@dataclass
class SituationPage:
    municipality: Municipality
    picture: SituationPicture
    plan: list[PlanSet]
    # EST's counts per category, area and month, small counts suppressed (lofte.est.public).
    est: PublicEst | None = None


def set_period(promise_set: PromiseSet) -> tuple[date, date]:
    """The first and last day of a set's period."""
    return promise_set.start, promise_set.end


def _work_per_type(promise_set: PromiseSet, today: date) -> list[tuple[str, str]]:
    start, end = set_period(promise_set)
    return privacy.public_work_per_type(
        Activity.objects.filter(commitments__promise_set=promise_set).distinct(), start=start, end=min(end, today)
    )


def action_plan(municipality: Municipality, today: date) -> list[PlanSet]:
    """The åtgärdsplan: the published promise sets, newest first, their commitments with status today
    and the recorded work per type."""
    promise_sets = list(
        PromiseSet.objects.published().filter(municipality=municipality).select_related("area")
        .order_by("-end", "-start", "area__name")
    )
    if not promise_sets:
        return []
    by_id = {s.pk: s for s in promise_sets}
    for promise_set in promise_sets:
        promise_set.municipality = municipality
    areas = area_count(municipality.pk)
    commitments = with_progress_data(
        Commitment.objects.published().filter(promise_set__in=promise_sets).select_related("theme")
        .order_by("promise_set", "number")
    )
    # Per set: theme id -> (position, theme); commitments without a theme come last.
    grouped: dict[int, dict[int | None, tuple[tuple, PlanTheme]]] = {s.pk: {} for s in promise_sets}
    evaluations: dict[int, list[Evaluation]] = {s.pk: [] for s in promise_sets}
    for commitment in commitments:
        commitment.promise_set = by_id[commitment.promise_set_id]
        evaluation = evaluate_commitment(commitment, today, areas)
        evaluations[commitment.promise_set_id].append(evaluation)
        themes = grouped[commitment.promise_set_id]
        if commitment.theme_id not in themes:
            theme = commitment.theme
            order = (theme.position, theme.pk) if theme else (10_000, 0)
            themes[commitment.theme_id] = (order, PlanTheme(theme.title if theme else None, []))
        themes[commitment.theme_id][1].commitments.append(PlanCommitment(commitment, evaluation.status))
    return [
        PlanSet(
            promise_set=s,
            themes=[theme for _order, theme in sorted(grouped[s.pk].values(), key=lambda item: item[0])],
            summary=status_summary(evaluations[s.pk]),
            work=_work_per_type(s, today),
        )
        for s in promise_sets
    ]


def situation_page(municipality: Municipality, today: date) -> SituationPage:
    return SituationPage(municipality, situation_picture(municipality, today), action_plan(municipality, today),
                         public_est(municipality, today))
