"""Progress and status of a commitment, computed from its targets and recorded work.

Pure functions on plain values: no database, so tests call them directly and `promises` needs no
knowledge of the activity model. Status is never typed by hand (DESIGN.md §3).

How we count (this text is also shown on the site, "Så räknar vi"):

- A target counts the recorded work of its activity type (all recorded work for the commitment when
  it names no type), summing each record's count. A target may instead sum a figure of the records,
  such as the number of participants ("minst 200 deltagare"). A coverage target ("i olika kommundelar") counts the
  distinct areas the work covered instead; without a number it asks for every area.
- A per-year target must be met in every year of the period; a year's surplus does not make up for
  another year's shortfall.
- Only work dated inside the period and on or before the date of the assessment counts, so the
  status "as of" a past follow-up point ignores everything recorded for later dates.
- Pace: by a given date the work should have reached the target times the elapsed share of the
  period (of the year, for per-year targets). We allow a tolerance of one activity or a tenth of the
  target, whichever is larger, before calling a commitment at risk.
- Progress of a commitment is the mean of its targets' progress, each capped at 100 %, so it never
  exceeds 100 % and one over-achieved target does not hide a lagging one.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Status(StrEnum):
    ACHIEVED = "achieved"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    MISSED = "missed"
    NOT_STARTED = "not_started"
    ONGOING = "ongoing"

    @property
    def label(self) -> str:
        return LABELS[self]


LABELS = {
    Status.ACHIEVED: "Uppfyllt",
    Status.ON_TRACK: "Enligt plan",
    Status.AT_RISK: "I riskzonen",
    Status.MISSED: "Ej uppfyllt",
    Status.NOT_STARTED: "Ej påbörjat",
    Status.ONGOING: "Pågående",
}

# Behind pace by at most this share of the target (or one activity, if more) is still on track.
TOLERANCE_SHARE = 0.10
TOLERANCE_MIN = 1


@dataclass(frozen=True)
class TargetSpec:
    count: int | None
    per: str = "period"  # "period" or "year"
    activity_type: str | None = None
    covers_areas: bool = False
    # The name of a figure of the records to sum instead of counting them, e.g. "attendees".
    figure: str | None = None


@dataclass(frozen=True)
class Work:
    date: date
    activity_type: str
    count: int = 1
    area_id: int | None = None
    # Type-specific figures of the record as (name, value) pairs; a tuple keeps Work hashable.
    figures: tuple[tuple[str, int], ...] = ()

    def figure(self, name: str) -> int:
        return next((value for key, value in self.figures if key == name), 0)


@dataclass(frozen=True)
class TargetProgress:
    target: TargetSpec
    done: int  # counted work (capped per year for per-year targets)
    required: int  # what the whole period needs
    expected: float  # what the elapsed part of the period needs
    achieved: bool

    @property
    def progress(self) -> float:
        return 1.0 if self.required == 0 else min(1.0, self.done / self.required)

    @property
    def behind(self) -> bool:
        tolerance = max(TOLERANCE_MIN, TOLERANCE_SHARE * self.required)
        return self.done < self.expected - tolerance


@dataclass(frozen=True)
class Evaluation:
    status: Status
    progress: float | None  # 0..1, None for qualitative commitments
    targets: tuple[TargetProgress, ...]
    work_count: int  # recorded work in the period up to the date, all types

    @property
    def percent(self) -> int | None:
        return None if self.progress is None else math.floor(self.progress * 100 + 1e-9)


def period_bounds(first_year: int, last_year: int) -> tuple[date, date]:
    return date(first_year, 1, 1), date(last_year, 12, 31)


def elapsed_share(start: date, end: date, as_of: date) -> float:
    """Share of [start, end] (whole days, both included) that has passed at the end of as_of."""
    if as_of < start:
        return 0.0
    if as_of >= end:
        return 1.0
    return ((as_of - start).days + 1) / ((end - start).days + 1)


def follow_up_points(first_year: int, last_year: int) -> list[date]:
    """The tertial ends of the period (30 April, 31 August, 31 December of each year)."""
    points = []
    for year in range(first_year, last_year + 1):
        points += [date(year, 4, 30), date(year, 8, 31), date(year, 12, 31)]
    return points


def _matching(target: TargetSpec, work: Sequence[Work]) -> list[Work]:
    if not target.activity_type:
        return list(work)
    return [w for w in work if w.activity_type == target.activity_type]


def _amount(target: TargetSpec, work: Sequence[Work]) -> int:
    if target.covers_areas:
        return len({w.area_id for w in work if w.area_id is not None})
    if target.figure:
        return sum(max(0, w.figure(target.figure)) for w in work)
    return sum(max(0, w.count) for w in work)


def _evaluate_target(
    target: TargetSpec, work: Sequence[Work], first_year: int, last_year: int, as_of: date, area_count: int
) -> TargetProgress:
    matching = _matching(target, work)
    count = target.count if target.count is not None else area_count
    if target.per == "year" and not target.covers_areas:
        done = required = 0
        expected = 0.0
        achieved = True
        for year in range(first_year, last_year + 1):
            in_year = [w for w in matching if w.date.year == year]
            got = _amount(target, in_year)
            done += min(got, count)
            required += count
            expected += count * elapsed_share(date(year, 1, 1), date(year, 12, 31), as_of)
            achieved = achieved and got >= count
        return TargetProgress(target, done, required, expected, achieved)
    start, end = period_bounds(first_year, last_year)
    got = _amount(target, matching)
    if target.per == "year":  # a per-year coverage target: the same areas every year is enough
        required = count
    else:
        required = count
    expected = required * elapsed_share(start, end, as_of)
    return TargetProgress(target, min(got, required), required, expected, got >= required)


def evaluate(
    targets: Sequence[TargetSpec],
    work: Iterable[Work],
    first_year: int,
    last_year: int,
    as_of: date,
    area_count: int = 0,
) -> Evaluation:
    """Progress and status of one commitment as of a date.

    `work` is the commitment's recorded work; anything outside the period or after `as_of` is
    ignored. `area_count` is the number of areas of the municipality, for coverage targets
    without a number.
    """
    start, end = period_bounds(first_year, last_year)
    counted = [w for w in work if start <= w.date <= end and w.date <= as_of]
    numeric = [t for t in targets if t.count is not None or (t.covers_areas and area_count > 0)]
    if not numeric:
        return Evaluation(Status.ONGOING, None, (), len(counted))

    parts = tuple(_evaluate_target(t, counted, first_year, last_year, as_of, area_count) for t in numeric)
    progress = sum(p.progress for p in parts) / len(parts)
    if all(p.achieved for p in parts):
        status = Status.ACHIEVED
    elif as_of >= end:
        status = Status.MISSED
    elif any(p.behind for p in parts):
        status = Status.AT_RISK
    elif not counted:
        status = Status.NOT_STARTED
    else:
        status = Status.ON_TRACK
    return Evaluation(status, progress, parts, len(counted))
