"""Storing imported promise documents: all or nothing, idempotent, refusing silent changes."""

from datetime import date
from pathlib import Path

import pytest

from lofte.core.models import Organisation
from lofte.promises.importing import PromiseImportError, import_text, import_text_file
from lofte.promises.models import Commitment, PromiseSet, Target, Theme
from tests import factories

SEED = Path(__file__).resolve().parents[2] / "src/lofte/core/data/demo/strangnas-medborgarloften.txt"

pytestmark = pytest.mark.django_db

SMALL = """Medborgarlöfte 2024

Trygg trafik

• Polisen och kommunen lovar att genomföra minst fyra trygghetsvandringar.
• Polisen lovar insatser mot trimmade mopeder.
• Räddningstjänsten ska informera om brandskydd.
"""


@pytest.fixture
def kommun():
    return factories.municipality()


def counts():
    return (PromiseSet.objects.count(), Theme.objects.count(), Commitment.objects.count(), Target.objects.count())


def test_the_seed_is_stored_as_two_sets(kommun):
    import_text_file(SEED, kommun)
    sets = PromiseSet.objects.order_by("start")
    assert [(s.start, s.end, s.slug, s.commitments.count()) for s in sets] == [
        (date(2021, 1, 1), date(2021, 12, 31), "2021", 7), (date(2022, 1, 1), date(2023, 12, 31), "2022-2023", 8),
    ]


def test_the_seed_coverage_promise_gets_a_coverage_target(kommun):
    import_text_file(SEED, kommun)
    first = Commitment.objects.get(promise_set__start__year=2022, number=1)
    assert [(t.count, t.covers_areas, t.unit, t.activity_type) for t in first.targets.all()] == [
        (None, True, "kommundelar", "dialogue_meeting")
    ]


def test_the_source_name_and_checksum_are_kept(kommun):
    import_text("Medborgarlöfte 2024\n\n* Polisen lovar trafikkontroller.".encode(), "löfte.txt", kommun)
    promise_set = PromiseSet.objects.get()
    assert promise_set.source_name == "löfte.txt"
    assert len(promise_set.source_checksum) == 64


def test_an_import_is_a_draft_unless_published(kommun):
    import_text(SMALL, "a.txt", kommun)
    assert PromiseSet.objects.get().status == PromiseSet.Status.DRAFT


def test_publish_publishes_with_a_date(kommun):
    import_text(SMALL, "a.txt", kommun, publish=True)
    promise_set = PromiseSet.objects.get()
    assert promise_set.is_published and promise_set.published_at is not None


def test_a_dry_run_writes_nothing(kommun):
    import_text_file(SEED, kommun, dry_run=True)
    assert counts() == (0, 0, 0, 0)
    assert Organisation.objects.count() == 0


def test_parties_use_the_municipalitys_existing_organisations(kommun):
    police = factories.organisation(kommun, "police", name="LPO Eskilstuna/Strängnäs")
    import_text(SMALL, "a.txt", kommun)
    assert list(Commitment.objects.get(number=2).parties.all()) == [police]


def test_missing_organisations_are_created_and_linked(kommun):
    import_text(SMALL, "a.txt", kommun)
    created = sorted((o.kind, o.name) for o in Organisation.objects.filter(municipalities=kommun))
    assert created == [("municipality", "Strängnäs kommun"), ("other", "Räddningstjänsten"),
                       ("police", "Polisen i Strängnäs")]


def test_reimporting_an_unchanged_document_changes_nothing(kommun):
    import_text_file(SEED, kommun)
    before = list(PromiseSet.objects.values_list("pk", "updated_at"))
    result = import_text_file(SEED, kommun)
    assert [o.action for o in result.outcomes] == ["unchanged", "unchanged"]
    assert list(PromiseSet.objects.values_list("pk", "updated_at")) == before
    assert counts() == (2, 2, 15, 4)


def test_a_changed_document_is_refused_naming_the_differences(kommun):
    import_text(SMALL, "a.txt", kommun)
    changed = SMALL.replace("trimmade mopeder", "mopedbilar") + "• Polisen lovar fotpatruller.\n"
    with pytest.raises(PromiseImportError) as error:
        import_text(changed, "a.txt", kommun)
    assert "2024: löfte 2 har ändrad text; löfte 4 är nytt" in str(error.value)


def test_a_missing_theme_is_named(kommun):
    import_text(SMALL, "a.txt", kommun)
    with pytest.raises(PromiseImportError, match="temat «Trygg trafik» saknas"):
        import_text(SMALL.replace("Trygg trafik", "Säker trafik"), "a.txt", kommun)


def test_a_refused_import_stores_nothing(kommun):
    import_text(SMALL, "a.txt", kommun)
    with pytest.raises(PromiseImportError):
        import_text(SMALL.replace("2024", "2025") + "\nMedborgarlöfte 2024\n\n• Polisen lovar något nytt.",
                    "a.txt", kommun)
    assert [s.start.year for s in PromiseSet.objects.all()] == [2024]


def test_replace_updates_commitments_in_place(kommun):
    import_text(SMALL, "a.txt", kommun)
    pk = Commitment.objects.get(number=2).pk
    import_text(SMALL.replace("trimmade mopeder", "mopedbilar"), "a.txt", kommun, replace=True)
    assert Commitment.objects.get(number=2).pk == pk
    assert Commitment.objects.get(number=2).text == "Polisen lovar insatser mot mopedbilar."


def test_replace_archives_disappearing_commitments_and_keeps_their_activities(kommun):
    import_text(SMALL, "a.txt", kommun)
    third = Commitment.objects.get(number=3)
    activity = factories.activity(third, type="information_campaign")
    shorter = SMALL.replace("• Räddningstjänsten ska informera om brandskydd.\n", "")
    import_text(shorter, "a.txt", kommun, replace=True)
    third.refresh_from_db()
    assert third.archived
    assert list(third.activities.all()) == [activity]


def test_an_unknown_municipality_code_is_refused():
    with pytest.raises(PromiseImportError, match="okänd kommunkod «9999»"):
        import_text(SMALL, "a.txt", "9999")


def test_a_malformed_municipality_code_is_refused():
    with pytest.raises(PromiseImportError, match="fyrsiffriga"):
        import_text(SMALL, "a.txt", "Strängnäs")


def test_a_missing_file_is_refused(kommun, tmp_path):
    with pytest.raises(PromiseImportError, match="finns inte"):
        import_text_file(tmp_path / "saknas.txt", kommun)


def test_a_document_without_commitments_is_refused(kommun):
    with pytest.raises(PromiseImportError, match="hittade inga löften"):
        import_text("Medborgarlöfte 2024\n\nEn vanlig text utan löften.", "a.txt", kommun)


def test_a_document_without_a_period_is_refused(kommun):
    with pytest.raises(PromiseImportError, match="hittade ingen period"):
        import_text("Löften\n\n• Polisen lovar trafikkontroller.", "a.txt", kommun)
