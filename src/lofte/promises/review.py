"""Löftesgranskning: which commitments are measurable, which are vague, and how to make them not.

Brå found medborgarlöften vague and hard to follow up. A commitment without a measurable target
(a count of activities, or areas to cover) can only be followed up by written assessments; one
whose only verbs are effort ("verka för", "arbeta för att öka") promises no deed. Both are flagged
as a hint, never a block, with an example of a measurable wording for the commitment's topic and
how the importer reads that wording ("minst fyra trafikkontroller per år" is 4 traffic operations
a year), so the redaktör sees what the importer understands.

Plain functions on plain values (review) and one over the database (measurable_count), for the
staff pages now and open data later.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lofte.promises.importing import tables, targets
from lofte.promises.importing.language import vague_phrases


@dataclass(frozen=True)
class Reading:
    """How the importer reads a target wording: a count of a unit, per year or for the period."""

    count: int
    unit: str
    per: str
    activity_type: str | None

    @property
    def label(self) -> str:
        return f"{self.count} {self.unit}" + (" per år" if self.per == "year" else " under perioden")


@dataclass(frozen=True)
class Review:
    measurable: bool
    # The phrases of effort in the text when it names no deed besides them ("verka för").
    vague_phrases: tuple[str, ...] = ()
    # A measurable wording for the commitment's topic, and how the importer reads it.
    example: str | None = None
    reading: Reading | None = None

    @property
    def flagged(self) -> bool:
        return not self.measurable or bool(self.vague_phrases)


_EXAMPLES = tuple((re.compile(pattern, re.IGNORECASE), example) for pattern, example in tables.MEASURABLE_EXAMPLES)


def measurable_example(text: str) -> tuple[str, Reading | None]:
    """A measurable wording for the topic the text names, and the importer's reading of it."""
    example = next(example for pattern, example in _EXAMPLES if pattern.search(text))
    found = targets.find_targets(f"Vi lovar att genomföra {example}.")
    reading = Reading(found[0].count, found[0].unit, found[0].per, found[0].activity_type) if found else None
    return example, reading


def review(text: str, has_target: bool) -> Review:
    """Löftesgranskning of one commitment: its text, and whether it has a target (or coverage)."""
    vague = vague_phrases(text)
    if has_target and not vague:
        return Review(True)
    example, reading = measurable_example(text)
    return Review(has_target, vague, example, reading)


def review_commitment(commitment) -> Review:
    """Löftesgranskning of a stored Commitment (its targets prefetched or not)."""
    return review(commitment.text, commitment.targets.exists() if not _prefetched(commitment)
                  else bool(commitment.targets.all()))


def _prefetched(commitment) -> bool:
    return "targets" in getattr(commitment, "_prefetched_objects_cache", {})


def measurable_count(promise_set) -> tuple[int, int]:
    """(measurable, all) commitments of a set that is not archived: measurable ones have a target."""
    commitments = promise_set.commitments.filter(archived=False)
    return commitments.filter(targets__isnull=False).distinct().count(), commitments.count()
