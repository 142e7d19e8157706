"""Follow-up reports in public: `/<kommun>/uppfoljning/` (the published reports), a report's page
and its PDF. Both render from the snapshot stored when the report was published (lofte.reports),
so they never change; drafts are never shown."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from lofte.reports.public import published_reports
from lofte.reports.rendering import render_report_pdf
from lofte.site.views import _municipality, _municipality_freshness, public_page


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
    response = HttpResponse(render_report_pdf(found.snapshot, draft=False), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="uppfoljning-{found.municipality.slug}-{found.slug}.pdf"'
    return response
