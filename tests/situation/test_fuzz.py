"""Hypothesis fuzzing of every parser: whatever the bytes, a parser either returns values or raises
IndicatorImportError with Swedish problems; it never crashes with anything else. Valid rows built
from random values come back as those values."""

import io
import json
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lofte.situation.importing import bra, cells, events, generic, kolada, periods, population, surveys
from lofte.situation.importing.errors import IndicatorImportError
from lofte.situation.importing.places import Places
from tests.situation.helpers import places as make_places

pytestmark = pytest.mark.django_db
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                        HealthCheck.too_slow])

cell = st.one_of(st.text(max_size=12), st.sampled_from(["Strängnäs", "0486", "Riket", "2023", "2023K1", "12,5",
                                                        "..", "-", "1 234", "Södermanlands län", "v12 2023"]))
row = st.lists(cell, min_size=1, max_size=8)
header_sets = {
    "generic": ["Indikator", "Enhet", "Period", "Kommun", "Värde", "Källa", "Område", "Typ", "Tema"],
    "bra": ["Region", "Brottskategori", "Period", "Antal", "Per 100 000 invånare"],
    "survey": ["Undersökning", "Fråga", "Svar", "Kommun", "Område", "År", "Andel", "Antal svarande"],
}
PARSERS = {"generic": generic.parse, "bra": bra.parse, "survey": surveys.parse}


@pytest.fixture
def lookup():
    make_places()
    return Places()


def _csv(header, rows, delimiter=";"):
    return "\n".join(delimiter.join(r) for r in [header, *rows]).encode("utf-8-sig")


@pytest.mark.parametrize("name", sorted(PARSERS))
@FUZZ
@given(data=st.data())
def test_spreadsheet_parsers_never_crash(lookup, name, data):
    header = data.draw(st.lists(st.sampled_from(header_sets[name]), min_size=1, max_size=9, unique=True))
    rows = data.draw(st.lists(row, max_size=6))
    delimiter = data.draw(st.sampled_from([";", ",", "\t"]))
    try:
        PARSERS[name](_csv(header, rows, delimiter), places=lookup)
    except IndicatorImportError as exc:
        assert exc.problems and all(isinstance(p, str) and p for p in exc.problems)


@pytest.mark.parametrize("name", sorted(PARSERS))
@FUZZ
@given(blob=st.binary(max_size=300))
def test_spreadsheet_parsers_refuse_random_bytes_cleanly(lookup, name, blob):
    try:
        PARSERS[name](blob, places=lookup)
    except IndicatorImportError:
        pass


@FUZZ
@given(values=st.lists(st.tuples(st.integers(2000, 2030), st.floats(-1e6, 1e6, allow_nan=False)), min_size=1,
                       max_size=10, unique_by=lambda t: t[0]))
def test_generic_rows_come_back_as_their_values(lookup, values):
    rows = [["Otrygghet", "%", str(year), "Strängnäs", f"{value:.2f}".replace(".", ","), "Enkät"]
            for year, value in values]
    parsed = generic.parse(_csv(["Indikator", "Enhet", "Period", "Kommun", "Värde", "Källa"], rows), places=lookup)
    got = sorted((v.period_start.year, v.value) for v in parsed.values)
    assert got == sorted((year, round(value, 2)) for year, value in values)


json_value = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-10, 3000), st.floats(allow_nan=True), st.text(max_size=8)),
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(st.text(max_size=8), children, max_size=4)),
    max_leaves=20,
)
kolada_entry = st.fixed_dictionaries({
    "kpi": st.one_of(st.just("N07403"), st.text(max_size=7)),
    "municipality": st.one_of(st.sampled_from(["0486", "0004", "0000", "9999"]), json_value),
    "period": st.one_of(st.integers(1900, 2200), json_value),
    "values": st.one_of(st.lists(st.fixed_dictionaries({
        "gender": st.one_of(st.sampled_from(["T", "K", "M", "X"]), json_value),
        "value": st.one_of(st.floats(allow_nan=True), st.integers(), st.none(), json_value),
        "status": st.one_of(st.sampled_from(["", "Saknas"]), json_value),
    }), max_size=3), json_value),
})


