"""Kolada (`lofte import-kolada`): the municipalities' own KPI database, API v3.

Files are the JSON that Kolada's v3 API returns, saved as they come:

- data, from `/v3/data/kpi/{kpi}/municipality/{id}/year/{years}` (or `/v3/data/kpi/{kpi}/year/{years}`):
  `{"count": …, "next_page": …, "values": [{"kpi": "N07403", "municipality": "0486", "period": 2023,
  "values": [{"gender": "T", "status": "", "value": 1234.5, "count": 1}, …]}]}` — one entry per KPI,
  municipality and year, one inner value per gender (T total, K women, M men). A `status` flag (e.g.
  "Saknas") marks a missing value. Municipality ids are SCB codes; "0000" is the country and
  "0001"–"0025" are the regions (counties).
- KPI metadata, from `/v3/kpi/{ids}`: `{"values": [{"id": "N07403", "title": "…", "description": "…"}]}`,
  which names the KPIs. Without it the built-in titles of the default KPIs are used, and any other
  KPI is named by its id until its metadata is imported.

Several files (the pages of one answer, data and metadata) may be given at once; they are one import.
`--fetch` asks Kolada itself: the KPI catalogue, then every page of the data, one call at a time with
a pause between calls, following `next_page`. Attribution wherever a value is shown: "Källa: Kolada".
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import quote

from django.conf import settings

from lofte.situation.models import Indicator

from .errors import IndicatorImportError, Problems
from .fetch import Client
from .generic import Parsed, write
from .places import Places
from .runs import IndicatorSpec, Value

API = "https://api.kolada.se/v3"
ATTRIBUTION = "Källa: Kolada"
LICENCE = "CC BY 4.0 (Kolada, RKA)"
GENDERS = {"T", "K", "M"}
MAX_PAGES = 200

# The default KPIs, found by title in Kolada's catalogue when fetching (ids printed), so that a
# renamed or replaced KPI is picked up rather than silently missing: reported crimes per 100,000
# inhabitants (total, violent, burglary, narcotics, vandalism) and the NTU-based unsafety KPIs.
DEFAULT_RULES = [
    ("crime", r"^anmälda brott totalt, antal/100 000 inv"),
    ("crime", r"^anmälda våldsbrott, antal/100 000 inv"),
    ("crime", r"^anmälda (bostads)?inbrott.*antal/100 000 inv"),
    ("crime", r"^anmälda narkotikabrott.*antal/100 000 inv"),
    ("crime", r"^anmälda (brott om )?skadegörelse.*antal/100 000 inv"),
    ("safety", r"(otrygg|oro).*\(ntu\)|\bntu\b.*(otrygg|oro)"),
]
# Titles of KPIs known to match the rules, for files imported without their metadata.
KNOWN_TITLES = {
    "N07540": "Anmälda brott totalt, antal/100 000 inv",
    "N07403": "Anmälda våldsbrott, antal/100 000 inv",
}


@dataclass
class Kpi:
    id: str
    title: str
    description: str = ""


def kpi_spec(kpi: Kpi) -> IndicatorSpec:
    title = kpi.title or f"Kolada-nyckeltal {kpi.id}"
    lowered = title.casefold()
    if "/100 000 inv" in lowered:
        kind, unit, decimals = Indicator.Kind.RATE, "per 100 000 invånare", 0
    elif "andel" in lowered or "(%)" in lowered:
        kind, unit, decimals = Indicator.Kind.SHARE, "procent", 1
    else:
        kind, unit, decimals = Indicator.Kind.OTHER, title.rsplit(",", 1)[-1].strip() if "," in title else "", 1
    if "brott" in lowered:
        theme = Indicator.Theme.CRIME
    elif "trygg" in lowered or "oro" in lowered:
        theme = Indicator.Theme.SAFETY
    else:
        theme = Indicator.Theme.OTHER
    return IndicatorSpec(
        key=f"kolada:{kpi.id}", name=title, unit=unit or "värde", kind=kind, period_kind="year",
        source=Indicator.Source.KOLADA, attribution=ATTRIBUTION, licence=LICENCE, description=kpi.description,
        theme=theme, source_ref=kpi.id, source_url=f"https://www.kolada.se/verktyg/fri-sokning/?kpis={kpi.id}",
        decimals=decimals, position=100,
    )


def _load(data: bytes, label: str):
    try:
        return json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise IndicatorImportError(f"{label}: filen är inte UTF-8-kodad JSON") from None
    except json.JSONDecodeError as exc:
        raise IndicatorImportError(f"{label}: ogiltig JSON på rad {exc.lineno}, kolumn {exc.colno}: {exc.msg}") from None


def parse(files: list[tuple[str, bytes]], places: Places | None = None) -> Parsed:
    """Data and metadata files of one import; every problem named by file and position."""
    places = places or Places()
    problems = Problems()
    kpis: dict[str, Kpi] = {}
    values: dict[tuple, tuple[Value, str]] = {}
    unknown: dict[str, list[str]] = {}
    used: set[str] = set()
    for label, data in files:
        document = _load(data, label)
        entries = document.get("values") if isinstance(document, dict) else None
        if not isinstance(entries, list):
            problems.add(f"{label}: svaret har ingen lista «values» (är det ett svar från Koladas API v3?)")
            continue
        for index, entry in enumerate(entries):
            where = f"{label}: values[{index}]"
            if not isinstance(entry, dict):
                problems.add(f"{where}: är inget objekt")
            elif "title" in entry and "id" in entry:
                kpis[str(entry["id"])] = Kpi(str(entry["id"]), str(entry.get("title") or ""),
                                             str(entry.get("description") or ""))
            else:
                _read_entry(entry, where, places, problems, values, unknown, used)
    if unknown:
        listed = "; ".join(f"«{m}» ({', '.join(w[:3])}{' …' if len(w) > 3 else ''})" for m, w in sorted(unknown.items()))
        problems.add(f"okända kommun- eller region-id: {listed}")
    if not values and not problems:
        problems.add("filerna innehåller inga värden")
    problems.raise_if_any()
    specs = [kpi_spec(kpis.get(k) or Kpi(k, KNOWN_TITLES.get(k, ""))) for k in sorted(used)]
    return Parsed(specs, [v for v, _where in values.values()])


def _read_entry(entry, where, places, problems, values, unknown, used) -> None:
    kpi = entry.get("kpi")
    municipality = entry.get("municipality")
    period = entry.get("period")
    if not isinstance(kpi, str) or not re.fullmatch(r"[A-Z]\d{5}", kpi):
        problems.add(f"{where}: «kpi» {kpi!r} är inget Kolada-id (som N07403)")
        return
    if isinstance(period, str) and period.isdigit():
        period = int(period)
    if not isinstance(period, int) or isinstance(period, bool) or not 1950 <= period <= 2100:
        problems.add(f"{where}: «period» {period!r} är inget år")
        return
    place = places.resolve(municipality) if isinstance(municipality, str) and municipality.isdigit() else None
    if place is None:
        unknown.setdefault(str(municipality), []).append(where)
        return
    inner = entry.get("values")
    if not isinstance(inner, list):
        problems.add(f"{where}: «values» saknas eller är ingen lista")
        return
    for j, item in enumerate(inner):
        here = f"{where}.values[{j}]"
        if not isinstance(item, dict):
            problems.add(f"{here}: är inget objekt")
            continue
        gender = item.get("gender")
        if not isinstance(gender, str) or gender not in GENDERS:
            problems.add(f"{here}: «gender» {gender!r} är inte T, K eller M")
            continue
        value = item.get("value")
        if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
            problems.add(f"{here}: «value» {value!r} är inget tal")
            continue
        if isinstance(value, float) and value != value:
            problems.add(f"{here}: «value» är inget tal")
            continue
        status = item.get("status") or ""
        if not isinstance(status, str):
            problems.add(f"{here}: «status» {status!r} är ingen text")
            continue
        count = item.get("count")
        base = count if isinstance(count, int) and not isinstance(count, bool) and count >= 0 else None
        key = (kpi, place.region, gender, period)
        if key in values:
            previous = values[key][1]
            if values[key][0].value != value:
                problems.add(f"{here}: {kpi} {municipality} {period} {gender} har redan ett annat värde i {previous}")
            continue
        values[key] = (Value(f"kolada:{kpi}", place.region, date(period, 1, 1),
                             float(value) if value is not None else None, gender=gender, base=base,
                             status=status[:30] if value is None or status else ""), here)
        used.add(kpi)


def import_files(files: list[tuple[str, bytes]], *, progress=None, is_demo: bool = False):
    name = ", ".join(label for label, _data in files)
    return write(parse(files), Indicator.Source.KOLADA, name, progress=progress, is_demo=is_demo)


# --------------------------------------------------------------------------------------------- fetch


def configured_kpis() -> list[str]:
    return [k.strip() for k in getattr(settings, "KOLADA_KPIS", []) if k.strip()]


def resolve_default_kpis(client: Client) -> list[Kpi]:
    """The KPIs of DEFAULT_RULES, looked up by title in Kolada's catalogue (every page of it)."""
    catalogue = [Kpi(str(k.get("id")), str(k.get("title") or ""), str(k.get("description") or ""))
                 for k in _pages(client, f"{API}/kpi?per_page=5000")]
    chosen: dict[str, Kpi] = {}
    for _theme, pattern in DEFAULT_RULES:
        rule = re.compile(pattern, re.IGNORECASE)
        for kpi in catalogue:
            if rule.search(kpi.title) or (rule.search(kpi.description) and "ntu" in pattern):
                chosen.setdefault(kpi.id, kpi)
    if not chosen:
        raise IndicatorImportError("inga av standardnyckeltalen hittades i Koladas katalog; ange dem med --kpi")
    return list(chosen.values())


