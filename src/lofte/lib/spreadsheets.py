"""Every spreadsheet Löfte writes (CSV for Swedish Excel, XLSX) goes through these functions, so
that no cell of it runs as a formula when opened (formula or CSV injection).

A spreadsheet program evaluates a cell that starts with "=", "+", "-", "@", a tab or a carriage
return: a commitment text or a citizen's words such as `=HYPERLINK("https://evil.example", "Klicka")`
would become a live link or worse. The rule:

* CSV (`csv_writer`, `csv_bytes`): such a text cell gets a leading apostrophe, which Excel and
  LibreOffice read as "this is text" (OWASP's advice); `restore_cell` removes it again when Löfte
  reads its own export back;
* XLSX (`xlsx_bytes`): every text is written as a string cell, never a formula, and one that looks
  like a formula also carries Excel's "quote prefix" style, so it stays text even when edited.

Numbers are written as they are (open data, `open_data_csv`: with decimal commas for Swedish Excel,
never neutralised, so "-3,5" stays a number). Features that add exports later use the same functions.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_START)


def neutralise_cell(value) -> str:
    """The CSV text of a cell: "" for None, an apostrophe before text that would run as a formula."""
    if value is None:
        return ""
    if is_formula_like(value):
        return "'" + value
    return str(value)


def restore_cell(text: str) -> str:
    """A cell of a CSV that Löfte wrote, as it was before neutralise_cell."""
    if text.startswith("'") and is_formula_like(text[1:]):
        return text[1:]
    return text


class _NeutralisingWriter:
    def __init__(self, out):
        self._writer = csv.writer(out, delimiter=";", lineterminator="\r\n")

    def writerow(self, row: Iterable) -> None:
        self._writer.writerow([neutralise_cell(value) for value in row])

    def writerows(self, rows: Iterable[Iterable]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(out) -> _NeutralisingWriter:
    """A CSV writer for Swedish Excel (semicolons, CRLF) whose every cell is neutralised. The caller
    writes the UTF-8 byte-order mark first (Excel needs it to read UTF-8)."""
    return _NeutralisingWriter(out)


def csv_bytes(rows: Iterable[Iterable]) -> bytes:
    """Rows as Swedish Excel writes a CSV: semicolons, CRLF, UTF-8 with a BOM, cells neutralised."""
    buffer = io.StringIO()
    csv_writer(buffer).writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(rows: Iterable[Iterable], *, title: str, bold_header: bool = True) -> bytes:
    """Rows as a one-sheet XLSX whose text cells are strings, never formulas."""
    import openpyxl
    from openpyxl.styles import Font

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    for row_number, row in enumerate(rows, start=1):
        for column, value in enumerate(row, start=1):
            cell = sheet.cell(row=row_number, column=column)
            cell.value = value
            if isinstance(value, str):
                # openpyxl itself turns a text starting with "=" into a formula; say it is text.
                cell.data_type = "s"
                if is_formula_like(value):
                    cell.quotePrefix = True
    if bold_header and sheet.max_row >= 1:
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def open_data_cell(value, *, decimal_comma: bool) -> str:
    """A cell of an open-data CSV: a number as it is (a float with Swedish Excel's decimal comma,
    "12,5", or a point), anything else neutralised (a negative number is a number, not a formula)."""
    if isinstance(value, bool):
        return neutralise_cell(str(value))
    if isinstance(value, float):
        text = repr(value) if not value.is_integer() else str(int(value))
        return text.replace(".", ",") if decimal_comma else text
    if isinstance(value, int):
        return str(value)
    return neutralise_cell(value)


def open_data_csv_chunks(rows: Iterable[Iterable], *, comma: bool = False, chunk_rows: int = 1000):
    """An open-data table as CSV, cells neutralised, in pieces of bytes (for large files), in one of
    two variants:

    * Swedish Excel (the default): semicolons, decimal commas, CRLF, UTF-8 with a BOM;
    * comma (`comma=True`, RFC 4180 as most programs read it): commas, decimal points, CRLF, UTF-8
      without a BOM.
    """
    buffer = io.StringIO()
    if not comma:
        buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter="," if comma else ";", lineterminator="\r\n")
    for number, row in enumerate(rows, start=1):
        writer.writerow([open_data_cell(value, decimal_comma=not comma) for value in row])
        if number % chunk_rows == 0:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue().encode("utf-8")


def open_data_csv(rows: Iterable[Iterable], *, comma: bool = False) -> bytes:
    """The whole of `open_data_csv_chunks` as one value."""
    return b"".join(open_data_csv_chunks(rows, comma=comma))
