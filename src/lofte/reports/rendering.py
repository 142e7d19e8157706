"""A follow-up report as HTML and as PDF, from its content (lofte.reports.snapshot) only.

A published report renders from the snapshot stored at publication, so its page and its PDF are
the same bytes whatever is recorded or imported later: the PDF's metadata dates are the
publication day (WeasyPrint reads them from the document's dcterms meta tags) and nothing else in
it depends on the time of rendering. A draft renders from a snapshot computed now, and its PDF
carries an "UTKAST" watermark on every page.
"""

from __future__ import annotations

import copy
from datetime import date

from django.template.loader import render_to_string
from django.utils import timezone, translation

from lofte.lib.pdf import render_pdf
from lofte.reports.models import FollowUpReport
from lofte.reports.snapshot import build_snapshot
from lofte.situation import charts

PDF_CSS = """
.muted, .meta { color: #4a5560; }
.meta { font-size: 9pt; }
.demo, .report-draft { border: 0.8pt solid #b38600; background: #fff4cc; padding: 2mm 3mm; }
.report-facts { margin: 0 0 4mm; }
.report-facts div { display: block; }
.report-facts dt { display: inline; font-weight: 600; }
.report-facts dt::after { content: ": "; }
.report-facts dd { display: inline; margin: 0; }
.report-approvals { padding-left: 5mm; }
.report-commitment { margin-top: 4mm; }
h2 { break-before: auto; }
h3, h4, h5 { break-after: avoid; }
h4 { font-size: 11pt; margin: 3mm 0 1mm; }
h5 { font-size: 10.5pt; margin: 3mm 0 1mm; }
.summary { list-style: none; padding: 0; }
.summary li { display: inline-block; margin-right: 5mm; }
.status { font-weight: 600; }
.effects__caveat { border-left: 2pt solid #b38600; padding-left: 3mm; font-style: italic; }
.effect { break-inside: avoid; }
.effect__figures div { display: block; }
.effect__figures dt { display: inline; font-weight: 600; }
.effect__figures dt::after { content: ": "; }
.effect__figures dd { display: inline; margin: 0; }
.indicator__chart svg.chart { width: 120mm; }
.watermark { position: fixed; top: 110mm; left: 0; right: 0; text-align: center; font-size: 80pt; font-weight: 700;
             color: rgba(179, 134, 0, 0.18); transform: rotate(-35deg); }
"""


def report_content(report: FollowUpReport, today: date | None = None) -> tuple[dict, bool]:
    """The content to render and whether it is a draft: the stored snapshot of a published report,
    otherwise the report as of its date computed now."""
    if report.is_published and report.snapshot:
        return report.snapshot, False
    return build_snapshot(report, today or timezone.localdate()), True


def _for_print(content: dict) -> dict:
    printed = copy.deepcopy(content)
    css = charts.stylesheet()
    for theme in printed.get("themes", []):
        for commitment in theme["commitments"]:
            for effect in commitment.get("effects", []):
                effect["chart"] = charts.for_print(effect.get("chart", ""), css)
    return printed


def render_report_pdf(content: dict, *, draft: bool) -> bytes:
    """An A4, tagged (PDF/UA-1) PDF of the report in Swedish; deterministic for a given content."""
    created = content.get("published_on") or content.get("as_of")
    with translation.override("sv"):
        html = render_to_string("reports/report_pdf.html",
                                {"content": _for_print(content), "draft": draft, "created": created})
    return render_pdf(html, stylesheets=(PDF_CSS,))


def pdf_for(promise_set, as_of: date | None = None, today: date | None = None) -> tuple[bytes, FollowUpReport]:
    """The PDF of a set's follow-up as of a date, and the report it shows (unsaved for a draft).

    The published report of that date when there is one (no watermark); otherwise a draft computed
    now, as of the date, watermarked "UTKAST". Without a date: the newest published report, or a
    draft as of today (the set's last day, once it has ended).
    """
    from lofte.reports.workflow import check_date, default_title

    today = today or timezone.localdate()
    published = FollowUpReport.objects.published().filter(promise_set=promise_set)
    found = published.filter(as_of=as_of).first() if as_of else published.order_by("-as_of", "-pk").first()
    if found is not None:
        return render_report_pdf(found.snapshot, draft=False), found
    as_of = as_of or min(today, promise_set.end)
    check_date(promise_set, as_of, today)
    draft = (FollowUpReport.objects.filter(promise_set=promise_set, as_of=as_of).first()
             or FollowUpReport(promise_set=promise_set, municipality_id=promise_set.municipality_id, as_of=as_of,
                               title=default_title(promise_set, as_of)))
    content, _draft = report_content(draft, today)
    return render_report_pdf(content, draft=True), draft
