import pytest

from lofte.core.models import Municipality
from lofte.core.reference import load_municipalities, read_municipalities, slugs


def test_the_reference_data_has_290_municipalities_with_unique_ascii_slugs():
    rows = read_municipalities()
    assert len(rows) == 290
    by_code = slugs(rows)
    assert len(set(by_code.values())) == 290
    assert all(s.isascii() and s == s.lower() for s in by_code.values())
    assert by_code["0486"] == "strangnas"
    assert by_code["0114"] == "upplands-vasby"
    assert by_code["2023"] == "malung-salen"
    assert len({r.county for r in rows}) == 21


def test_habo_and_habo_with_a_ring_get_different_slugs():
    by_code = slugs(read_municipalities())
    assert by_code["0643"] == "habo"
    assert by_code["0305"] == "haabo"


@pytest.mark.django_db
def test_loading_twice_creates_nothing_the_second_time():
    assert load_municipalities() == (290, 0)
    assert load_municipalities() == (0, 0)
    assert Municipality.objects.count() == 290
    assert Municipality.objects.get(code="0486").county == "Södermanlands län"
