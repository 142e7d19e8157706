"""A server-rendered SVG map of Sweden's 21 counties, each shaded by a share (no tiles, no script).

The outlines come from the pygal-maps-se package (its se.lan.svg, drawn from a Wikimedia Commons
map); we read only that file and build our own small SVG from it: one <path> per county with a
class for its shade (styled by the static stylesheet, so the strict CSP holds) and a <title> that
names the county and its figure. The root is role="img" with a title and description; the same
figures are always in the table beside the map.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from django.utils.html import escape

SVG_NS = "http://www.w3.org/2000/svg"

# SCB county code -> the county letter the map's classes use ("s" + letter).
COUNTY_LETTERS = {
    "01": "AB", "03": "C", "04": "D", "05": "E", "06": "F", "07": "G", "08": "H", "09": "I", "10": "K",
    "12": "M", "13": "N", "14": "O", "17": "S", "18": "T", "19": "U", "20": "W", "21": "X", "22": "Y",
    "23": "Z", "24": "AC", "25": "BD",
}

# Shades by share of the county's municipalities: none, under a quarter, under half, under three
# quarters, three quarters or more.
SHADES = ((0, "map-shade-0"), (1, "map-shade-1"), (25, "map-shade-2"), (50, "map-shade-3"), (75, "map-shade-4"))


@dataclass(frozen=True)
class CountyShade:
    code: str
    label: str  # the <title> of the county's shape: "Södermanlands län: 1 av 9 kommuner"
    percent: int


def shade_class(percent: int) -> str:
    chosen = SHADES[0][1]
    for lower, name in SHADES:
        if percent >= lower:
            chosen = name
    return chosen


@lru_cache(maxsize=1)
def county_paths() -> dict[str, str]:
    """County letter -> the `d` of its outline, read once from the package's SVG."""
    from lxml import etree

    source = resources.files("pygal_maps_se").joinpath("se.lan.svg").read_bytes()
    root = etree.fromstring(source)
    paths = {}
    for group in root.iter(f"{{{SVG_NS}}}g"):
        classes = (group.get("class") or "").split()
        if "lan" in classes:
            letter = next(c[1:] for c in classes if c.startswith("s") and c != "lan")
            paths[letter] = " ".join(p.get("d") for p in group.iter(f"{{{SVG_NS}}}path"))
    return paths


def county_map(map_id: str, title: str, description: str, counties: list[CountyShade]) -> str:
    """The SVG markup of the map; counties without an entry are drawn in the lightest shade."""
    paths = county_paths()
    by_letter = {COUNTY_LETTERS[c.code]: c for c in counties if c.code in COUNTY_LETTERS}
    shapes = []
    for letter, outline in paths.items():
        county = by_letter.get(letter)
        if county is None:
            shapes.append(f'<path class="map-county {SHADES[0][1]}" d="{outline}"/>')
            continue
        shapes.append(
            f'<path class="map-county {shade_class(county.percent)}" d="{outline}">'
            f"<title>{escape(county.label)}</title></path>"
        )
    return (
        f'<svg xmlns="{SVG_NS}" id="{map_id}" class="county-map" viewBox="0 0 290 660" role="img" '
        f'focusable="false" aria-labelledby="{map_id}-title {map_id}-desc">'
        f'<title id="{map_id}-title">{escape(title)}</title><desc id="{map_id}-desc">{escape(description)}</desc>'
        + "".join(shapes) + "</svg>"
    )
