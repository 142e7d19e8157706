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
    def plain_slug(self) -> str:
        # slugify drops diacritics after NFKD: "Upplands Väsby" -> "upplands-vasby".
        return slugify(self.name)

    @property
    def transcribed_slug(self) -> str:
        # The traditional ASCII transcription of å, ä, ö: "Håbo" -> "haabo".
        table = str.maketrans({"å": "aa", "ä": "ae", "ö": "oe", "Å": "Aa", "Ä": "Ae", "Ö": "Oe"})
        return slugify(self.name.translate(table))


def read_municipalities(path: Path = KOMMUNER_CSV) -> list[MunicipalityRow]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        expected = {"kod", "namn", "lanskod", "lan"}
        if set(reader.fieldnames or []) != expected:
            raise ValueError(f"{path}: expected columns {sorted(expected)}, got {reader.fieldnames}")
        rows = [MunicipalityRow(r["kod"], r["namn"], r["lanskod"], r["lan"]) for r in reader]
    return rows


def slugs(rows: list[MunicipalityRow]) -> dict[str, str]:
    """URL slug per municipality code: ASCII, unique and stable (public URLs depend on it).

    Diacritics are dropped ("strangnas", "upplands-vasby", "malung-salen"). Where two names would
    then collide (Håbo and Habo), the name with å/ä/ö uses the traditional transcription instead
    ("haabo"), so the name spelled without diacritics keeps the plain slug.
    """
    plain: dict[str, list[MunicipalityRow]] = {}
    for row in rows:
        plain.setdefault(row.plain_slug, []).append(row)
    result = {}
    for slug, group in plain.items():
        for row in group:
            result[row.code] = slug if len(group) == 1 or row.transcribed_slug == slug else row.transcribed_slug
    if len(set(result.values())) != len(result):
        raise ValueError("municipality slugs are not unique")
    return result


@transaction.atomic
def load_municipalities(path: Path = KOMMUNER_CSV) -> tuple[int, int]:
    """Create or update every municipality from the CSV; returns (created, updated)."""
    existing = {m.code: m for m in Municipality.objects.all()}
    created = updated = 0
    to_create = []
    rows = read_municipalities(path)
    slug_of = slugs(rows)
    for row in rows:
        values = {"name": row.name, "slug": slug_of[row.code], "county_code": row.county_code, "county": row.county}
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
