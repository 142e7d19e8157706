"""Demo findings from Strängnäs' invented safety walks: places in Strängnäs, Åker and Läggesta, every
status (fixed and closed kept apart), one overdue finding for the staff start page. Idempotent."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone

from lofte.activities.models import Activity
from lofte.core.models import Municipality
from lofte.walks.models import Finding

# (walk date, category, description, address, lat, lon, owner, deadline, status, extra fields, feedback)
DEMO_FINDINGS = [
    (date(2021, 9, 20), "lighting", "Två gatlampor är släckta längs gångvägen mot stationen.",
     "Gångvägen Nygatan – resecentrum", "59.376410", "17.027350", "Gatuenheten", date(2021, 10, 15),
     "fixed", {}, date(2021, 10, 11)),
    (date(2021, 9, 20), "vegetation", "Höga buskar skymmer sikten vid lekplatsen; platsen känns instängd.",
     "Lekplatsen vid Eldgatan", "59.378920", "17.033810", "Parkenheten", date(2021, 11, 1),
     "planned", {}, date(2021, 10, 11)),
    # The owner is the unit that handled the finding; "inte vårt ansvar" names who it was sent on to.
    (date(2021, 9, 20), "graffiti", "Klotter på elskåpet vid torget.",
     "Västra Storgatan vid torget", "59.377150", "17.030420", "Gatuenheten", date(2021, 10, 1),
     "not_ours", {"sent_to": "Elbolaget, som äger elskåpet"}, date(2021, 10, 11)),
    (date(2021, 9, 20), "traffic", "Bilar kör fort förbi skolan på kvällarna.",
     "Långbergsgatan vid skolan", "59.372960", "17.040150", "Stadsmiljöenheten", date(2021, 12, 1),
     "no_action", {"no_action_reason": "Mätningen visade att de flesta håller 30 km/h; polisen gör i stället "
                                       "hastighetskontroller vid skolstart."}, date(2021, 10, 11)),
    (date(2021, 10, 12), "lighting", "Gångtunneln under järnvägen är mörk, en armatur saknas.",
     "Gångtunneln vid stationen, Åkers styckebruk", "59.248460", "17.091320", "Gatuenheten", date(2021, 11, 15),
     "new", {}, None),
    (date(2021, 10, 12), "litter", "Nedskräpning och trasigt glas vid busshållplatsen.",
     "Busshållplatsen Åkers centrum", "59.250310", "17.087900", "Strängnäs kommun, renhållningen",
     date(2021, 10, 26), "fixed", {}, date(2021, 11, 2)),
    (date(2021, 11, 2), "unsafe_place", "Cykelparkeringen vid stationen saknar belysning och överblick.",
     "Läggesta station, cykelparkeringen", "59.312860", "17.174560", "Gatuenheten", date(2022, 3, 31),
     "planned", {}, None),
]


def _correct(strangnas: Municipality) -> None:
    """Bring demo findings loaded by an earlier version in line with DEMO_FINDINGS (an owner that
    contradicted the reason it was closed for), found by walk date and description."""
    for on, _category, description, _address, _lat, _lon, owner, _deadline, status, extra, feedback in DEMO_FINDINGS:
        values = {"owner": owner, "status": status, "feedback_date": feedback, "no_action_reason": "", "sent_to": "",
                  **extra}
        Finding.objects.filter(municipality=strangnas, is_demo=True, walk__date=on, description=description).exclude(
            **values).update(**values)


def add_demo_findings(strangnas: Municipality) -> int:
    """Add the demo findings to Strängnäs' demo safety walks; returns how many were created."""
    if Finding.objects.filter(municipality=strangnas, is_demo=True).exists():
        _correct(strangnas)
        return 0
    walks = {
        a.date: a
        for a in Activity.objects.filter(municipality=strangnas, type="safety_walk", is_demo=True, deleted_at__isnull=True)
    }
    created = 0
    for on, category, description, address, lat, lon, owner, deadline, status, extra, feedback in DEMO_FINDINGS:
        walk = walks.get(on)
        if walk is None:
            continue
        # Status changes dated the day after the follow-up meeting, or the walk for new findings, so
        # that an open finding past its deadline shows as overdue.
        changed = feedback or on
        Finding.objects.create(
            walk=walk, municipality=strangnas, category=category, description=description, address=address,
            latitude=Decimal(lat), longitude=Decimal(lon), owner=owner, owner_email="",
            deadline=deadline, status=status, feedback_date=feedback, is_demo=True,
            status_changed_at=timezone.make_aware(datetime(changed.year, changed.month, changed.day, 12)),
            **extra,
        )
        created += 1
    return created
