"""Population per region (`lofte import-population FILE`): SCB's table BE0101N1 (Folkmängd).

Two shapes are read:

- **json-stat2**, the response of SCB's PxWeb API for table BefolkningNy with ContentsCode BE0101N1
  (`"class": "dataset"`, `id`, `size`, `dimension`, `value`). The dimensions must be Region and Tid
  (plus ContentsCode); any other dimension (Kon, Alder, Civilstand) must be left out of the query,
  or hold one value only, so that SCB sums over it rather than the file listing parts of the total.
- **CSV/XLSX** as PxWeb's "spara som" writes it: a region column ("0486 Strängnäs", "04 Södermanlands
  län", "00 Riket", or a code) and one column per year ("2023" or "Folkmängd 2023").

The values are people on 31 December of the year. They become the indicator "Folkmängd", from which
the lägesbild computes rates per 100,000 inhabitants.
"""

from __future__ import annotations

import json
import re
from datetime import date

from lofte.situation.models import POPULATION_KEY, Indicator

from . import cells
from .errors import IndicatorImportError, Problems
from .fetch import Client
from .generic import Parsed, write
from .places import Places
from .runs import IndicatorSpec, Value
from .tables import raw_rows

API = "https://api.scb.se/OV0104/v1/doris/sv/ssd/START/BE/BE0101/BE0101A/BefolkningNy"
SPEC = IndicatorSpec(
    key=POPULATION_KEY, name="Folkmängd", unit="invånare", kind=Indicator.Kind.COUNT, period_kind="year",
    source=Indicator.Source.SCB, attribution="Källa: SCB, befolkningsstatistik (BE0101N1)",
    licence="CC0 (SCB:s öppna data)", description="Antal folkbokförda invånare den 31 december.",
    theme=Indicator.Theme.POPULATION, source_ref="BE0101N1",
    source_url="https://www.statistikdatabasen.scb.se/pxweb/sv/ssd/START__BE__BE0101__BE0101A/BefolkningNy/",
    position=10,
)
_TIME_NAMES = {"tid", "år", "ar", "year"}
_REGION_NAMES = {"region"}
_CONTENT_NAMES = {"contentscode", "tabellinnehåll"}


def parse(data: bytes, places: Places | None = None) -> Parsed:
    places = places or Places()
    head = data.lstrip(b"\xef\xbb\xbf \r\n\t")[:1]
    if not head:
        raise IndicatorImportError("filen är tom")
    values = _json_stat(data, places) if head == b"{" else _table(data, places)
    return Parsed([SPEC], values)


def _categories(dimension: dict, name: str) -> list[tuple[str, str]]:
    category = dimension.get("category") if isinstance(dimension, dict) else None
    index = category.get("index") if isinstance(category, dict) else None
    labels = category.get("label") or {} if isinstance(category, dict) else {}
    if isinstance(index, list):
        codes = [str(c) for c in index]
    elif isinstance(index, dict):
        codes = [code for code, _position in sorted(index.items(), key=lambda item: item[1])]
    elif isinstance(labels, dict) and len(labels) == 1:
        codes = list(labels)
    else:
        raise IndicatorImportError(f"dimensionen «{name}» saknar category.index")
    return [(code, str(labels.get(code, code)) if isinstance(labels, dict) else code) for code in codes]


