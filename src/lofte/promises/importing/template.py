"""The spreadsheet template: promises typed in columns, read from CSV or XLSX and written back.

One row per commitment; a row with an empty "Löfte" cell adds another target to the commitment
above it. Columns (the header row names them, in any order, case and spacing ignored):

    Period | Rubrik | Tema | Löfte | Parter | Antal | Enhet | Per | Aktivitetstyp | Område

"Rubrik" (the set's title), "Aktivitetstyp" and "Område" (the district a set is scoped to) may be
left out; the others are required. A period is years ("2024", "2023–2024") or the first and last
day ("2022-07-01–2023-06-30"). A CSV is
written the way Swedish Excel writes one: semicolons and UTF-8 with a BOM. `lofte export-promises`
writes the same columns, so an export can be imported again unchanged.
"""

from __future__ import annotations

import csv
import io
import re

from lofte.lib.spreadsheets import csv_bytes, restore_cell, xlsx_bytes
from lofte.lib.text import strip_bidi_controls
from lofte.promises import periods

from . import language as lang
from . import tables
from .errors import PromiseImportError
from .formats import check_xml_parts, open_zip
from .parse import CommitmentSpec, CoverageSpec, ParsedDocument, PromiseSetSpec, TargetSpec, ThemeSpec

COLUMNS = ("Period", "Rubrik", "Tema", "Löfte", "Parter", "Antal", "Enhet", "Per", "Aktivitetstyp", "Område")
REQUIRED = ("Period", "Tema", "Löfte", "Parter", "Antal", "Enhet", "Per")
_KEYS = {c.lower(): c for c in COLUMNS}
# Spellings a person may type in a header instead of the template's.
_ALIASES = {
    "omgång": "Period", "år": "Period", "löftesomgång": "Period", "titel": "Rubrik", "fokusområde": "Tema",
    "åtagande": "Löfte", "text": "Löfte", "part": "Parter", "ansvarig": "Parter", "mål": "Antal",
    "målantal": "Antal", "typ": "Aktivitetstyp", "stadsdel": "Område", "kommundel": "Område",
}
PER_LABELS = {"year": "år", "period": "period"}
_PER_VALUES = {"år": "year", "per år": "year", "årligen": "year", "year": "year", "period": "period",
               "perioden": "period", "under perioden": "period", "": "period"}
_MAX_ROWS = 5000
_MAX_ERRORS_SHOWN = 5
PARTY_LABELS = {lang.POLICE: "Polisen", lang.MUNICIPALITY: "Kommunen"}


