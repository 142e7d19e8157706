"""A report's content is the set as it was known at the report's date: status from the ledger,
work per type through the privacy rules, assessments, indicators, findings and input."""

from datetime import date

import pytest

from lofte.reports.models import FollowUpReport
from lofte.reports.snapshot import build_snapshot, known_by
from tests import factories
from tests.reports.helpers import AS_OF, TODAY, assessment, world

pytestmark = pytest.mark.django_db


def content(w, as_of=AS_OF, today=TODAY):
    report = FollowUpReport(promise_set=w["set"], municipality=w["kommun"], as_of=as_of, title="Uppföljning")
    return build_snapshot(report, today)


def commitment(snapshot, number):
    return next(c for t in snapshot["themes"] for c in t["commitments"] if c["number"] == number)


def test_the_date_counts_what_was_recorded_by_it_plus_the_grace_period():
    assert known_by(AS_OF, TODAY) == date(2024, 1, 14)
    assert known_by(AS_OF, date(2024, 1, 2)) == date(2024, 1, 2)


def test_status_and_progress_are_as_known_at_the_date_and_late_work_is_left_out():
    w = world()
    factories.activity(w["commitments"][0], "safety_walk", date(2023, 11, 1), area=w["areas"][3],
                       recorded=date(2024, 2, 1))
    snapshot = content(w)
    first = commitment(snapshot, 1)
    assert first["status"] == {"value": "partly", "label": "Delvis uppfyllt"}
    assert first["percent"] == 75
    assert first["targets"] == ["minst 4 trygghetsvandringar: 3 av 4"]
    assert first["work"] == [["Trygghetsvandring", "3"]]
    # The same set today counts the late walk.
    assert commitment(content(w, as_of=date(2024, 2, 20), today=date(2024, 3, 1)), 1)["status"]["value"] == "achieved"


def test_sensitive_work_is_a_total_with_small_counts_hidden():
    snapshot = content(world())
    assert ["Hembesök enligt Linköpingsmodellen", "färre än 5"] in commitment(snapshot, 2)["work"]


def test_assessments_dated_after_the_report_are_left_out():
    w = world()
    assessment(w["commitments"][1], w["police"], "Senare.", date(2024, 1, 5), verdict="achieved")
    assessments = commitment(content(w), 2)["assessments"]
    assert [a["text"] for a in assessments] == ["Arbetet har gått bra."]
    assert assessments[0]["date_label"] == "20 december 2023"


def test_linked_indicators_findings_and_input_are_in_the_content():
    snapshot = content(world())
    [effect] = commitment(snapshot, 1)["effects"]
    assert (effect["before_value"], effect["after_value"], effect["trend"]) == ("180", "140", "down")
    assert snapshot["findings"] == {"total": 3, "fixed": 1, "closed": 1, "open": 1}
    assert snapshot["inputs"] == {"received": 2, "answered": 1}
    assert snapshot["summary"] == [[{"value": "missed", "label": "Ej uppfyllt"}, 1],
                                   [{"value": "partly", "label": "Delvis uppfyllt"}, 1]]
    assert "bevisar inte" in snapshot["not_proof"]


def test_drafts_of_other_sets_never_leak_in():
    w = world()
    draft = factories.promise_set(w["kommun"], 2024, status="draft")
    factories.commitment(draft, text="Hemligt utkast.")
    import json

    assert "Hemligt utkast" not in json.dumps(content(w))


def test_a_sensitive_target_shows_its_count_through_the_privacy_rules_and_no_percent():
    w = world()
    from lofte.promises.models import Target

    Target.objects.create(commitment=w["commitments"][1], count=10, unit="hembesök", activity_type="home_visit")
    second = commitment(content(w), 2)
    assert "minst 10 hembesök: färre än 5 av 10" in second["targets"]
    assert second["percent"] is None
