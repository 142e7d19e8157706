"""Effects per promise ("Effekter per löfte"): the indicators a commitment should move, and what
they showed before the set's period and during or after it.

Redaktörer link a commitment to indicators (CommitmentIndicator, optionally for one area) with
`link_indicator()` / `unlink_indicator()`, which write the audit log. `effects_for()` computes, for
every link of some commitments of one set, in a fixed number of queries:

- **before**: the latest value of a period that ended before the set's first day;
- **during/after**: the latest value of a period that ends on or after the set's first day;
- the **trend** between the two (a change under TREND_FLAT_SHARE reads "oförändrat");
- a table of the periods around the set's period and the same numbers as an SVG chart
  (lofte.situation.charts), with the source and licence.

Only live observations are read (`Observation.objects.live()`). An Effect is a plain dataclass of
strings and numbers, so a follow-up report can freeze it as JSON (`dataclasses.asdict`) and the
templates render the frozen dict and the live object alike.

A change over time is never presented as proof of an effect (NOT_PROOF, shown beside every effect).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from lofte.core.audit import log_change, snapshot
from lofte.situation import charts
from lofte.situation.importing import periods
from lofte.situation.models import (
    POPULATION_KEY,
    CommitmentIndicator,
    ImportRun,
    Indicator,
    Observation,
    Series,
)

# A relative change smaller than this reads "oförändrat".
TREND_FLAT_SHARE = 0.05
# Periods shown before the set's first day, at most.
PERIODS_BEFORE = {"year": 3, "quarter": 4, "tertial": 3, "month": 6, "week": 8}
# Periods shown in all, at most (the newest kept).
SHOWN_PERIODS = {"year": 10, "quarter": 16, "tertial": 12, "month": 36, "week": 104}

NOT_PROOF = (
    "En förändring över tid bevisar inte att löftet har haft effekt. Brottsligheten, benägenheten att "
    "anmäla, polisens arbetssätt och mycket annat påverkar siffrorna; Brås utvärderingar av "
    "brottsförebyggande arbete gör samma påpekande."
)


class LinkError(Exception):
    """A link that cannot be made; the message is Swedish and names the problem."""


@dataclass
class EffectRow:
    label: str
    value: str
    phase: str  # "före", "under" or "efter" the set's period


@dataclass
class Effect:
    indicator_key: str
    name: str
    description: str
    unit: str
    place: str
    chart_id: str
    chart: str
    before_label: str
    before_value: str
    after_label: str
    after_value: str
    trend: str  # "up", "down", "flat" or "unknown"
    trend_text: str
    attribution: str
    licence: str
    source_url: str
    is_demo: bool
    rows: list[EffectRow] = field(default_factory=list)

    @property
    def has_values(self) -> bool:
        return bool(self.rows)


# ---------------------------------------------------------------------------------------------
# Linking (staff)


def linkable_indicators(municipality):
    """Indicators with a series for the municipality or one of its areas (population excluded)."""
    return (
        Indicator.objects.filter(series__municipality=municipality)
        .exclude(key=POPULATION_KEY).distinct().order_by("theme", "position", "name")
    )


@transaction.atomic
def link_indicator(commitment, user, indicator: Indicator, area=None) -> CommitmentIndicator:
    municipality_id = commitment.promise_set.municipality_id
    if area is not None and area.municipality_id != municipality_id:
        raise LinkError(_("Området hör inte till löftets kommun."))
    if not linkable_indicators(commitment.promise_set.municipality).filter(pk=indicator.pk).exists():
        raise LinkError(_("Indikatorn «%(name)s» har inga värden för kommunen.") % {"name": indicator.name})
    if CommitmentIndicator.objects.filter(commitment=commitment, indicator=indicator).exists():
        raise LinkError(_("Löftet är redan kopplat till «%(name)s».") % {"name": indicator.name})
    position = (commitment.indicator_links.order_by("-position").values_list("position", flat=True).first() or 0) + 1
    link = CommitmentIndicator.objects.create(commitment=commitment, indicator=indicator, area=area, position=position)
    log_change(user, "create", link, after=snapshot(link), municipality_id=municipality_id)
    return link


@transaction.atomic
def unlink_indicator(link: CommitmentIndicator, user) -> None:
    before = snapshot(link)
    municipality_id = link.commitment.promise_set.municipality_id
    repr_ = str(link)
    link.delete()
    log_change(user, "delete", None, before=before, object_type=CommitmentIndicator._meta.label,
               object_id=str(before["id"]), object_repr=repr_, municipality_id=municipality_id)


# ---------------------------------------------------------------------------------------------
# Computing


def trend_of(before: float | None, after: float | None) -> str:
    if before is None or after is None:
        return "unknown"
    if before == 0:
        return "flat" if after == 0 else "up"
    change = (after - before) / abs(before)
    if abs(change) < TREND_FLAT_SHARE:
        return "flat"
    return "up" if change > 0 else "down"


def _trend_text(trend: str, before: float | None, after: float | None, before_label: str, after_label: str,
                decimals: int) -> str:
    if trend == "unknown":
        if before is None and after is None:
            return _("Inga värden ännu.")
        if before is None:
            return _("Inget värde från tiden före perioden att jämföra med.")
        return _("Inget värde från perioden ännu att jämföra med.")
    values = {"before": charts.swedish_number(before, decimals), "after": charts.swedish_number(after, decimals),
              "first": before_label, "last": after_label}
    if trend == "flat":
        return _("Ungefär oförändrat: %(before)s (%(first)s) och %(after)s (%(last)s).") % values
    values["percent"] = charts.swedish_number(abs(after - before) / abs(before) * 100 if before else 100, 0)
    if trend == "up":
        return _("Ökade med %(percent)s %%: från %(before)s (%(first)s) till %(after)s (%(last)s).") % values
    return _("Minskade med %(percent)s %%: från %(before)s (%(first)s) till %(after)s (%(last)s).") % values


def _phase(kind: str, start: date, set_start: date, set_end: date) -> str:
    if periods.period_end(kind, start) < set_start:
        return "före"
    if start > set_end:
        return "efter"
    return "under"


def effects_for(commitments, promise_set, until: date | None = None) -> dict[int, list[Effect]]:
    """The effects of each commitment's linked indicators, keyed by commitment id.

    `until` leaves out periods that had not ended by then (a follow-up report as of a date). Four queries
    however many commitments and links.
    """
    ids = [c.pk for c in commitments]
    numbers = {c.pk: c.number for c in commitments}
    result: dict[int, list[Effect]] = {pk: [] for pk in ids}
    links = list(
        CommitmentIndicator.objects.filter(commitment_id__in=ids).select_related("indicator", "area")
        .order_by("commitment_id", "position", "pk")
    )
    if not links:
        return result
    municipality = promise_set.municipality
    series_list = list(
        Series.objects.filter(indicator__in={link.indicator_id for link in links}, gender=Series.Gender.TOTAL)
        .filter(municipality=municipality)
    )
    own = {s.indicator_id: s for s in series_list if s.area_id is None and s.region == municipality.code}
    by_area = {(s.indicator_id, s.area_id): s for s in series_list if s.area_id is not None}
    observations: dict[int, list[tuple[date, float | None, int]]] = defaultdict(list)
    query = Observation.objects.live().filter(series__in=[s.pk for s in series_list])
    if until is not None:
        query = query.filter(period_start__lte=until)
    kinds = {link.indicator_id: link.indicator.period_kind for link in links}
    indicator_of = {s.pk: s.indicator_id for s in series_list}
    for series_id, start, value, run_id in query.order_by("period_start").values_list(
            "series_id", "period_start", "value", "run_id"):
        # As of a date, a period not over by then has no value yet (a year's figure comes after it).
        if until is None or periods.period_end(kinds[indicator_of[series_id]], start) <= until:
            observations[series_id].append((start, value, run_id))
    run_ids = {run for values in observations.values() for _s, _v, run in values}
    demo_runs = set(ImportRun.objects.filter(pk__in=run_ids, is_demo=True).values_list("pk", flat=True))
    for link in links:
        series = by_area.get((link.indicator_id, link.area_id)) if link.area_id else own.get(link.indicator_id)
        place = link.area.name if link.area_id else municipality.name
        values = observations.get(series.pk, []) if series else []
        result[link.commitment_id].append(
            _effect(link.indicator, place, values, promise_set.start, promise_set.end, demo_runs,
                    f"effekt-{numbers[link.commitment_id]}-" + "".join(
                        ch if ch.isalnum() else "-" for ch in link.indicator.key))
        )
    return result


def commitment_effects(commitment, until: date | None = None) -> list[Effect]:
    return effects_for([commitment], commitment.promise_set, until).get(commitment.pk, [])


def _effect(indicator: Indicator, place: str, values, set_start: date, set_end: date, demo_runs: set[int],
            chart_id: str) -> Effect:
    kind, decimals = indicator.period_kind, indicator.decimals
    with_values = [(start, value, run) for start, value, run in values if value is not None]
    before = [v for v in with_values if periods.period_end(kind, v[0]) < set_start]
    after = [v for v in with_values if periods.period_end(kind, v[0]) >= set_start]
    before_point = before[-1] if before else None
    after_point = after[-1] if after else None
    # The periods around the set's period: a few before it, all since, at most SHOWN_PERIODS.
    earlier = [v for v in values if periods.period_end(kind, v[0]) < set_start][-PERIODS_BEFORE.get(kind, 3):]
    since = [v for v in values if periods.period_end(kind, v[0]) >= set_start]
    shown = (earlier + since)[-SHOWN_PERIODS.get(kind, 10):]
    rows = [EffectRow(periods.period_label(kind, start), charts.swedish_number(value, decimals),
                      _phase(kind, start, set_start, set_end)) for start, value, _run in shown]
    before_label = periods.period_label(kind, before_point[0]) if before_point else ""
    after_label = periods.period_label(kind, after_point[0]) if after_point else ""
    trend = trend_of(before_point[1] if before_point else None, after_point[1] if after_point else None)
    chart = ""
    if shown:
        description = _(
            "%(name)s i %(place)s, %(first)s–%(last)s. Medborgarlöftets period börjar %(start)s. "
            "Samma siffror finns i tabellen."
        ) % {"name": indicator.name, "place": place, "first": rows[0].label, "last": rows[-1].label,
             "start": set_start.isoformat()}
        chart = charts.line_chart(
            chart_id, indicator.name, description, [periods.short_label(kind, s) for s, _v, _r in shown],
            [charts.Line(place, tuple(v for _s, v, _r in shown))], decimals=decimals,
        )
    return Effect(
        indicator_key=indicator.key, name=indicator.name, description=indicator.description, unit=indicator.unit,
        place=place, chart_id=chart_id, chart=chart,
        before_label=before_label,
        before_value=charts.swedish_number(before_point[1], decimals) if before_point else "",
        after_label=after_label,
        after_value=charts.swedish_number(after_point[1], decimals) if after_point else "",
        trend=trend,
        trend_text=_trend_text(trend, before_point[1] if before_point else None,
                               after_point[1] if after_point else None, before_label, after_label, decimals),
        attribution=indicator.attribution, licence=indicator.licence, source_url=indicator.source_url,
        is_demo=any(run in demo_runs for _s, _v, run in shown), rows=rows,
    )
