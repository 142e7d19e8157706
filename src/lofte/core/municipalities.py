"""Which municipality a form should start with: the user's own, or the one a document names.

Forms that ask for a municipality used to start with the first one alphabetically (a police officer
of LPO Eskilstuna/Strängnäs got Eskilstuna). `own_municipality` picks the user's own instead, and
`named_municipality` reads which municipality a promise document is about ("Sorsele kommun",
"Lunds kommun", "Göteborgs Stad", "Region Gotland").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from lofte.core.models import AuditEntry, Municipality, Organisation


def own_municipality(user, choices: Iterable[Municipality]) -> Municipality | None:
    """The user's own municipality among `choices` (which the caller has ordered, e.g. by name).

    In order: the one a municipality the user works for is (a member of Strängnäs kommun: Strängnäs);
    the one of the user's latest change in the audit log (a police officer serving two works in
    one of them); the first with published promises; the first.
    """
    choices = list(choices)
    if len(choices) <= 1:
        return choices[0] if choices else None
    by_id = {m.pk: m for m in choices}
    if getattr(user, "is_authenticated", False):
        own = (Organisation.objects.filter(kind=Organisation.Kind.MUNICIPALITY, memberships__user=user,
                                           municipalities__in=list(by_id))
               .values_list("municipalities", flat=True).order_by("municipalities__name").first())
        if own in by_id:
            return by_id[own]
        latest = (AuditEntry.objects.filter(user_id=user.pk, municipality_id__in=list(by_id))
                  .order_by("-at", "-pk").values_list("municipality_id", flat=True).first())
        if latest in by_id:
            return by_id[latest]
    # Through the reverse relation: core knows the promise sets only by their related name.
    with_promises = set(Municipality.objects.filter(pk__in=list(by_id), promise_sets__status="published")
                        .values_list("pk", flat=True))
    return next((m for m in choices if m.pk in with_promises), choices[0])


def _pattern(names: list[str]) -> re.Pattern:
    alternatives = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    # "Sorsele kommun", "Lunds kommun", "Göteborgs Stad", "Stockholms stad"; "Region Gotland".
    return re.compile(rf"(?<![\wåäöÅÄÖ-])(?:Region\s+(?P<region>{alternatives})\b|(?P<name>{alternatives})s?"
                      rf"\s+(?i:kommun|stad)\b)")


def named_municipalities(text: str, municipalities: Iterable[Municipality] | None = None) -> list[tuple[Municipality, int]]:
    """The municipalities the text names as "<name> kommun" (or stad, or Region <name>), most named first."""
    candidates = list(Municipality.objects.all() if municipalities is None else municipalities)
    if not candidates or not text:
        return []
    by_name = {m.name: m for m in candidates}
    counts = Counter()
    for match in _pattern(list(by_name)).finditer(text):
        counts[match.group("name") or match.group("region")] += 1
    return [(by_name[name], n) for name, n in counts.most_common()]


def named_municipality(text: str, municipalities: Iterable[Municipality] | None = None) -> Municipality | None:
    """The one municipality the text names most often, or None (none named, or a tie)."""
    named = named_municipalities(text, municipalities)
    if not named or (len(named) > 1 and named[0][1] == named[1][1]):
        return None
    return named[0][0]
