"""A promise set's period in words and in its public address.

Addresses are an interface (people link to them): a set's address is made of its years,
`/<kommun>/2022-2023/`, whether the set runs over calendar years or from July to June. Only when
two sets of one municipality and area would get the same address does the later one get a short
suffix, the month it starts (`2022-2023-jul`), or a number if that is taken too. The address is
stored on the set (PromiseSet.slug) so it never changes under people's links; an address a set
had before is kept as an alias that redirects (PromiseSetAlias).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from lofte.promises.status import Period

MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
          "november", "december")
MONTH_ABBREVIATIONS = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


def years_slug(period: Period) -> str:
    """"2021" for a period within one year, "2022-2023" otherwise."""
    if period.start.year == period.end.year:
        return str(period.start.year)
    return f"{period.start.year}-{period.end.year}"


def years_label(period: Period) -> str:
    """The years with an en dash, as the set's documents write them: "2022–2023"."""
    return years_slug(period).replace("-", "–")


def day_label(day: date) -> str:
    """"17 november 2016"."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def dates_label(period: Period) -> str:
    """The period in words: its years when it runs over whole calendar years, else its dates.

    "2022–2023", "1 juli 2022–30 juni 2023", "17 november 2016–18 maj 2017".
    """
    if period.is_calendar_years:
        return years_label(period)
    return f"{day_label(period.start)}–{day_label(period.end)}"


def iso_label(period: Period) -> str:
    """"2022-01-01–2023-12-31", for messages that name the period exactly."""
    return f"{period.start.isoformat()}–{period.end.isoformat()}"


def slug_candidates(period: Period):
    """The addresses a set of this period may get, in order of preference."""
    base = years_slug(period)
    yield base
    yield f"{base}-{MONTH_ABBREVIATIONS[period.start.month - 1]}"
    number = 2
    while True:
        yield f"{base}-{number}"
        number += 1


def free_slug(period: Period, taken: Callable[[str], bool]) -> str:
    """The first candidate address that `taken` says is free."""
    return next(slug for slug in slug_candidates(period) if not taken(slug))


def outside_period_message(day: date, period: Period, *, whole_month: bool = False) -> str | None:
    """A Swedish refusal when work dated `day` cannot count for a set of this period, else None.

    With `whole_month` (records kept per month) the month must overlap the period.
    """
    if whole_month:
        month_start = day.replace(day=1)
        month_end = (month_start.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        inside = month_start <= period.end and month_end >= period.start
    else:
        inside = period.contains(day)
    if inside:
        return None
    what = day.strftime("%Y-%m") if whole_month else day.isoformat()
    return (
        f"{'Månaden' if whole_month else 'Datumet'} {what} ligger utanför löftets period {iso_label(period)}: "
        "välj ett löfte vars period det hör till."
    )


# A period written as years ("2024", "2023–2024", "2023/24", "2022 och 2023") or as ISO dates
# ("2022-07-01–2023-06-30", any dash or "--" between them, or "till").
_ISO_DATE = r"((?:19|20)\d\d)-(\d\d)-(\d\d)"
_RANGE_SEPARATOR = r"\s*(?:--|[-–—‒]|till(?:\s+och\s+med)?|t\.o\.m\.?)\s*"
_ISO_RANGE = re.compile(rf"^\s*{_ISO_DATE}{_RANGE_SEPARATOR}{_ISO_DATE}\s*$", re.IGNORECASE)
_YEARS = re.compile(r"^\s*((?:19|20)\d\d)(?:\s*(?:--|[-–—‒/]|och|till)\s*((?:19|20)?\d\d))?\s*$", re.IGNORECASE)


def parse_period(text: str) -> Period | None:
    """The period of a short text as typed in a form, a spreadsheet cell or --years; None if it is none.

    Raises ValueError (with a Swedish message) for dates that do not exist or run backwards.
    """
    text = (text or "").strip()
    match = _ISO_RANGE.match(text)
    if match:
        try:
            start = date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
            end = date(int(match.group(4)), int(match.group(5)), int(match.group(6)))
        except ValueError:
            raise ValueError("ett av datumen finns inte") from None
        if end < start:
            raise ValueError("det sista datumet ligger före det första")
        return Period(start, end)
    match = _YEARS.match(text)
    if not match:
        return None
    first = int(match.group(1))
    last_text = match.group(2)
    if last_text is None:
        return Period.of_years(first)
    last = int(last_text) if len(last_text) == 4 else first // 100 * 100 + int(last_text)
    if last < first:
        raise ValueError("det sista året ligger före det första")
    return Period.of_years(first, last)


def period_value(period: Period) -> str:
    """The period as typed in a spreadsheet cell or a form: years when whole, else ISO dates."""
    return years_label(period) if period.is_calendar_years else iso_label(period)
