"""The --fetch modes against a fake transport: Kolada paged politely, SCB's one POST, retries that
honour Retry-After, HTTPS only. No test touches the network."""

import json

import pytest

from lofte.situation.importing import kolada, population
from lofte.situation.importing.errors import IndicatorImportError
from lofte.situation.importing.fetch import Client, Response, retry_after
from lofte.situation.models import Observation
from tests.situation.helpers import fixture, places

pytestmark = pytest.mark.django_db


class Clock:
    def __init__(self):
        self.now = 0.0
        self.slept = []

    def sleep(self, seconds):
        self.slept.append(seconds)
        self.now += seconds

    def monotonic(self):
        return self.now


class Recorded:
    """Answers each URL from a dict of recorded bodies (or a list of responses, in turn)."""

    def __init__(self, answers):
        self.answers = answers
        self.calls = []

    def request(self, method, url, headers, body=None):
        self.calls.append((method, url, headers, body))
        answer = self.answers[url]
        if isinstance(answer, list):
            answer = answer.pop(0)
        return answer if isinstance(answer, Response) else Response(200, answer)


def client(transport, clock, pause=1.0):
    return Client(transport=transport, pause=pause, sleep=clock.sleep, monotonic=clock.monotonic)


def test_kolada_fetch_follows_next_page_with_a_pause_between_calls():
    places()
    page2 = "https://api.kolada.se/v3/data/kpi/N07403/year/2022,2023?per_page=3&page=2"
    transport = Recorded({
        "https://api.kolada.se/v3/kpi/N07403": fixture("kolada_kpi.json"),
        "https://api.kolada.se/v3/data/kpi/N07403/year/2022,2023?per_page=5000": fixture("kolada_N07403_page1.json"),
        page2: fixture("kolada_N07403_page2.json"),
    })
    clock = Clock()
    files = kolada.fetch(["N07403"], [2022, 2023], client(transport, clock))
    assert [c[1] for c in transport.calls][-1] == page2
    assert clock.slept == [1.0, 1.0]  # three calls, a second apart
    assert all(c[2]["User-Agent"].startswith("Lofte/") and c[1].startswith("https://") for c in transport.calls)
    result = kolada.import_files(files)
    assert result.created == 6
    assert Observation.objects.live().filter(series__indicator__key="kolada:N07403").count() == 6


def test_kolada_default_kpis_are_found_by_title_in_the_catalogue():
    catalogue = {"count": 4, "next_page": None, "values": [
        {"id": "N07540", "title": "Anmälda brott totalt, antal/100 000 inv", "description": ""},
        {"id": "N07403", "title": "Anmälda våldsbrott, antal/100 000 inv", "description": ""},
        {"id": "N00001", "title": "Invånare totalt, antal", "description": ""},
        {"id": "U07999", "title": "Invånare som känner sig otrygga ute sent på kvällen (NTU), andel (%)",
         "description": "Källa: Brå, NTU."},
    ]}
    transport = Recorded({"https://api.kolada.se/v3/kpi?per_page=5000": json.dumps(catalogue).encode()})
    found = kolada.resolve_default_kpis(client(transport, Clock()))
    assert sorted(k.id for k in found) == ["N07403", "N07540", "U07999"]


def test_a_429_is_retried_after_the_time_the_server_asks_for():
    transport = Recorded({"https://api.kolada.se/v3/kpi/N07403": [
        Response(429, b"", {"Retry-After": "7"}), Response(200, fixture("kolada_kpi.json"))]})
    clock = Clock()
    client(transport, clock, pause=0).request("GET", "https://api.kolada.se/v3/kpi/N07403")
    assert clock.slept == [7.0]
    assert len(transport.calls) == 2


def test_a_lasting_error_names_the_status_and_imports_nothing():
    places()
    transport = Recorded({"https://api.kolada.se/v3/kpi/N07403": Response(404, b"")})
    with pytest.raises(IndicatorImportError) as error:
        kolada.fetch(["N07403"], [2023], client(transport, Clock()))
    assert "HTTP 404" in str(error.value)
    assert not Observation.objects.exists()


def test_plain_http_is_never_requested():
    transport = Recorded({})
    with pytest.raises(IndicatorImportError) as error:
        client(transport, Clock()).request("GET", "http://api.kolada.se/v3/kpi")
    assert "HTTPS" in str(error.value) and transport.calls == []


def test_retry_after_reads_seconds_and_dates_and_is_bounded():
    assert retry_after({"Retry-After": "12"}, 1) == 12
    assert retry_after({}, 3) == 3
    assert retry_after({"retry-after": "99999"}, 1) == 600
    assert retry_after({"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}, 1) == 0


def test_scb_fetch_posts_one_json_stat2_query_for_every_region():
    places()
    transport = Recorded({population.API: fixture("scb_be0101n1.json")})
    body = population.fetch([2022, 2023], client(transport, Clock()))
    method, url, headers, sent = transport.calls[0]
    query = json.loads(sent)
    assert method == "POST" and headers["Content-Type"] == "application/json"
    assert query["response"] == {"format": "json-stat2"}
    regions = query["query"][0]["selection"]["values"]
    assert regions[0] == "00" and "04" in regions and "0486" in regions
    assert population.import_file(body, "scb").created == 8
