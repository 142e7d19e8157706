"""The lägesbild (`/<kommun>/lagesbild/`) and its PDF: the situation picture that law (2023:196)
asks of every municipality, beside the åtgärdsplan (the published promise sets). Data assembly
lives in lofte.site.pages.situation_page and lofte.situation.picture."""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone

from lofte.lib.pdf import render_pdf
from lofte.site import pagecache, pages
from lofte.site.views import _municipality, _municipality_freshness, public_page
from lofte.situation import charts

PDF_CACHE_SECONDS = 60 * 60 * 24

# The code that draws the page (templates, charts, rules): part of every cached section's key.
_CODE = pagecache.CODE_VERSION


def _cache_key(kind: str, request, kommun: str) -> str:
    """A cache key made from the page's ETag, which changes with everything the page shows: the
    municipality's data (content_changed_at, bumped by every import and every change of its
    promises and activities), today's date, the demo flag, the release and the full path; and from
    the code that draws it."""
    etag = _municipality_freshness(request, kommun).etag
    return f"lagesbild-{kind}:{_CODE}:" + hashlib.sha256(etag.encode()).hexdigest()


@public_page(_municipality_freshness)
def situation(request, kommun):
    """Rendered once per version of its data and kept in the page cache under its ETag
    (lofte.site.pagecache, as every public page). Nothing on it depends on who asks."""
    page = pages.situation_page(_municipality(request, kommun), timezone.localdate())
    return render(request, "site/lagesbild.html", {"page": page, "code_version": _CODE})


@public_page(_municipality_freshness)
def situation_pdf(request, kommun):
    """The same page as an A4 PDF. Rendering takes a second, so the PDF is cached under the page's
    ETag (its data, today's date, the release): any change of the data makes a new one."""
    municipality = _municipality(request, kommun)
    key = _cache_key("pdf", request, kommun)
    pdf = cache.get(key)
    if pdf is None:
        today = timezone.localdate()
        page = pages.situation_page(municipality, today)
        _charts_for_print(page)
        html = render_to_string("site/lagesbild_pdf.html", {"page": page, "today": today, "code_version": _CODE},
                                request=request)
        pdf = render_pdf(html, stylesheets=(_PDF_CSS,))
        cache.set(key, pdf, PDF_CACHE_SECONDS)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="lagesbild-{municipality.slug}.pdf"'
    return response


def _charts_for_print(page) -> None:
    css = charts.stylesheet()
    for theme in page.picture.themes:
        for view in theme.indicators:
            view.chart = charts.for_print(view.chart, css)
    if page.picture.events:
        page.picture.events.chart = charts.for_print(page.picture.events.chart, css)


_PDF_CSS = """
.muted { color: #4a5560; }
.demo { border: 0.8pt solid #b38600; background: #fff4cc; padding: 2mm 3mm; }
.indicator { break-inside: avoid; margin-bottom: 6mm; }
.indicator svg.chart { width: 150mm; }
.meta { font-size: 9pt; color: #4a5560; }
.status { font-weight: 600; }
ul.plan, ul.plan ul { padding-left: 5mm; }
"""
