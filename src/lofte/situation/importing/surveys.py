"""Surveys (`lofte import-survey FILE`): NTU, the police's trygghetsmätning, municipal surveys.

The published tables of these surveys (none has an API), one row per question, answer, place and
year, as CSV or XLSX:

    Undersökning | Fråga | Svar | Kommun | Område | År | Andel | Antal svarande | Licens

- Undersökning: "Nationella trygghetsundersökningen (NTU)", "Polisens trygghetsmätning", …
- Fråga: the question as asked; Svar (optional): the answer(s) the share counts, e.g.
  "Mycket eller ganska otrygg".
- Kommun: a municipality, a county or "Riket"; Område (optional): a kommundel of it.
- År (or Period): the year (or another period: 2023T1).
- Andel: the share in percent ("23,5", "23,5 %"); Antal svarande (optional): how many answered.
Each survey, question and answer becomes one indicator (unit percent).
"""

from __future__ import annotations

from lofte.situation.models import Indicator

from . import cells
from .generic import Parsed, write
from .runs import IndicatorSpec, Value
from .spreadsheet import RowReader, slug
from .tables import read_table

COLUMNS = {
    "Undersökning": ("enkät", "undersokning", "källa", "mätning"),
    "Fråga": ("fråga", "frågan", "fraga", "påstående"),
    "Svar": ("svarsalternativ", "svarsalternativet", "svar som räknas"),
    "Kommun": ("region", "kommunkod", "geografi"),
    "Område": ("kommundel", "stadsdel", "delområde", "område i kommunen"),
    "År": ("period", "mätår", "ar"),
    "Andel": ("andel %", "andel (%)", "procent", "värde"),
    "Antal svarande": ("svarande", "antal svar", "n", "underlag"),
    "Licens": ("licence", "license"),
}
REQUIRED = ("Undersökning", "Fråga", "Kommun", "År", "Andel")


def parse(data: bytes, places=None) -> Parsed:
    table = read_table(data, COLUMNS, REQUIRED)
    reader = RowReader(places)
    specs: dict[str, tuple[IndicatorSpec, int]] = {}
    values = []
    for row_no, row in table.rows:
        survey = cells.text(table.cell(row, "Undersökning"))
        question = cells.text(table.cell(row, "Fråga"))
        answer = cells.text(table.cell(row, "Svar"))
        if not survey or not question:
            reader.problems.add(f"rad {row_no}: undersökning och fråga måste anges")
            continue
        place = reader.place(table.cell(row, "Kommun"), row_no)
        area_id = reader.area(place, table.cell(row, "Område"), row_no)
        period = reader.period(table.cell(row, "År"), row_no)
        ok, share = reader.number(table.cell(row, "Andel"), row_no, "andelen")
        ok_base, base = reader.count(table.cell(row, "Antal svarande") or "", row_no, "antal svarande")
        if ok and share is not None and not 0 <= share <= 100:
            reader.problems.add(f"rad {row_no}: andelen {cells.text(table.cell(row, 'Andel'))} ligger inte mellan 0 och 100 procent")
            continue
        if not (place and period and ok and ok_base):
            continue
        key = "enkat:" + slug(survey)[:30] + ":" + slug(question)[:50] + (":" + slug(answer)[:30] if answer else "")
        spec = IndicatorSpec(
            key=key[:120], name=f"{question} – {answer}" if answer else question, unit="procent",
            kind=Indicator.Kind.SHARE, period_kind=period[0], source=Indicator.Source.SURVEY,
            attribution=f"Källa: {survey}", licence=cells.text(table.cell(row, "Licens")),
            description=(f"Andel av de svarande i {survey} som svarade «{answer}» på frågan «{question}»."
                         if answer else f"Andel av de svarande i {survey}: «{question}»."),
            theme=Indicator.Theme.SAFETY, source_ref=survey, decimals=1, position=300,
        )
        first = specs.get(spec.key)
        if first is None:
            specs[spec.key] = (spec, row_no)
        elif first[0] != spec:
            reader.problems.add(f"rad {row_no}: frågan har en annan periodtyp eller licens än på rad {first[1]}")
            continue
        if not reader.once((spec.key, place.region, area_id, period[1]), row_no, "fråga, plats och period"):
            continue
        values.append(Value(spec.key, place.region, period[1], share, area_id=area_id, base=base,
                            status="" if share is not None else "saknas"))
    reader.finish()
    return Parsed([s for s, _row in specs.values()], values)


def import_file(data: bytes, name: str, *, progress=None, is_demo: bool = False, checksum: str = ""):
    return write(parse(data), Indicator.Source.SURVEY, name, progress=progress, is_demo=is_demo, checksum=checksum)
