"""EST counts as situation indicators (weekly, per category, municipality and area), rebuilt
idempotently, and the public aggregates read from them with small counts suppressed."""

from datetime import date

import pytest

from lofte.est import indicators, public
from lofte.est.reports import correct_report, data_of
from lofte.situation.models import ImportRun, Indicator, Observation, Series
from tests.est import helpers

pytestmark = pytest.mark.django_db


def live_value(key, week, area=None, region="0486"):
    return Observation.objects.live().get(series__indicator__key=key, series__area=area, series__region=region,
                                          period_start=week).value


def test_weekly_series_per_category_for_the_municipality_and_its_areas():
    w = helpers.world()
    report = helpers.report(w, area_index=1, category="klotter")
    helpers.report(w, area_index=1, category="klotter")
    helpers.report(w, area_index=2, category="brand")
    result = indicators.rebuild_indicators(w["kommun"])
    assert result.created > 0
    assert live_value("est:klotter", report.week) == 2
    assert live_value("est:klotter", report.week, area=w["areas"][1]) == 2
    assert live_value("est:klotter", report.week, area=w["areas"][2]) == 0
    assert Indicator.objects.get(key="est:brand").source == Indicator.Source.EST
    assert Series.objects.filter(indicator__key="est:brand", area=None, region="0486").count() == 1


def test_rebuilding_again_writes_nothing_and_leaves_no_empty_run():
    w = helpers.world()
    helpers.report(w)
    indicators.rebuild_indicators(w["kommun"])
    runs = ImportRun.objects.count()
    again = indicators.rebuild_indicators(w["kommun"])
    assert (again.created, again.changed) == (0, 0)
    assert ImportRun.objects.count() == runs


def test_a_corrected_category_moves_the_count():
    w = helpers.world()
    report = helpers.report(w, category="klotter")
    indicators.rebuild_indicators(w["kommun"])
    changed = data_of(report)
    changed.category = "brand"
    correct_report(w["reporter"], report, changed)
    indicators.rebuild_indicators(w["kommun"])
    assert live_value("est:klotter", report.week) == 0
    assert live_value("est:brand", report.week) == 1


def test_the_task_runs_after_a_report_is_filed(django_capture_on_commit_callbacks):
    w = helpers.world()
    with django_capture_on_commit_callbacks(execute=True):
        report = helpers.report(w, category="brand")
    assert live_value("est:brand", report.week) == 1


def test_public_aggregates_hide_small_counts():
    w = helpers.world()
    today = date.today()
    for _i in range(6):
        helpers.report(w, area_index=0, category="nedskrapning")
    helpers.report(w, area_index=1, category="klotter")
    indicators.rebuild_indicators(w["kommun"])
    est = public.public_est(w["kommun"], today)
    rows = {r.label: r for r in est.by_month}
    assert rows["Nedskräpning"].total == "6"
    assert rows["Klotter"].total == "färre än 5"
    area_rows = {r.label: r for r in est.by_area}
    assert area_rows["Klotter"].cells[est.areas.index("Mariefred")] == "färre än 5"
    assert public.shown(0) == "0"


def test_no_est_section_without_reports():
    w = helpers.world()
    assert public.public_est(w["kommun"], date.today()) is None
