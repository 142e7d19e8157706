"""Löftesgranskning hints for staff pages: lofte.promises.review with the activity type's label."""

from __future__ import annotations

from dataclasses import dataclass

from lofte.activities import types
from lofte.promises.review import Review, review


@dataclass(frozen=True)
class Hint:
    review: Review
    # The label of the activity type the example would be counted as ("Trafikinsats").
    type_label: str = ""

    @property
    def flagged(self) -> bool:
        return self.review.flagged


def hint(text: str, has_target: bool) -> Hint:
    found = review(text, has_target)
    key = found.reading.activity_type if found.reading else None
    return Hint(found, str(types.get(key).label) if key in types.REGISTRY else "")
