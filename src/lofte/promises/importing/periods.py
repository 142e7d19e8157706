"""Finding a promise set's period in its heading and its prose.

A period is written in many ways: years ("2022 och 2023", "2023–2024", "2022/23"), ISO dates with
any dash or a double hyphen ("2019-03-01--2021-02-28"), dates in words ("från 1 mars 2019 till 28
februari 2021", "torsdagen den 17 november 2016 – torsdagen den 18 maj 2017"), months ("mars 2022 –
februari 2023", "september till och med december 2020"), or only one end ("gäller fram till
2023"). Each is a `Mention`; `combine` makes one period of a set's mentions: a period stated twice
is one period, a precise one refines one stated in years, an end alone extends a single year.

Prose only states the period after a cue (tables.PERIOD_CUES, "under åren", "för år", "perioden",
"medborgarlöftet för"), so that "under hösten 2016" (when a survey was made) or "undertecknat den
2 mars 2022" are not read as periods. A day the month does not have ("31 juni") is read as the
month's last day, with a warning.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date

from lofte.promises.periods import MONTHS
from lofte.promises.status import Period

from . import tables

_MAX_YEARS = 7


@dataclass(frozen=True)
class Mention:
    """A period as one text states it: both ends, or only one ("gäller fram till 2023")."""

    start: date | None
    end: date | None
    text: str
    # Stated with days or months, not only years.
    exact: bool = False
    warnings: tuple[str, ...] = ()
    # How surely the prose states it is the promise's period (see _PROSE_TRIGGERS); a heading's is 3.
    strength: int = 3
    position: int = 0

    @property
    def complete(self) -> bool:
        return self.start is not None and self.end is not None

    @property
    def valid(self) -> bool:
        return self.start is not None or self.end is not None

    @property
    def period(self) -> Period | None:
        return Period(self.start, self.end) if self.complete else None


def _words(options) -> str:
    """An alternation of phrases, longest first, each with flexible spaces."""
    return "|".join(re.escape(o).replace(r"\ ", r"\s+") for o in sorted(options, key=len, reverse=True))


_MONTH = rf"(?:{'|'.join(MONTHS)})"
_YEAR = r"(?:19|20)\d\d"
_POINT = re.compile(
    rf"(?P<iso>(?P<iso_year>{_YEAR})-(?P<iso_month>[01]\d)-(?P<iso_day>[0-3]\d))(?!\d)"
    rf"|(?:(?:{_words(tables.WEEKDAY_FORMS)})\s+)?(?:den\s+)?(?P<day>[0-3]?\d)(?::e|:a)?\s+(?P<day_month>{_MONTH})"
    rf"(?:\s+(?P<day_year>{_YEAR}))?\b"
    rf"|(?P<month>{_MONTH})(?:\s+(?P<month_year>{_YEAR}))?\b"
    rf"|(?<!\d)(?P<year>{_YEAR})(?!\d|-[01]\d-)",
    re.IGNORECASE,
)
_SEPARATOR = re.compile(rf"\s*(?:{_words(tables.RANGE_SEPARATORS)})\s*(?:den\s+)?", re.IGNORECASE)
_SHORT_YEAR = re.compile(r"\s*[-–/]\s*(?P<short>\d\d)\b(?![-.]\d)")
_FROM = re.compile(rf"(?:{_words(tables.FROM_WORDS)})\s+", re.IGNORECASE)
_UNTIL = re.compile(rf"(?:{_words(w for w in tables.UNTIL_WORDS if w != '-')})\s+", re.IGNORECASE)
_FILLER = re.compile(rf"\s*(?:(?:för|under|mellan|inom)\s+)?(?:(?:{_words(tables.PERIOD_FILLERS)})\s+)?", re.IGNORECASE)
# Where prose states the promise's period, and how surely: a cue verb ("Löftet gäller …") says it
# outright (3); "under åren", "perioden", "medborgarlöftet för", "med början" name a period (2); a
# bare "under 2022" or "för 2020" may date something else ("en trygghetsundersökning under 2022", 1).
# The period expression must follow right after.
_DATED = (rf"(?=(?:(?:{_words(tables.PERIOD_FILLERS)})\s+)?(?:(?:{_words(tables.WEEKDAY_FORMS)})\s+)?"
          rf"(?:{_YEAR}|(?:den\s+)?\d{{1,2}}\s+{_MONTH}|{_MONTH}\s+{_YEAR}))")
_PROSE_TRIGGERS = tuple(
    (re.compile(pattern, re.IGNORECASE), strength)
    for pattern, strength in (
        (rf"\b(?:{_words(tables.PERIOD_CUES)})\b", 3),
        (rf"\b(?:under|för)\s+(?=(?:åren|perioden|tiden|tidsperioden)\s)", 2),
        (rf"\b(?:löftes)?perioden\s+(?=\S*\d)", 2),
        (rf"\b(?:medborgar)?löfte(?:t|n|na)?\s+(?:för\s+|under\s+)?{_DATED}", 2),
        (rf"\b(?:{_words(tables.START_CUES)})\s+{_DATED}", 2),
        (rf"\b(?:under|för)\s+(?:år\s+)?(?=(?:{_YEAR}|\d{{1,2}}\s+{_MONTH}|{_MONTH}\s+{_YEAR}))", 1),
    )
)
_PREVIOUS = re.compile(rf"\b(?:{_words(tables.PREVIOUS_WORDS)})\W+(?:\w+\W+){{0,3}}$", re.IGNORECASE)


def _point(match: re.Match) -> tuple[int | None, int | None, int | None]:
    """(year, month, day) of a point; None for what it does not state."""
    if match.group("iso"):
        return int(match.group("iso_year")), int(match.group("iso_month")), int(match.group("iso_day"))
    if match.group("day"):
        year = match.group("day_year")
        return int(year) if year else None, MONTHS.index(match.group("day_month").lower()) + 1, int(match.group("day"))
    if match.group("month"):
        year = match.group("month_year")
        return int(year) if year else None, MONTHS.index(match.group("month").lower()) + 1, None
    return int(match.group("year")), None, None


def _day(point: tuple, year: int, *, first: bool, warnings: list[str], text: str) -> date | None:
    _, month, day = point
    if month is None:
        return date(year, 1, 1) if first else date(year, 12, 31)
    if not 1 <= month <= 12:
        return None
    last = calendar.monthrange(year, month)[1]
    if day is None:
        return date(year, month, 1 if first else last)
    if day < 1:
        return None
    if day > last:
        warning = f"«{day} {MONTHS[month - 1]}» finns inte (i «{text}»); läses som {last} {MONTHS[month - 1]}"
        if warning not in warnings:
            warnings.append(warning)
        day = last
    return date(year, month, day)


def _match_point(text: str, position: int) -> re.Match | None:
    match = _POINT.match(text, position)
    return match if match and match.group(0).strip() else None


def period_at(text: str, position: int = 0) -> Mention | None:
    """The period expression that starts at `position` (after optional "från", "för perioden" …)."""
    position = _FILLER.match(text, position).end()
    until = _UNTIL.match(text, position)
    starts_with_from = _FROM.match(text, position)
    if starts_with_from:
        position = starts_with_from.end()
        position = _FILLER.match(text, position).end()
    elif until:
        point = _match_point(text, until.end())
        return _open_end(text, until.start(), point) if point else None
    first = _match_point(text, position)
    if first is None:
        return None
    second, end_position = None, first.end()
    short = _SHORT_YEAR.match(text, first.end()) if first.group("year") else None
    separator = _SEPARATOR.match(text, first.end())
    if short:
        end_position = short.end()
    elif separator:
        second = _match_point(text, separator.end())
        if second:
            end_position = second.end()
    written = text[position if not starts_with_from else starts_with_from.start():end_position].strip()
    warnings: list[str] = []
    a = _point(first)
    if short:
        year = a[0]
        b = (year // 100 * 100 + int(short.group("short")), None, None)
    elif second:
        b = _point(second)
    else:
        return _single(a, written, warnings, starting=bool(starts_with_from))
    # A point without a year takes the other end's: "1 mars – 31 december 2019",
    # "september till och med december 2020"; a first month after the last is the year before.
    end_year = b[0] if b[0] is not None else a[0]
    if end_year is None:
        return None
    start_year = a[0] if a[0] is not None else (end_year - 1 if (a[1] or 0) > (b[1] or 13) else end_year)
    start = _day(a, start_year, first=True, warnings=warnings, text=written)
    end = _day(b, end_year, first=False, warnings=warnings, text=written)
    if start is None or end is None or end < start or end.year > start.year + _MAX_YEARS - 1:
        # "2018-2017" is never a period, nor is either of its years alone.
        return Mention(None, None, written, warnings=(f"«{written}» är ingen period (slutet före början)",))
    exact = a[1] is not None or b[1] is not None
    return Mention(start, end, written, exact, tuple(warnings))


def _single(point: tuple, written: str, warnings: list[str], *, starting: bool) -> Mention | None:
    year, month, day = point
    if year is None:
        return None
    start = _day(point, year, first=True, warnings=warnings, text=written)
    if start is None:
        return None
    if starting or day is not None:
        # "gäller från 1 juli 2022": only the first day is stated.
        return Mention(start, None, written, True, tuple(warnings))
    end = _day(point, year, first=False, warnings=warnings, text=written)
    return Mention(start, end, written, month is not None, tuple(warnings))


def _open_end(text: str, position: int, point: re.Match) -> Mention | None:
    """ "fram till 2023", "till och med den 31 december 2022": only the last day is stated."""
    year, month, day = _point(point)
    if year is None:
        return None
    warnings: list[str] = []
    written = text[position:point.end()].strip()
    end = _day((year, month, day), year, first=False, warnings=warnings, text=written)
    return Mention(None, end, written, month is not None, tuple(warnings)) if end else None


def mentions_in_heading(text: str) -> list[Mention]:
    """Every period a heading names, in order ("Medborgarlöften 2018–2019 och 2016–2017" names two)."""
    found: list[Mention] = []
    position = 0
    while True:
        match = _POINT.search(text, position)
        if match is None:
            return found
        mention = period_at(text, match.start())
        if mention is None:
            position = match.end()
            continue
        found.append(mention)
        position = match.start() + max(len(mention.text), 1)


def in_heading(text: str) -> Mention | None:
    """The one period a heading names, or None when it names none or several."""
    found = [m for m in mentions_in_heading(text) if m.complete]
    return found[0] if len(found) == 1 else None


def in_prose(text: str) -> list[Mention]:
    """The periods a paragraph states for the promise, each after a cue, the surest first; a
    period named as the previous one ("det tidigare medborgarlöftet för 2019-2020") is left out."""
    found: dict[tuple, Mention] = {}
    for pattern, strength in _PROSE_TRIGGERS:
        for trigger in pattern.finditer(text):
            if _PREVIOUS.search(text[:trigger.start()]) or _PREVIOUS.search(text[:trigger.end()]):
                continue
            mention = period_at(text, trigger.end())
            if mention is None or not mention.valid:
                continue
            key = (mention.start, mention.end)
            if key not in found or found[key].strength < strength:
                found[key] = replace(mention, strength=strength, position=trigger.start())
    return sorted(found.values(), key=lambda m: (-m.strength, m.position))


@dataclass
class Combined:
    period: Period | None
    warnings: list[str]
    # Whether the period came from prose alone (the importer says so).
    from_prose: bool = False


def combine(heading: Mention | None, prose: list[Mention]) -> Combined:
    """One period from a set's heading and the mentions in its prose.

    The heading's period stands unless the prose states the same years more precisely (months or
    days), which then refine it; a different period in the prose is a warning. A period stated
    only in prose is taken from its first complete mention. An end alone ("gäller fram till
    2023") extends a period stated as one year, or ends one whose start only is stated.
    """
    prose = sorted(prose, key=lambda m: -m.strength)  # the surest first, in document order among equals
    warnings = [w for m in [heading, *prose] if m for w in m.warnings]
    period = heading.period if heading and heading.complete else None
    from_prose = period is None
    for mention in prose:
        if not mention.complete:
            continue
        if period is None:
            period = mention.period
        elif mention.period == period:
            continue  # stated twice: one period
        elif _refines(mention.period, period) and mention.exact:
            period = mention.period
        elif _extends(mention.period, period):
            period = mention.period  # "Medborgarlöfte 2021" over "gäller under åren 2021–2023"
        elif not _refines(period, mention.period) and mention.strength >= 2:
            source = "rubriken" if not from_prose else "texten på ett annat ställe"
            warnings.append(f"texten anger perioden «{mention.text}», {source} en annan; den första används")
    ends = [m.end for m in prose if m.start is None and m.end is not None]
    starts = [m.start for m in prose if m.end is None and m.start is not None]
    if period is None and starts and ends and starts[0] <= ends[0]:
        period = Period(starts[0], ends[0])
    elif period is not None and ends and period.start.year == period.end.year and period.is_calendar_years \
            and period.end < ends[0] and ends[0].year < period.start.year + _MAX_YEARS:
        period = Period(period.start, ends[0])
    return Combined(period, warnings, from_prose and period is not None)


def _extends(longer: Period, single_year: Period) -> bool:
    """Whether `longer` runs on from the one calendar year `single_year` names, as a heading
    naming the first year of a longer period does."""
    return (single_year.is_calendar_years and single_year.start.year == single_year.end.year
            and longer.start == single_year.start and longer.end > single_year.end)


def _refines(inner: Period, outer: Period) -> bool:
    """Whether `inner` is `outer` stated more precisely: the same years, or inside whole years."""
    same_years = (inner.start.year, inner.end.year) == (outer.start.year, outer.end.year)
    return same_years or (outer.is_calendar_years and outer.start <= inner.start and inner.end <= outer.end)


_ANY_YEAR = re.compile(rf"(?<![\d-])({_YEAR})(?![\d-])")
_MAX_IMPLIED_YEARS = 3


def implied_by(texts: list[str]) -> Period | None:
    """The years the commitments themselves are dated in ("… under hösten 2015"), when nothing
    else states the period: from the first to the last year they name, if within a few years."""
    years = sorted({int(y) for text in texts for y in _ANY_YEAR.findall(text)})
    if not years or years[-1] - years[0] >= _MAX_IMPLIED_YEARS:
        return None
    return Period.of_years(years[0], years[-1])
