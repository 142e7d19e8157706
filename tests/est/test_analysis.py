"""Tertial and year analysis: trends, recurring places, coverage, and exports without text or positions."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from lofte.est import analysis
from lofte.est.models import Report
from tests.est import helpers

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 30)


def backdated(w, on, **fields):
    report = helpers.report(w, **fields)
    Report.objects.filter(pk=report.pk).update(date=on, week=on - timedelta(days=on.weekday()))
    return report


def test_periods_are_tertials_or_years():
    assert analysis.parse_period("2026-t2", TODAY) == analysis.Period("tertial", 2026, 2)
    assert analysis.Period("tertial", 2026, 2).end == date(2026, 8, 31)
    assert analysis.parse_period("", TODAY) == analysis.Period("tertial", 2026, 3)
    assert analysis.parse_period("nonsens", TODAY).kind == "tertial"
    assert analysis.Period("tertial", 2026, 1).previous() == analysis.Period("tertial", 2025, 3)


def test_trends_recurring_places_and_coverage():
    w = helpers.world()
    point = {"latitude": Decimal("59.37712"), "longitude": Decimal("17.03101")}
    for weeks_back in range(3):
        backdated(w, date(2026, 10, 5) + timedelta(weeks=weeks_back), category="klotter", text="xq7 hemligt", **point)
    backdated(w, date(2026, 6, 1), category="klotter")  # the tertial before
    result = analysis.analysis(w["kommun"], analysis.Period("tertial", 2026, 3), TODAY)
    graffiti = next(r for r in result.by_category if r.label == "Klotter")
    assert graffiti.total == 3 and graffiti.previous == 1 and graffiti.change == "+200 %"
    assert graffiti.cells[result.month_labels.index("okt")] == 3
    assert [(p.category, p.weeks) for p in result.recurring] == [("Klotter", 3)]
    assert result.reported == {"Vaktmastare Testsson": 3}
    assert "<svg" in result.chart


def test_the_csv_has_counts_but_no_text_or_positions(client):
    w = helpers.world()
    backdated(w, date(2026, 10, 5), category="klotter", text="=HYPERLINK(xq7)", latitude=Decimal("59.377123"),
              longitude=Decimal("17.031011"))
    client.force_login(w["editor"])
    response = client.get(reverse("staff:est_analysis_csv"), {"period": "2026-t3"})
    body = response.content.decode("utf-8-sig")
    assert response.status_code == 200 and "Klotter" in body
    assert "xq7" not in body and "59.377" not in body and "59,377" not in body


def test_the_analysis_page_and_pdf_appendix(client):
    w = helpers.world()
    backdated(w, date(2026, 10, 5), category="klotter", text="xq7", latitude=Decimal("59.377123"),
              longitude=Decimal("17.031011"))
    client.force_login(w["editor"])
    page = client.get(reverse("staff:est_analysis"), {"period": "2026-t3"})
    assert page.status_code == 200 and "Klotter" in page.content.decode()
    pdf = client.get(reverse("staff:est_analysis_pdf"), {"period": "2026-t3"})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    html = analysis.render_to_string("est/analysis_pdf.html", {"a": analysis.analysis(
        w["kommun"], analysis.Period("tertial", 2026, 3), TODAY), "chart": ""})
    assert "xq7" not in html and "59.377" not in html and "59,377" not in html and "Vaktmastare" not in html
