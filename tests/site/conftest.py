import pytest


@pytest.fixture(autouse=True)
def _plain_cache_settings(settings):
    settings.PUBLIC_CACHE_SECONDS = 60
