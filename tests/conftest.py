import pytest


@pytest.fixture(autouse=True)
def _empty_page_cache():
    """Public pages are cached under their ETag (lofte.site.pagecache); a key made in one test must
    never answer in the next (a rolled-back database reuses primary keys)."""
    from django.core.cache import cache

    cache.clear()
