"""Background work of the national overview: recomputing its figures after a change of the data
(lofte.overview.national.cached_overview enqueues it, at most once per REFRESH_LOCK_SECONDS)."""

from __future__ import annotations

from datetime import date

from django_tasks import task


@task()
def refresh_national_overview(as_of: str) -> str:
    from lofte.overview.national import refresh_overview

    overview = refresh_overview(date.fromisoformat(as_of))
    return f"Nationell översikt för {as_of}: {overview.with_current} av {overview.municipalities} kommuner."
