"""The generic indicator template (`lofte import-indicators FILE`): anything a municipality measures.

One row per value, CSV (Swedish Excel: semicolons, decimal commas, UTF-8 with BOM or Windows-1252)
or XLSX. Columns, named in a header row (any order; title rows above it are skipped):

    Indikator | Kod | Enhet | Typ | Periodtyp | Period | Kommun | Område | Värde | Underlag | Källa |
    Licens | Beskrivning | Tema

Required: Indikator, Enhet, Period, Kommun, Värde, Källa.
- Kod: a short stable id (letters, digits); without it the indicator's name is its id.
- Typ: antal, per 100 000, andel (%) or annat (default: andel when Enhet is "%" or "procent").
- Periodtyp: år, kvartal, tertial, månad or vecka; without it the Period cell says it (2023, 2023K1,
  2023T2, 2023-03, 2023V12).
- Kommun: a municipality's name or code, a county ("Södermanlands län") or "Riket".
- Område: a kommundel of that municipality (it must exist in Löfte).
- Värde: a number ("12,5", "1 234", "12 %"); ".." or empty means missing.
- Tema: brott, trygghet, trafik or övrigt.
All rows of one indicator must agree on its name, unit, type, period type and source.
"""

from __future__ import annotations

from dataclasses import dataclass

from lofte.situation.models import Indicator

from . import cells, periods
from .runs import ImportRunner, IndicatorSpec, Value
from .spreadsheet import RowReader, slug
from .tables import read_table

COLUMNS = {
    "Indikator": ("indikatornamn", "namn", "nyckeltal", "mått"),
    "Kod": ("id", "indikatorkod", "nyckel"),
    "Enhet": ("måttenhet",),
    "Typ": ("typ av mått", "mått typ"),
    "Periodtyp": ("period typ", "periodicitet"),
    "Period": ("år", "tid", "tidpunkt"),
    "Kommun": ("region", "kommunkod", "område kommun", "geografi"),
    "Område": ("kommundel", "stadsdel", "delområde"),
    "Värde": ("varde", "value"),
    "Underlag": ("antal svarande", "n", "bas"),
    "Källa": ("kalla", "source"),
    "Licens": ("licence", "license", "villkor"),
    "Beskrivning": ("hur det mäts", "definition", "beskrivning av mått"),
    "Tema": ("kategori",),
}
REQUIRED = ("Indikator", "Enhet", "Period", "Kommun", "Värde", "Källa")
KINDS = {"antal": Indicator.Kind.COUNT, "per 100 000": Indicator.Kind.RATE, "per 100 000 invånare": Indicator.Kind.RATE,
         "per 100000": Indicator.Kind.RATE, "andel": Indicator.Kind.SHARE, "andel (%)": Indicator.Kind.SHARE,
         "andel %": Indicator.Kind.SHARE, "procent": Indicator.Kind.SHARE, "annat": Indicator.Kind.OTHER, "": None}
THEMES = {"brott": Indicator.Theme.CRIME, "anmälda brott": Indicator.Theme.CRIME, "trygghet": Indicator.Theme.SAFETY,
          "otrygghet": Indicator.Theme.SAFETY, "trafik": Indicator.Theme.TRAFFIC, "övrigt": Indicator.Theme.OTHER,
          "": Indicator.Theme.OTHER}


@dataclass
class Parsed:
    specs: list[IndicatorSpec]
    values: list[Value]


def parse(data: bytes, places=None) -> Parsed:
    table = read_table(data, COLUMNS, REQUIRED)
    reader = RowReader(places)
    specs: dict[str, tuple[IndicatorSpec, int]] = {}
    values: list[Value] = []
    for row_no, row in table.rows:
        name = cells.text(table.cell(row, "Indikator"))
        unit = cells.text(table.cell(row, "Enhet"))
        source = cells.text(table.cell(row, "Källa"))
        code = cells.text(table.cell(row, "Kod"))
        for column, value in (("Indikator", name), ("Enhet", unit), ("Källa", source)):
            if not value:
                reader.problems.add(f"rad {row_no}: «{column}» är tom")
        kind_text = cells.text(table.cell(row, "Typ")).casefold()
        if kind_text not in KINDS:
            reader.problems.add(f"rad {row_no}: typen «{kind_text}» finns inte (antal, per 100 000, andel eller annat)")
            continue
        kind = KINDS[kind_text] or (Indicator.Kind.SHARE if unit.casefold() in ("%", "procent") else Indicator.Kind.OTHER)
        theme_text = cells.text(table.cell(row, "Tema")).casefold()
        if theme_text not in THEMES:
            reader.problems.add(f"rad {row_no}: temat «{theme_text}» finns inte (brott, trygghet, trafik eller övrigt)")
            continue
        kind_name = cells.text(table.cell(row, "Periodtyp"))
        period_kind = periods.kind_from_name(kind_name) if kind_name else None
        if kind_name and period_kind is None:
            reader.problems.add(f"rad {row_no}: periodtypen «{kind_name}» finns inte (år, kvartal, tertial, månad, vecka)")
            continue
        period = reader.period(table.cell(row, "Period"), row_no, period_kind)
        place = reader.place(table.cell(row, "Kommun"), row_no)
        area_id = reader.area(place, table.cell(row, "Område"), row_no)
        ok, value = reader.number(table.cell(row, "Värde"), row_no, "värdet")
        ok_base, base = reader.count(table.cell(row, "Underlag") or "", row_no, "underlaget")
        if not (name and unit and source and period and place and ok and ok_base):
            continue
        key = "egen:" + slug(code or name)
        spec = IndicatorSpec(
            key=key, name=name, unit=unit, kind=kind, period_kind=period[0], source=Indicator.Source.OTHER,
            attribution=source if source.casefold().startswith("källa") else f"Källa: {source}",
            licence=cells.text(table.cell(row, "Licens")), description=cells.text(table.cell(row, "Beskrivning")),
            theme=THEMES[theme_text], source_ref=code, decimals=1 if kind == Indicator.Kind.SHARE else 0,
        )
        first = specs.get(key)
        if first is None:
            specs[key] = (spec, row_no)
        elif first[0] != spec:
            reader.problems.add(
                f"rad {row_no}: indikatorn «{name}» beskrivs annorlunda än på rad {first[1]} "
                "(namn, enhet, typ, periodtyp, källa, licens, beskrivning och tema måste vara lika)"
            )
            continue
        if not reader.once((key, place.region, area_id, period[1]), row_no, "indikator, plats och period"):
            continue
        values.append(Value(key, place.region, period[1], value, area_id=area_id, base=base,
                            status="" if value is not None else "saknas"))
    reader.finish()
    return Parsed([s for s, _row in specs.values()], values)


def import_file(data: bytes, name: str, *, progress=None, is_demo: bool = False, checksum: str = ""):
    parsed = parse(data)
    return write(parsed, Indicator.Source.OTHER, name, progress=progress, is_demo=is_demo, checksum=checksum)


def write(parsed: Parsed, source: str, name: str, *, progress=None, is_demo: bool = False, checksum: str = ""):
    """Stage and publish parsed values under one run (see runs.py)."""
    with ImportRunner(source, name, progress=progress, is_demo=is_demo, checksum=checksum) as runner:
        runner.indicators(parsed.specs)
        runner.write(parsed.values)
        return runner.finish()
