"""The activity-type registry: the one place where a kind of recorded work is defined.

Each type has a stable key (stored in the database, used in imports and the API), Swedish labels
for the UI, and whether it is sensitive: a sensitive type concerns individuals (minors, suspicion of
crime), so its public figures are aggregated per period and small counts are suppressed.
Type-specific fields are added here as the field-work issue defines them; records keep them in
Activity.details so that adding a type needs no schema change.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class ActivityType:
    key: str
    label: str
    plural: str
    sensitive: bool = False


_TYPES = [
    ActivityType("dialogue_meeting", _("Dialogmöte"), _("dialogmöten")),
    ActivityType("safety_walk", _("Trygghetsvandring"), _("trygghetsvandringar")),
    ActivityType("parent_meeting", _("Föräldraträff"), _("föräldraträffar")),
    ActivityType("school_drug_search", _("Narkotikasök med hund på skola"), _("narkotikasök"), sensitive=True),
    ActivityType("home_visit", _("Hembesök enligt Linköpingsmodellen"), _("hembesök"), sensitive=True),
    ActivityType("traffic_operation", _("Trafikinsats"), _("trafikinsatser")),
    ActivityType("information_campaign", _("Informationskampanj"), _("informationskampanjer")),
    ActivityType("training", _("Utbildning/föreläsning"), _("utbildningar")),
    ActivityType("council_meeting", _("Samverkansmöte"), _("samverkansmöten")),
    ActivityType("other", _("Övrigt"), _("övriga insatser")),
]

REGISTRY: dict[str, ActivityType] = {t.key: t for t in _TYPES}

# Public figures of sensitive types below this are shown as "färre än 5" (DESIGN.md §3).
SMALL_COUNT_THRESHOLD = 5


def get(key: str) -> ActivityType:
    return REGISTRY[key]


def choices() -> list[tuple[str, str]]:
    return [(t.key, t.label) for t in _TYPES]


def public_count(type_key: str, count: int) -> str:
    """The figure shown in public for `count` activities of a type: small sensitive counts hidden."""
    if REGISTRY[type_key].sensitive and 0 < count < SMALL_COUNT_THRESHOLD:
        return str(_("färre än 5"))
    return str(count)
