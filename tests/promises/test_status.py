"""Status and progress are computed from targets and recorded work (DESIGN.md §3)."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from lofte.promises.status import Status, TargetSpec, Work, evaluate, follow_up_points

FOUR_WALKS = TargetSpec(count=4, activity_type="safety_walk")


def walks(*days):
    return [Work(date=d, activity_type="safety_walk") for d in days]


def test_it_is_ongoing_without_a_numeric_target():
    result = evaluate([], walks(date(2021, 3, 1)), 2021, 2021, date(2021, 6, 1))
    assert result.status is Status.ONGOING
    assert result.progress is None
    assert result.work_count == 1


def test_it_is_ongoing_after_the_period_without_a_numeric_target():
    assert evaluate([], [], 2021, 2021, date(2022, 6, 1)).status is Status.ONGOING


def test_it_is_not_started_when_nothing_is_recorded_and_nothing_is_due():
    result = evaluate([FOUR_WALKS], [], 2021, 2021, date(2021, 2, 1))
    assert result.status is Status.NOT_STARTED
    assert result.progress == 0


def test_it_is_at_risk_when_behind_pace():
    result = evaluate([FOUR_WALKS], walks(date(2021, 1, 10)), 2021, 2021, date(2021, 9, 30))
    assert result.status is Status.AT_RISK


def test_it_is_on_track_when_the_pace_is_kept():
    result = evaluate([FOUR_WALKS], walks(date(2021, 2, 1), date(2021, 5, 1)), 2021, 2021, date(2021, 6, 30))
    assert result.status is Status.ON_TRACK
    assert result.percent == 50


def test_it_is_achieved_when_every_target_is_reached():
    result = evaluate([FOUR_WALKS], walks(*[date(2021, m, 1) for m in (2, 3, 4, 5)]), 2021, 2021, date(2021, 6, 1))
    assert result.status is Status.ACHIEVED
    assert result.progress == 1


def test_it_is_missed_when_the_period_ends_short():
    result = evaluate([FOUR_WALKS], walks(date(2021, 2, 1)), 2021, 2021, date(2022, 1, 1))
    assert result.status is Status.MISSED
    assert result.percent == 25


def test_only_work_of_the_targets_type_counts():
    work = [Work(date(2021, 2, 1), "parent_meeting"), Work(date(2021, 3, 1), "parent_meeting")]
    result = evaluate([FOUR_WALKS], work, 2021, 2021, date(2021, 3, 2))
    assert result.progress == 0
    assert result.work_count == 2


def test_a_records_count_adds_up():
    result = evaluate([FOUR_WALKS], [Work(date(2021, 2, 1), "safety_walk", count=4)], 2021, 2021, date(2021, 3, 1))
    assert result.status is Status.ACHIEVED


def test_a_per_year_target_needs_every_year():
    target = TargetSpec(count=2, per="year", activity_type="parent_meeting")
    work = [Work(date(2023, m, 1), "parent_meeting") for m in (2, 3, 4, 5)]
    result = evaluate([target], work, 2022, 2023, date(2024, 1, 1))
    assert result.status is Status.MISSED
    assert result.percent == 50


def test_a_coverage_target_counts_distinct_areas():
    target = TargetSpec(count=None, activity_type="dialogue_meeting", covers_areas=True)
    work = [Work(date(2022, 3, 1), "dialogue_meeting", area_id=a) for a in (1, 1, 2)]
    partial = evaluate([target], work, 2022, 2023, date(2024, 1, 1), area_count=3)
    assert partial.status is Status.MISSED
    assert partial.targets[0].done == 2
    work.append(Work(date(2023, 3, 1), "dialogue_meeting", area_id=3))
    assert evaluate([target], work, 2022, 2023, date(2024, 1, 1), area_count=3).status is Status.ACHIEVED


def test_progress_is_the_mean_of_capped_targets():
    other = TargetSpec(count=2, activity_type="parent_meeting")
    work = walks(*[date(2021, 2, d) for d in range(1, 9)])  # 8 walks: twice the target
    result = evaluate([FOUR_WALKS, other], work, 2021, 2021, date(2021, 3, 1))
    assert result.progress == 0.5


def test_follow_up_points_are_tertial_ends():
    assert follow_up_points(2021, 2021) == [date(2021, 4, 30), date(2021, 8, 31), date(2021, 12, 31)]
    assert len(follow_up_points(2022, 2023)) == 6


dates = st.dates(min_value=date(2020, 6, 1), max_value=date(2024, 6, 30))
work_items = st.builds(
    Work,
    date=dates,
    activity_type=st.sampled_from(["safety_walk", "parent_meeting"]),
    count=st.integers(min_value=0, max_value=5),
    area_id=st.one_of(st.none(), st.integers(min_value=1, max_value=4)),
    figures=st.one_of(st.just(()), st.tuples(st.tuples(st.just("attendees"), st.integers(0, 60)))),
)
target_specs = st.builds(
    TargetSpec,
    count=st.one_of(st.none(), st.integers(min_value=1, max_value=10)),
    per=st.sampled_from(["period", "year"]),
    activity_type=st.sampled_from([None, "safety_walk", "parent_meeting"]),
    covers_areas=st.booleans(),
    figure=st.sampled_from([None, "attendees"]),
)
periods = st.sampled_from([(2021, 2021), (2022, 2023), (2021, 2023)])


@given(st.lists(target_specs, max_size=3), st.lists(work_items, max_size=12), work_items, periods, dates)
def test_more_work_never_lowers_progress(targets, work, extra, period, as_of):
    before = evaluate(targets, work, *period, as_of, area_count=4)
    after = evaluate(targets, [*work, extra], *period, as_of, area_count=4)
    if before.progress is not None:
        assert after.progress >= before.progress


@given(st.lists(target_specs, max_size=3), st.lists(work_items, max_size=12), periods, st.integers(0, 800))
def test_after_the_period_only_final_statuses_remain(targets, work, period, days_after):
    as_of = date(period[1], 12, 31) + timedelta(days=days_after)
    status = evaluate(targets, work, *period, as_of, area_count=4).status
    assert status in {Status.ACHIEVED, Status.MISSED, Status.ONGOING}


@given(st.lists(target_specs, max_size=3), st.lists(work_items, max_size=12), periods, dates)
def test_status_as_of_a_date_ignores_later_work(targets, work, period, as_of):
    earlier = [w for w in work if w.date <= as_of]
    assert evaluate(targets, work, *period, as_of, area_count=4) == evaluate(
        targets, earlier, *period, as_of, area_count=4
    )
