"""Scoring the importer's result against hand-made labels: shared by the probe tests and
bench/importer_accuracy.py (whose docstring describes the measures).

A label file maps each document to its commitments in order: the first words of the text, the
promising parties (police, municipality; null where a careful reader cannot tell) and the numeric
target (null, or the counts that are right in `accept`). A document's `# period:` line states its
period for people; expected_periods reads it independently of the importer.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

LABELLED_PARTIES = {"police", "municipality"}
# The --years a document that states no period is imported with (so its period is right when the
# importer found none of its own).
STAND_IN_YEARS = "1999"


def normalise(text: str) -> str:
    return " ".join(text.lower().split())


_MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
           "november", "december")
_WEEKDAY = r"(?:(?:mån|tis|ons|tors|fre|lör|sön)dag(?:en)?\s+)?(?:den\s+)?"
_POINT = re.compile(
    rf"(?P<iso>(?P<iy>\d{{4}})-(?P<im>\d\d)-(?P<id>\d\d))"
    rf"|{_WEEKDAY}(?P<day>\d{{1,2}})\s+(?P<dm>{'|'.join(_MONTHS)})(?:\s+(?P<dy>\d{{4}}))?"
    rf"|(?P<month>{'|'.join(_MONTHS)})(?:\s+(?P<my>\d{{4}}))?"
    rf"|(?P<year>\d{{4}})|(?<=/)(?P<short>\d\d)\b",
    re.IGNORECASE,
)


def states_no_period(meta: dict[str, str]) -> bool:
    return meta.get("period", "unknown").lower().startswith("unknown")


def expected_periods(meta: dict[str, str]) -> list[tuple[date, date]] | None:
    """The periods a `# period:` label states, as first and last days; None for "unknown".

    The label is written for people ("2018-2019 samt 2016-2017 (two periods on one page)",
    "torsdagen den 17 november 2016 – torsdagen den 18 maj 2017", "under 2016 (signerat …)",
    "september till och med december 2020", "31 juni 2023 - 31 juni 2027"): remarks in brackets
    are dropped, " samt " separates periods, a point without a year takes the other end's, a
    month means its first or last day, and a day the month does not have means its last day.
    """
    if states_no_period(meta):
        return None
    text = re.sub(r"\([^)]*\)", "", meta["period"])
    found = []
    for part in re.split(r"\s+samt\s+|;", text):
        points = list(_POINT.finditer(part))
        if not points:
            continue
        first, last = points[0], points[-1]
        start_year = _year_of(first) or _year_of(last)
        end_year = _year_of(last) or start_year
        if last.group("short"):
            end_year = start_year // 100 * 100 + int(last.group("short"))
        found.append((_day_of(first, start_year, start=True), _day_of(last, end_year, start=False)))
    return found or None


def _year_of(point: re.Match) -> int | None:
    for name in ("iy", "dy", "my", "year"):
        if point.group(name):
            return int(point.group(name))
    return None


def _day_of(point: re.Match, year: int, *, start: bool) -> date:
    if point.group("iso"):
        return date(year, int(point.group("im")), int(point.group("id")))
    month_name = point.group("dm") or point.group("month")
    if month_name is None:
        return date(year, 1, 1) if start else date(year, 12, 31)
    month = _MONTHS.index(month_name.lower()) + 1
    last_day = calendar.monthrange(year, month)[1]
    if point.group("day"):
        return date(year, month, min(int(point.group("day")), last_day))
    return date(year, month, 1 if start else last_day)


def parsed_periods(result: dict | None) -> list[tuple[date, date]]:
    if result is None:
        return []
    return [(date.fromisoformat(s["start"]), date.fromisoformat(s["end"])) for s in result["promise_sets"]]


def period_right(result: dict | None, meta: dict[str, str]) -> bool:
    expected = expected_periods(meta)
    found = parsed_periods(result)
    if expected is None:
        # The importer must not invent a period: every set has the one given with --years.
        from lofte.promises.periods import parse_period

        given = parse_period(meta.get("years-arg") or STAND_IN_YEARS)
        return bool(found) and all(p == (given.start, given.end) for p in found)
    return sorted(found) == sorted(expected)


def area_right(result: dict | None, meta: dict[str, str]) -> bool:
    expected = normalise(meta.get("area", ""))
    return result is not None and all(normalise(s["area"] or "") == expected for s in result["promise_sets"])


# ================================================================ scoring


def match(parsed: list[dict], labels: list[dict]) -> list[tuple[dict, dict]]:
    """Pairs (parsed, label), each label used once, in document order."""
    pairs = []
    used: set[int] = set()
    for commitment in parsed:
        text = normalise(commitment["text"])
        for index, label in enumerate(labels):
            if index not in used and text.startswith(normalise(label["text"])):
                used.add(index)
                pairs.append((commitment, label))
                break
    return pairs


def parties_right(commitment: dict, label: dict) -> bool | None:
    if label["parties"] is None:
        return None
    return set(commitment["parties"]) & LABELLED_PARTIES == set(label["parties"])


def target_right(commitment: dict, label: dict) -> bool:
    expected = label["target"]
    counts = [t["count"] for t in commitment["targets"]]
    coverage = commitment.get("area_coverage") or {}
    if coverage.get("count"):
        counts.append(coverage["count"])  # "i tre av de utsatta områdena": three areas
    if expected is None:
        return not counts
    return any(count in expected["accept"] for count in counts)
