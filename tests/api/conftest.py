import pytest


@pytest.fixture(autouse=True)
def _api_settings(settings):
    # No rate limit unless a test sets one (tests/api/test_http.py does); a fixed public address.
    settings.API_RATE_LIMIT = 0
    settings.SITE_URL = "https://lofte.example.se"
    settings.PUBLIC_CACHE_SECONDS = 60
