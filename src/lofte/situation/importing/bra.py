"""Brå's reported crimes (`lofte import-bra FILE`): the export of Brå's statistics database.

Brå has no API; its database exports tables as Excel or CSV. One row per region, crime category
and period:

    Region | Brottskategori | Period | Antal | Per 100 000 invånare

- Region: a municipality (name or code, "0486 Strängnäs"), a county or "Riket"/"Hela landet".
- Brottskategori (or Brottstyp): e.g. "Samtliga brott", "Skadegörelsebrott", "Misshandel".
- Period (or År, Kvartal): 2023, or a quarter 2023K1 / "2023 kv 1"; months 2023-03 work too.
- Antal: reported crimes; ".." or "-" is missing (Brå's marks).
- Per 100 000 invånare: optional; when given it is shown, otherwise the page divides by SCB's
  population.
Each category becomes the indicator "bra:<category>" ("Anmälda brott: Skadegörelsebrott").
"""

from __future__ import annotations

from lofte.situation.models import Indicator

from . import cells
from .generic import Parsed, write
from .runs import IndicatorSpec, Value
from .spreadsheet import RowReader, slug
from .tables import read_table

COLUMNS = {
    "Region": ("kommun", "län", "område", "region kommun"),
    "Brottskategori": ("brottstyp", "brott", "kategori", "brottskod"),
    "Period": ("år", "kvartal", "månad", "tid", "anmälningsår"),
    "Antal": ("antal anmälda brott", "anmälda brott", "antal brott"),
    "Per 100 000 invånare": ("per 100 000 inv", "antal per 100 000 invånare", "per 100 000", "anmälda brott per 100 000 invånare",
                             "per 100000 inv"),
}
REQUIRED = ("Region", "Brottskategori", "Period", "Antal")
ATTRIBUTION = "Källa: Brå, statistiken över anmälda brott"
LICENCE = "Fri att använda med källangivelse"
DESCRIPTION = (
    "Anmälda brott enligt Brås officiella kriminalstatistik, efter den kommun där brottet begicks. "
    "Antalet anmälda brott speglar både brottsligheten och benägenheten att anmäla."
)


def parse(data: bytes, places=None) -> Parsed:
    table = read_table(data, COLUMNS, REQUIRED)
    reader = RowReader(places)
    specs: dict[str, IndicatorSpec] = {}
    kinds: dict[str, tuple[str, int]] = {}
    values = []
    for row_no, row in table.rows:
        category = cells.text(table.cell(row, "Brottskategori"))
        if not category:
            reader.problems.add(f"rad {row_no}: brottskategorin är tom")
            continue
        place = reader.place(table.cell(row, "Region"), row_no)
        period = reader.period(table.cell(row, "Period"), row_no)
        ok, count = reader.number(table.cell(row, "Antal"), row_no, "antalet")
        ok_rate, rate = reader.number(table.cell(row, "Per 100 000 invånare") or "", row_no, "per 100 000 invånare")
        if ok and count is not None and (count < 0 or not float(count).is_integer()):
            reader.problems.add(f"rad {row_no}: antalet «{cells.text(table.cell(row, 'Antal'))}» är inget heltal ≥ 0")
            continue
        if not (place and period and ok and ok_rate):
            continue
        key = "bra:" + slug(category)
        first = kinds.get(key)
        if first is None:
            kinds[key] = (period[0], row_no)
            specs[key] = IndicatorSpec(
                key=key, name=f"Anmälda brott: {category}", unit="anmälda brott", kind=Indicator.Kind.COUNT,
                period_kind=period[0], source=Indicator.Source.BRA, attribution=ATTRIBUTION, licence=LICENCE,
                description=DESCRIPTION, theme=Indicator.Theme.CRIME, source_ref=category,
                source_url="https://bra.se/statistik", position=200,
            )
        elif first[0] != period[0]:
            reader.problems.add(f"rad {row_no}: kategorin «{category}» har en annan periodtyp än på rad {first[1]}")
            continue
        if not reader.once((key, place.region, period[1]), row_no, "kategori, region och period"):
            continue
        values.append(Value(key, place.region, period[1], count, rate=rate, status="" if count is not None else ".."))
    reader.finish()
    return Parsed(list(specs.values()), values)


def import_file(data: bytes, name: str, *, progress=None, is_demo: bool = False, checksum: str = ""):
    return write(parse(data), Indicator.Source.BRA, name, progress=progress, is_demo=is_demo, checksum=checksum)
