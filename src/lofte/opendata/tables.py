"""The public data of Löfte as tables: one per kind of data, for one municipality or the country.

Every CSV download, the bulk download (`/data/`) and the DCAT description come from these tables.
Each table reads through the same functions the public pages read through, so that what a file holds
is exactly what the pages show:

- promise sets and commitments: `published()` querysets; status and progress computed as of a day
  (lofte.activities.progress), no percentage where a sensitive type's small figure could show;
- activities: `public_activity_figures()` (lofte.activities.privacy), so sensitive types appear only
  as totals per promise set's period, small ones as "färre än 5", never staff-only fields;
- findings: `lofte.walks.public.public_findings()` and its position (no owner's e-mail address);
- meetings and citizen input: `lofte.dialogue.public` (published input and answers only);
- indicators and observations: `Observation.objects.public_series()` only (live values; EST counts only aggregated, on the lägesbild).

Column names are stable lower-case Swedish keys (the CSV header and the JSON keys alike).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from lofte.activities import privacy, types
from lofte.activities.models import Activity
from lofte.activities.progress import area_count, evaluate_commitment, with_progress_data
from lofte.core.models import Municipality
from lofte.dialogue import public as dialogue_public
from lofte.dialogue.meetings import site_url
from lofte.promises.models import Commitment, PromiseSet
from lofte.situation.models import ImportRun, Indicator, Observation, Series
from lofte.walks import public as walks_public

# The first day any public record may carry: the tables list everything up to today.
EARLIEST = date(1900, 1, 1)


@dataclass(frozen=True)
class Table:
    """One kind of public data. `rows(municipality, today)` yields tuples in the order of `columns`;
    municipality None means every municipality (the bulk download)."""

    name: str
    title: str
    description: str
    columns: tuple[str, ...]
    rows: Callable[[Municipality | None, date], Iterable[tuple]]
    # The DCAT theme of the EU data-theme vocabulary (JUST: justice, legal system and public safety).
    theme: str = "JUST"
    # Third-party data keep their source's licence (Kolada, SCB); None: CC0, Löfte's own data.
    third_party: bool = False


def _iso(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    return value.isoformat()


def _municipalities(municipality: Municipality | None) -> list[Municipality]:
    if municipality is not None:
        return [municipality]
    return list(Municipality.objects.order_by("code"))


def _place(m: Municipality) -> tuple[str, str]:
    return m.code, m.name


# ---------------------------------------------------------------------------------------------
# Promise sets and commitments


def _published_sets(municipality: Municipality | None):
    sets = PromiseSet.objects.published().select_related("municipality", "area").annotate(
        live_commitments=Count("commitments", filter=Q(commitments__archived=False))
    )
    if municipality is not None:
        sets = sets.filter(municipality=municipality)
    return sets.order_by("municipality__code", "-end", "-start", "pk")


def promise_set_rows(municipality: Municipality | None, today: date) -> Iterator[tuple]:
    for s in _published_sets(municipality):
        yield (
            *_place(s.municipality), s.municipality.county, s.area.name if s.area_id else "", s.period, s.title,
            _iso(s.start), _iso(s.end), s.live_commitments, _iso(s.published_at),
            site_url(s.get_absolute_url()),
        )


def _hides_percent(commitment: Commitment) -> bool:
    # A percentage of a sensitive type's target could let a small count be worked out: the files
    # never give one (the pages hide it while the count is under five).
    return any(t.activity_type in types.REGISTRY and types.get(t.activity_type).sensitive
               for t in commitment.targets.all())


def commitment_rows(municipality: Municipality | None, today: date) -> Iterator[tuple]:
    for m in _municipalities(municipality):
        sets = {s.pk: s for s in _published_sets(m)}
        if not sets:
            continue
        areas = area_count(m.pk)
        commitments = with_progress_data(
            Commitment.objects.published().filter(promise_set__in=list(sets)).select_related("theme")
            .prefetch_related("parties").order_by("promise_set__start", "promise_set", "number")
        )
        for c in commitments:
            c.promise_set = sets[c.promise_set_id]
            c.promise_set.municipality = m
            evaluation = evaluate_commitment(c, today, areas)
            percent = None if _hides_percent(c) else evaluation.percent
            yield (
                *_place(m), c.promise_set.period, c.promise_set.area.name if c.promise_set.area_id else "",
                c.number, c.title, c.text, c.theme.title if c.theme_id else "",
                ", ".join(p.name for p in c.parties.all()),
                "; ".join(str(t) for t in c.targets.all()),
                evaluation.status.label, "" if percent is None else percent, _iso(today),
                site_url(c.get_absolute_url()),
            )


# ---------------------------------------------------------------------------------------------
# Recorded work


def activity_rows(municipality: Municipality | None, today: date) -> Iterator[tuple]:
    for m in _municipalities(municipality):
        figures = privacy.public_activity_figures(Activity.objects.filter(municipality=m), start=EARLIEST, end=today)
        for r in figures.records:
            details = "; ".join(f"{label}: {text}" for label, text, _link in r.details)
            yield (*_place(m), r.id, _iso(r.date), r.type_key, r.type_label, r.area, r.count, r.note, details,
                   _iso(r.recorded_on))


def activity_total_rows(municipality: Municipality | None, today: date) -> Iterator[tuple]:
    """Sensitive types' totals per promise set's period (what the commitment pages show)."""
    for s in _published_sets(municipality):
        totals = privacy.public_activity_totals(
            Activity.objects.filter(commitments__promise_set=s).distinct(), start=s.start, end=min(s.end, today)
        )
        for total in totals:
            yield (*_place(s.municipality), s.period, s.area.name if s.area_id else "", total.type_key,
                   total.type_label, _iso(total.start), _iso(total.end), total.count)


# ---------------------------------------------------------------------------------------------
# Findings, meetings, citizen input


def finding_rows(municipality: Municipality | None, today: date) -> Iterator[tuple]:
    for f in walks_public.public_findings(municipality):
        point = walks_public.public_point(f)
        walk_url = site_url(reverse("site:walk", args=[f.municipality.slug, f.walk_id]))
        yield (
            *_place(f.municipality), f.pk, _iso(f.walk.date), f.walk.area.name if f.walk.area_id else "",
            f.category, f.get_category_display(), f.status, f.get_status_display(),
            "fixed" if f.is_fixed else "closed" if f.is_closed else "open", "ja" if f.is_late(today) else "nej",
            f.description, f.address, point[1] if point else "", point[0] if point else "", f.owner,
            _iso(f.deadline), f.no_action_reason, f.sent_to, _iso(f.feedback_date), walk_url,
        )


def meeting_rows(municipality: Municipality | None, today: date) -> Iterator[tuple]:
    for meeting in dialogue_public.public_meetings(municipality).order_by("municipality__code", "starts_at", "pk"):
        m = meeting.municipality
        yield (
            *_place(m), meeting.pk, meeting.title, meeting.description, meeting.kind, meeting.get_kind_display(),
            _iso(meeting.starts_at), _iso(meeting.ends_at), meeting.place, meeting.area.name if meeting.area_id else "",
            meeting.organiser.name if meeting.organiser_id else "", "ja" if meeting.cancelled else "nej",
            site_url(meeting.commitment.get_absolute_url()) if meeting.commitment_id else "",
            site_url(reverse("site:meeting", args=[m.slug, meeting.pk])),
        )


def input_rows(municipality: Municipality | None, today: date) -> Iterator[tuple]:
    for item in dialogue_public.published_inputs(municipality).order_by("municipality__code", "-created_at", "-pk"):
        pair = dialogue_public.input_pair(item)
        yield (
            *_place(item.municipality), pair["id"], pair["issue_date"], pair["issue"], pair["area"] or "",
            pair["commitment"] or "", pair["action"] or "", pair["action_date"] or "", pair["action_by"] or "",
            pair["action_by_person"] or "",
        )


# ---------------------------------------------------------------------------------------------
# The situation picture


def _series(municipality: Municipality | None):
    series = Series.objects.all()
    if municipality is not None:
        series = series.filter(Q(municipality=municipality) | Q(region=municipality.code))
    return series


def indicator_rows(municipality: Municipality | None, today: date) -> Iterator[tuple]:
    live = Observation.objects.public_series().filter(series__in=_series(municipality))
    # "id IN (the indicators of the live values)", not a join through every observation of the
    # country with DISTINCT (PostgreSQL hashed all 1,000,000 values for Strängnäs' 80 indicators).
    indicators = Indicator.objects.filter(pk__in=live.values("series__indicator_id")).order_by("position", "key")
    for i in indicators:
        yield (i.key, i.name, i.description, i.unit, i.kind, i.period_kind, i.theme, i.get_source_display(),
               i.source_ref, i.source_url, i.attribution, i.licence)


def observation_rows(municipality: Municipality | None, today: date) -> Iterator[tuple]:
    # The columns only, not the rows as models: an import run's summary (the police run's holds the
    # coverage of every municipality) was decoded again for every value, 0.3 ms a row. The demo runs
    # apart, not joined: a join more made PostgreSQL's planner search far more join orders.
    demo_runs = set(ImportRun.objects.filter(is_demo=True).values_list("pk", flat=True))
    live = (
        Observation.objects.public_series().filter(series__in=_series(municipality))
        .order_by("series__indicator__key", "series__region", "series__area_id", "series__gender", "period_start")
        .values_list("series__indicator__key", "series__region", "series__area__name", "series__gender",
                     "period_start", "value", "rate", "base", "status", "run_id")
    )
    for key, region, area, gender, period_start, value, rate, base, status, run_id in live.iterator(chunk_size=2000):
        yield (key, region, area or "", gender, _iso(period_start), value, rate, base, status,
               "ja" if run_id in demo_runs else "nej")


# ---------------------------------------------------------------------------------------------
# The registry


PLACE = ("kommunkod", "kommun")

TABLES: tuple[Table, ...] = (
    Table(
        "medborgarloften", "Medborgarlöften",
        "Publicerade medborgarlöften: kommun, område, period, rubrik och antal löften.",
        (*PLACE, "lan", "omrade", "period", "rubrik", "forsta_dag", "sista_dag", "antal_loften", "publicerad",
         "adress"),
        promise_set_rows, theme="GOVE",
    ),
    Table(
        "loften", "Löften med status",
        "Varje publicerat löfte med text, parter, mål och status räknad ur registrerade insatser per dagens datum.",
        (*PLACE, "period", "omrade", "nummer", "kort_rubrik", "text", "tema", "parter", "mal", "status",
         "andel_genomford_procent", "status_per", "adress"),
        commitment_rows, theme="GOVE",
    ),
    Table(
        "insatser", "Genomförda insatser",
        "Registrerade insatser för publicerade löften. Känsliga insatstyper (skolsök med narkotikahund, "
        "hembesök enligt Linköpingsmodellen) redovisas aldrig en och en, bara summerade.",
        (*PLACE, "id", "datum", "typ", "typ_namn", "kommundel", "antal", "kommentar", "uppgifter", "registrerad"),
        activity_rows,
    ),
    Table(
        "insatser-summerade", "Känsliga insatser, summerade per period",
        "Antal insatser av känsliga typer per medborgarlöftes period; färre än 5 redovisas som ”färre än 5”.",
        (*PLACE, "period", "omrade", "typ", "typ_namn", "forsta_dag", "sista_dag", "antal"),
        activity_total_rows,
    ),
    Table(
        "fynd", "Fynd från trygghetsvandringar",
        "Vad som hittades på trygghetsvandringar, var, vem som ansvarar och vad som har hänt. Åtgärdade och "
        "avslutade utan åtgärd hålls isär. Koordinater i WGS 84.",
        (*PLACE, "id", "vandring_datum", "kommundel", "kategori", "kategori_namn", "status", "status_namn", "grupp",
         "forsenad", "beskrivning", "plats", "latitud", "longitud", "ansvarig", "atgardas_senast",
         "skal_ingen_atgard", "skickat_till", "aterkoppling", "vandring_adress"),
        finding_rows,
    ),
    Table(
        "moten", "Möten",
        "Offentliga dialogmöten, trygghetsvandringar och sammanträden i kalendern, inställda möten markerade.",
        (*PLACE, "id", "rubrik", "beskrivning", "typ", "typ_namn", "borjar", "slutar", "plats", "kommundel",
         "arrangor", "installt", "lofte_adress", "adress"),
        meeting_rows,
    ),
    Table(
        "synpunkter", "Synpunkter och svar",
        "Granskade synpunkter från invånare och svaren (”ni sa – vi gjorde”). Personnummer, telefonnummer och "
        "e-postadresser är borttagna; kontaktuppgifter publiceras aldrig.",
        (*PLACE, "id", "datum", "synpunkt", "kommundel", "lofte_adress", "svar", "svarsdatum", "svar_fran",
         "besvarad_av"),
        input_rows,
    ),
    Table(
        "indikatorer", "Indikatorer i lägesbilden",
        "Vad lägesbilden mäter: namn, enhet, periodtyp, källa och källans licens.",
        ("nyckel", "namn", "beskrivning", "enhet", "typ", "periodtyp", "tema", "kalla", "kallans_beteckning",
         "kallans_adress", "kallhanvisning", "licens"),
        indicator_rows, third_party=True,
    ),
    Table(
        "observationer", "Observationer i lägesbilden",
        "Värden per indikator, plats (SCB:s regionkod), kön och period, från källorna (Kolada, SCB, Brå, Polisen).",
        ("indikator", "regionkod", "kommundel", "kon", "period", "varde", "per_100000", "underlag", "statusflagga",
         "demodata"),
        observation_rows, third_party=True,
    ),
)

BY_NAME = {t.name: t for t in TABLES}


def get(name: str) -> Table | None:
    return BY_NAME.get(name)
