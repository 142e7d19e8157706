"""Finding validation: the place inside Sweden, the deadline after the walk, the status reasons."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from lofte.walks.models import Finding, place_errors
from tests.walks import helpers

pytestmark = pytest.mark.django_db


def errors_of(finding: Finding) -> dict:
    with pytest.raises(ValidationError) as info:
        finding.full_clean()
    return info.value.message_dict


def new_finding(walk, **fields):
    values = {"category": "lighting", "description": "Mörkt.", "address": "Torget", "status": "new"}
    values.update(fields)
    return Finding(walk=walk, municipality_id=walk.municipality_id, **values)


def test_a_finding_in_strangnas_with_a_deadline_after_the_walk_is_valid():
    w = helpers.world()
    finding = new_finding(w["walk"], latitude=Decimal("59.377"), longitude=Decimal("17.03"), deadline=date(2021, 10, 1))
    finding.full_clean()


def test_it_refuses_coordinates_outside_sweden_with_a_message_per_field():
    w = helpers.world()
    errors = errors_of(new_finding(w["walk"], latitude=Decimal("48.85"), longitude=Decimal("2.35")))
    assert "utanför Sverige" in errors["latitude"][0]
    assert "utanför Sverige" in errors["longitude"][0]


def test_it_refuses_swapped_latitude_and_longitude():
    errors = place_errors(Decimal("17.03"), Decimal("59.377"), "")
    assert set(errors) == {"latitude", "longitude"}


def test_it_refuses_one_coordinate_without_the_other():
    assert "longitude" in place_errors(Decimal("59.377"), None, "Torget")


def test_it_asks_for_a_place_when_there_is_neither_point_nor_address():
    w = helpers.world()
    errors = errors_of(new_finding(w["walk"], address=""))
    assert "Ange var fyndet finns" in errors["address"][0]


def test_it_accepts_an_address_without_coordinates():
    assert place_errors(None, None, "Gångtunneln vid Nygatan") == {}


def test_it_refuses_a_deadline_before_the_walk():
    w = helpers.world()
    errors = errors_of(new_finding(w["walk"], deadline=date(2021, 9, 19)))
    assert errors["deadline"] == ["Sista dag kan inte ligga före vandringen (2021-09-20)."]


def test_it_accepts_a_deadline_on_the_day_of_the_walk():
    w = helpers.world()
    new_finding(w["walk"], deadline=date(2021, 9, 20)).full_clean()


def test_no_action_requires_a_reason():
    w = helpers.world()
    errors = errors_of(new_finding(w["walk"], status="no_action"))
    assert "no_action_reason" in errors


def test_not_our_responsibility_requires_whom_it_was_sent_to():
    w = helpers.world()
    errors = errors_of(new_finding(w["walk"], status="not_ours"))
    assert "sent_to" in errors
    new_finding(w["walk"], status="not_ours", sent_to="Trafikverket").full_clean()


def test_a_finding_cannot_belong_to_an_activity_that_is_not_a_safety_walk():
    w = helpers.world()
    from tests import factories

    meeting = factories.activity(w["commitment"], type="dialogue_meeting")
    errors = errors_of(new_finding(meeting))
    assert "walk" in errors


def test_fixed_and_closed_are_different_groups():
    w = helpers.world()
    fixed = helpers.finding(w["walk"], status="fixed")
    closed = helpers.finding(w["walk"], status="no_action", no_action_reason="Privat mark.")
    not_ours = helpers.finding(w["walk"], status="not_ours", sent_to="Trafikverket")
    assert fixed.is_fixed and not fixed.is_closed
    assert closed.is_closed and not closed.is_fixed
    assert not_ours.is_closed and not not_ours.is_fixed
