"""The national overview's figures (lofte.overview.national), called directly."""

from datetime import date

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lofte.overview import national
from lofte.promises.models import PromiseSet
from lofte.promises.status import Status
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = date(2022, 6, 30)


def kommun(code, name, county="Södermanlands län", county_code="04"):
    return factories.municipality(code=code, name=name, county=county, county_code=county_code)


def walks_target(count=2):
    return [{"count": count, "unit": "trygghetsvandringar", "activity_type": "safety_walk"}]


def set_with(kommun_, *, first_year=2022, last_year=2023, status=PromiseSet.Status.PUBLISHED, theme="Trygg trafikmiljö",
             measurable=True, walks=0):
    promise_set = factories.promise_set(kommun_, first_year, last_year, status=status)
    theme_ = factories.theme(promise_set, theme)
    commitment = factories.commitment(promise_set, 1, theme_=theme_, targets=walks_target() if measurable else ())
    for n in range(walks):
        factories.activity(commitment, on=date(first_year, 2, 1 + n))
    return promise_set


def test_it_counts_municipalities_with_a_current_published_set():
    a, b, c = kommun("0486", "Strängnäs"), kommun("0484", "Eskilstuna"), kommun("0180", "Stockholm", "Stockholms län", "01")
    set_with(a)
    set_with(b, status=PromiseSet.Status.DRAFT)
    set_with(c, first_year=2020, last_year=2021)

    overview = national.national_overview(TODAY)

    assert overview.municipalities == 3
    assert overview.with_current == 1
    assert overview.with_published == 2
    counties = {county.code: county for county in overview.counties}
    assert (counties["04"].municipalities, counties["04"].with_current, counties["04"].percent) == (2, 1, 50)
    assert (counties["01"].municipalities, counties["01"].with_current) == (1, 0)


def test_drafts_count_nowhere():
    a = kommun("0486", "Strängnäs")
    set_with(a, status=PromiseSet.Status.DRAFT, theme="Hemligt utkasttema")

    overview = national.national_overview(TODAY)

    assert overview.with_current == overview.with_published == overview.commitments == 0
    assert overview.themes == [] and overview.other_themes == 0


def test_statuses_are_the_computed_ones_for_current_and_ended_sets():
    a = kommun("0486", "Strängnäs")
    set_with(a, walks=2)  # both walks done: achieved
    set_with(a, first_year=2021, last_year=2021, walks=1)  # ended with half: partly

    overview = national.national_overview(TODAY)

    assert overview.current.counts == ((Status.ACHIEVED, 1),)
    assert overview.ended.counts == ((Status.PARTLY, 1),)
    assert (overview.sets_current, overview.sets_ended) == (1, 1)


def test_it_gives_the_share_of_commitments_with_a_measurable_target():
    a = kommun("0486", "Strängnäs")
    promise_set = set_with(a)
    factories.commitment(promise_set, 2, text="Polisen lovar att vara synlig.")
    factories.commitment(promise_set, 3, text="Kommunen lovar dialog.")

    overview = national.national_overview(TODAY)

    assert (overview.measurable, overview.commitments, overview.measurable_percent) == (1, 3, 33)


def test_a_county_distribution_needs_three_municipalities():
    codes = [("0486", "Strängnäs"), ("0484", "Eskilstuna"), ("0488", "Trosa")]
    for code, name in codes[:2]:
        set_with(kommun(code, name))

    two = national.national_overview(TODAY)
    assert not two.counties[0].current.shown

    set_with(kommun(*codes[2]))
    three = national.national_overview(TODAY)
    assert three.counties[0].current.shown
    assert three.counties[0].current.shares[0].count == 3


def test_themes_of_fewer_than_three_municipalities_are_counted_not_named():
    for code, name in [("0486", "Strängnäs"), ("0484", "Eskilstuna"), ("0488", "Trosa")]:
        set_with(kommun(code, name), theme="Trygg  trafikmiljö!" if code == "0488" else "Trygg trafikmiljö")
    set_with(kommun("0180", "Stockholm", "Stockholms län", "01"), theme="Unikt tema för en kommun")

    overview = national.national_overview(TODAY)

    assert [(t.title, t.municipalities) for t in overview.themes] == [("Trygg trafikmiljö", 3)]
    assert overview.other_themes == 1


def test_the_query_count_does_not_grow_with_the_number_of_municipalities():
    set_with(kommun("0486", "Strängnäs"), walks=1)
    with CaptureQueriesContext(connection) as one:
        national.national_overview(TODAY)
    for n in range(8):
        set_with(kommun(f"01{n:02d}", f"Kommun {n}", "Stockholms län", "01"), walks=2)
    with CaptureQueriesContext(connection) as nine:
        national.national_overview(TODAY)
    assert len(nine) == len(one)


def test_the_cached_overview_follows_changes_of_the_data():
    cache.clear()
    a = kommun("0486", "Strängnäs")
    assert national.cached_overview(TODAY).with_current == 0
    set_with(a)  # the signals bump the municipality's content_changed_at
    assert national.cached_overview(TODAY).with_current == 1
    with CaptureQueriesContext(connection) as again:
        national.cached_overview(TODAY)
    assert len(again) == 1  # only the data version


def test_it_counts_published_follow_up_reports_only():
    from lofte.demo.loader import load_demo
    from lofte.reports.models import FollowUpReport

    load_demo()  # one published report (Strängnäs 2022–2023)
    published = FollowUpReport.objects.published().count()
    assert published >= 1
    figures = national.national_overview(TODAY).reports
    assert (figures.reports, figures.municipalities) == (published, 1)


def test_percent_rounds_half_up_and_survives_an_empty_whole():
    assert national.percent(1, 8) == 13
    assert national.percent(0, 0) == 0


def test_the_bulk_statuses_are_the_pages_statuses():
    from lofte.activities.progress import current_statuses, set_evaluations
    from lofte.demo.loader import load_demo

    load_demo()
    promise_sets = list(PromiseSet.objects.published().filter(municipality__slug="strangnas"))
    areas = {promise_sets[0].municipality_id: promise_sets[0].municipality.areas.count()}
    for as_of in (date(2021, 6, 30), date(2023, 5, 1), date(2026, 1, 1)):
        pages = set_evaluations(promise_sets, as_of)
        bulk = current_statuses(promise_sets, as_of, areas)
        assert {k: [(e.status, e.progress) for e in v] for k, v in bulk.items()} == \
            {k: [(e.status, e.progress) for e in v] for k, v in pages.items()}


def test_after_a_change_the_figures_from_before_are_shown_while_a_task_recomputes(settings):
    from django_tasks_db.models import DBTaskResult

    from lofte.overview import tasks

    cache.clear()
    a = kommun("0486", "Strängnäs")
    assert national.cached_overview(TODAY).with_current == 0
    # A queue that runs tasks later (django-tasks rebuilds its backends when TASKS changes).
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    try:
        set_with(a)
        assert national.cached_overview(TODAY).with_current == 0  # the old figures, at once
        assert national.cached_overview(TODAY).with_current == 0
        assert DBTaskResult.objects.filter(task_path=tasks.refresh_national_overview.module_path).count() == 1
        tasks.refresh_national_overview.call(TODAY.isoformat())
        assert national.cached_overview(TODAY).with_current == 1
    finally:
        settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
                                      "QUEUES": ["default"]}}
