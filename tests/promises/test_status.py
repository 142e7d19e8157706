"""Status and progress are computed from targets and recorded work (DESIGN.md §3)."""

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from lofte.promises.status import (
    PARTLY_SHARE,
    Period,
    Status,
    TargetSpec,
    Work,
    evaluate,
    follow_up_points,
    is_late,
    year_parts,
)

Y = Period.of_years

FOUR_WALKS = TargetSpec(count=4, activity_type="safety_walk")


def walks(*days):
    return [Work(date=d, activity_type="safety_walk") for d in days]


def test_it_is_ongoing_without_a_numeric_target():
    result = evaluate([], walks(date(2021, 3, 1)), Y(2021, 2021), date(2021, 6, 1))
    assert result.status is Status.ONGOING
    assert result.progress is None
    assert result.work_count == 1


def test_after_the_period_a_commitment_without_a_numeric_target_lacks_a_verdict_until_assessed():
    assert evaluate([], [], Y(2021, 2021), date(2022, 6, 1)).status is Status.NO_VERDICT
    given = evaluate([], [], Y(2021, 2021), date(2022, 6, 1), verdict=Status.PARTLY)
    assert given.status is Status.PARTLY
    assert given.final


def test_it_is_not_started_when_nothing_is_recorded_and_nothing_is_due():
    result = evaluate([FOUR_WALKS], [], Y(2021, 2021), date(2021, 2, 1))
    assert result.status is Status.NOT_STARTED
    assert result.progress == 0


def test_it_is_at_risk_when_behind_pace():
    result = evaluate([FOUR_WALKS], walks(date(2021, 1, 10)), Y(2021, 2021), date(2021, 9, 30))
    assert result.status is Status.AT_RISK


def test_it_is_on_track_when_the_pace_is_kept():
    result = evaluate([FOUR_WALKS], walks(date(2021, 2, 1), date(2021, 5, 1)), Y(2021, 2021), date(2021, 6, 30))
    assert result.status is Status.ON_TRACK
    assert result.percent == 50


def test_it_is_achieved_when_every_target_is_reached():
    result = evaluate([FOUR_WALKS], walks(*[date(2021, m, 1) for m in (2, 3, 4, 5)]), Y(2021, 2021), date(2021, 6, 1))
    assert result.status is Status.ACHIEVED
    assert result.progress == 1


def test_it_is_missed_when_the_period_ends_with_less_than_half_and_no_target_reached():
    result = evaluate([FOUR_WALKS], walks(date(2021, 2, 1)), Y(2021, 2021), date(2022, 1, 1))
    assert result.status is Status.MISSED
    assert result.percent == 25


def test_only_work_of_the_targets_type_counts():
    work = [Work(date(2021, 2, 1), "parent_meeting"), Work(date(2021, 3, 1), "parent_meeting")]
    result = evaluate([FOUR_WALKS], work, Y(2021, 2021), date(2021, 3, 2))
    assert result.progress == 0
    assert result.work_count == 2


def test_a_records_count_adds_up():
    result = evaluate([FOUR_WALKS], [Work(date(2021, 2, 1), "safety_walk", count=4)], Y(2021, 2021), date(2021, 3, 1))
    assert result.status is Status.ACHIEVED


def test_a_per_year_target_needs_every_year():
    target = TargetSpec(count=2, per="year", activity_type="parent_meeting")
    work = [Work(date(2023, m, 1), "parent_meeting") for m in (2, 3, 4, 5)]
    result = evaluate([target], work, Y(2022, 2023), date(2024, 1, 1))
    assert result.status is Status.PARTLY  # half of what the two years need
    assert result.percent == 50


def test_a_coverage_target_counts_distinct_areas():
    target = TargetSpec(count=None, activity_type="dialogue_meeting", covers_areas=True)
    work = [Work(date(2022, 3, 1), "dialogue_meeting", area_id=a) for a in (1, 1, 2)]
    partial = evaluate([target], work, Y(2022, 2023), date(2024, 1, 1), area_count=3)
    assert partial.status is Status.PARTLY
    assert partial.targets[0].done == 2
    work.append(Work(date(2023, 3, 1), "dialogue_meeting", area_id=3))
    assert evaluate([target], work, Y(2022, 2023), date(2024, 1, 1), area_count=3).status is Status.ACHIEVED


