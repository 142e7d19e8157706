"""Löftesgranskning (lofte.promises.review): measurable or not, vague or not, and a measurable
example with the importer's own reading of it."""

import pytest

from lofte.promises.review import measurable_count, measurable_example, review, vague_phrases
from tests import factories


@pytest.mark.parametrize(
    "text, phrases",
    [
        ("Polis och kommun ska verka för att öka tryggheten i trafiken.", ("verka för", "öka tryggheten")),
        ("Polisen ska arbeta för att öka kunskapen om bedrägerier.", ("arbeta för", "öka kunskapen")),
        ("Kommunen ska sträva efter en tryggare skolväg.", ("sträva efter",)),
        ("Polisen ska genomföra minst fyra trafikkontroller.", ()),
        # Effort and a deed: the deed is what is promised.
        ("Vi ska arbeta för trygghet genom att genomföra fyra trygghetsvandringar.", ()),
    ],
)
def test_vague_verbs_are_flagged_only_when_no_deed_is_named(text, phrases):
    assert vague_phrases(text) == phrases


def test_a_measurable_concrete_commitment_is_not_flagged():
    assert not review("Polisen ska genomföra minst fyra trafikkontroller per år.", True).flagged


def test_a_commitment_without_a_target_is_flagged_with_an_example_the_importer_reads():
    found = review("Polis och kommun ska verka för att öka tryggheten i trafiken.", False)
    assert (found.flagged, found.measurable, found.example) == (True, False, "minst fyra trafikkontroller per år")
    assert (found.reading.count, found.reading.unit, found.reading.per, found.reading.activity_type) == (
        4, "trafikkontroller", "year", "traffic_operation")
    assert found.reading.label == "4 trafikkontroller per år"


def test_a_vague_commitment_with_a_target_is_measurable_but_flagged():
    found = review("Polisen ska verka för minst två dialogmöten.", True)
    assert (found.measurable, found.flagged) == (True, True)


@pytest.mark.parametrize(
    "text, example",
    [("arbeta mot langning av alkohol", "minst två föreläsningar om narkotika per termin"),
     ("stödja föräldrar", "minst två föräldraträffar per termin"),
     ("öka förtroendet", "minst två medborgardialoger per år"),
     ("förbättra belysningen", "minst fyra trygghetsvandringar per år")],
)
def test_the_example_fits_the_topic_and_every_example_is_read_as_a_target(text, example):
    found, reading = measurable_example(text)
    assert found == example
    assert reading is not None and reading.count >= 2


@pytest.mark.django_db
def test_measurable_count_counts_commitments_with_a_target_and_leaves_out_archived_ones():
    kommun = factories.municipality()
    police = factories.organisation(kommun, "police")
    promise_set = factories.promise_set(kommun, 2024)
    factories.commitment(promise_set, 1, "Polisen lovar trafikkontroller.", parties=[police],
                         targets=[{"count": 4, "unit": "trafikkontroller", "activity_type": "traffic_operation"},
                                  {"count": 2, "unit": "möten", "activity_type": ""}])
    factories.commitment(promise_set, 2, "Polisen ska verka för trygghet.", parties=[police])
    archived = factories.commitment(promise_set, 3, "Gammalt löfte.", parties=[police],
                                    targets=[{"count": 1, "unit": "möte", "activity_type": ""}])
    archived.archived = True
    archived.save()
    assert measurable_count(promise_set) == (1, 2)
