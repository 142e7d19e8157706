"""Reference data: Sweden's 290 municipalities, kept in core/data/kommuner.csv."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from lofte.core.models import Municipality

KOMMUNER_CSV = Path(__file__).resolve().parent / "data" / "kommuner.csv"


@dataclass(frozen=True)
class MunicipalityRow:
    code: str
    name: str
    county_code: str
    county: str

    @property
    def slug(self) -> str:
        # slugify drops diacritics after NFKD: "Upplands Väsby" -> "upplands-vasby". Stable as long
        # as the name is, which is what public URLs need.
        return slugify(self.name)


def read_municipalities(path: Path = KOMMUNER_CSV) -> list[MunicipalityRow]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        expected = {"kod", "namn", "lanskod", "lan"}
        if set(reader.fieldnames or []) != expected:
            raise ValueError(f"{path}: expected columns {sorted(expected)}, got {reader.fieldnames}")
        rows = [MunicipalityRow(r["kod"], r["namn"], r["lanskod"], r["lan"]) for r in reader]
    return rows


@transaction.atomic
def load_municipalities(path: Path = KOMMUNER_CSV) -> tuple[int, int]:
    """Create or update every municipality from the CSV; returns (created, updated)."""
    existing = {m.code: m for m in Municipality.objects.all()}
    created = updated = 0
    to_create = []
    for row in read_municipalities(path):
        values = {"name": row.name, "slug": row.slug, "county_code": row.county_code, "county": row.county}
        current = existing.get(row.code)
        if current is None:
            to_create.append(Municipality(code=row.code, **values))
            created += 1
        elif any(getattr(current, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(current, key, value)
            current.save()
            updated += 1
    Municipality.objects.bulk_create(to_create)
    return created, updated