def looks_like_template(text: str) -> bool:
    """A CSV whose first non-empty line names at least three of the template's columns."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = _delimiter(first)
    cells = [_column_key(c) for c in first.split(delimiter)]
    return sum(1 for c in cells if c) >= 3 and "Löfte" in cells


def _delimiter(line: str) -> str:
    counts = {d: line.count(d) for d in (";", "\t", ",")}
    return max(counts, key=counts.get) if any(counts.values()) else ";"


def _column_key(cell) -> str | None:
    key = " ".join(str(cell or "").strip().strip("\ufeff\"").lower().split())
    return _KEYS.get(key) or _ALIASES.get(key)


def csv_rows(text: str) -> list[list[str]]:
    first = next((line for line in text.splitlines() if line.strip()), "")
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=_delimiter(first)))
    except csv.Error as exc:
        raise PromiseImportError(f"CSV-filen kunde inte läsas: {exc}") from None
    # An export of Löfte's own marks text that looks like a formula with an apostrophe.
    return [[restore_cell(cell) for cell in row] for row in rows]


def xlsx_rows(data: bytes) -> list[list[str]]:
    archive = open_zip(data)
    check_xml_parts(archive)
    try:
        import openpyxl

        # Formulas are read as formulas (not their cached results), so that a sheet of them is
        # refused by name instead of reading as empty cells ("kolumnen Löfte är tom").
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        sheet = workbook.worksheets[0]
        rows = []
        for row in sheet.iter_rows():
            formula = next((cell for cell in row if getattr(cell, "data_type", None) == "f"), None)
            if formula is not None:
                raise PromiseImportError(
                    f"rad {formula.row}, cell {formula.coordinate}: formler stöds inte; kopiera cellerna och "
                    "klistra in dem som värden"
                )
            rows.append(["" if cell.value is None else _cell_text(cell.value) for cell in row])
            if len(rows) > _MAX_ROWS + 1:
                break
        workbook.close()
        return rows
    except PromiseImportError:
        raise
    except Exception:  # noqa: BLE001 - openpyxl raises KeyError, ValueError, zip and XML errors for broken files.
        raise PromiseImportError("Excel-filen är trasig eller ofullständig och kunde inte läsas") from None


def _cell_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def parse_rows(rows: list[list[str]]) -> ParsedDocument:
    """The promise sets of a filled-in template; errors name their row (1 is the header)."""
    header_index = next((i for i, row in enumerate(rows) if any(str(c).strip() for c in row)), None)
    if header_index is None:
        raise PromiseImportError("kalkylarket är tomt")
    if len(rows) > _MAX_ROWS + header_index + 1:
        raise PromiseImportError(f"kalkylarket har fler än {_MAX_ROWS} rader")
    columns = _columns(rows[header_index], header_index + 1)
    reader = _RowReader(columns)
    errors: list[str] = []
    for index in range(header_index + 1, len(rows)):
        row = rows[index]
        if not any(str(c).strip() for c in row):
            continue
        try:
            reader.read(index + 1, row)
        except PromiseImportError as exc:
            errors.append(str(exc))
    if errors:
        shown = "; ".join(errors[:_MAX_ERRORS_SHOWN])
        more = f" (och {len(errors) - _MAX_ERRORS_SHOWN} fel till)" if len(errors) > _MAX_ERRORS_SHOWN else ""
        raise PromiseImportError(shown + more)
    document = reader.document()
    if document.commitment_count == 0:
        raise PromiseImportError("kalkylarket har inga rader med löften under rubrikraden")
    return document


def _columns(header: list[str], line: int) -> dict[str, int]:
    columns: dict[str, int] = {}
    unknown = []
    for position, cell in enumerate(header):
        if not str(cell).strip():
            continue
        key = _column_key(cell)
        if key is None:
            unknown.append(str(cell).strip())
        elif key in columns:
            raise PromiseImportError(f"rad {line}: kolumnen «{key}» finns två gånger")
        else:
            columns[key] = position
    if unknown:
        raise PromiseImportError(
            f"rad {line}: okänd kolumn «{unknown[0][:40]}»; kolumnerna heter {', '.join(COLUMNS)}"
        )
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        raise PromiseImportError(f"rad {line}: kolumn saknas: {', '.join(missing)}")
    return columns


class _RowReader:
    def __init__(self, columns: dict[str, int]):
        self.columns = columns
        self.sets: dict[tuple, PromiseSetSpec] = {}
        self.last: CommitmentSpec | None = None
        self.last_period: tuple | None = None
        self.warnings: list[str] = []

    def cell(self, row: list[str], name: str) -> str:
        position = self.columns.get(name)
        if position is None or position >= len(row):
            return ""
        return " ".join(strip_bidi_controls(str(row[position])).split())

    def read(self, line: int, row: list[str]) -> None:
        period_text = self.cell(row, "Period")
        try:
            dates = periods.parse_period(period_text) if period_text else None
        except ValueError as exc:
            raise PromiseImportError(f"rad {line}: perioden «{period_text}»: {exc}") from None
        if dates is None:
            raise PromiseImportError(
                f"rad {line}: perioden «{period_text}» är inga år eller datum "
                "(skriv t.ex. 2024, 2023–2024 eller 2022-07-01–2023-06-30)"
            )
        area = self.cell(row, "Område")
        period = (area.casefold(), dates)
        text = self.cell(row, "Löfte")
        target = self.target(line, row)
        if not text:
            if self.last is None or self.last_period != period:
                raise PromiseImportError(f"rad {line}: kolumnen Löfte är tom")
            if target is None:
                raise PromiseImportError(f"rad {line}: raden har varken löfte eller mål")
            self.add_target(self.last, target)
            return
        promise_set = self.promise_set(period, area, self.cell(row, "Rubrik"), line)
        theme = self.theme(promise_set, self.cell(row, "Tema") or None, line)
        kinds, others = self.parties(line, self.cell(row, "Parter"))
        commitment = CommitmentSpec(0, text, kinds, line, others)
        if target is not None:
            self.add_target(commitment, target)
        theme.commitments.append(commitment)
        self.last, self.last_period = commitment, period

    def promise_set(self, period, area: str, title: str, line: int) -> PromiseSetSpec:
        found = self.sets.get(period)
        if found is None:
            dates = period[1]
            label = periods.dates_label(dates)
            found = PromiseSetSpec(title or " ".join(["Medborgarlöfte", area, label]).replace("  ", " "),
                                   dates.start.year, dates.end.year, line, area=area or None)
            found.set_period(dates)
            found.intro_known = False
            self.sets[period] = found
        elif title and title != found.title:
            raise PromiseImportError(f"rad {line}: perioden har redan rubriken «{found.title[:40]}»")
        return found

    def theme(self, promise_set: PromiseSetSpec, title: str | None, line: int) -> ThemeSpec:
        for theme in promise_set.themes:
            if theme.title == title:
                return theme
        theme = ThemeSpec(title, line)
        promise_set.themes.append(theme)
        return theme

    def parties(self, line: int, text: str) -> tuple[list[str], list[str]]:
        kinds: list[str] = []
        others: list[str] = []
        for piece in re.split(r"\s*(?:,|;|/|\boch\b|\bsamt\b|&)\s*", text):
            piece = piece.strip()
            if not piece:
                continue
            found = lang.parties_in(piece)
            kind = found.kinds[0] if found.kinds else lang.OTHER_PARTY
            if found.we and not found.kinds:
                kinds += [k for k in lang.BOTH if k not in kinds]
                continue
            if kind not in kinds:
                kinds.append(kind)
            if kind == lang.OTHER_PARTY and piece not in others:
                others.append(piece[:200])
        if not kinds:
            raise PromiseImportError(f"rad {line}: kolumnen Parter är tom (skriv t.ex. «Polisen, Kommunen»)")
        return lang.ordered(kinds), others

    def target(self, line: int, row: list[str]):
        count_text = self.cell(row, "Antal")
        unit = self.cell(row, "Enhet")
        per_text = self.cell(row, "Per").lower()
        activity_type = self.cell(row, "Aktivitetstyp") or None
        if not count_text and not unit:
            return None
        if not unit:
            raise PromiseImportError(f"rad {line}: antalet {count_text} saknar enhet (kolumnen Enhet)")
        if per_text not in _PER_VALUES:
            raise PromiseImportError(f"rad {line}: kolumnen Per ska vara «år» eller «period», inte «{per_text[:20]}»")
        if activity_type is not None and activity_type not in lang.ACTIVITY_TYPES:
            raise PromiseImportError(
                f"rad {line}: okänd aktivitetstyp «{activity_type[:40]}»; kända: {', '.join(lang.ACTIVITY_TYPES)}"
            )
        if activity_type is None:
            activity_type = lang.activity_type_of(unit)
        if not count_text:
            # A unit without a count asks for coverage: the activity in every area ("kommundelar").
            return CoverageSpec(activity_type, unit)
        if not re.fullmatch(r"\d{1,5}", count_text):
            raise PromiseImportError(f"rad {line}: antalet «{count_text[:20]}» är inget heltal")
        count = int(count_text)
        if count == 0:
            raise PromiseImportError(f"rad {line}: antalet måste vara minst 1")
        if unit.lower() in tables.AREA_NOUNS:
            # A count of areas ("3 områden") asks for that many distinct areas.
            return CoverageSpec(activity_type, unit, count)
        return TargetSpec(count, unit, activity_type, _PER_VALUES[per_text])

    def add_target(self, commitment: CommitmentSpec, target) -> None:
        if isinstance(target, CoverageSpec):
            commitment.area_coverage = target
        else:
            commitment.targets.append(target)

    def document(self) -> ParsedDocument:
        for promise_set in self.sets.values():
            for number, commitment in enumerate(promise_set.commitments, start=1):
                commitment.number = number
        return ParsedDocument(list(self.sets.values()), self.warnings)


# ================================================================ writing


def rows_of_document(document: ParsedDocument) -> list[list[str]]:
    """A parsed document as template rows (with the header)."""
    rows = [list(COLUMNS)]
    for promise_set in document.promise_sets:
        period = periods.period_value(promise_set.dates) if promise_set.dates else ""
        for theme in promise_set.themes:
            for commitment in theme.commitments:
                rows += commitment_rows(
                    period, promise_set.title, theme.title or "", commitment.text,
                    party_cell(commitment.parties, commitment.other_parties),
                    [(t.count, t.unit, t.per, t.activity_type) for t in commitment.targets]
                    + ([(commitment.area_coverage.count, commitment.area_coverage.unit, "period",
                         commitment.area_coverage.activity_type)] if commitment.area_coverage else []),
                    area=promise_set.area or "",
                )
    return rows


def party_cell(kinds, other_names) -> str:
    names = [PARTY_LABELS[k] for k in kinds if k in PARTY_LABELS]
    if lang.OTHER_PARTY in kinds:
        names += list(other_names) or ["Annan aktör"]
    return ", ".join(names)


def commitment_rows(period, title, theme, text, parties, targets, area: str = "") -> list[list[str]]:
    """The rows of one commitment: the first carries its text, further rows its further targets."""
    rows = []
    for index, (count, unit, per, activity_type) in enumerate(targets or [(None, "", "", None)]):
        rows.append([
            period, title, theme, text if index == 0 else "", parties if index == 0 else "",
            "" if count is None else str(count), unit or "", PER_LABELS.get(per, "") if unit else "",
            activity_type or "", area,
        ])
    return rows


def write_csv(rows: list[list[str]]) -> bytes:
    """Rows as Swedish Excel writes a CSV (lofte.lib.spreadsheets: no cell runs as a formula)."""
    return csv_bytes(rows)


def write_xlsx(rows: list[list[str]]) -> bytes:
    return xlsx_bytes(rows, title="Medborgarlöften")
