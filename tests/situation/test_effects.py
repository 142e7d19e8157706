"""Effects per promise: the value before the set's period and during/after it, the trend, the
periods around the period, live values only, and linking with the audit log."""

from datetime import date

import pytest

from lofte.core.models import AuditEntry
from lofte.situation import effects
from lofte.situation.models import CommitmentIndicator
from tests import factories
from tests.site.helpers import strangnas_set

pytestmark = pytest.mark.django_db

YEARS = {date(y, 1, 1): v for y, v in [(2018, 150), (2019, 160), (2020, 175), (2021, 180), (2022, 150), (2023, 140)]}


def linked(values=YEARS, **kwargs):
    kommun, ps, commitments, areas = strangnas_set(2022, 2023)
    indicator = factories.indicator_values(kommun, values=values, **kwargs)
    CommitmentIndicator.objects.create(commitment=commitments[0], indicator=indicator)
    return kommun, ps, commitments[0], indicator, areas


def test_before_is_the_last_period_before_the_set_and_after_the_latest_since():
    _k, _ps, commitment, _i, _a = linked()
    [effect] = effects.commitment_effects(commitment)
    assert (effect.before_label, effect.before_value) == ("2021", "180")
    assert (effect.after_label, effect.after_value) == ("2023", "140")
    assert effect.trend == "down"
    assert effect.trend_text == "Minskade med 22 %: från 180 (2021) till 140 (2023)."


def test_the_table_shows_three_years_before_and_every_year_since_with_their_phase():
    _k, _ps, commitment, _i, _a = linked({**YEARS, date(2024, 1, 1): 141})
    [effect] = effects.commitment_effects(commitment)
    assert [(r.label, r.phase) for r in effect.rows] == [
        ("2019", "före"), ("2020", "före"), ("2021", "före"), ("2022", "under"), ("2023", "under"), ("2024", "efter")]
    assert effect.trend == "down"
    assert 'role="img"' in effect.chart and "Medborgarlöftets period börjar 2022-01-01" in effect.chart


def test_a_small_change_reads_unchanged_and_a_missing_side_says_what_is_missing():
    assert effects.trend_of(100, 104) == "flat"
    assert effects.trend_of(100, 106) == "up"
    assert effects.trend_of(None, 5) == "unknown"
    _k, _ps, commitment, _i, _a = linked({date(2022, 1, 1): 3, date(2023, 1, 1): 4})
    [effect] = effects.commitment_effects(commitment)
    assert effect.before_value == "" and effect.trend == "unknown"
    assert effect.trend_text == "Inget värde från tiden före perioden att jämföra med."


def test_as_of_a_date_a_period_not_yet_over_has_no_value():
    _k, _ps, commitment, _i, _a = linked()
    [effect] = effects.effects_for([commitment], commitment.promise_set, until=date(2023, 6, 30))[commitment.pk]
    assert effect.after_label == "2022"


def test_only_live_values_count():
    kommun, _ps, commitment, indicator, _a = linked()
    factories.indicator_values(kommun, values={date(2024, 1, 1): 999}, status="staging")
    [effect] = effects.commitment_effects(commitment)
    assert "999" not in [r.value for r in effect.rows]


def test_a_link_for_an_area_reads_the_area_series():
    kommun, ps, commitments, areas = strangnas_set(2022, 2023)
    indicator = factories.indicator_values(kommun, values=YEARS)
    factories.indicator_values(kommun, values={date(2021, 1, 1): 10, date(2023, 1, 1): 20}, area=areas[1])
    CommitmentIndicator.objects.create(commitment=commitments[0], indicator=indicator, area=areas[1])
    [effect] = effects.commitment_effects(commitments[0])
    assert effect.place == "Mariefred"
    assert (effect.before_value, effect.after_value, effect.trend) == ("10", "20", "up")


def test_linking_and_unlinking_are_logged_and_refuse_what_does_not_fit():
    kommun, ps, commitments, areas = strangnas_set(2022, 2023)
    editor = factories.user("redaktor")
    indicator = factories.indicator_values(kommun, values=YEARS)
    link = effects.link_indicator(commitments[0], editor, indicator)
    assert AuditEntry.objects.filter(action="create", object_type="situation.CommitmentIndicator").count() == 1
    with pytest.raises(effects.LinkError, match="redan kopplat"):
        effects.link_indicator(commitments[0], editor, indicator)
    other = factories.municipality(code="0484", name="Eskilstuna")
    elsewhere = factories.indicator_values(other, key="bra:bostadsinbrott", values=YEARS)
    with pytest.raises(effects.LinkError, match="inga värden för kommunen"):
        effects.link_indicator(commitments[0], editor, elsewhere)
    other_area = factories.areas(other, ["Torshälla"])[0]
    with pytest.raises(effects.LinkError, match="hör inte till"):
        effects.link_indicator(commitments[1], editor, indicator, other_area)
    effects.unlink_indicator(link, editor)
    assert not CommitmentIndicator.objects.exists()
    assert AuditEntry.objects.filter(action="delete", object_type="situation.CommitmentIndicator").count() == 1


def test_effects_of_many_commitments_take_a_fixed_number_of_queries(django_assert_max_num_queries):
    kommun, ps, commitments, _areas = strangnas_set(2022, 2023, n_commitments=4)
    for n, commitment in enumerate(commitments):
        indicator = factories.indicator_values(kommun, key=f"bra:kategori{n}", values=YEARS)
        CommitmentIndicator.objects.create(commitment=commitment, indicator=indicator)
    ps = type(ps).objects.select_related("municipality").get(pk=ps.pk)
    with django_assert_max_num_queries(4):
        result = effects.effects_for(commitments, ps)
    assert all(len(v) == 1 for v in result.values())
