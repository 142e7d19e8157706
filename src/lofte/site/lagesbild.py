"""The lägesbild (`/<kommun>/lagesbild/`) and its PDF: the situation picture that law (2023:196)
asks of every municipality, beside the åtgärdsplan (the published promise sets). Data assembly
lives in lofte.site.pages.situation_page and lofte.situation.picture."""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone

from lofte.lib.pdf import render_pdf
from lofte.site import pages
from lofte.site.views import _municipality, _municipality_freshness, public_page
from lofte.situation import charts

PDF_CACHE_SECONDS = 60 * 60 * 24


PAGE_CACHE_SECONDS = 60 * 60 * 24


def _code_version() -> str:
    """A hash of the code that draws the page, so a cached page never outlives a change of its
    templates or rules, even when a deploy (or `make dev`) keeps LOFTE_RELEASE and the cache."""
    from pathlib import Path

    import lofte.est.public
    import lofte.situation.charts
    import lofte.situation.picture

    site = Path(__file__).resolve().parent
    files = [Path(__file__), Path(lofte.situation.picture.__file__), Path(lofte.situation.charts.__file__),
             Path(lofte.est.public.__file__),
             lofte.situation.charts.CSS_PATH, *sorted((site / "templates" / "site").glob("*lagesbild*.html")),
             site / "templates" / "base.html"]
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


_CODE = _code_version()


def _cache_key(kind: str, request, kommun: str) -> str:
    """A cache key made from the page's ETag, which changes with everything the page shows: the
    municipality's data (content_changed_at, bumped by every import and every change of its
    promises and activities), today's date, the demo flag, the release and the full path; and from
    the code that draws it."""
    etag = _municipality_freshness(request, kommun).etag
    return f"lagesbild-{kind}:{_CODE}:" + hashlib.sha256(etag.encode()).hexdigest()


@public_page(_municipality_freshness)
def situation(request, kommun):
    """The page is rendered once per version of its data and kept in the cache under its ETag: the
    same saving a reverse proxy makes, for the requests that reach the application. Nothing on it
    depends on who asks (no form, no log-in state)."""
    key = _cache_key("html", request, kommun)
    html = cache.get(key)
    if html is None:
        municipality = _municipality(request, kommun)
        page = pages.situation_page(municipality, timezone.localdate())
        html = render_to_string("site/lagesbild.html", {"page": page, "code_version": _CODE}, request=request)
        cache.set(key, html, PAGE_CACHE_SECONDS)
    return HttpResponse(html)


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