def test_progress_is_the_mean_of_capped_targets():
    other = TargetSpec(count=2, activity_type="parent_meeting")
    work = walks(*[date(2021, 2, d) for d in range(1, 9)])  # 8 walks: twice the target
    result = evaluate([FOUR_WALKS, other], work, Y(2021, 2021), date(2021, 3, 1))
    assert result.progress == 0.5


def test_follow_up_points_are_tertial_ends():
    assert follow_up_points(Y(2021, 2021)) == [date(2021, 4, 30), date(2021, 8, 31), date(2021, 12, 31)]
    assert len(follow_up_points(Y(2022, 2023))) == 6


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
periods = st.sampled_from([
    Y(2021, 2021), Y(2022, 2023), Y(2021, 2023),
    Period(date(2021, 7, 1), date(2022, 6, 30)), Period(date(2021, 11, 17), date(2022, 5, 18)),
    Period(date(2020, 3, 1), date(2022, 2, 28)),
])


@given(st.lists(target_specs, max_size=3), st.lists(work_items, max_size=12), work_items, periods, dates)
def test_more_work_never_lowers_progress(targets, work, extra, period, as_of):
    before = evaluate(targets, work, period, as_of, area_count=4)
    after = evaluate(targets, [*work, extra], period, as_of, area_count=4)
    if before.progress is not None:
        assert after.progress >= before.progress


@given(st.lists(target_specs, max_size=3), st.lists(work_items, max_size=12), periods, st.integers(0, 800))
def test_after_the_period_only_verdicts_remain(targets, work, period, days_after):
    as_of = period.end + timedelta(days=days_after)
    result = evaluate(targets, work, period, as_of, area_count=4)
    assert result.final
    assert result.status in {Status.ACHIEVED, Status.PARTLY, Status.MISSED, Status.NO_VERDICT}


@given(st.lists(target_specs, max_size=3), st.lists(work_items, max_size=12), periods, dates)
def test_status_as_of_a_date_ignores_later_work(targets, work, period, as_of):
    earlier = [w for w in work if w.date <= as_of]
    assert evaluate(targets, work, period, as_of, area_count=4) == evaluate(
        targets, earlier, period, as_of, area_count=4
    )


# ---------------------------------------------------------------------------------------------
# Periods as dates


JULY_TO_JUNE = Period(date(2022, 7, 1), date(2024, 6, 30))
GAGNEF_LIKE = Period(date(2016, 11, 17), date(2017, 5, 18))


def test_a_year_only_period_runs_from_the_first_of_january_to_the_last_of_december():
    assert Y(2022, 2023) == Period(date(2022, 1, 1), date(2023, 12, 31))
    assert Y(2022, 2023).is_calendar_years
    assert not JULY_TO_JUNE.is_calendar_years


def test_follow_up_points_are_the_tertial_ends_inside_the_period_and_its_last_day():
    assert follow_up_points(GAGNEF_LIKE) == [date(2016, 12, 31), date(2017, 4, 30), date(2017, 5, 18)]
    points = follow_up_points(JULY_TO_JUNE)
    assert points[0] == date(2022, 8, 31)
    assert points[-2:] == [date(2024, 4, 30), date(2024, 6, 30)]
    summer = Period(date(2020, 6, 1), date(2020, 8, 31))
    assert follow_up_points(summer) == [date(2020, 8, 31)]


def test_work_dated_outside_the_period_does_not_count():
    result = evaluate([FOUR_WALKS], walks(date(2022, 6, 30), date(2024, 7, 1), date(2022, 7, 1)), JULY_TO_JUNE,
                      date(2024, 8, 1))
    assert result.targets[0].done == 1


