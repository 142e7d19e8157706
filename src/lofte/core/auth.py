"""Authentication backend: django-axes' throttling for every log-in made through a web request."""

from __future__ import annotations

from axes.backends import AxesStandaloneBackend


class ThrottledBackend(AxesStandaloneBackend):
    """django-axes' check, skipped only when there is no request to throttle.

    Every web log-in (the staff log-in page, /admin/) passes its request and is throttled. Only
    code that authenticates without a request — the test client's `login()`, a shell — has
    nothing to count per address, and falls through to the ordinary password check instead of
    failing.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
