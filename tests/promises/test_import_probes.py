"""The probe documents (tests/promises/probes/), in every format people publish them in, read as
`import-promises --dry-run` reads them: each commitment, its parties, its target, each set's
period and area as labelled.

The probes are invented documents in the styles real municipalities use (polisen.se pages, news
pages in prose, PDF reports with focus areas and "Ansvarig:" lines, Word tables, district pages);
their labels (probes/labels.json) are in the corpus's form and scored with the same functions as
bench/importer_accuracy.py. The last ten were written before the rules that read them.
"""

import json
from pathlib import Path

import pytest

from lofte.core.models import Municipality
from lofte.promises.importing import import_text
from lofte.promises.importing.store import parse_years
from tests.promises import rendering, scoring

PROBES = Path(__file__).resolve().parent / "probes"
LABELS = json.loads((PROBES / "labels.json").read_text(encoding="utf-8"))

pytestmark = pytest.mark.django_db


def dry_run(name: str, kind: str) -> tuple[dict, dict]:
    meta, blocks = rendering.read_markup((PROBES / name).read_text(encoding="utf-8"))
    kommun, _ = Municipality.objects.get_or_create(
        code=meta["kommun-code"], defaults={"name": meta["kommun"], "slug": f"k{meta['kommun-code']}"})
    years = meta.get("years-arg") or (scoring.STAND_IN_YEARS if scoring.states_no_period(meta) else None)
    result = import_text(rendering.render(blocks, kind), f"probe.{kind}", kommun, dry_run=True,
                         years=parse_years(years) if years else None)
    return json.loads(json.dumps(result.to_dict())), meta


def test_every_probe_has_labels():
    assert sorted(LABELS) == sorted(p.name for p in PROBES.glob("*.txt"))


@pytest.mark.parametrize("kind", rendering.FORMATS)
@pytest.mark.parametrize("name", sorted(LABELS))
def test_a_probe_reads_as_labelled(name, kind):
    result, meta = dry_run(name, kind)
    parsed = [c for s in result["promise_sets"] for t in s["themes"] for c in t["commitments"]]
    expected = LABELS[name]
    pairs = scoring.match(parsed, expected)
    assert [c["text"][:60] for c, _ in pairs] == [c["text"][:60] for c in parsed], "a commitment too many"
    assert len(pairs) == len(expected), "a commitment missing"
    assert [(label["text"], c["parties"]) for c, label in pairs if scoring.parties_right(c, label) is False] == []
    assert [(label["text"], c["targets"]) for c, label in pairs if not scoring.target_right(c, label)] == []
    assert scoring.period_right(result, meta), scoring.parsed_periods(result)
    assert scoring.area_right(result, meta), [s["area"] for s in result["promise_sets"]]


def test_the_impossible_date_is_read_as_the_months_last_day_with_a_warning():
    result, _ = dry_run("06_bergby_problems.txt", "text")
    assert (result["promise_sets"][0]["start"], result["promise_sets"][0]["end"]) == ("2023-06-30", "2025-06-30")
    assert any("«31 juni» finns inte" in w and "30 juni" in w for w in result["warnings"])


def test_a_range_is_read_as_its_lower_bound_with_a_note():
    result, _ = dry_run("09_havsby_leadins.txt", "text")
    assert any("«tre till fyra» läses som minst 3" in w for w in result["warnings"])


def test_the_introduction_before_the_period_heading_is_kept():
    """Regression: the page's introduction above "Medborgarlöfte 2023–2024" was left out ("Ingen inledning")."""
    result, _ = dry_run("15_tallby_followup.txt", "text")
    assert result["promise_sets"][0]["intro"].startswith("Medborgarlöften är ett sätt för polisen")


def test_two_periods_on_one_page_are_two_sets_with_their_own_commitments():
    result, _ = dry_run("04_sjohamra_two.txt", "pdf")
    assert [(s["start"], s["end"], sum(len(t["commitments"]) for t in s["themes"])) for s in result["promise_sets"]] \
        == [("2024-01-01", "2025-12-31", 7), ("2022-01-01", "2023-12-31", 3)]


def test_a_subset_of_areas_is_a_coverage_target_with_its_count():
    result, _ = dry_run("05_storstad_district.txt", "html")
    first = result["promise_sets"][0]["themes"][0]["commitments"][0]
    assert first["area_coverage"] == {"activity_type": "safety_walk", "unit": "områden", "count": 3}
