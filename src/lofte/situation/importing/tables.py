"""CSV and XLSX files as rows of cells, with their row numbers, for the spreadsheet importers.

Swedish Excel conventions: a CSV may use semicolons (Excel's Swedish default), tabs or commas, and be
UTF-8 (with or without a BOM), UTF-16 or Windows-1252; the format is judged by the content, never the
file name. Title rows above the header are skipped: the header is the first row that names every
required column. Column names are matched without regard to case, spacing and punctuation, and each
column has a few accepted spellings.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from lofte.promises.importing.errors import PromiseImportError
from lofte.promises.importing.formats import check_xml_parts, open_zip
from lofte.promises.importing.text import decode_document

from .errors import IndicatorImportError

MAX_BYTES = 100 * 1024 * 1024
MAX_ROWS = 1_000_000
_HEADER_SEARCH = 30


def _key(cell) -> str:
    return " ".join(re.sub(r"[^\wåäö%]+", " ", str(cell or "").strip().strip("\ufeff").casefold()).split())


@dataclass
class Table:
    columns: dict[str, int]
    rows: list[tuple[int, list]]

    def cell(self, row: list, column: str):
        index = self.columns.get(column)
        if index is None or index >= len(row):
            return None
        return row[index]


def raw_rows(data: bytes) -> list[list]:
    """Every row of a CSV or the first sheet of an XLSX."""
    if len(data) > MAX_BYTES:
        raise IndicatorImportError(f"filen är för stor ({len(data) // 1024 // 1024} MB); högst {MAX_BYTES // 1024 // 1024} MB")
    if not data.strip():
        raise IndicatorImportError("filen är tom")
    try:
        if data.startswith(b"PK\x03\x04"):
            return _xlsx_rows(data)
        if data.startswith(b"\xd0\xcf\x11\xe0"):
            raise IndicatorImportError("filen är ett äldre Excel-dokument (.xls); spara det som .xlsx eller CSV")
        return _csv_rows(decode_document(data))
    except PromiseImportError as exc:
        raise IndicatorImportError(str(exc)) from None


def _csv_rows(text: str) -> list[list]:
    sample = "\n".join(text.splitlines()[:_HEADER_SEARCH])
    counts = {d: sample.count(d) for d in (";", "\t", ",")}
    delimiter = max(counts, key=counts.get) if any(counts.values()) else ";"
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error as exc:
        raise IndicatorImportError(f"CSV-filen kunde inte läsas: {exc}") from None
    if len(rows) > MAX_ROWS:
        raise IndicatorImportError(f"filen har fler än {MAX_ROWS} rader")
    return rows


def _xlsx_rows(data: bytes) -> list[list]:
    archive = open_zip(data)
    if "xl/workbook.xml" not in archive.namelist():
        raise IndicatorImportError("filen är ett zip-arkiv men ingen Excel-fil (.xlsx)")
    check_xml_parts(archive)
    try:
        import openpyxl

        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        rows = []
        for row in workbook.worksheets[0].iter_rows(values_only=True):
            rows.append(["" if v is None else v for v in row])
            if len(rows) > MAX_ROWS:
                raise IndicatorImportError(f"filen har fler än {MAX_ROWS} rader")
        workbook.close()
        return rows
    except IndicatorImportError:
        raise
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds of errors for broken files.
        raise IndicatorImportError("Excel-filen är trasig eller ofullständig och kunde inte läsas") from None


def read_table(data: bytes, columns: dict[str, tuple[str, ...]], required: tuple[str, ...]) -> Table:
    """The rows under the header that names every required column (row numbers count from 1)."""
    rows = raw_rows(data)
    aliases = {_key(alias): name for name, spellings in columns.items() for alias in (name, *spellings)}
    for index, row in enumerate(rows[:_HEADER_SEARCH]):
        found: dict[str, int] = {}
        for position, cell in enumerate(row):
            name = aliases.get(_key(cell))
            if name and name not in found:
                found[name] = position
        if all(name in found for name in required):
            body = [
                (number, list(cells))
                for number, cells in enumerate(rows[index + 1:], start=index + 2)
                if any(str(c).strip() for c in cells)
            ]
            if not body:
                raise IndicatorImportError(f"rad {index + 1}: rubrikraden finns men inga rader under den")
            return Table(found, body)
    first = next((r for r in rows if any(str(c).strip() for c in r)), [])
    present = {aliases.get(_key(c)) for c in first} - {None}
    missing = [name for name in required if name not in present]
    raise IndicatorImportError(
        "rubrikraden saknas eller saknar kolumnerna " + ", ".join(f"«{m}»" for m in missing)
        + " (kolumnerna: " + ", ".join(f"«{c}»" for c in columns) + ")"
    )
