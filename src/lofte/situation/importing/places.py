"""Where a value belongs: municipality, county or the whole country, from the names and codes the
sources use, resolved to SCB region codes ("0486", "04", "00").

Names are matched without regard to case, diacritics, "kommun"/"stad"/"län" suffixes and hyphens,
so "Strängnäs", "STRÄNGNÄS KOMMUN", "0486 Strängnäs" and Kolada's "0486" all name Strängnäs;
"Södermanlands län", "Södermanland", Kolada's "0004" and SCB's "04" name the county; "Riket",
"Hela landet", "Sverige", "00" and Kolada's "0000" name the country.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from lofte.core.models import Area, Municipality
from lofte.situation.models import COUNTRY

COUNTRY_NAMES = {"riket", "hela landet", "sverige", "totalt", "hela riket", "samtliga kommuner"}


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", str(text).casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[-_/.,]", " ", plain).split())


def _strip_suffix(name: str) -> str:
    for suffix in (" kommun", " stad", " lan", " region", " s lan"):
        if name.endswith(suffix):
            return name[: -len(suffix)].strip()
    if name.startswith("region "):
        return name[len("region "):]
    return name


@dataclass(frozen=True)
class Place:
    region: str
    municipality_id: int | None = None
    area_id: int | None = None

    @property
    def is_municipality(self) -> bool:
        return len(self.region) == 4


class Places:
    """A lookup of the municipalities and counties in the database (one query each)."""

    def __init__(self):
        self.municipalities: dict[str, tuple[int, str, str]] = {}  # code -> (id, county code, name)
        self._by_name: dict[str, str] = {}
        self._counties: dict[str, str] = {}  # folded name -> county code
        self.county_names: dict[str, str] = {}
        for pk, code, name, county_code, county in Municipality.objects.values_list(
            "pk", "code", "name", "county_code", "county"
        ):
            self.municipalities[code] = (pk, county_code, name)
            self._by_name[fold(name)] = code
            self._by_name[_strip_suffix(fold(name))] = code
            self.county_names[county_code] = county
            folded = fold(county)
            self._counties[folded] = county_code
            self._counties[_strip_suffix(folded)] = county_code
            # "Södermanlands län" -> "sodermanland" as well as "sodermanlands".
            base = _strip_suffix(folded)
            if base.endswith("s"):
                self._counties.setdefault(base[:-1], county_code)
        self._areas: dict[int, dict[str, int]] | None = None

    def county_of(self, region: str) -> str:
        return self.municipalities[region][1] if len(region) == 4 else region[:2]

    def resolve(self, text) -> Place | None:
        """The place a cell names, or None when it names no known municipality, county or country."""
        raw = str(text or "").strip()
        if not raw:
            return None
        digits = re.match(r"^(\d{2,4})\b\s*(.*)$", raw)
        if digits:
            code, rest = digits.group(1), digits.group(2)
            place = self._by_code(code)
            if place is not None:
                return place
            if rest:
                return self.resolve(rest)
            return None
        folded = fold(raw)
        if folded in COUNTRY_NAMES:
            return Place(COUNTRY)
        code = self._by_name.get(folded) or self._by_name.get(_strip_suffix(folded))
        if code:
            return Place(code, self.municipalities[code][0])
        county = self._counties.get(folded) or self._counties.get(_strip_suffix(folded))
        if county:
            return Place(county)
        return None

    def _by_code(self, code: str) -> Place | None:
        if code in ("00", "0000"):
            return Place(COUNTRY)
        if len(code) == 4 and code in self.municipalities:
            return Place(code, self.municipalities[code][0])
        # Kolada names regions "0001".."0025"; SCB names counties "01".."25".
        county = code[2:] if len(code) == 4 and code.startswith("00") else code
        if len(county) == 2 and county in self.county_names:
            return Place(county)
        return None

    def area(self, place: Place, name: str) -> int | None:
        """The id of the municipality's area (kommundel) named `name`, or None."""
        if self._areas is None:
            self._areas = {}
            for pk, municipality_id, area_name, slug in Area.objects.values_list("pk", "municipality_id", "name", "slug"):
                names = self._areas.setdefault(municipality_id, {})
                names[fold(area_name)] = pk
                names[fold(slug)] = pk
        return self._areas.get(place.municipality_id, {}).get(fold(name))

    def area_names(self, municipality_id: int) -> list[str]:
        return sorted(Area.objects.filter(municipality_id=municipality_id).values_list("name", flat=True))
