import pytest


@pytest.fixture(autouse=True)
def _plain_cache_settings(settings):
    settings.PUBLIC_CACHE_SECONDS = 60


@pytest.fixture(autouse=True)
def _empty_cache():
    # Rendered pages are cached under their ETag (the lägesbild); each test starts without them.
    from django.core.cache import cache

    cache.clear()
