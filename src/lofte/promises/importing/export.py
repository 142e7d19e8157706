"""Writing stored promise sets as the spreadsheet template (see template.py), for export → import."""

from __future__ import annotations

from lofte.promises import periods
from lofte.promises.models import PromiseSet

from . import language as lang
from .errors import PromiseImportError
from .store import parse_years
from .template import COLUMNS, commitment_rows, party_cell, write_csv, write_xlsx


def template_rows(municipality, period: str | None = None) -> list[list[str]]:
    """The municipality's promise sets (all, or the one of `period`) as template rows with a header."""
    sets = PromiseSet.objects.filter(municipality=municipality).select_related("area").order_by(
        "start", "end", "area__name"
    )
    if period:
        dates = parse_years(period)
        sets = sets.filter(start=dates.start, end=dates.end)
        if not sets.exists():
            raise PromiseImportError(f"kommunen har inga löften för perioden {period}")
    rows = [list(COLUMNS)]
    for promise_set in sets:
        commitments = (
            promise_set.commitments.filter(archived=False).order_by("number")
            .select_related("theme").prefetch_related("parties", "targets")
        )
        for commitment in commitments:
            parties = list(commitment.parties.all())
            kinds = lang.ordered({o.kind for o in parties})
            others = sorted(o.name for o in parties if o.kind == lang.OTHER_PARTY)
            targets = [
                (t.count, t.unit, t.per, t.activity_type or None)
                for t in commitment.targets.all()
            ]
            rows += commitment_rows(
                periods.period_value(promise_set.dates), promise_set.title,
                commitment.theme.title if commitment.theme else "", commitment.text, party_cell(kinds, others),
                targets, area=promise_set.area.name if promise_set.area else "",
            )
    return rows


def export_bytes(municipality, fmt: str, period: str | None = None) -> bytes:
    rows = template_rows(municipality, period)
    if len(rows) == 1:
        raise PromiseImportError("kommunen har inga löften att exportera")
    if fmt == "xlsx":
        return write_xlsx(rows)
    if fmt == "csv":
        return write_csv(rows)
    raise PromiseImportError(f"okänt format «{fmt}»; välj csv eller xlsx")
