"""Reading the cells of Swedish spreadsheets: numbers with decimal commas and spaces, missing marks.

    "1 234,5"  "1234.5"  "12,3 %"  "−4"  1234 (an Excel number)  ->  floats
    ""  ".."  "…"  "-"  "–"  "x"  ->  missing (the sources' marks for no value or a withheld one)
"""

from __future__ import annotations

import math
import re

MISSING_MARKS = {"", "..", "...", "…", "-", "–", "—", "x", "X", ".", "NA", "n/a"}
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d+)?|\.\d+)$")


class CellError(ValueError):
    """A cell that is not what its column needs; the message is Swedish."""


def parse_number(cell, *, allow_percent: bool = True) -> float | None:
    """A float, or None for a missing-value mark; CellError for anything else."""
    if isinstance(cell, bool):
        raise CellError(f"«{cell}» är inget tal")
    if isinstance(cell, (int, float)):
        if isinstance(cell, float) and not math.isfinite(cell):
            raise CellError("värdet är inget ändligt tal")
        return float(cell)
    text = str(cell).strip()
    if text in MISSING_MARKS:
        return None
    cleaned = text.replace("\u2212", "-").replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    if allow_percent and cleaned.endswith("%"):
        cleaned = cleaned[:-1]
    if "," in cleaned:
        if "." in cleaned:
            # "1.234,5": dots group thousands.
            cleaned = cleaned.replace(".", "")
        cleaned = cleaned.replace(",", ".")
    if not _NUMBER.match(cleaned):
        raise CellError(f"«{text[:40]}» är inget tal")
    value = float(cleaned)
    if not math.isfinite(value) or abs(value) > 1e15:
        raise CellError(f"«{text[:40]}» är orimligt stort")
    return value


def parse_count(cell) -> int | None:
    value = parse_number(cell, allow_percent=False)
    if value is None:
        return None
    if value < 0 or not float(value).is_integer():
        raise CellError(f"«{cell}» är inget heltal ≥ 0")
    return int(value)


def text(cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return " ".join(str(cell).split())
