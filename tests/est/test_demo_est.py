"""The demo's generated EST history: the week view, the analysis and its PDF work on it."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from lofte.demo.est import add_demo_est
from lofte.demo.loader import COORDINATOR_USERNAME, load_demo
from lofte.est import analysis, public, weekly
from lofte.est.models import Report
from lofte.core.models import Municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    load_demo()
    return Municipality.objects.get(code="0486")


def test_the_demo_has_half_a_year_of_weekly_reports_once(demo):
    count = Report.objects.filter(municipality=demo, is_demo=True).count()
    assert count > 100
    weeks = Report.objects.filter(municipality=demo).values("week").distinct().count()
    assert weeks >= 26
    assert Report.objects.filter(nothing_to_report=True).exists()
    assert add_demo_est(demo, {}, None) == 0


def test_week_view_analysis_pdf_and_public_aggregates_work_on_the_demo(demo, client):
    from django.contrib.auth import get_user_model

    today = timezone.localdate()
    editor = get_user_model().objects.get(username=COORDINATOR_USERNAME)
    # Reckless moped driving rises in the demo's last two weeks: the meeting sees it flagged.
    last_week = weekly.week_picture(demo, today - timedelta(weeks=1), editor)
    assert last_week.total > 0
    assert any(f.category == "hansynslos_korning" for f in last_week.flags)
    result = analysis.analysis(demo, analysis.Period("year", today.year), today)
    assert result.total > 0 and result.recurring and result.reported
    assert public.public_est(demo, today).by_month
    client.force_login(editor)
    assert client.get(reverse("staff:est_week")).status_code == 200
    assert client.get(reverse("staff:est_analysis")).status_code == 200
    pdf = client.get(reverse("staff:est_analysis_pdf"), {"period": str(today.year)})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    import io

    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf.content)) as document:
        text = "\n".join(page.extract_text() or "" for page in document.pages)
        document.pages[0].to_image(resolution=60).save("/tmp/est-appendix.png")
    assert "Bilaga: EST-analys" in text and "Läggesta" in text
    # Counts only: no reporter's name, no text, no position.
    assert "Väktare" not in text and "taggar" not in text and "59,3" not in text and "59.3" not in text