def test_pace_follows_the_dates_of_the_period():
    # Ten months into a two-year period from July, four of eight walks is ahead of pace.
    target = TargetSpec(count=8, activity_type="safety_walk")
    result = evaluate([target], walks(*[date(2022, m, 1) for m in (7, 8, 9, 10)]), JULY_TO_JUNE, date(2023, 4, 30))
    assert result.status is Status.ON_TRACK
    late_start = evaluate([target], [], JULY_TO_JUNE, date(2023, 4, 30))
    assert late_start.status is Status.AT_RISK


def test_year_parts_are_twelve_months_from_the_start():
    parts = year_parts(JULY_TO_JUNE)
    assert [(p.start, p.end) for p in parts] == [
        (date(2022, 7, 1), date(2023, 6, 30)), (date(2023, 7, 1), date(2024, 6, 30)),
    ]
    assert all(p.is_full for p in parts)
    leap = year_parts(Period(date(2020, 3, 1), date(2022, 2, 28)))
    assert [p.end for p in leap] == [date(2021, 2, 28), date(2022, 2, 28)]
    assert all(p.is_full for p in leap)


def test_a_per_year_target_counts_twelve_months_from_the_start():
    target = TargetSpec(count=2, per="year", activity_type="safety_walk")
    # Two walks in each July–June year: met, although 2023 (a calendar year) has only one.
    work = walks(date(2022, 9, 1), date(2023, 3, 1), date(2023, 9, 1), date(2024, 5, 1))
    assert evaluate([target], work, JULY_TO_JUNE, date(2024, 6, 30)).status is Status.ACHIEVED


def test_a_last_part_year_needs_its_share_of_the_yearly_number_rounded_up():
    target = TargetSpec(count=2, per="year", activity_type="safety_walk")
    eighteen_months = Period(date(2022, 1, 1), date(2023, 6, 30))
    result = evaluate([target], walks(date(2022, 3, 1), date(2022, 9, 1), date(2023, 2, 1)), eighteen_months,
                      date(2023, 6, 30))
    assert result.status is Status.ACHIEVED
    part = result.targets[0]
    assert part.required == 3
    short, required = part.short_part
    assert (short.start, short.end, short.months, required) == (date(2023, 1, 1), date(2023, 6, 30), 6, 1)


def test_a_period_shorter_than_a_year_needs_the_yearly_number_pro_rata_rounded_up():
    # Six months of "minst två per år": 2 × 183/365 rounds up to 2; "minst fyra per år" over a summer: 1.
    assert year_parts(GAGNEF_LIKE)[0].required(2) == 2
    summer = year_parts(Period(date(2020, 6, 1), date(2020, 8, 31)))[0]
    assert summer.required(4) == 2
    assert summer.required(1) == 1
    assert year_parts(Y(2021, 2021))[0].required(4) == 4


@given(st.integers(1, 50), st.dates(min_value=date(2015, 1, 1), max_value=date(2030, 1, 1)), st.integers(0, 800))
def test_a_part_years_number_never_exceeds_the_yearly_number_and_is_never_zero(per_year, start, days):
    for part in year_parts(Period(start, start + timedelta(days=days))):
        assert 1 <= part.required(per_year) <= per_year


# ---------------------------------------------------------------------------------------------
# Verdicts after the period


TWO_WALKS = TargetSpec(count=2, activity_type="safety_walk")


def test_the_verdict_is_achieved_when_every_target_was_reached():
    result = evaluate([FOUR_WALKS], walks(*[date(2021, m, 1) for m in (2, 3, 4, 5)]), Y(2021), date(2022, 1, 1))
    assert (result.status, result.final) == (Status.ACHIEVED, True)


def test_the_verdict_is_partly_when_some_target_was_reached():
    result = evaluate([FOUR_WALKS, TWO_WALKS], walks(date(2021, 2, 1), date(2021, 3, 1)), Y(2021), date(2022, 1, 1))
    assert result.status is Status.PARTLY


def test_the_verdict_is_partly_when_at_least_half_was_done():
    result = evaluate([FOUR_WALKS], walks(date(2021, 2, 1), date(2021, 3, 1)), Y(2021), date(2022, 1, 1))
    assert result.status is Status.PARTLY
    assert PARTLY_SHARE == 0.5


