"""Periods as the sources write them, and as the pages show them.

Every period is stored as its first day (a Monday for a week). The spellings read:

    år       2023
    kvartal  2023K1, 2023 K1, 2023Q1, 2023-Q1, K1 2023, kv1 2023, kvartal 1 2023
    tertial  2023T1, 2023 T1, T1 2023, tertial 1 2023
    månad    2023-03, 2023-3, 2023M03, mars 2023, 2023 mars
    vecka    2023V12, 2023 v12, 2023-W12, v12 2023, v. 12 2023, vecka 12 2023 (ISO weeks)
"""

from __future__ import annotations

import re
from datetime import date, timedelta

YEAR, QUARTER, TERTIAL, MONTH, WEEK = "year", "quarter", "tertial", "month", "week"
KINDS = (WEEK, MONTH, QUARTER, TERTIAL, YEAR)
KIND_NAMES = {"år": YEAR, "ar": YEAR, "year": YEAR, "helår": YEAR, "kvartal": QUARTER, "quarter": QUARTER,
              "tertial": TERTIAL, "månad": MONTH, "manad": MONTH, "month": MONTH, "vecka": WEEK, "week": WEEK}
MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
          "november", "december"]
_MONTH_ABBR = {name[:3]: i + 1 for i, name in enumerate(MONTHS)}
_FIRST_YEAR, _LAST_YEAR = 1950, 2100


class PeriodError(ValueError):
    """A period that cannot be read; the message is Swedish."""


def kind_from_name(text: str) -> str | None:
    return KIND_NAMES.get(" ".join(str(text or "").casefold().split()))


def _year(text: str) -> int:
    year = int(text)
    if not _FIRST_YEAR <= year <= _LAST_YEAR:
        raise PeriodError(f"året {year} är orimligt")
    return year


def _week_start(year: int, week: int) -> date:
    try:
        return date.fromisocalendar(year, week, 1)
    except ValueError:
        raise PeriodError(f"vecka {week} finns inte år {year}") from None


def parse_period(text, kind: str | None = None) -> tuple[str, date]:
    """(period kind, first day) of a period cell; `kind` (if given) must match what the text says."""
    raw = " ".join(str(text or "").replace("\u2013", "-").split())
    if isinstance(text, int) or re.fullmatch(r"\d{4}(\.0)?", raw):
        found = (YEAR, date(_year(raw[:4]), 1, 1))
    else:
        found = _parse_sub_year(raw.casefold())
    if kind and found[0] != kind:
        if kind == YEAR or found[0] == YEAR:
            raise PeriodError(f"perioden «{raw}» är inte ett {_KIND_LABEL[kind]}")
        raise PeriodError(f"perioden «{raw}» är ett {_KIND_LABEL[found[0]]}, inte ett {_KIND_LABEL[kind]}")
    return found


_KIND_LABEL = {YEAR: "år", QUARTER: "kvartal", TERTIAL: "tertial", MONTH: "månad", WEEK: "vecka"}


def _parse_sub_year(s: str) -> tuple[str, date]:
    if not s:
        raise PeriodError("perioden saknas")
    patterns = (
        (QUARTER, r"(\d{4})\s*-?\s*(?:k|q|kv|kvartal)\s*\.?\s*([1-4])"),
        (QUARTER, r"(?:k|q|kv|kvartal)\s*\.?\s*([1-4])\s*,?\s*(\d{4})"),
        (TERTIAL, r"(\d{4})\s*-?\s*(?:t|tertial)\s*([1-3])"),
        (TERTIAL, r"(?:t|tertial)\s*([1-3])\s*,?\s*(\d{4})"),
        (WEEK, r"(\d{4})\s*-?\s*(?:v|w|vecka|v\.)\s*\.?\s*(\d{1,2})"),
        (WEEK, r"(?:v|w|vecka|v\.)\s*\.?\s*(\d{1,2})\s*,?\s*(\d{4})"),
        (MONTH, r"(\d{4})\s*[-m/]\s*(\d{1,2})"),
    )
    for kind, pattern in patterns:
        match = re.fullmatch(pattern, s)
        if not match:
            continue
        a, b = match.groups()
        year, number = (int(a), int(b)) if len(a) == 4 else (int(b), int(a))
        year = _year(str(year))
        if kind == QUARTER:
            return QUARTER, date(year, 3 * number - 2, 1)
        if kind == TERTIAL:
            return TERTIAL, date(year, 4 * number - 3, 1)
        if kind == WEEK:
            return WEEK, _week_start(year, number)
        if not 1 <= number <= 12:
            raise PeriodError(f"månaden {number} finns inte")
        return MONTH, date(year, number, 1)
    named = re.fullmatch(r"([a-zåäö]+)\.?\s+(\d{4})|(\d{4})\s+([a-zåäö]+)\.?", s)
    if named:
        word = named.group(1) or named.group(4)
        month = _MONTH_ABBR.get(word[:3])
        if month and (word in MONTHS or len(word) == 3):
            return MONTH, date(_year(named.group(2) or named.group(3)), month, 1)
    raise PeriodError(f"perioden «{s}» kunde inte tolkas (skriv t.ex. 2023, 2023K1, 2023T2, 2023-03 eller 2023V12)")


def period_end(kind: str, start: date) -> date:
    """The last day of the period that starts on `start`."""
    if kind == WEEK:
        return start + timedelta(days=6)
    months = {YEAR: 12, QUARTER: 3, TERTIAL: 4, MONTH: 1}[kind]
    month = start.month - 1 + months
    following = date(start.year + month // 12, month % 12 + 1, 1)
    return following - timedelta(days=1)


def period_label(kind: str, start: date) -> str:
    """The period in Swedish as a page shows it: "2023", "kv. 1 2023", "tertial 2 2023", "mars 2023", "v. 12 2023"."""
    if kind == YEAR:
        return str(start.year)
    if kind == QUARTER:
        return f"kv. {(start.month - 1) // 3 + 1} {start.year}"
    if kind == TERTIAL:
        return f"tertial {(start.month - 1) // 4 + 1} {start.year}"
    if kind == MONTH:
        return f"{MONTHS[start.month - 1]} {start.year}"
    year, week, _day = start.isocalendar()
    return f"v. {week} {year}"


def short_label(kind: str, start: date) -> str:
    """A chart axis label: "2023", "23 K1", "23 T2", "mar 23", "v12"."""
    if kind == YEAR:
        return str(start.year)
    if kind == QUARTER:
        return f"{start.year % 100:02d} K{(start.month - 1) // 3 + 1}"
    if kind == TERTIAL:
        return f"{start.year % 100:02d} T{(start.month - 1) // 4 + 1}"
    if kind == MONTH:
        return f"{MONTHS[start.month - 1][:3]} {start.year % 100:02d}"
    return f"v{start.isocalendar()[1]}"


def week_of(day: date) -> date:
    """Monday of the ISO week that holds `day`."""
    return day - timedelta(days=day.weekday())
