"""Importing earlier EST reports from a CSV or XLSX file (another tool's export), all or nothing.

Columns (header names matched without regard to case; see README "EST"):

    datum         required  2025-03-14
    kategori      required  a category's name or key ("Klotter", "klotter"), or "Inget att rapportera"
    kommundel               an area of the municipality, by name
    tid                     dag, kväll or natt
    antal                   a whole number ≥ 1 (default 1)
    allvarlighet            1–3 or lindrigt / allvarligt / mycket allvarligt (default 1)
    rapportör               the reporter: a username in Löfte, or a name kept as text
    beskrivning             free text (staff-only, redacted like all EST text)
    latitud, longitud       decimal degrees (both or neither)
    id                      the other tool's id of the report

The whole file is checked first; every problem is reported with its row number and nothing is
stored. Importing the same file again stores nothing new: each row's UUID is derived from the
municipality and the row's id (or, without an id column, from the row's content).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.contrib.auth import get_user_model
from django.db import transaction

from lofte.core.geo import inside_sweden
from lofte.core.models import Area, Municipality
from lofte.est.models import Category, PlaceKind, Severity, TimeBand
from lofte.est.reports import ReportData, ReportError, file_report
from lofte.situation.importing import cells
from lofte.situation.importing.errors import IndicatorImportError, Problems
from lofte.situation.importing.tables import read_table

COLUMNS = {
    "datum": ("date", "dag för händelsen"),
    "kategori": ("category", "typ", "händelsetyp"),
    "kommundel": ("område", "omrade", "area", "stadsdel"),
    "tid": ("tid på dygnet", "tidsintervall", "time band"),
    "antal": ("count", "hur många"),
    "allvarlighet": ("severity", "allvar"),
    "rapportör": ("rapportor", "reporter", "rapporterad av"),
    "beskrivning": ("text", "kommentar", "fritext"),
    "latitud": ("lat", "latitude"),
    "longitud": ("lon", "lng", "longitude"),
    "id": ("rapport-id", "ärendenummer", "arendenummer"),
}
REQUIRED = ("datum", "kategori")
# A fixed namespace, so that the same row always gets the same UUID.
NAMESPACE = uuid.UUID("3f2c6f0e-8f3a-4f3e-9c41-5e0b1b7a2d10")
NOTHING = {"inget att rapportera", "inget att rapportera denna vecka", "inget"}
_TIME_BANDS = {"dag": TimeBand.DAY, "kväll": TimeBand.EVENING, "kvall": TimeBand.EVENING, "natt": TimeBand.NIGHT}
_SEVERITIES = {"1": 1, "2": 2, "3": 3, "lindrigt": 1, "allvarligt": 2, "mycket allvarligt": 3}


def _categories() -> dict[str, str]:
    found = {}
    for category in Category:
        found[category.value] = category.value
        found[str(category.label).casefold()] = category.value
    found["hänsynslös körning"] = Category.RECKLESS_DRIVING.value
    found["grupperingar"] = Category.GROUPS.value
    found["hot eller våld"] = Category.THREATS_TO_STAFF.value
    return found


def _date(cell) -> date:
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    return date.fromisoformat(cells.text(cell)[:10])


def _coordinate(cell) -> Decimal | None:
    text = cells.text(cell).replace(",", ".")
    if not text:
        return None
    return Decimal(text).quantize(Decimal("0.000001"))


def import_est(data: bytes, municipality: Municipality, *, is_demo: bool = False) -> tuple[int, int]:
    """Store the file's reports; returns (new, already there). Raises IndicatorImportError with
    every problem, before anything is stored."""
    table = read_table(data, COLUMNS, REQUIRED)
    problems = Problems()
    categories = _categories()
    areas = {a.name.casefold(): a for a in Area.objects.filter(municipality=municipality)}
    users = {}
    rows = []
    for number, row in table.rows:
        def cell(name):
            return table.cell(row, name)

        try:
            on = _date(cell("datum"))
        except ValueError:
            problems.add(f"rad {number}: datumet «{cells.text(cell('datum'))}» ska skrivas ÅÅÅÅ-MM-DD")
            continue
        category_text = cells.text(cell("kategori")).casefold()
        nothing = category_text in NOTHING
        category = categories.get(category_text, "")
        if not nothing and not category:
            problems.add(f"rad {number}: okänd kategori «{cells.text(cell('kategori'))}» (kategorierna: "
                         + ", ".join(str(c.label) for c in Category) + ", Inget att rapportera)")
            continue
        area_name = cells.text(cell("kommundel"))
        area = areas.get(area_name.casefold()) if area_name else None
        if area_name and area is None:
            problems.add(f"rad {number}: kommundelen «{area_name}» finns inte i {municipality.name} (kommundelarna: "
                         + ", ".join(sorted(a.name for a in areas.values())) + ")")
            continue
        band_text = cells.text(cell("tid")).casefold()
        if band_text and band_text not in _TIME_BANDS:
            problems.add(f"rad {number}: tiden «{band_text}» ska vara dag, kväll eller natt")
            continue
        try:
            count = cells.parse_count(cell("antal"))
        except cells.CellError:
            count = -1
        if count is not None and count < 1:
            problems.add(f"rad {number}: antalet «{cells.text(cell('antal'))}» ska vara ett heltal, minst 1")
            continue
        severity_text = cells.text(cell("allvarlighet")).casefold()
        if severity_text and severity_text not in _SEVERITIES:
            problems.add(f"rad {number}: allvarligheten «{severity_text}» ska vara 1, 2 eller 3")
            continue
        try:
            latitude, longitude = _coordinate(cell("latitud")), _coordinate(cell("longitud"))
        except (InvalidOperation, ValueError):
            problems.add(f"rad {number}: latitud och longitud ska vara decimaltal, t.ex. 59,377")
            continue
        if (latitude is None) != (longitude is None):
            problems.add(f"rad {number}: ange både latitud och longitud, eller ingen av dem")
            continue
        if latitude is not None and not inside_sweden(latitude, longitude):
            problems.add(f"rad {number}: punkten {latitude}, {longitude} ligger inte i Sverige (omkastade värden?)")
            continue
        report_data = ReportData(
            date=on, nothing_to_report=nothing, category=category, area=area,
            place_kind=PlaceKind.MAP if latitude is not None else PlaceKind.AREA, latitude=latitude,
            longitude=longitude, time_band=_TIME_BANDS.get(band_text, ""), count=count or 1,
            severity=_SEVERITIES.get(severity_text, Severity.LOW), text=cells.text(cell("beskrivning"))[:2000],
        )
        found = report_data.problems(municipality)
        if found:
            problems.add(f"rad {number}: " + " ".join(found))
            continue
        reporter_text = cells.text(cell("rapportör"))
        if reporter_text and reporter_text not in users:
            users[reporter_text] = get_user_model().objects.filter(username=reporter_text).first()
        own_id = cells.text(cell("id"))
        identity = f"{municipality.code}:id:{own_id}" if own_id else \
            f"{municipality.code}:row:" + "|".join(cells.text(c) for c in row)
        rows.append((uuid.uuid5(NAMESPACE, identity), report_data, users.get(reporter_text), reporter_text))
    problems.raise_if_any()
    created = 0
    with transaction.atomic():
        for report_uuid, report_data, user, label in rows:
            try:
                _report, new = file_report(user, municipality, report_data, report_uuid, imported=True,
                                           is_demo=is_demo, reporter_label="" if user else label,
                                           check_permission=False)
            except ReportError as exc:
                raise IndicatorImportError(str(exc)) from None
            created += new
    return created, len(rows) - created
