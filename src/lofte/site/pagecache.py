"""The public pages' own cache: each page is rendered once per version of the data it shows, then
served from Django's cache (settings CACHES: files in the data directory on one machine, Redis when
several app servers share it, see README "Page cache").

The key is the page's ETag (lofte.site.views._freshness), which already names everything a page
shows: the municipality's version (`Municipality.content_changed_at`, bumped by the signals of the
domain apps on every change of its sets, activities, findings, input and meetings; the index uses
the newest of all), today's date (status depends on it), the demo flag, the release, the full path.
A change in one municipality is a new key for its pages only; the others' stay cached. Old entries
are never read again and expire (or are evicted first by Redis' LRU).

What is never stored: anything but a plain 200 (redirects and errors are cheap); streamed files;
a response that sets a cookie, used the CSRF token (a form: the citizen input page is not cached at
all for this reason, `never_cache`) or read the session; a request that carries a session cookie
(logged-in staff see the page rendered for them, `Cache-Control: private`; a made-up session
cookie costs one query and gets the cached page); a request with a query
string (a search or filter: anyone could fill the cache with them).
"""

from __future__ import annotations

import hashlib
from functools import wraps
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

# A day: a key names today's date, so no entry is useful for longer.
PAGE_CACHE_SECONDS = 60 * 60 * 24

# Headers a view may set that belong to the stored page (the rest are added on every request by the
# decorators and middleware around it: ETag, Cache-Control, CSP, security headers).
_KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Content-Language", "X-Robots-Tag", "Link")


def _code_version() -> str:
    """A hash of the templates and code of the whole project, so a cached page never outlives a
    change of how it is drawn, even when a deploy (or `make dev`) keeps LOFTE_RELEASE and the cache."""
    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.suffix in (".py", ".html", ".css") and "migrations" not in path.parts:
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


CODE_VERSION = _code_version()


def has_session(request) -> bool:
    """Whether the request comes from logged-in staff: such requests are rendered for them and
    neither read from nor stored in any shared cache. Only a request with a session cookie costs
    the session's query, and a made-up cookie does not bypass the cache."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


def cacheable_request(request) -> bool:
    return (settings.PAGE_CACHE and request.method in ("GET", "HEAD") and not request.META.get("QUERY_STRING")
            and not has_session(request))


def _storable(request, response) -> bool:
    session = getattr(request, "session", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not request.META.get("CSRF_COOKIE_USED")
        and not (session is not None and session.accessed)
        and "cookie" not in response.get("Vary", "").lower()
    )


def page_key(etag: str) -> str:
    return f"page:{CODE_VERSION}:{etag}"


def cached_page(etag_of):
    """Serve the view's page from the cache under `page_key(etag_of(request, ...))`, rendering and
    storing it on a miss. `etag_of` is the page's freshness ETag (computed once per request)."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not cacheable_request(request):
                return view(request, *args, **kwargs)
            key = page_key(etag_of(request, *args, **kwargs))
            stored = cache.get(key)
            if stored is not None:
                content, headers = stored
                response = HttpResponse(content)
                for name, value in headers:
                    response[name] = value
                response["X-Page-Cache"] = "hit"
                response.page_cache_storable = True
                return response
            response = view(request, *args, **kwargs)
            if _storable(request, response):
                headers = [(name, response[name]) for name in _KEPT_HEADERS if response.has_header(name)]
                cache.set(key, (response.content, headers), PAGE_CACHE_SECONDS)
                response["X-Page-Cache"] = "miss"
                response.page_cache_storable = True
            return response

        return wrapper

    return decorator
