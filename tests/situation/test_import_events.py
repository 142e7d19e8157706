"""The police events feed: its quirks, upserts on id, weekly counts, all-or-nothing, the fetch rules."""

import io
import json
from datetime import date, timedelta

import pytest
from django.utils import timezone

from lofte.situation.importing import events
from lofte.situation.importing.errors import IndicatorImportError
from lofte.situation.importing.fetch import Client, Response
from lofte.situation.models import FetchCall, ImportRun, Observation, PoliceEvent, StagedPoliceEvent
from tests.situation.helpers import fixture, places

pytestmark = pytest.mark.django_db


def weekly(region, key="police:inbrott"):
    return sorted(
        Observation.objects.live().filter(series__indicator__key=key, series__region=region)
        .values_list("period_start", "value")
    )


def feed(items):
    return io.BytesIO(json.dumps(items).encode())


def event(id_, when="2023-11-13 9:58:49 +01:00", type_="Inbrott", place="Strängnäs", summary="x"):
    return {"id": id_, "datetime": when, "name": f"{type_}, {place}", "summary": summary,
            "url": f"/aktuellt/handelser/{id_}/", "type": type_, "location": {"name": place, "gps": "59.37,17.03"}}


def test_the_feed_is_stored_with_its_quirks_repaired():
    places()
    result = events.import_events(io.BytesIO(fixture("polisen_events.json")), "events.json")
    assert result.events == 6 and result.new == 6 and result.summaries == 1
    accident = PoliceEvent.objects.get(event_id=500103)
    assert timezone.localtime(accident.occurred_at).hour == 9  # "9:58:49": no leading zero
    assert accident.url.startswith("https://polisen.se/aktuellt/handelser/2023/november/13/")
    assert accident.municipality.code == "0486" and accident.region == "0486"
    assert accident.gps == "59.377270,17.031248"
    county = PoliceEvent.objects.get(event_id=500099)
    assert county.region == "04" and county.municipality is None
    assert PoliceEvent.objects.get(event_id=500102).is_summary


def test_events_are_counted_per_type_and_week_for_municipality_county_and_country():
    places()
    events.import_events(io.BytesIO(fixture("polisen_events.json")), "events.json")
    assert weekly("0486") == [(date(2023, 11, 6), 2.0)]  # Sunday 12 Nov and Monday 6 Nov: one ISO week
    assert weekly("04", "police:brand") == [(date(2023, 11, 6), 1.0)]
    assert weekly("00", "police:skadegorelse") == [(date(2023, 11, 6), 1.0)]
    # Summaries are not incidents: no indicator, no count.
    assert not Observation.objects.filter(series__indicator__key__startswith="police:sammanfattning").exists()


def test_reimporting_upserts_on_the_id_and_a_changed_type_moves_the_count():
    places()
    events.import_events(feed([event(1), event(2)]), "a.json")
    assert weekly("0486") == [(date(2023, 11, 13), 2.0)]
    result = events.import_events(feed([event(2, type_="Stöld"), event(3)]), "b.json")
    assert (result.new, result.updated, result.unchanged) == (1, 1, 0)
    assert PoliceEvent.objects.count() == 3
    assert weekly("0486") == [(date(2023, 11, 13), 2.0)]  # events 1 and 3
    assert weekly("0486", "police:stold") == [(date(2023, 11, 13), 1.0)]
    events.import_events(feed([event(1, type_="Stöld"), event(3, type_="Stöld")]), "c.json")
    assert weekly("0486") == [(date(2023, 11, 13), 0.0)]


def test_the_same_event_twice_in_one_file_keeps_the_later_text():
    places()
    events.import_events(feed([event(7, summary="först"), event(7, summary="sedan")]), "a.json")
    assert PoliceEvent.objects.get().summary == "sedan"
    assert weekly("0486") == [(date(2023, 11, 13), 1.0)]


def test_a_bad_event_fails_the_whole_file_and_nothing_is_stored():
    places()
    items = [event(1), event(2, when="2023-13-45 25:00:00 +01:00"), {"id": "x"}, event(4)]
    with pytest.raises(IndicatorImportError) as error:
        events.import_events(feed(items), "bad.json")
    text = str(error.value)
    assert "rad 1, händelse 2 (id 2): tidpunkten '2023-13-45 25:00:00 +01:00' finns inte i kalendern" in text
    assert "rad 1, händelse 3 (id x): «id» 'x' är inget positivt heltal" in text
    assert not PoliceEvent.objects.exists() and not StagedPoliceEvent.objects.exists()
    assert not Observation.objects.exists()
    assert ImportRun.objects.get().status == ImportRun.Status.FAILED


