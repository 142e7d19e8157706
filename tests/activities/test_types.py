"""The activity-type registry: each type's own fields, validation, presentation and figures."""

from datetime import date

import pytest
from django import forms

from lofte.activities import types
from lofte.activities.types import INTEGER, LONG_TEXT, TEXT

EXPECTED_FIELDS = {
    "dialogue_meeting": {"place", "attendees", "organisations_present", "topics", "promised"},
    "safety_walk": {"route", "light", "participants", "organisations_present", "pre_meeting_date", "follow_up_date"},
    "parent_meeting": {"theme", "attendees", "police_took_part"},
    "school_drug_search": {"outside_school_hours", "informed_beforehand", "find", "school", "staff_note"},
    "home_visit": {"staff_note"},
    "traffic_operation": {"focus", "place", "hours", "checked", "reports", "fines", "driving_bans", "informed"},
    "information_campaign": {"channel", "audience", "reach", "link"},
    "training": {"audience", "participants"},
    "council_meeting": {"body", "organisations_present"},
    "other": set(),
}


def clean(type_key, data, on=date(2022, 5, 1)):
    """Validate `data` with the type's own form fields, as the staff form does."""
    activity_type = types.get(type_key)
    form_class = type("F", (forms.Form,), activity_type.form_fields())
    form = form_class(data)
    valid = form.is_valid()
    details, errors = activity_type.clean_details(form.cleaned_data, on) if valid else ({}, {})
    return valid and not errors, form.errors | errors, details


def test_every_type_of_the_issue_is_registered_with_its_fields():
    assert {key: {f.name for f in t.fields} for key, t in types.REGISTRY.items()} == EXPECTED_FIELDS


def test_every_field_builds_a_form_field_with_a_swedish_label():
    for activity_type in types.all_types():
        for name, field in activity_type.form_fields().items():
            assert isinstance(field, forms.Field)
            assert str(field.label), (activity_type.key, name)


def test_only_school_searches_and_home_visits_are_sensitive():
    assert {t.key for t in types.all_types() if t.sensitive} == {"school_drug_search", "home_visit"}


def test_sensitive_types_ask_no_place_and_have_no_public_text():
    for key in ("school_drug_search", "home_visit"):
        activity_type = types.get(key)
        assert not activity_type.asks_area
        assert activity_type.note_label is None
        free_text = [f for f in activity_type.fields if f.kind in (TEXT, LONG_TEXT)]
        assert free_text and all(f.staff_only for f in free_text), key


def test_home_visits_are_recorded_as_a_monthly_count():
    home_visit = types.get("home_visit")
    assert home_visit.per_month and home_visit.asks_count


def test_a_yes_no_answer_is_stored_as_a_boolean_and_is_required_for_school_searches():
    ok, errors, details = clean("school_drug_search", {
        "outside_school_hours": "ja", "informed_beforehand": "ja", "find": "nej", "school": "Skolan",
    })
    assert ok, errors
    assert details == {"outside_school_hours": True, "informed_beforehand": True, "find": False, "school": "Skolan"}
    ok, errors, _ = clean("school_drug_search", {"outside_school_hours": "ja", "informed_beforehand": "ja"})
    assert not ok and "find" in errors


@pytest.mark.parametrize("link", ["javascript:alert(1)", "ftp://example.se/fil", "data:text/html,hej"])
def test_a_campaign_link_must_be_http_or_https(link):
    ok, errors, _ = clean("information_campaign", {"link": link})
    assert not ok
    assert "https://" in str(errors["link"])


def test_a_campaign_link_with_https_is_kept():
    ok, errors, details = clean("information_campaign", {"link": "https://polisen.se/material", "reach": "1200"})
    assert ok, errors
    assert details == {"link": "https://polisen.se/material", "reach": 1200}


def test_a_traffic_operation_needs_a_focus_from_the_list():
    ok, errors, _ = clean("traffic_operation", {"checked": "12"})
    assert not ok and "focus" in errors
    ok, errors, _ = clean("traffic_operation", {"focus": ["alien"]})
    assert not ok and "focus" in errors
    ok, errors, details = clean("traffic_operation", {"focus": ["mopeds", "a_tractors"], "checked": "12", "fines": "3"})
    assert ok, errors
    assert details == {"focus": ["mopeds", "a_tractors"], "checked": 12, "fines": 3}


def test_a_negative_figure_is_refused():
    ok, errors, _ = clean("dialogue_meeting", {"attendees": "-3"})
    assert not ok and "attendees" in errors


def test_a_safety_walks_meetings_must_surround_the_walk():
    ok, errors, _ = clean("safety_walk", {"pre_meeting_date": "2022-05-10", "follow_up_date": "2022-04-20"})
    assert not ok
    assert "Förmötet kan inte ligga efter vandringen." in errors["pre_meeting_date"]
    assert "Uppföljningsmötet kan inte ligga före vandringen." in errors["follow_up_date"]
    ok, errors, details = clean("safety_walk", {"pre_meeting_date": "2022-04-10", "follow_up_date": "2022-05-20",
                                                "light": "dark", "participants": "14"})
    assert ok, errors
    assert details["pre_meeting_date"] == "2022-04-10"


def test_a_council_meeting_names_its_body():
    ok, errors, _ = clean("council_meeting", {})
    assert not ok and "body" in errors
    ok, _, details = clean("council_meeting", {"body": "est"})
    assert ok and details == {"body": "est"}


def test_public_details_leave_out_staff_only_fields_and_show_choice_labels():
    walk = types.get("safety_walk")
    shown = walk.public_details({"light": "dark", "participants": 14, "route": "Torget"})
    assert ("Ljus", "Mörker", "") in shown
    assert ("Antal deltagare", "14", "") in shown
    search = types.get("school_drug_search")
    assert search.public_details({"school": "Skolan", "find": True}) == []


def test_a_campaign_link_is_presented_as_a_link():
    campaign = types.get("information_campaign")
    assert campaign.public_details({"link": "https://example.se/a"}) == [
        ("Länk till materialet", "https://example.se/a", "https://example.se/a")
    ]


def test_staff_details_mark_staff_only_fields():
    search = types.get("school_drug_search")
    assert ("Skola", "Skolan", True) in search.staff_details({"school": "Skolan"})


def test_figures_are_the_numeric_fields_a_target_may_sum():
    assert types.figure_choices("dialogue_meeting") == [("attendees", "Antal deltagare")]
    assert {name for name, _ in types.figure_choices("traffic_operation")} == {
        "checked", "reports", "fines", "driving_bans", "informed"
    }
    assert types.figure_choices("unknown") == []
    for activity_type in types.all_types():
        assert all(f.kind == INTEGER for f in activity_type.figures())


def test_figure_values_take_only_integers():
    meeting = types.get("dialogue_meeting")
    assert meeting.figure_values({"attendees": 38, "place": "Biblioteket"}) == {"attendees": 38}
    assert meeting.figure_values({"attendees": "38"}) == {}


def test_stored_details_are_checked_against_the_type():
    walk = types.get("safety_walk")
    assert walk.stored_errors({"light": "dark", "participants": 3}) == {}
    errors = walk.stored_errors({"light": "purple", "name_of_victim": "x"})
    assert set(errors) == {"light", "name_of_victim"}


def test_small_counts_of_sensitive_types_are_suppressed():
    assert types.public_count("home_visit", 4) == "färre än 5"
    assert types.public_count("home_visit", 5) == "5"
    assert types.public_count("home_visit", 0) == "0"
    assert types.public_count("safety_walk", 2) == "2"