def _json_stat(data: bytes, places: Places) -> list[Value]:
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        where = f" på rad {exc.lineno}, kolumn {exc.colno}" if isinstance(exc, json.JSONDecodeError) else ""
        raise IndicatorImportError(f"ogiltig JSON{where}") from None
    if not isinstance(document, dict) or document.get("class") != "dataset":
        raise IndicatorImportError("filen är inget json-stat2-dataset (class: dataset) från SCB:s API")
    ids, sizes, dimensions = document.get("id"), document.get("size"), document.get("dimension")
    if not (isinstance(ids, list) and isinstance(sizes, list) and isinstance(dimensions, dict) and len(ids) == len(sizes)):
        raise IndicatorImportError("json-stat2: «id», «size» och «dimension» saknas eller passar inte ihop")
    lowered = [str(i).casefold() for i in ids]
    try:
        region_axis = next(i for i, n in enumerate(lowered) if n in _REGION_NAMES)
        time_axis = next(i for i, n in enumerate(lowered) if n in _TIME_NAMES)
    except StopIteration:
        raise IndicatorImportError("json-stat2: dimensionerna Region och Tid behövs") from None
    axes = [_categories(dimensions.get(name), str(name)) for name in ids]
    for axis, (name, size) in enumerate(zip(ids, sizes)):
        if len(axes[axis]) != size:
            raise IndicatorImportError(f"json-stat2: dimensionen «{name}» har {len(axes[axis])} värden men size säger {size}")
        if axis in (region_axis, time_axis):
            continue
        if str(name).casefold() in _CONTENT_NAMES:
            codes = [code for code, _label in axes[axis]]
            if codes != ["BE0101N1"]:
                raise IndicatorImportError(f"json-stat2: tabellinnehållet är {codes}, inte BE0101N1 (Folkmängd)")
        elif size != 1:
            raise IndicatorImportError(
                f"dimensionen «{name}» har {size} värden; ta bort den ur frågan så att SCB summerar över den"
            )
    raw = document.get("value")
    total = 1
    for size in sizes:
        total *= size
    if isinstance(raw, dict):
        flat = [None] * total
        for position, value in raw.items():
            if not str(position).isdigit() or int(position) >= total:
                raise IndicatorImportError(f"json-stat2: värdet på plats {position!r} ligger utanför tabellen")
            flat[int(position)] = value
    elif isinstance(raw, list) and len(raw) == total:
        flat = raw
    else:
        raise IndicatorImportError(f"json-stat2: «value» ska ha {total} värden")
    problems = Problems()
    unknown: list[str] = []
    values = []
    strides = [1] * len(sizes)
    for axis in range(len(sizes) - 2, -1, -1):
        strides[axis] = strides[axis + 1] * sizes[axis + 1]
    for r, (region_code, region_label) in enumerate(axes[region_axis]):
        place = places.resolve(region_code)
        if place is None:
            unknown.append(f"{region_code} {region_label}")
            continue
        for t, (year_code, _label) in enumerate(axes[time_axis]):
            if not re.fullmatch(r"\d{4}", year_code):
                problems.add(f"json-stat2: tiden «{year_code}» är inget år")
                continue
            position = r * strides[region_axis] + t * strides[time_axis]
            value = flat[position]
            if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0):
                problems.add(f"json-stat2: folkmängden för {region_code} {year_code} ({value!r}) är inget antal")
                continue
            values.append(Value(POPULATION_KEY, place.region, date(int(year_code), 1, 1),
                                float(value) if value is not None else None))
    if unknown:
        problems.add("okända regioner: " + ", ".join(f"«{u}»" for u in unknown[:30]))
    problems.raise_if_any()
    return values


def _table(data: bytes, places: Places) -> list[Value]:
    rows = raw_rows(data)
    header_index, years = None, {}
    for index, row in enumerate(rows[:30]):
        found = {}
        for position, cell in enumerate(row):
            match = re.search(r"\b(19[5-9]\d|20\d\d|2100)\b", cells.text(cell))
            if match and position > 0:
                found[position] = int(match.group(1))
        if found:
            header_index, years = index, found
            break
    if header_index is None:
        raise IndicatorImportError("rubrikraden med årtal (t.ex. «2023» eller «Folkmängd 2023») saknas")
    problems = Problems()
    unknown: dict[str, list[int]] = {}
    values = []
    for number, row in enumerate(rows[header_index + 1:], start=header_index + 2):
        if not any(cells.text(c) for c in row):
            continue
        name = cells.text(row[0]) if row else ""
        place = places.resolve(name)
        if place is None:
            unknown.setdefault(name, []).append(number)
            continue
        for position, year in years.items():
            cell = row[position] if position < len(row) else ""
            try:
                value = cells.parse_count(cell)
            except cells.CellError as exc:
                problems.add(f"rad {number}: {year}: {exc}")
                continue
            values.append(Value(POPULATION_KEY, place.region, date(year, 1, 1), float(value) if value is not None else None))
    if unknown:
        problems.add("okända regioner: " + "; ".join(f"«{n}» (rad {', '.join(map(str, r[:5]))})" for n, r in unknown.items()))
    problems.raise_if_any()
    if not values:
        raise IndicatorImportError("filen innehåller inga folkmängder")
    return values


def import_file(data: bytes, name: str, *, progress=None, is_demo: bool = False, checksum: str = ""):
    return write(parse(data), Indicator.Source.SCB, name, progress=progress, is_demo=is_demo, checksum=checksum)


def fetch_query(region_codes: list[str], years: list[int]) -> dict:
    """The PxWeb query for BE0101N1 per region and year (other dimensions eliminated: SCB sums them)."""
    return {
        "query": [
            {"code": "Region", "selection": {"filter": "item", "values": region_codes}},
            {"code": "ContentsCode", "selection": {"filter": "item", "values": ["BE0101N1"]}},
            {"code": "Tid", "selection": {"filter": "item", "values": [str(y) for y in years]}},
        ],
        "response": {"format": "json-stat2"},
    }


def fetch(years: list[int], client: Client | None = None, places: Places | None = None) -> bytes:
    """One POST to SCB for every municipality, county and the country (far below SCB's limit of
    150,000 values and 30 calls per 10 seconds)."""
    places = places or Places()
    regions = ["00", *sorted(places.county_names), *sorted(places.municipalities)]
    client = client or Client(pause=1.0)
    body = json.dumps(fetch_query(regions, years)).encode()
    return client.request("POST", API, body=body, content_type="application/json")
