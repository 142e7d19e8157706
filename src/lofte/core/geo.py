"""Whether a point lies in Sweden: a bounding box, enough to catch swapped or mistyped coordinates.

Shared by safety-walk findings and citizen input; a point outside it is a typo or swapped
latitude/longitude.
"""

from __future__ import annotations

from decimal import Decimal

# Sweden's extreme points (Smygehuk 55.34 N, Treriksröset 69.06 N, Koster 10.96 E, Haparanda 24.17 E)
# with a small margin. The box also covers bits of Norway, Finland and Denmark; a citizen's point is
# a check against typos, not a survey, so that is good enough.
LAT_MIN, LAT_MAX = Decimal("55.0"), Decimal("69.2")
LON_MIN, LON_MAX = Decimal("10.5"), Decimal("24.3")


def inside_sweden(latitude: Decimal | float, longitude: Decimal | float) -> bool:
    lat, lon = Decimal(str(latitude)), Decimal(str(longitude))
    return LAT_MIN <= lat <= LAT_MAX and LON_MIN <= lon <= LON_MAX