def test_broken_json_is_refused_with_its_line_and_column():
    places()
    with pytest.raises(IndicatorImportError) as error:
        events.import_events(io.BytesIO(b'[\n{"id": 1},\n{"id": 2, "datetime": }\n]'), "cut.json")
    assert "rad 3, kolumn 23: ogiltig JSON: Expecting value" in str(error.value)
    with pytest.raises(IndicatorImportError) as error:
        events.import_events(io.BytesIO(b'{"events": []}'), "obj.json")
    assert "rad 1, kolumn 1: filen är ingen JSON-lista" in str(error.value)
    with pytest.raises(IndicatorImportError) as error:
        events.import_events(io.BytesIO(b'[{"id": 1}'), "open.json")
    assert "filen slutar mitt i listan" in str(error.value)


def test_a_formatted_file_names_the_line_of_a_bad_event():
    places()
    text = json.dumps([event(1), event(2, when="igår")], indent=2)
    with pytest.raises(IndicatorImportError) as error:
        events.import_events(io.BytesIO(text.encode()), "pretty.json")
    line = text[: text.index('"id": 2')].count("\n")  # the line of the event's opening brace
    assert f"rad {line}, händelse 2 (id 2): tidpunkten 'igår'" in str(error.value)


@pytest.mark.parametrize("chunk", [1, 7, 64, 1 << 20])
def test_the_list_reader_gives_the_same_items_whatever_the_chunk_size(chunk):
    items = [event(i, summary="å" * i) for i in range(1, 30)]
    text = json.dumps(items, ensure_ascii=False, indent=1).encode()
    got = [item for _line, item in events.json_list_items(io.BytesIO(text), chunk_size=chunk)]
    assert got == items


def test_an_unknown_place_is_listed_and_counts_for_the_country_only():
    places()
    result = events.import_events(feed([event(1, place="Atlantis")]), "a.json")
    assert result.unknown_places == {"Atlantis": 1}
    assert "Okända platser (räknas bara för riket): «Atlantis» (1)" in result.lines()[-1]
    assert weekly("00") == [(date(2023, 11, 13), 1.0)]
    assert not Observation.objects.filter(series__region="0486").exists()


