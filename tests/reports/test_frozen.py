"""A published report never changes: recording more work and importing more statistics after
publication leave its page and its PDF byte-identical, and its PDF is deterministic."""

import io
from datetime import date

import pytest
from pdfminer.pdftypes import resolve1

from lofte.activities.models import Activity
from lofte.reports.rendering import render_report_pdf
from tests import factories
from tests.reports.helpers import published_report, world

pytestmark = pytest.mark.django_db


def test_more_activities_and_indicator_values_after_publishing_change_neither_page_nor_pdf(client):
    w = world()
    report = published_report(w)
    html = client.get(report.get_absolute_url()).content
    pdf = client.get(report.pdf_url()).content
    assert pdf.startswith(b"%PDF")

    factories.activity(w["commitments"][0], "safety_walk", date(2023, 10, 1), area=w["areas"][4],
                       recorded=date(2023, 10, 2))
    factories.activity(w["commitments"][1], "safety_walk", date(2023, 11, 1), area=w["areas"][2])
    factories.indicator_values(w["kommun"], values={date(2022, 1, 1): 120, date(2024, 1, 1): 90})
    assert Activity.objects.count() == 7
    # The live data did change: a new draft of the same date would count the walk recorded in time.
    from lofte.reports.rendering import report_content

    report.refresh_from_db()
    assert client.get(report.get_absolute_url()).content == html
    assert client.get(report.pdf_url()).content == pdf
    assert "Uppfyllt" not in html.decode().split("Löftena och deras status")[1].split("</table>")[0]
    unpublished = type(report)(promise_set=w["set"], municipality=w["kommun"], as_of=report.as_of, title="x")
    live, draft = report_content(unpublished, date(2024, 3, 1))
    assert draft and live["themes"][0]["commitments"][0]["status"]["value"] == "achieved"


def test_the_pdf_is_tagged_swedish_a4_and_the_same_bytes_every_time():
    w = world()
    report = published_report(w)
    first = render_report_pdf(report.snapshot, draft=False)
    assert first == render_report_pdf(report.snapshot, draft=False)
    catalog, info = pdf_catalog(first)
    assert "StructTreeRoot" in catalog and catalog["Lang"] == b"sv"
    assert b"pdfuaid" in resolve1(catalog["Metadata"]).get_data()
    assert info["CreationDate"] == info["ModDate"] == b"D:" + report.snapshot["published_on"].replace("-", "").encode()
    import pdfplumber

    with pdfplumber.open(io.BytesIO(first)) as pdf:
        assert all((round(p.width), round(p.height)) == (595, 842) for p in pdf.pages)
        assert "Sida 1 av" in pdf.pages[0].extract_text()
        assert "UTKAST" not in pdf.pages[0].extract_text()


def pdf_catalog(data: bytes):
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser

    document = PDFDocument(PDFParser(io.BytesIO(data)))
    return document.catalog, document.info[0]