def _pages(client: Client, url: str) -> list[dict]:
    out: list[dict] = []
    for page in range(MAX_PAGES):
        document = _load(client.request("GET", url), url)
        out.extend(document.get("values") or [])
        url = document.get("next_page")
        if not url:
            return out
    raise IndicatorImportError(f"Kolada gav fler än {MAX_PAGES} sidor; avbrutet")


def fetch(kpi_ids: list[str] | None, years: list[int], client: Client | None = None) -> list[tuple[str, bytes]]:
    """Every page of the data for the KPIs and years (all municipalities, regions and the country),
    plus the KPIs' metadata, as files for parse()."""
    client = client or Client(pause=1.0)
    if kpi_ids:
        metadata = {str(k.get("id")): k for k in _pages(client, f"{API}/kpi/{quote(','.join(kpi_ids))}")}
        kpis = [Kpi(k, str(metadata.get(k, {}).get("title") or ""), str(metadata.get(k, {}).get("description") or ""))
                for k in kpi_ids]
    else:
        kpis = resolve_default_kpis(client)
    files = [("kpi-metadata", json.dumps({"values": [k.__dict__ for k in kpis]}).encode())]
    year_list = ",".join(str(y) for y in years)
    for kpi in kpis:
        url = f"{API}/data/kpi/{quote(kpi.id)}/year/{year_list}?per_page=5000"
        for page in range(MAX_PAGES):
            body = client.request("GET", url)
            files.append((url, body))
            url = (_load(body, url).get("next_page") or "")
            if not url:
                break
        else:
            raise IndicatorImportError(f"Kolada gav fler än {MAX_PAGES} sidor för {kpi.id}; avbrutet")
    return files