def test_a_run_killed_after_its_commit_point_is_finished_by_the_next_import(monkeypatch):
    """Reproduces an import killed while applying: the next one rolls it forward."""
    places()

    def killed(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(events, "_apply", killed)
    with pytest.raises(KeyboardInterrupt):
        events.import_events(feed([event(1), event(2)]), "a.json")
    assert ImportRun.objects.get().status == ImportRun.Status.READY
    assert not Observation.objects.live().exists()
    monkeypatch.undo()
    # While its heartbeat is fresh the run might still be applied elsewhere: a new import waits.
    with pytest.raises(IndicatorImportError, match="en annan import pågår"):
        events.import_events(feed([event(3)]), "b.json")
    ImportRun.objects.update(heartbeat_at=timezone.now() - timedelta(hours=1))
    events.import_events(feed([event(3)]), "b.json")
    assert PoliceEvent.objects.count() == 3
    assert weekly("0486") == [(date(2023, 11, 13), 3.0)]
    assert set(ImportRun.objects.values_list("status", flat=True)) == {ImportRun.Status.LIVE}
    assert not StagedPoliceEvent.objects.exists()


def test_a_run_killed_while_staging_is_swept_by_the_next_import(monkeypatch):
    places()
    run = ImportRun.objects.create(source="police", name="killed.json",
                                   heartbeat_at=timezone.now() - timedelta(hours=1))
    StagedPoliceEvent.objects.create(run=run, event_id=9, occurred_at=timezone.now(), week=date(2023, 1, 2),
                                     type="Inbrott", name="x", location_name="Strängnäs", region="0486")
    events.import_events(feed([event(1)]), "b.json")
    run.refresh_from_db()
    assert run.status == ImportRun.Status.FAILED
    assert not PoliceEvent.objects.filter(event_id=9).exists()
    assert not StagedPoliceEvent.objects.exists()


def test_another_running_import_is_not_disturbed():
    places()
    ImportRun.objects.create(source="kolada", name="pågår")
    with pytest.raises(IndicatorImportError) as error:
        events.import_events(feed([event(1)]), "b.json")
    assert "en annan import pågår" in str(error.value)


class FakeTransport:
    def __init__(self, body=b"[]", status=200):
        self.calls = []
        self.body, self.status = body, status

    def request(self, method, url, headers, body=None):
        self.calls.append((method, url, headers))
        return Response(self.status, self.body)


def test_fetch_sends_a_user_agent_over_https_and_records_the_call():
    transport = FakeTransport(fixture("polisen_events.json"))
    body = events.fetch(Client(transport=transport, pause=0, retries=0))
    assert body == fixture("polisen_events.json")
    method, url, headers = transport.calls[0]
    assert url == "https://polisen.se/api/events" and method == "GET"
    assert headers["User-Agent"].startswith("Lofte/")
    assert FetchCall.objects.get().status_code == 200


def test_fetch_waits_ten_seconds_after_the_previous_call():
    now = timezone.now()
    FetchCall.objects.create(source="police", at=now - timedelta(seconds=3), url=events.FEED_URL)
    slept = []
    events.fetch(Client(transport=FakeTransport(), pause=0, retries=0), now=now, sleep=slept.append)
    assert slept == [pytest.approx(7.0)]


def test_fetch_refuses_the_sixty_first_call_within_an_hour():
    now = timezone.now()
    FetchCall.objects.bulk_create([FetchCall(source="police", at=now - timedelta(minutes=59) + timedelta(seconds=i * 30),
                                             url=events.FEED_URL) for i in range(60)])
    transport = FakeTransport()
    with pytest.raises(IndicatorImportError) as error:
        events.fetch(Client(transport=transport, pause=0, retries=0), now=now)
    assert "högst 60 anrop per timme" in str(error.value)
    assert transport.calls == []


def test_fetch_never_uses_plain_http(monkeypatch):
    monkeypatch.setattr(events, "FEED_URL", "http://polisen.se/api/events")
    with pytest.raises(IndicatorImportError) as error:
        events.fetch(Client(transport=FakeTransport(), pause=0, retries=0))
    assert "HTTPS" in str(error.value)


def test_a_failed_fetch_counts_as_a_call():
    transport = FakeTransport(status=503)
    with pytest.raises(IndicatorImportError):
        events.fetch(Client(transport=transport, pause=0, retries=0))
    assert FetchCall.objects.count() == 1


def test_events_written_before_a_bad_one_are_removed_again_and_known_ones_keep_their_text():
    places()
    events.import_events(feed([event(1)]), "a.json")
    with pytest.raises(IndicatorImportError):
        events.import_events(feed([event(2), event(1, type_="Stöld"), event(3, when="fel")]), "b.json", batch=1)
    assert list(PoliceEvent.objects.values_list("event_id", "type")) == [(1, "Inbrott")]
    assert not StagedPoliceEvent.objects.exists()
    assert weekly("0486") == [(date(2023, 11, 13), 1.0)]


def test_an_unchanged_event_is_skipped_and_a_changed_one_updated():
    places()
    events.import_events(feed([event(1), event(2)]), "a.json")
    result = events.import_events(feed([event(1), event(2, summary="ny text")]), "b.json")
    assert (result.new, result.updated, result.unchanged) == (0, 1, 1)
    assert PoliceEvent.objects.get(event_id=2).summary == "ny text"
    assert "0 nya, 1 ändrade, 1 oförändrade" in result.lines()[0]


def test_a_repeat_in_a_later_batch_of_the_same_file_keeps_the_later_text():
    places()
    events.import_events(feed([event(5, summary="först"), event(6), event(5, summary="sedan")]), "a.json", batch=1)
    assert PoliceEvent.objects.get(event_id=5).summary == "sedan"
    assert weekly("0486") == [(date(2023, 11, 13), 2.0)]


def test_a_number_cut_by_a_chunk_boundary_is_read_whole():
    got = [item for _line, item in events.json_list_items(io.BytesIO(b"[12345, 678]"), chunk_size=3)]
    assert got == [12345, 678]
