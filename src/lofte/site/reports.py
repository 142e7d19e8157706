"""Follow-up reports in public: `/<kommun>/uppfoljning/` (the published reports), a report's page
and its PDF. Both render from the snapshot stored when the report was published (lofte.reports),
so they never change; drafts are never shown."""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from lofte.reports.public import published_reports
from lofte.reports.rendering import render_report_pdf
from lofte.site.views import _municipality, _municipality_freshness, public_page

PDF_CACHE_SECONDS = 60 * 60 * 24 * 7


def _code_version() -> str:
    """A hash of the code that prints a report: a published report's PDF only changes with it."""
    import lofte.reports.rendering
    import lofte.situation.charts

    reports = Path(lofte.reports.rendering.__file__).resolve().parent
    files = [Path(lofte.reports.rendering.__file__), lofte.situation.charts.CSS_PATH,
             *sorted((reports / "templates" / "reports").glob("*.html")),
             Path(lofte.situation.charts.__file__).parent / "templates" / "situation" / "_effects.html"]
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


_CODE = _code_version()


def _report(request, kommun, report):
    found = published_reports(_municipality(request, kommun)).filter(slug=report).first()
    if found is None:
        raise Http404(_("Uppföljningen finns inte."))
    return found


@public_page(_municipality_freshness)
def report_list(request, kommun):
    municipality = _municipality(request, kommun)
    reports = list(published_reports(municipality))
    return render(request, "site/report_list.html", {"municipality": municipality, "reports": reports})


@public_page(_municipality_freshness)
def report_page(request, kommun, report):
    found = _report(request, kommun, report)
    return render(request, "site/report.html", {"municipality": found.municipality, "report": found,
                                                "content": found.snapshot, "draft": False})


@public_page(_municipality_freshness)
def report_pdf(request, kommun, report):
    found = _report(request, kommun, report)
    # The snapshot never changes, so the PDF is rendered once per report and version of the code.
    key = f"report-pdf:{found.pk}:{found.published_at.isoformat()}:{_CODE}"
    pdf = cache.get(key)
    if pdf is None:
        pdf = render_report_pdf(found.snapshot, draft=False)
        cache.set(key, pdf, PDF_CACHE_SECONDS)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="uppfoljning-{found.municipality.slug}-{found.slug}.pdf"'
    return response
