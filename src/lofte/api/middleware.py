"""What every request under /api/ gets, whichever view (or none) answers it.

- a rate limit per client (the citizen form's database counter, lofte.dialogue.ratelimit, in its
  own scope): over API_RATE_LIMIT requests in API_RATE_WINDOW seconds gives 429 with Retry-After;
- HEAD answered like GET, without the body;
- an ETag on every successful read (a hash of the body) and 304 to a matching If-None-Match,
  with Cache-Control: public so a reverse proxy may cache reads;
- problem details (lofte.api.problems) for every error, also for the ones raised outside the API's
  views: an unknown address, a body too large, a method not offered, a server error.

CORS for reads comes from django-cors-headers (settings: CORS_URLS_REGEX), placed before this.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag

from lofte.api.problems import is_problem, problem
from lofte.dialogue import ratelimit
from lofte.lib.net import client_address

PREFIX = "/api/"
RATE_SCOPE = "api"

logger = logging.getLogger("lofte.api")


def rate_limit(request) -> ratelimit.Limit:
    """Take one of the client's API requests in the current window (always allowed when the limit is 0)."""
    limit = settings.API_RATE_LIMIT
    if limit <= 0:
        return ratelimit.Limit(True, 0)
    return ratelimit.take(RATE_SCOPE, client_address(request), limit, settings.API_RATE_WINDOW)


class ApiMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(PREFIX):
            return self.get_response(request)
        try:
            limit = rate_limit(request)
        except Exception:  # a database too busy to count must not stop reads
            logger.warning("API rate limit not counted for %s", request.path, exc_info=True)
            limit = ratelimit.Limit(True, 0)
        if not limit.allowed:
            return problem(
                429, f"Högst {settings.API_RATE_LIMIT} anrop per {settings.API_RATE_WINDOW} sekunder. "
                     f"Försök igen om {limit.retry_after} sekunder.",
                headers={"Retry-After": str(limit.retry_after)},
            )
        head = request.method == "HEAD"
        if head:
            request.method = "GET"
        response = self.get_response(request)
        if head:
            request.method = "HEAD"
        response = self._as_problem(response)
        if request.method in ("GET", "HEAD") and response.status_code == 200 and not response.streaming:
            patch_cache_control(response, public=True, max_age=settings.PUBLIC_CACHE_SECONDS)
            set_response_etag(response)
            response = get_conditional_response(request, etag=response["ETag"], response=response)
        if head and not response.streaming:
            response.content = b""
        return response

    def _as_problem(self, response):
        """An error response that is not problem details yet (Django's 404 page, the site's 405 and
        413 pages, a 500) becomes one, keeping its status and headers that matter."""
        if response.status_code < 400 or is_problem(response):
            return response
        converted = problem(response.status_code)
        for header in ("Allow", "Retry-After", "WWW-Authenticate"):
            if header in response:
                converted[header] = response[header]
        return converted
