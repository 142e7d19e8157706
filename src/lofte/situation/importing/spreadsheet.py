"""What the spreadsheet importers (Brå, surveys, the generic template) share: places, periods and
numbers read cell by cell, every problem collected with its row number, and unknown municipality
names gathered into one list."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.utils.text import slugify

from . import cells, periods
from .errors import Problems
from .places import Place, Places


class RowReader:
    def __init__(self, places: Places | None = None):
        self.places = places or Places()
        self.problems = Problems()
        self._unknown: dict[str, list[int]] = defaultdict(list)
        self._unknown_areas: dict[tuple[str, str], list[int]] = defaultdict(list)
        self._seen: dict[tuple, int] = {}

    def place(self, cell, row: int) -> Place | None:
        name = cells.text(cell)
        if not name:
            self.problems.add(f"rad {row}: kommun (eller län/riket) saknas")
            return None
        place = self.places.resolve(name)
        if place is None:
            self._unknown[name].append(row)
        return place

    def area(self, place: Place | None, cell, row: int) -> int | None:
        name = cells.text(cell)
        if not name or place is None:
            return None
        if not place.is_municipality:
            self.problems.add(f"rad {row}: område «{name}» kan bara anges för en kommun, inte för län eller riket")
            return None
        area_id = self.places.area(place, name)
        if area_id is None:
            self._unknown_areas[(place.region, name)].append(row)
        return area_id

    def period(self, cell, row: int, kind: str | None = None) -> tuple[str, date] | None:
        try:
            return periods.parse_period(cell, kind)
        except periods.PeriodError as exc:
            self.problems.add(f"rad {row}: {exc}")
            return None

    def number(self, cell, row: int, column: str) -> tuple[bool, float | None]:
        try:
            return True, cells.parse_number(cell)
        except cells.CellError as exc:
            self.problems.add(f"rad {row}: {column}: {exc}")
            return False, None

    def count(self, cell, row: int, column: str) -> tuple[bool, int | None]:
        try:
            return True, cells.parse_count(cell)
        except cells.CellError as exc:
            self.problems.add(f"rad {row}: {column}: {exc}")
            return False, None

    def once(self, key: tuple, row: int, what: str) -> bool:
        """False (with a problem) when another row already gave a value for the same key."""
        first = self._seen.get(key)
        if first is not None:
            self.problems.add(f"rad {row}: samma {what} som rad {first}")
            return False
        self._seen[key] = row
        return True

    def finish(self) -> None:
        """Raise every problem found, unknown places listed once each with their rows."""
        if self._unknown:
            listed = "; ".join(f"«{name}» (rad {_rows(rows)})" for name, rows in sorted(self._unknown.items()))
            self.problems.add(f"okända kommuner, län eller riket: {listed}")
        if self._unknown_areas:
            listed = "; ".join(
                f"«{name}» i {self.places.municipalities[region][2]} (rad {_rows(rows)})"
                for (region, name), rows in sorted(self._unknown_areas.items())
            )
            self.problems.add(f"okända kommundelar (lägg till dem under kommunens områden först): {listed}")
        self.problems.raise_if_any()


def _rows(rows: list[int]) -> str:
    shown = ", ".join(str(r) for r in rows[:5])
    return shown + (f" och {len(rows) - 5} till" if len(rows) > 5 else "")


def slug(text: str) -> str:
    return slugify(text.replace("å", "a").replace("ä", "a").replace("ö", "o"))[:80] or "x"
