"""public_activity_figures(): the one function every public output reads recorded work through."""

from datetime import date

import pytest

from lofte.activities.models import Activity
from lofte.activities.privacy import public_activity_figures
from lofte.activities.recording import move_to_bin
from lofte.promises.models import PromiseSet
from tests import factories

pytestmark = pytest.mark.django_db
YEAR = (date(2022, 1, 1), date(2022, 12, 31))


@pytest.fixture
def commitment():
    kommun = factories.municipality()
    factories.areas(kommun)
    return factories.commitment(factories.promise_set(kommun, 2022))


def figures(commitment):
    return public_activity_figures(Activity.objects.filter(commitments=commitment), start=YEAR[0], end=YEAR[1])


def with_details(activity, details):
    activity.details = details
    activity.save()
    return activity


def test_non_sensitive_records_are_listed_with_their_public_details_only(commitment):
    with_details(factories.activity(commitment, type="parent_meeting", note="Tema: droger."),
                 {"theme": "Droger", "attendees": 40, "police_took_part": True})
    result = figures(commitment)
    assert len(result.records) == 1
    record = result.records[0]
    assert record.type_label == "Föräldraträff"
    assert ("Antal deltagare", "40", "") in record.details
    assert ("Polisen medverkade", "Ja", "") in record.details
    assert result.totals == []


def test_sensitive_records_are_never_listed_and_their_totals_hide_small_counts(commitment):
    with_details(factories.activity(commitment, type="school_drug_search", on=date(2022, 3, 4), count=1),
                 {"school": "Hemliga skolan", "find": True, "staff_note": "Intern anteckning"})
    factories.activity(commitment, type="home_visit", on=date(2022, 3, 1), count=3)
    factories.activity(commitment, type="home_visit", on=date(2022, 4, 1), count=4)
    result = figures(commitment)
    assert result.records == []
    totals = {t.type_key: (t.count, t.suppressed) for t in result.totals}
    assert totals == {"school_drug_search": ("färre än 5", True), "home_visit": ("7", False)}
    assert "Hemliga skolan" not in repr(result) and "Intern anteckning" not in repr(result)
    assert "2022-03-04" not in repr(result) and "date(2022, 3, 4)" not in repr(result)


def test_records_in_the_bin_or_outside_the_period_are_left_out(commitment):
    binned = factories.activity(commitment, type="safety_walk", on=date(2022, 5, 1))
    move_to_bin(binned, user=None)
    factories.activity(commitment, type="safety_walk", on=date(2023, 2, 1))
    factories.activity(commitment, type="home_visit", on=date(2021, 12, 1), count=9)
    assert figures(commitment).records == [] and figures(commitment).totals == []


def test_drafts_never_reach_public_output(commitment):
    factories.activity(commitment, type="safety_walk")
    factories.activity(commitment, type="home_visit", count=8)
    PromiseSet.objects.filter(pk=commitment.promise_set_id).update(status=PromiseSet.Status.DRAFT)
    result = figures(commitment)
    assert result.records == [] and result.totals == []


def test_a_sensitive_record_serving_two_commitments_is_summed_once_whatever_the_query():
    """Regression: the lägesbild and the open-data totals pass all records of a set's commitments
    (a join with a row per link); a home visit serving two commitments was summed twice."""
    from datetime import date

    from lofte.activities.models import Activity
    from lofte.activities.privacy import public_activity_figures, public_activity_totals
    from tests import factories

    kommun = factories.municipality()
    ps = factories.promise_set(kommun, 2022)
    first, second = factories.commitment(ps, number=1), factories.commitment(ps, number=2, text="Ett till löfte.")
    visit = factories.activity(first, type="home_visit", on=date(2022, 4, 1), count=3)
    visit.commitments.add(second)
    joined = Activity.objects.filter(commitments__promise_set=ps).distinct()
    [total] = public_activity_figures(joined, start=date(2022, 1, 1), end=date(2022, 12, 31)).totals
    assert total.count == "färre än 5" and total.suppressed
    assert public_activity_totals(joined, start=date(2022, 1, 1), end=date(2022, 12, 31)) == [total]
