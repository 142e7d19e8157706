"""The page cache's fast path: a public page that the page cache (lofte.site.pagecache) stored is
answered from the shared cache before any other middleware runs, with no database query.

The page cache proper keys a page by its ETag, which costs the queries that read the
municipality's version and then the whole middleware stack (about 2.4 ms a hit). Here the key is
what is known without the database: the public content's generation (lofte.core.generation: a new
token on the commit of any change that moves a municipality's content_changed_at), the current hour
(statuses depend on the date, the calendar on the hour), the code's version, the host and the path.
A hit replays the response the full stack produced, headers included (CSP, security headers, ETag,
Cache-Control), so the answer is byte for byte what the slow path would give; a matching
If-None-Match gets 304.

Only what the page cache itself stored is kept (response.page_cache_storable), and only for the
requests it would serve from its cache: GET or HEAD, no query string, no session cookie (staff go
the slow way and get their own page). Every change anywhere starts a new generation, so at national
scale the fast path empties often; the slow path's per-municipality cache still answers then.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.utils.http import parse_etags

from lofte.core import generation
from lofte.site import pagecache

# Paths that are never public pages of the page cache (the API has its own ETags and rate limit).
SKIPPED_PREFIXES = ("/api/", "/personal/", "/admin/", "/static/", "/media/")
# Headers of the stored response that belong to one request only.
_NOT_REPLAYED = {"set-cookie", "x-page-cache", "date"}


def _key(request) -> str | None:
    if not (settings.PAGE_CACHE_FAST_PATH and request.method in ("GET", "HEAD")):
        return None
    if request.META.get("QUERY_STRING") or settings.SESSION_COOKIE_NAME in request.COOKIES:
        return None
    if "messages" in request.COOKIES:  # a flash message waits (django.contrib.messages' cookie)
        return None
    path = request.path
    if path.startswith(SKIPPED_PREFIXES):
        return None
    try:
        host = request.get_host()
    except DisallowedHost:
        return None  # the slow path answers with its Swedish 400
    # The hour, not only the date: the calendar's pages change when a meeting has passed, and their
    # ETags name the hour (lofte.site.dialogue); every other page's names the date.
    return (f"fast:{pagecache.CODE_VERSION}:{generation.current()}:{timezone.localtime():%Y%m%d%H}:"
            f"{host}:{path}")


def _replay(request, stored) -> HttpResponse:
    content, headers = stored
    etag = dict((name.lower(), value) for name, value in headers).get("etag")
    if etag and etag in parse_etags(request.META.get("HTTP_IF_NONE_MATCH", "")):
        response = HttpResponseNotModified()
        for name, value in headers:
            if name.lower() not in ("content-type", "content-length"):
                response[name] = value
    else:
        response = HttpResponse(content)
        for name, value in headers:
            response[name] = value
    response["X-Page-Cache"] = "fast"
    return response


class FastPathMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = _key(request)
        if key is None:
            return self.get_response(request)
        stored = cache.get(key)
        if stored is not None:
            return _replay(request, stored)
        response = self.get_response(request)
        if (request.method == "GET" and getattr(response, "page_cache_storable", False)
                and response.status_code == 200 and not response.cookies):
            headers = [(name, value) for name, value in response.items() if name.lower() not in _NOT_REPLAYED]
            cache.set(key, (response.content, headers), pagecache.PAGE_CACHE_SECONDS)
        return response