def test_a_verdict_on_a_measurable_commitment_is_computed_not_given():
    result = evaluate([FOUR_WALKS], [], Y(2021), date(2022, 1, 1), verdict=Status.ACHIEVED)
    assert result.status is Status.MISSED


def test_on_the_last_day_the_status_is_the_verdict():
    assert evaluate([FOUR_WALKS], [], Y(2021), date(2021, 12, 31)).final
    assert not evaluate([FOUR_WALKS], [], Y(2021), date(2021, 12, 30)).final


# ---------------------------------------------------------------------------------------------
# History as it was known


def walk(day, recorded=None, removed=None):
    return Work(day, "safety_walk", recorded=recorded, removed=removed)


def test_a_point_counts_only_work_recorded_by_its_cutoff():
    work = [walk(date(2021, 3, 1), recorded=date(2021, 3, 2)), walk(date(2021, 4, 20), recorded=date(2021, 6, 1))]
    at_point = evaluate([FOUR_WALKS], work, Y(2021), date(2021, 4, 30), known_by=date(2021, 5, 14))
    assert at_point.targets[0].done == 1
    now = evaluate([FOUR_WALKS], work, Y(2021), date(2021, 4, 30))
    assert now.targets[0].done == 2


def test_a_point_keeps_work_removed_after_its_cutoff_and_drops_work_removed_before():
    kept = walk(date(2021, 3, 1), recorded=date(2021, 3, 2), removed=date(2021, 9, 1))
    dropped = walk(date(2021, 3, 5), recorded=date(2021, 3, 6), removed=date(2021, 5, 1))
    at_point = evaluate([FOUR_WALKS], [kept, dropped], Y(2021), date(2021, 4, 30), known_by=date(2021, 5, 14))
    assert at_point.targets[0].done == 1
    assert evaluate([FOUR_WALKS], [kept, dropped], Y(2021), date(2021, 4, 30)).targets[0].done == 0


def test_work_is_late_when_recorded_after_the_cutoff_of_the_point_that_should_count_it():
    assert is_late(date(2021, 12, 10), date(2022, 3, 1), Y(2021), 14)
    assert not is_late(date(2021, 12, 10), date(2022, 1, 14), Y(2021), 14)
    assert not is_late(date(2021, 5, 10), date(2021, 8, 20), Y(2021), 14)  # before the August point
    assert is_late(date(2021, 5, 10), date(2021, 9, 15), Y(2021), 14)


recorded_work = st.builds(
    Work,
    date=dates,
    activity_type=st.sampled_from(["safety_walk", "parent_meeting"]),
    count=st.integers(min_value=0, max_value=5),
    area_id=st.one_of(st.none(), st.integers(min_value=1, max_value=4)),
    recorded=dates,
    removed=st.one_of(st.none(), dates),
)


@given(st.lists(target_specs, max_size=3), st.lists(recorded_work, max_size=12), periods, st.data())
def test_a_passed_point_never_changes_afterwards(targets, work, period, data):
    """Whatever is recorded, corrected or removed after a point's cutoff, the point reads the same."""
    point = data.draw(st.sampled_from(follow_up_points(period)))
    cutoff = point + timedelta(days=14)
    before = evaluate(targets, work, period, point, area_count=4, known_by=cutoff)
    later = data.draw(st.dates(min_value=cutoff + timedelta(days=1), max_value=date(2026, 1, 1)))
    added = data.draw(st.builds(Work, date=dates, activity_type=st.sampled_from(["safety_walk", "parent_meeting"]),
                                recorded=st.just(later)))
    # A correction: the old record is removed later and a new one with other values recorded.
    corrected = [replace(w, removed=later) if w.removed is None else w for w in work]
    corrected += [replace(w, date=w.date + timedelta(days=3), recorded=later, removed=None) for w in work]
    after = evaluate(targets, [*corrected, added], period, point, area_count=4, known_by=cutoff)
    assert after == before
