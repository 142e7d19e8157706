"""The police's public events (`lofte import-events FILE…`, `--fetch`), kept after the feed forgets.

The feed (https://polisen.se/api/events) is a JSON list of the latest 500 events:

    [{"id": 412345, "datetime": "2018-04-13 9:58:49 +02:00", "name": "13 april 09.58, Trafikolycka, Strängnäs",
      "summary": "…", "url": "/aktuellt/handelser/2018/april/13/…", "type": "Trafikolycka",
      "location": {"name": "Strängnäs", "gps": "59.377270,17.031248"}}, …]

Its quirks, handled here: the hour may lack its leading zero; `url` may be relative (it is made
absolute on polisen.se) or absolute; `location.gps` is only the centre of the municipality or county
named, never the place, so it is kept but never shown as a place; "Sammanfattning natt" and other
daily round-ups are stored but never counted (they are not incidents); and only the latest 500 are
listed, so history exists only because Löfte keeps what it has seen. Events are upserted on `id`.
`location.name` is matched to a municipality or, failing that, a county; other names are listed as
a note and the events count for the country only.

Files of any size are read as a stream (json_list_items), so memory stays bounded. The import is one run:

1. stream and validate every event, in batches: an event never seen before is written to
   PoliceEvent with the run's id (no page reads events directly); a known event whose fields
   changed, or one the file repeats, is staged (StagedPoliceEvent); an unchanged one is skipped.
   Any problem fails the run, which deletes the new events (all above the highest id that existed
   before it) and what it staged;
2. the run turns `ready`: the commit point. From here on the events are known to be good, and a
   killed import is finished by the next one (roll forward: apply_ready_runs);
3. apply: upsert the staged events in batches (INSERT … SELECT … ON CONFLICT, SQLite and PostgreSQL);
4. recount the affected weeks per type and municipality, county and country into weekly observations
   of one indicator per event type (written under the same run, invisible until it is live), then
   flip the run live: the lägesbild's counts change all at once.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone as dt_timezone

from django.db import connection, transaction
from django.db.models import Count, Max, Min
from django.utils import timezone

from lofte.situation.models import COUNTRY, FetchCall, ImportRun, Indicator, Observation, PoliceEvent, StagedPoliceEvent

from .errors import IndicatorImportError, Problems
from .fetch import Client, calls_in_last_hour, require_https
from .places import Places, fold
from .runs import (
    ABANDONED_AFTER,
    BATCH,
    ImportRunner,
    IndicatorSpec,
    NullProgress,
    RunResult,
    Value,
    check_no_other_import,
    delete_in_batches,
    fail_run,
    sweep_abandoned,
)
from .spreadsheet import slug

FEED_URL = "https://polisen.se/api/events"
BASE_URL = "https://polisen.se"
MIN_INTERVAL = timedelta(seconds=10)
MAX_CALLS_PER_HOUR = 60
ATTRIBUTION = "Källa: Polisen, händelser på polisen.se"
LICENCE = "Polisens öppna data"
WEEKS_PER_RECOUNT = 13
_DATETIME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?\s*([+-])(\d{2}):?(\d{2})$")
_COLUMNS = ("run_id", "event_id", "occurred_at", "week", "type", "name", "summary", "url", "location_name", "gps",
            "region", "municipality_id", "is_summary")
# The columns compared to tell a changed event from one seen before (positions in a row of _COLUMNS).
_COMPARED = ("occurred_at", "type", "name", "summary", "url", "location_name", "gps")
_COMPARED_AT = [_COLUMNS.index(c) for c in _COMPARED]


@lru_cache(maxsize=4096)
def type_key(event_type: str) -> str:
    return "police:" + slug(event_type)


def type_spec(event_type: str) -> IndicatorSpec:
    return IndicatorSpec(
        key=type_key(event_type), name=event_type, unit="händelser", kind=Indicator.Kind.COUNT,
        period_kind="week", source=Indicator.Source.POLICE, attribution=ATTRIBUTION, licence=LICENCE,
        description=(f"Händelser av typen «{event_type}» som Polisen har publicerat på polisen.se, per vecka. "
                     "Ett urval av polisens ärenden, inte anmälda brott; platsen är kommunen eller länet, "
                     "inte adressen. Polisens sammanfattningar räknas inte."),
        theme=Indicator.Theme.EVENTS, source_ref=event_type, source_url="https://polisen.se/aktuellt/handelser/",
        position=5000,
    )


def is_summary_type(event_type: str) -> bool:
    return event_type.casefold().startswith("sammanfattning")


_OFFSETS: dict[str, timedelta] = {"+01:00": timedelta(hours=1), "+02:00": timedelta(hours=2)}
_UTC = dt_timezone.utc


def _feed_time(text) -> tuple[date, datetime]:
    """(local date, naive UTC time) of the feed's "2018-04-13 9:58:49 +02:00"; ValueError otherwise.

    A million events per import: the feed's own form is read with slices and int(), anything else
    (a "T", no seconds, an odd offset) with a regular expression.
    """
    if isinstance(text, str) and len(text) >= 23 and text[4] == "-" and text[10] == " ":
        clock, _space, offset = text[11:].partition(" ")
        shift = _OFFSETS.get(offset)
        hms = clock.split(":")
        if shift is not None and len(hms) == 3:
            try:
                local = datetime(int(text[:4]), int(text[5:7]), int(text[8:10]), int(hms[0]), int(hms[1]), int(hms[2]))
            except ValueError:
                local = None
            if local is not None:
                return local.date(), local - shift
    match = _DATETIME.match(text.strip()) if isinstance(text, str) else None
    if not match:
        raise ValueError(f"tidpunkten {text!r} har inte formen «2018-04-13 9:58:49 +02:00»")
    y, mo, d, h, mi, sec, sign, oh, om = match.groups()
    shift = timedelta(hours=int(oh), minutes=int(om)) * (-1 if sign == "-" else 1)
    if abs(shift) > timedelta(hours=14):
        raise ValueError(f"tidszonen {sign}{oh}:{om} är orimlig")
    try:
        local = datetime(int(y), int(mo), int(d), int(h), int(mi), int(sec or 0))
    except ValueError:
        raise ValueError(f"tidpunkten {text!r} finns inte i kalendern") from None
    return local.date(), local - shift


def parse_datetime(text: str) -> datetime:
    """"2018-04-13 9:58:49 +02:00" (the feed's form, hour without its zero) as an aware datetime (UTC)."""
    _day, utc = _feed_time(text)
    return utc.replace(tzinfo=_UTC)


def absolute_url(url) -> str:
    if not url:
        return ""
    if not isinstance(url, str):
        raise ValueError("«url» är ingen text")
    url = url.strip()
    if url.startswith("/"):
        return BASE_URL + url
    if url.lower().startswith(("https://", "http://")):
        return url
    raise ValueError(f"länken {url[:60]!r} är varken en relativ adress eller en webbadress")


class _Locations:
    """location.name -> (region, municipality id), cached per spelling (the feed repeats names)."""

    def __init__(self, places: Places):
        self.places = places
        self.cache: dict[str, tuple[str, int | None]] = {}
        self.unknown: dict[str, int] = defaultdict(int)

    def __call__(self, name: str) -> tuple[str, int | None]:
        found = self.cache.get(name)
        if found is None:
            place = self.places.resolve(name) if fold(name) else None
            if place is None or place.region == COUNTRY:
                found = (COUNTRY, None)
            else:
                found = (place.region, place.municipality_id)
            self.cache[name] = found
        if found[0] == COUNTRY:
            self.unknown[name] += 1
        return found


@dataclass
class EventsResult:
    run: ImportRun
    events: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    summaries: int = 0
    unknown_places: dict[str, int] = field(default_factory=dict)
    observations: object = None

    def lines(self) -> list[str]:
        out = [f"{self.events} händelser: {self.new} nya, {self.updated} ändrade, {self.unchanged} oförändrade; "
               f"{self.summaries} sammanfattningar räknas inte"]
        if self.observations is not None:
            out.append("Veckosiffror: " + self.observations.lines()[0])
        if self.unknown_places:
            names = ", ".join(f"«{n}» ({c})" for n, c in sorted(self.unknown_places.items())[:20])
            out.append(f"Okända platser (räknas bara för riket): {names}")
        return out


class JsonListError(ValueError):
    """The file is not a JSON list; the message names the line and column."""


def json_list_items(stream, chunk_size: int = 1 << 20):
    """(line, item) for every element of a JSON list read from a binary stream, in constant memory.

    The standard library's C decoder reads one element at a time from a sliding buffer, so a file of
    any size is parsed at the speed of json.loads while only about one chunk is held, and every
    element's line number is known (the police feed itself is one long line; a saved, formatted
    feed has many).
    """
    import codecs
    import json

    decoder = json.JSONDecoder()
    text = codecs.getincrementaldecoder("utf-8-sig")()
    # `line` is the line at `counted` in the buffer; lines are counted forward only, once each.
    buffer, position, line, counted, done = "", 0, 1, 0, False

    def more() -> bool:
        nonlocal buffer, position, line, counted, done
        if done:
            return False
        data = stream.read(chunk_size)
        try:
            decoded = text.decode(data, final=not data)
        except UnicodeDecodeError:
            raise JsonListError(f"rad {line_at(position)}: filen är inte UTF-8-kodad") from None
        if not data:
            buffer += decoded
            done = True
            return False
        if position > chunk_size:
            line += buffer.count("\n", counted, position)
            buffer, position, counted = buffer[position:], 0, 0
        buffer += decoded
        return True

    def line_at(index: int) -> int:
        nonlocal line, counted
        if index >= counted:
            line += buffer.count("\n", counted, index)
            counted = index
            return line
        return line - buffer.count("\n", index, counted)

    def where(index: int) -> str:
        column = index - (buffer.rfind("\n", 0, index) + 1) + 1
        return f"rad {line_at(index)}, kolumn {column}"

    def skip_space() -> bool:
        nonlocal position
        while True:
            while position < len(buffer) and buffer[position] in " \t\r\n":
                position += 1
            if position < len(buffer):
                return True
            if not more():
                return False

    more()
    if not skip_space():
        raise JsonListError("filen är tom")
    if buffer[position] != "[":
        raise JsonListError(f"{where(position)}: filen är ingen JSON-lista av händelser (polisens flöde börjar med «[»)")
    position += 1
    first = True
    while True:
        if not skip_space():
            raise JsonListError(f"{where(position)}: filen slutar mitt i listan")
        if buffer[position] == "]":
            position += 1
            if skip_space():
                raise JsonListError(f"{where(position)}: text efter listans slut")
            return
        if not first:
            if buffer[position] != ",":
                raise JsonListError(f"{where(position)}: «,» eller «]» väntades")
            position += 1
            if not skip_space():
                raise JsonListError(f"{where(position)}: filen slutar mitt i listan")
        first = False
        while True:
            try:
                item, end = decoder.raw_decode(buffer, position)
                if end < len(buffer) or done or not more():
                    break  # a bare number at the very end of the buffer might go on in the next chunk
                continue
            except json.JSONDecodeError as exc:
                # An element cut by the end of the buffer: read on. Anything else is an error.
                if not more():
                    raise JsonListError(f"{where(exc.pos)}: ogiltig JSON: {exc.msg}") from None
        element_line = line_at(position)
        position = end
        yield element_line, item


def _clean(text: str, limit: int) -> str:
    if "  " in text or "\n" in text or "\t" in text or text[:1] == " " or text[-1:] == " ":
        text = " ".join(text.split())
    return text[:limit]


def _validate(item, index: int, locations: _Locations):
    """One feed item as (event_id, naive UTC time, week, type, name, summary, url, location name, gps,
    region, municipality id, is_summary), or raises ValueError with the Swedish reason."""
    if not isinstance(item, dict):
        raise ValueError("är inget objekt")
    event_id = item.get("id")
    if type(event_id) is not int:
        if isinstance(event_id, str) and event_id.isdigit():
            event_id = int(event_id)
        else:
            raise ValueError(f"«id» {event_id!r} är inget positivt heltal")
    if event_id <= 0 or event_id >= 2**62:
        raise ValueError(f"«id» {event_id!r} är inget positivt heltal")
    day, utc = _feed_time(item.get("datetime"))
    event_type = item.get("type")
    if not isinstance(event_type, str) or not event_type.strip():
        raise ValueError("«type» saknas")
    event_type = _clean(event_type, 100)
    name = item.get("name") or ""
    summary = item.get("summary") or ""
    if not isinstance(name, str) or not isinstance(summary, str):
        raise ValueError("«name» och «summary» ska vara text")
    location = item.get("location")
    place = location.get("name") if isinstance(location, dict) else None
    if not isinstance(place, str) or not place.strip():
        raise ValueError("«location.name» saknas")
    location_name = _clean(place, 100)
    gps = location.get("gps") or ""
    if not isinstance(gps, str):
        raise ValueError("«location.gps» ska vara text")
    region, municipality_id = locations(location_name)
    return (event_id, utc, day - timedelta(days=day.weekday()), event_type, name[:300], summary[:4000],
            absolute_url(item.get("url")), location_name, gps[:40], region, municipality_id, is_summary_type(event_type))


def _tune_for_import() -> None:
    """SQLite settings of this connection while it imports (the web's connections keep theirs): a
    bigger page cache (64 MB at most), so index pages of a large events table stay in memory, and a
    checkpoint every ~40 MB of WAL instead of every 4 MB, so batches are not each followed by one."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size = -65536")
            cursor.execute("PRAGMA wal_autocheckpoint = 10000")


def _datetime_adapter():
    """How a naive UTC time goes into a plain INSERT: SQLite stores UTC text (as Django does),
    PostgreSQL takes an aware datetime."""
    if connection.vendor == "sqlite":
        return lambda utc: utc.isoformat(" ")
    return lambda utc: utc.replace(tzinfo=_UTC)


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def import_events(stream, name: str, *, progress=None, is_demo: bool = False, batch: int = BATCH * 10,
                  places: Places | None = None) -> EventsResult:
    """Validate, stage and apply one feed file (a binary stream); all or nothing.

    Problems are named by line and record ("rad 3, händelse 17 (id 412345): …").

    An event Löfte has never seen is written straight into PoliceEvent (marked with the run, so a
    failing run removes it again; no page reads events until the run's counts are live). An event
    it knows already, or one the file repeats, waits in StagedPoliceEvent until the commit point,
    because upserting it would change the stored event before the file is known to be good.
    """
    progress = progress if progress is not None else NullProgress()
    sweep_abandoned()
    apply_ready_runs(progress=None)
    check_no_other_import()
    first_new = (PoliceEvent.objects.aggregate(last=Max("pk"))["last"] or 0) + 1
    run = ImportRun.objects.create(source=Indicator.Source.POLICE, name=name[:500], is_demo=is_demo,
                                   summary={"first_new": first_new})
    _tune_for_import()
    locations = _Locations(places or Places())
    problems = Problems()
    weeks: set[str] = set()  # ISO dates of the weeks whose counts change
    result = EventsResult(run)
    adapt_dt = _datetime_adapter()
    # SQLite gives back its UTC text as a naive datetime: compare it as the text written.
    stored_time = (lambda v: v.isoformat(" ") if isinstance(v, datetime) else v) if connection.vendor == "sqlite" else (
        lambda v: v)
    values = ", ".join(["%s"] * len(_COLUMNS))
    stage = f"INSERT INTO {_table(StagedPoliceEvent)} ({', '.join(_COLUMNS)}) VALUES ({values})"
    insert = f"INSERT INTO {_table(PoliceEvent)} ({', '.join(_COLUMNS)}) VALUES ({values})"
    known = (f"SELECT event_id, run_id, {', '.join(_COMPARED)} FROM {_table(PoliceEvent)} "
             "WHERE event_id IN (%s)")
    weeks_iso: dict[date, str] = {}
    digest = hashlib.sha256()
    # One batch at a time (memory stays bounded whatever the file's size): the first occurrence of
    # each id, and repeats of an id within the batch.
    batch_rows: dict[int, tuple] = {}
    repeated: list[tuple] = []

    def flush():
        if not batch_rows:
            return
        with transaction.atomic(), connection.cursor() as cursor:
            ids = list(batch_rows)
            stored: dict[int, tuple] = {}
            for start in range(0, len(ids), 5000):
                part = ids[start:start + 5000]
                cursor.execute(known % ", ".join(["%s"] * len(part)), part)
                stored.update((found[0], found[1:]) for found in cursor.fetchall())
            new, staged = [], list(repeated)
            for event_id, row in batch_rows.items():
                before = stored.get(event_id)
                if before is None:
                    new.append(row)
                    weeks.add(row[3])
                elif before[0] == run.pk:
                    staged.append(row)  # seen in an earlier batch of this file: the later text wins
                    weeks.add(row[3])
                elif [stored_time(before[1]), *before[2:]] != [row[i] for i in _COMPARED_AT]:
                    staged.append(row)
                    weeks.add(row[3])
                    result.updated += 1
                else:
                    result.unchanged += 1
            for row in repeated:
                weeks.add(row[3])
            if new:
                cursor.executemany(insert, new)
            if staged:
                cursor.executemany(stage, staged)
            ImportRun.objects.filter(pk=run.pk).update(heartbeat_at=timezone.now())
        result.new += len(new)
        progress.update(len(batch_rows) + len(repeated))
        batch_rows.clear()
        repeated.clear()

    class _Hashing:
        def read(self, size=-1):
            data = stream.read(size)
            digest.update(data)
            return data

    try:
        index = -1
        try:
            for index, (line, item) in enumerate(json_list_items(_Hashing())):
                try:
                    row = _validate(item, index, locations)
                except ValueError as exc:
                    event_id = item.get("id") if isinstance(item, dict) else None
                    problems.add(f"rad {line}, händelse {index + 1}"
                                 + (f" (id {event_id})" if event_id is not None else "") + f": {exc}")
                    continue
                event_id = row[0]
                result.events += 1
                result.summaries += row[-1]
                if problems:
                    continue
                week = weeks_iso.get(row[2]) or weeks_iso.setdefault(row[2], row[2].isoformat())
                values_row = (run.pk, event_id, adapt_dt(row[1]), week, *row[3:])
                if event_id in batch_rows:
                    repeated.append(values_row)
                else:
                    batch_rows[event_id] = values_row
                if len(batch_rows) + len(repeated) >= batch:
                    flush()
        except JsonListError as exc:
            raise IndicatorImportError([*problems.items, str(exc)]) from None
        if not problems and not result.events:
            problems.add("filen innehåller inga händelser")
        problems.raise_if_any()
        flush()
        _drop_earlier_duplicates(run)
        result.unknown_places = dict(locations.unknown)
        with transaction.atomic():
            ImportRun.objects.filter(pk=run.pk).update(
                status=ImportRun.Status.READY, checksum=digest.hexdigest(), heartbeat_at=timezone.now(),
                summary={"first_new": first_new, "weeks": sorted(weeks),
                         "events": result.events, "summaries": result.summaries, "new": result.new,
                         "updated": result.updated, "unchanged": result.unchanged, "unknown_places": dict(sorted(locations.unknown.items())[:50])},
            )
        run.refresh_from_db()
    except BaseException as exc:
        if run.status == ImportRun.Status.STAGING:
            fail_run(run, str(exc))
        raise
    _apply(run, result, progress)
    return result


def _drop_earlier_duplicates(run: ImportRun) -> None:
    """The same event twice in one file: the later occurrence (the newer text) wins."""
    twice = list(StagedPoliceEvent.objects.filter(run=run).values("event_id").annotate(n=Count("pk"), last=Max("pk"))
                 .filter(n__gt=1).values_list("event_id", "last"))
    for start in range(0, len(twice), 500):
        part = twice[start:start + 500]
        with transaction.atomic():
            StagedPoliceEvent.objects.filter(run=run, event_id__in=[e for e, _last in part]).exclude(
                pk__in=[last for _e, last in part]).delete()


def apply_ready_runs(progress=None, now=None) -> int:
    """Finish runs that reached the commit point but whose process was killed while applying them
    (their heartbeat stopped; a run still being applied elsewhere is left alone, and the lock in
    check_no_other_import then refuses the new import)."""
    now = now or timezone.now()
    runs = list(ImportRun.objects.filter(status=ImportRun.Status.READY, source=Indicator.Source.POLICE,
                                         heartbeat_at__lt=now - ABANDONED_AFTER).order_by("pk"))
    for run in runs:
        summary = run.summary or {}
        result = EventsResult(run, events=summary.get("events", 0), summaries=summary.get("summaries", 0),
                              new=summary.get("new", 0), updated=summary.get("updated", 0),
                              unchanged=summary.get("unchanged", 0),
                              unknown_places=summary.get("unknown_places", {}))
        _apply(run, result, progress if progress is not None else NullProgress())
    return len(runs)


def _apply(run: ImportRun, result: EventsResult, progress) -> None:
    weeks = {date.fromisoformat(w) for w in (run.summary or {}).get("weeks", [])}
    staged = StagedPoliceEvent.objects.filter(run=run)
    bounds = staged.aggregate(first=Min("pk"), last=Max("pk"))
    table, staged_table = _table(PoliceEvent), _table(StagedPoliceEvent)
    columns = [c for c in _COLUMNS if c != "run_id"]
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c != "event_id")
    merge = (
        f"INSERT INTO {table} ({', '.join(columns)}, run_id) "
        f"SELECT {', '.join(columns)}, run_id FROM {staged_table} WHERE run_id = %s AND id >= %s AND id < %s "
        f"ON CONFLICT (event_id) DO UPDATE SET {updates}, run_id = excluded.run_id"
    )
    # Weeks the updated events were in before (an event may move to another week or type).
    before = (f"SELECT p.week, COUNT(*) FROM {table} p JOIN {staged_table} s ON p.event_id = s.event_id "
              f"WHERE s.run_id = %s AND s.id >= %s AND s.id < %s GROUP BY p.week")
    if bounds["first"] is not None:
        step = BATCH * 5
        for low in range(bounds["first"], bounds["last"] + 1, step):
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(before, [run.pk, low, low + step])
                for week, _count in cursor.fetchall():
                    weeks.add(week if isinstance(week, date) else date.fromisoformat(str(week)[:10]))
                cursor.execute(merge, [run.pk, low, low + step])
                ImportRun.objects.filter(pk=run.pk).update(heartbeat_at=timezone.now())
    runner = ImportRunner(Indicator.Source.POLICE, run.name, is_demo=run.is_demo, progress=progress, batch=BATCH * 5)
    runner.run = run
    runner.result = RunResult(run)
    _recount(runner, weeks)
    runner._flush()
    # The coverage goes live with the counts (one transaction): the page reads both.
    summary = {key: value for key, value in (run.summary or {}).items() if key not in ("weeks", "first_new")}
    runner.flip({**summary, "new": result.new, "updated": result.updated, "coverage": _coverage()})
    run.summary = runner.run.summary
    runner.tidy()
    delete_in_batches(StagedPoliceEvent.objects.filter(run=run))
    result.observations = runner.result


def _recount(runner: ImportRunner, weeks: set[date]) -> None:
    """Weekly counts per type for each municipality, county and the country, for the given weeks."""
    places = Places()
    county = {code: values[1] for code, values in places.municipalities.items()}
    ordered = sorted(weeks)
    known_types: dict[str, str] = {}
    # Plain SQL, the week as text: hundreds of thousands of groups, each converted by the ORM,
    # would cost more than counting them (bench/README.md).
    aggregate = (f"SELECT CAST(week AS TEXT), type, region, COUNT(*) FROM {_table(PoliceEvent)} "
                 "WHERE week IN (%s) AND is_summary = %%s GROUP BY week, type, region")
    for start in range(0, len(ordered), WEEKS_PER_RECOUNT):
        group = ordered[start:start + WEEKS_PER_RECOUNT]
        as_date = {d.isoformat(): d for d in group}
        counts: dict[tuple[str, str, date], int] = defaultdict(int)
        with connection.cursor() as cursor:
            cursor.execute(aggregate % ", ".join(["%s"] * len(group)), [*as_date, False])
            grouped = cursor.fetchall()
        for week_text, event_type, region, n in grouped:
            week = as_date[week_text[:10]]
            key = type_key(event_type)
            known_types.setdefault(key, event_type)
            counts[(key, region, week)] += n
            if len(region) == 4:
                counts[(key, county[region], week)] += n
            if region != COUNTRY:
                counts[(key, COUNTRY, week)] += n
        # A count that fell to nothing must become 0, not keep its old value.
        for key, name, region, week in (
            Observation.objects.live()
            .filter(series__indicator__source=Indicator.Source.POLICE, series__area__isnull=True,
                    period_start__in=group, value__gt=0)
            .values_list("series__indicator__key", "series__indicator__name", "series__region", "period_start")
        ):
            known_types.setdefault(key, name)
            counts.setdefault((key, region, week), 0)
        new_types = [k for k in known_types if k not in runner._indicator_ids]
        if new_types:
            runner.indicators(type_spec(known_types[k]) for k in new_types)
        runner.write(Value(key, region, week, float(n)) for (key, region, week), n in sorted(counts.items()))


def _coverage() -> dict[str, list[str]]:
    """First and last week with an event, per municipality: whether county and country comparisons
    rest on complete data (lofte.situation.picture)."""
    return {
        region: [first.isoformat(), last.isoformat()]
        for region, first, last in PoliceEvent.objects.filter(municipality__isnull=False, is_summary=False)
        .values("region").annotate(first=Min("week"), last=Max("week")).values_list("region", "first", "last")
    }


# --------------------------------------------------------------------------------------------- fetch


def fetch(client: Client | None = None, now=None, sleep=None) -> bytes:
    """One call to the feed within the police's rules: HTTPS, a real User-Agent, at least ten seconds
    after the previous call (it waits), at most sixty calls an hour (it refuses). Every call is
    recorded (FetchCall), so the limits hold across processes and cron runs."""
    require_https(FEED_URL)
    client = client or Client(pause=0, retries=0)
    now = now or timezone.now()
    last = FetchCall.objects.filter(source=Indicator.Source.POLICE).order_by("-at").first()
    if calls_in_last_hour(Indicator.Source.POLICE, now) >= MAX_CALLS_PER_HOUR:
        oldest = (FetchCall.objects.filter(source=Indicator.Source.POLICE, at__gte=now - timedelta(hours=1))
                  .order_by("at").first())
        allowed = timezone.localtime(oldest.at + timedelta(hours=1))
        raise IndicatorImportError(
            f"polisens regler tillåter högst {MAX_CALLS_PER_HOUR} anrop per timme; nästa anrop tidigast {allowed:%H:%M:%S}"
        )
    if last is not None and now - last.at < MIN_INTERVAL:
        (sleep or client.sleep)((MIN_INTERVAL - (now - last.at)).total_seconds())
        now = timezone.now() if sleep is None else now + (MIN_INTERVAL - (now - last.at))
    call = FetchCall.objects.create(source=Indicator.Source.POLICE, at=now, url=FEED_URL)
    try:
        body = client.request("GET", FEED_URL)
    except IndicatorImportError:
        FetchCall.objects.filter(pk=call.pk).update(status_code=0)
        raise
    FetchCall.objects.filter(pk=call.pk).update(status_code=200)
    return body