@FUZZ
@given(document=st.one_of(json_value, st.fixed_dictionaries({"values": st.lists(kolada_entry, max_size=5)})))
def test_kolada_parser_never_crashes(lookup, document):
    try:
        kolada.parse([("x.json", json.dumps(document).encode())], places=lookup)
    except IndicatorImportError as exc:
        assert exc.problems
    except ValueError:
        # json.dumps of NaN writes NaN, which the parser refuses as JSON: also an IndicatorImportError path.
        raise


@FUZZ
@given(blob=st.binary(max_size=200))
def test_kolada_and_population_refuse_random_bytes_cleanly(lookup, blob):
    for parse in (lambda b: kolada.parse([("x", b)], places=lookup), lambda b: population.parse(b, places=lookup)):
        try:
            parse(blob)
        except IndicatorImportError:
            pass


@FUZZ
@given(document=st.fixed_dictionaries({
    "class": st.sampled_from(["dataset", "x"]),
    "id": st.one_of(st.just(["Region", "ContentsCode", "Tid"]), st.lists(st.text(max_size=6), max_size=4)),
    "size": st.lists(st.integers(0, 3), max_size=4),
    "dimension": json_value,
    "value": st.one_of(st.lists(st.one_of(st.integers(-5, 10**7), st.none(), st.text(max_size=3)), max_size=12), json_value),
}))
def test_population_json_stat_never_crashes(lookup, document):
    try:
        population.parse(json.dumps(document).encode(), places=lookup)
    except IndicatorImportError:
        pass


event_item = st.fixed_dictionaries({
    "id": st.one_of(st.integers(-5, 10**12), json_value),
    "datetime": st.one_of(st.sampled_from(["2023-11-13 9:58:49 +01:00", "2023-02-30 10:00:00 +01:00"]),
                          st.text(max_size=30), json_value),
    "type": st.one_of(st.sampled_from(["Inbrott", "Sammanfattning natt"]), json_value),
    "url": st.one_of(st.sampled_from(["/a/b/", "https://polisen.se/x", "javascript:alert(1)"]), json_value),
    "location": st.one_of(st.fixed_dictionaries({"name": st.one_of(st.sampled_from(["Strängnäs", "Okänd"]), json_value),
                                                 "gps": json_value}), json_value),
})


@FUZZ
@given(items=st.one_of(st.lists(event_item, max_size=5), json_value))
def test_the_events_importer_never_crashes_and_stores_all_or_nothing(lookup, items):
    from lofte.situation.models import PoliceEvent

    before = PoliceEvent.objects.count()
    try:
        result = events.import_events(io.BytesIO(json.dumps(items).encode()), "fuzz.json", places=lookup)
    except IndicatorImportError:
        assert PoliceEvent.objects.count() == before
        return
    assert result.events == len(items)


@FUZZ
@given(blob=st.binary(max_size=200))
def test_the_events_importer_refuses_random_bytes_cleanly(lookup, blob):
    try:
        events.import_events(io.BytesIO(blob), "fuzz.json", places=lookup)
    except IndicatorImportError:
        pass


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=20), kind=st.sampled_from([None, *periods.KINDS]))
def test_periods_parse_or_refuse_in_swedish(text, kind):
    try:
        found_kind, start = periods.parse_period(text, kind)
    except periods.PeriodError as exc:
        assert str(exc)
        return
    assert isinstance(start, date) and (kind is None or found_kind == kind)
    assert periods.period_end(found_kind, start) >= start


@settings(max_examples=300, deadline=None)
@given(year=st.integers(1950, 2100), quarter=st.integers(1, 4), week=st.integers(1, 52), month=st.integers(1, 12))
def test_every_written_period_reads_back(year, quarter, week, month):
    assert periods.parse_period(f"{year}K{quarter}") == ("quarter", date(year, 3 * quarter - 2, 1))
    assert periods.parse_period(f"{year}-{month:02d}") == ("month", date(year, month, 1))
    assert periods.parse_period(f"v{week} {year}")[1] == date.fromisocalendar(year, week, 1)


@settings(max_examples=300, deadline=None)
@given(value=st.floats(-1e9, 1e9, allow_nan=False))
def test_swedish_numbers_read_back(value):
    from lofte.situation.charts import swedish_number

    text = swedish_number(value, 2)
    assert cells.parse_number(text) == pytest.approx(round(value, 2), abs=0.006)


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=15))
def test_cells_parse_or_refuse(text):
    try:
        cells.parse_number(text)
    except cells.CellError as exc:
        assert str(exc)
