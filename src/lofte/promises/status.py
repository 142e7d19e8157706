"""Progress and status of a commitment, computed from its targets and recorded work.

Pure functions on plain values: no database, so tests call them directly and `promises` needs no
knowledge of the activity model. Status is never typed by hand (DESIGN.md §3).

How we count (this text is also shown on the site, "Så räknar vi"):

- A promise set runs from its first to its last day (day precision; a set stated only in years runs
  from 1 January to 31 December). Only work dated inside the period counts.
- A target counts the recorded work of its activity type (all recorded work for the commitment when
  it names no type), summing each record's count. A target may instead sum a figure of the records,
  such as the number of participants ("minst 200 deltagare"). A coverage target ("i olika
  kommundelar") counts the distinct areas the work covered instead; without a number it asks for
  every area.
- A per-year target ("minst två per år") is counted per twelve months from the start of the period.
  A last part-year shorter than twelve months needs its share of the yearly number, rounded up (two
  per year over six months is one), and the page says so. Every part must be met; a surplus in one
  does not make up for a shortfall in another.
- Pace: by a given date the work should have reached the target times the elapsed share of the
  period (of each year part, for per-year targets). We allow a tolerance of one activity or a tenth
  of the target, whichever is larger, before calling a commitment at risk.
- Progress of a commitment is the mean of its targets' progress, each capped at 100 %, so it never
  exceeds 100 % and one over-achieved target does not hide a lagging one.
- Follow-up points are the ends of the tertials (30 April, 31 August, 31 December) inside the period,
  and the period's last day. A follow-up point counts the work dated on or before it that had been
  recorded by the point plus a grace period (FOLLOW_UP_GRACE_DAYS, 14 days by default), as it stood
  then: work recorded later, and corrections or removals made later, never change a passed point.
  Work recorded later still counts for the status today and for the final result; it is marked
  "registrerad i efterhand".
- After the period there is a verdict, never "Pågående". A measurable commitment is Uppfyllt when
  every target was reached, Delvis uppfyllt when some target was reached or its progress is at least
  half (PARTLY_SHARE), and Ej uppfyllt otherwise. A commitment without a measurable target gets its
  verdict (the same three levels) from a signed final assessment; until one is written it reads
  "Slutbedömning saknas".
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum


class Status(StrEnum):
    ACHIEVED = "achieved"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    MISSED = "missed"
    PARTLY = "partly"
    NOT_STARTED = "not_started"
    ONGOING = "ongoing"
    NO_VERDICT = "no_verdict"

    @property
    def label(self) -> str:
        return LABELS[self]

    @property
    def is_verdict(self) -> bool:
        return self in VERDICTS


LABELS = {
    Status.ACHIEVED: "Uppfyllt",
    Status.ON_TRACK: "Enligt plan",
    Status.AT_RISK: "I riskzonen",
    Status.MISSED: "Ej uppfyllt",
    Status.PARTLY: "Delvis uppfyllt",
    Status.NOT_STARTED: "Ej påbörjat",
    Status.ONGOING: "Pågående",
    Status.NO_VERDICT: "Slutbedömning saknas",
}

# The three verdicts after a period, computed or given by a final assessment.
VERDICTS = (Status.ACHIEVED, Status.PARTLY, Status.MISSED)

# Behind pace by at most this share of the target (or one activity, if more) is still on track.
TOLERANCE_SHARE = 0.10
TOLERANCE_MIN = 1
# After the period: progress of at least this share (without every target reached) is "partly".
PARTLY_SHARE = 0.5
# A follow-up point counts what was recorded by the point plus this many days.
DEFAULT_GRACE_DAYS = 14


# ---------------------------------------------------------------------------------------------
# Periods


@dataclass(frozen=True, order=True)
class Period:
    """A promise set's period: first and last day, both included."""

    start: date
    end: date

    @classmethod
    def of_years(cls, first_year: int, last_year: int | None = None) -> Period:
        return cls(date(first_year, 1, 1), date(last_year or first_year, 12, 31))

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def is_calendar_years(self) -> bool:
        return (self.start.month, self.start.day, self.end.month, self.end.day) == (1, 1, 12, 31)

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def has_ended(self, today: date) -> bool:
        """Whether the period is over at the end of `today` (its last day included)."""
        return today >= self.end


def add_years(day: date, years: int) -> date:
    """The same day `years` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class YearPart:
    """Twelve months of a period from its start (the last part may be shorter)."""

    start: date
    end: date
    full_days: int  # the length of a whole twelve months from `start`

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def is_full(self) -> bool:
        return self.days >= self.full_days

    @property
    def months(self) -> int:
        """Length in whole months, rounded (for saying "sista delåret, 6 månader")."""
        return max(1, round(self.days / (self.full_days / 12)))

    def required(self, per_year: int) -> int:
        """The yearly number for this part: all of it, or pro rata rounded up for a part-year."""
        if self.is_full:
            return per_year
        return -(-per_year * self.days // self.full_days)


def year_parts(period: Period) -> list[YearPart]:
    """The period cut into twelve-month parts from its start; the last one may be shorter."""
    parts = []
    start = period.start
    while start <= period.end:
        following = add_years(start, 1)
        end = min(period.end, following - timedelta(days=1))
        parts.append(YearPart(start, end, (following - start).days))
        start = following
    return parts


def elapsed_share(start: date, end: date, as_of: date) -> float:
    """Share of [start, end] (whole days, both included) that has passed at the end of as_of."""
    if as_of < start:
        return 0.0
    if as_of >= end:
        return 1.0
    return ((as_of - start).days + 1) / ((end - start).days + 1)


TERTIAL_ENDS = ((4, 30), (8, 31), (12, 31))


def follow_up_points(period: Period) -> list[date]:
    """The tertial ends (30 April, 31 August, 31 December) inside the period, and its last day."""
    points = [
        date(year, month, day)
        for year in range(period.start.year, period.end.year + 1)
        for month, day in TERTIAL_ENDS
        if period.contains(date(year, month, day))
    ]
    if not points or points[-1] != period.end:
        points.append(period.end)
    return points


def point_for(day: date, period: Period) -> date | None:
    """The first follow-up point on or after a day of the period (the one that first counts it)."""
    return next((p for p in follow_up_points(period) if p >= day), None)


def is_late(work_date: date, recorded: date | None, period: Period, grace_days: int = DEFAULT_GRACE_DAYS) -> bool:
    """Whether work was recorded after the follow-up point that should have counted it had closed."""
    point = point_for(work_date, period)
    if point is None or recorded is None:
        return False
    return recorded > point + timedelta(days=grace_days)


# ---------------------------------------------------------------------------------------------
# Targets and work


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
    """One record's contribution to a commitment, and when it was known.

    `recorded` is the day it was recorded (None: always known); `removed` the day it stopped
    counting (moved to the bin, or replaced by a correction), None while it counts.
    """

    date: date
    activity_type: str
    count: int = 1
    area_id: int | None = None
    # Type-specific figures of the record as (name, value) pairs; a tuple keeps Work hashable.
    figures: tuple[tuple[str, int], ...] = ()
    recorded: date | None = None
    removed: date | None = None

    def figure(self, name: str) -> int:
        return next((value for key, value in self.figures if key == name), 0)

    def known_on(self, day: date) -> bool:
        """Whether the record counted at the end of `day` (recorded by then and not yet removed)."""
        return (self.recorded is None or self.recorded <= day) and (self.removed is None or self.removed > day)


@dataclass(frozen=True)
class TargetProgress:
    target: TargetSpec
    done: int  # counted work (capped per year part for per-year targets)
    required: int  # what the whole period needs
    expected: float  # what the elapsed part of the period needs
    achieved: bool
    # Per-year targets: the parts and what each needs and got, (part, required, got).
    parts: tuple[tuple[YearPart, int, int], ...] = ()

    @property
    def progress(self) -> float:
        return 1.0 if self.required == 0 else min(1.0, self.done / self.required)

    @property
    def behind(self) -> bool:
        tolerance = max(TOLERANCE_MIN, TOLERANCE_SHARE * self.required)
        return self.done < self.expected - tolerance

    @property
    def short_part(self) -> tuple[YearPart, int] | None:
        """The last part-year and its pro-rata number, when the period ends with one."""
        if self.parts and not self.parts[-1][0].is_full:
            part, required, _got = self.parts[-1]
            return part, required
        return None


@dataclass(frozen=True)
class Evaluation:
    status: Status
    progress: float | None  # 0..1, None for qualitative commitments
    targets: tuple[TargetProgress, ...]
    work_count: int  # recorded work in the period up to the date, all types
    final: bool = False  # the period is over: the status is a verdict (or "Slutbedömning saknas")

    @property
    def percent(self) -> int | None:
        return None if self.progress is None else math.floor(self.progress * 100 + 1e-9)


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


def _evaluate_target(target: TargetSpec, work: Sequence[Work], period: Period, as_of: date,
                     area_count: int) -> TargetProgress:
    matching = _matching(target, work)
    count = target.count if target.count is not None else area_count
    if target.per == "year" and not target.covers_areas:
        done = required = 0
        expected = 0.0
        achieved = True
        parts = []
        for part in year_parts(period):
            needed = part.required(count)
            got = _amount(target, [w for w in matching if part.start <= w.date <= part.end])
            done += min(got, needed)
            required += needed
            expected += needed * elapsed_share(part.start, part.end, as_of)
            achieved = achieved and got >= needed
            parts.append((part, needed, got))
        return TargetProgress(target, done, required, expected, achieved, tuple(parts))
    # A per-year coverage target: the same areas every year is enough, so it counts like a period one.
    got = _amount(target, matching)
    expected = count * elapsed_share(period.start, period.end, as_of)
    return TargetProgress(target, min(got, count), count, expected, got >= count)


def final_status(parts: Sequence[TargetProgress]) -> Status:
    """The verdict on measurable targets after the period."""
    if all(p.achieved for p in parts):
        return Status.ACHIEVED
    progress = sum(p.progress for p in parts) / len(parts)
    if any(p.achieved for p in parts) or progress >= PARTLY_SHARE:
        return Status.PARTLY
    return Status.MISSED


def evaluate(
    targets: Sequence[TargetSpec],
    work: Iterable[Work],
    period: Period,
    as_of: date,
    area_count: int = 0,
    *,
    known_by: date | None = None,
    verdict: Status | None = None,
) -> Evaluation:
    """Progress and status of one commitment as of a date.

    `work` is the commitment's recorded work; anything outside the period or after `as_of` is
    ignored. With `known_by` only work recorded by that day and not removed by then counts (a
    follow-up point as it was known); without it, the work that counts now. `area_count` is the
    number of areas of the municipality, for coverage targets without a number. `verdict` is the
    verdict of a final assessment, used for a commitment without a measurable target once the
    period is over.
    """
    if known_by is None:
        known = [w for w in work if w.removed is None]
    else:
        known = [w for w in work if w.known_on(known_by)]
    counted = [w for w in known if period.contains(w.date) and w.date <= as_of]
    ended = period.has_ended(as_of)
    numeric = [t for t in targets if t.count is not None or (t.covers_areas and area_count > 0)]
    if not numeric:
        if ended:
            status = verdict if verdict in VERDICTS else Status.NO_VERDICT
        else:
            status = Status.ONGOING
        return Evaluation(status, None, (), len(counted), final=ended)

    parts = tuple(_evaluate_target(t, counted, period, as_of, area_count) for t in numeric)
    progress = sum(p.progress for p in parts) / len(parts)
    if ended:
        status = final_status(parts)
    elif all(p.achieved for p in parts):
        status = Status.ACHIEVED
    elif any(p.behind for p in parts):
        status = Status.AT_RISK
    elif not counted:
        status = Status.NOT_STARTED
    else:
        status = Status.ON_TRACK
    return Evaluation(status, progress, parts, len(counted), final=ended)
