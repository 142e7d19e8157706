"""The public website's views: thin, the data assembly lives in lofte.site.pages.

Every page can be cached by a reverse proxy (Cache-Control: public) and revalidated cheaply: its ETag
and Last-Modified come from the data it shows (Municipality.content_changed_at, bumped by signals on
every change), from today's date (status depends on the date) and from whether demo data is loaded.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, time
from functools import wraps

from django.conf import settings
from django.db.models import Count, Max
from django.http import FileResponse, Http404, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import condition, require_safe

from lofte.core.demo import demo_loaded_for
from lofte.core.models import Municipality
from lofte.promises import status as status_rules
from lofte.promises.importing import PromiseImportError
from lofte.promises.importing.text import decode_document
from lofte.site import pagecache, pages


@dataclass(frozen=True)
class Freshness:
    etag: str
    last_modified: datetime


def _start_of_today() -> datetime:
    return timezone.make_aware(datetime.combine(timezone.localdate(), time.min))


def _freshness(request, key: str, changed_at: datetime | None) -> Freshness:
    """ETag and Last-Modified of a page, computed once per request (both condition hooks use it)."""
    cached = getattr(request, "_lofte_freshness", None)
    if cached is not None:
        return cached
    today = timezone.localdate()
    demo = demo_loaded_for(request)
    stamp = changed_at.isoformat() if changed_at else "-"
    # The full path keeps one page's ETag from matching another's (e.g. two searches on `/`).
    # The release makes a deploy of new templates or rules a new version of every page.
    # The grace period decides what a follow-up point counts, so a new setting is a new version too.
    raw = (f"{key}|{request.get_full_path()}|{stamp}|{today.isoformat()}|{demo}|{settings.LOFTE_RELEASE}|"
           f"{settings.FOLLOW_UP_GRACE_DAYS}")
    digest = hashlib.sha256(raw.encode()).hexdigest()[:32]
    # Status is computed as of today, so the page is at least as new as today's midnight.
    start = _start_of_today()
    last_modified = max(changed_at, start) if changed_at else start
    request._lofte_freshness = Freshness(digest, last_modified)
    return request._lofte_freshness


def _municipality(request, kommun: str) -> Municipality:
    """The municipality of the URL, looked up once per request (404 when unknown)."""
    cached = getattr(request, "_lofte_municipality", None)
    if cached is None or cached.slug != kommun:
        cached = request._lofte_municipality = pages.get_municipality(kommun)
    return cached


def _municipality_freshness(request, kommun, *args, **kwargs) -> Freshness:
    m = _municipality(request, kommun)
    return _freshness(request, f"kommun:{m.pk}", m.content_changed_at)


def _index_freshness(request) -> Freshness:
    if getattr(request, "_lofte_freshness", None) is not None:
        return request._lofte_freshness
    # One cheap aggregate: any change on any municipality's pages bumps the maximum.
    agg = Municipality.objects.aggregate(changed=Max("content_changed_at"), n=Count("pk"))
    return _freshness(request, f"index:{agg['n']}", agg["changed"])


def _static_freshness(request) -> Freshness:
    # Pages without data: they change with the code (the status rules) and the demo flag.
    rules = f"{status_rules.TOLERANCE_SHARE}:{status_rules.TOLERANCE_MIN}:{status_rules.PARTLY_SHARE}"
    return _freshness(request, f"static:{rules}", None)


def _cache_headers(view):
    """`Cache-Control: public` for anonymous requests (proxies and browsers may keep the page
    PUBLIC_CACHE_SECONDS); a request with a session cookie (staff) gets a private, revalidated copy."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if pagecache.has_session(request):
            patch_cache_control(response, private=True, no_cache=True)
        else:
            patch_cache_control(response, public=True, max_age=settings.PUBLIC_CACHE_SECONDS)
        return response

    return wrapper


def public_page(freshness):
    """Cache headers, conditional GET (304 on a matching ETag) and the page cache
    (lofte.site.pagecache: rendered once per version of its data) for a public page."""

    def decorator(view):
        etag = lambda request, *a, **kw: freshness(request, *a, **kw).etag  # noqa: E731
        view = pagecache.cached_page(etag)(view)
        view = condition(
            etag_func=etag,
            last_modified_func=lambda request, *a, **kw: freshness(request, *a, **kw).last_modified,
        )(view)
        return require_safe(_cache_headers(view))

    return decorator


@public_page(_index_freshness)
def index(request):
    page = pages.index_page(request.GET.get("q", ""))
    return render(request, "site/index.html", {"page": page})


@public_page(_municipality_freshness)
def municipality(request, kommun):
    page = pages.municipality_page(_municipality(request, kommun), timezone.localdate())
    return render(request, "site/municipality.html", {"page": page})


def _published_set(request, kommun, period, area, address=lambda s: s.get_absolute_url()):
    """The set of the address, or a permanent redirect to the same page at the set's own address
    when the one asked for is not it (an earlier address, "2021-2021", a set now scoped to an area)."""
    promise_set_, canonical = pages.find_published_set(_municipality(request, kommun), period, area)
    if not canonical:
        return None, HttpResponsePermanentRedirect(address(promise_set_))
    return promise_set_, None


@public_page(_municipality_freshness)
def promise_set(request, kommun, period, area=None):
    promise_set_, moved = _published_set(request, kommun, period, area)
    if moved:
        return moved
    page = pages.set_page(promise_set_, timezone.localdate())
    return render(request, "site/promise_set.html", {"page": page})


# Sources shown as a page of text rather than sent as a file.
TEXT_SOURCES = ("text/plain", "text/csv")


@public_page(_municipality_freshness)
def source_document(request, kommun, period, area=None):
    """The original document a published set was imported from ("Källa"). Drafts' sources stay
    private: find_published_set gives 404 for them. A PDF is shown in the browser and a text as a page
    of this site (?ladda-ner gives the file); any other upload (a saved web page above all) is sent as
    a download, so it never runs on this site."""
    promise_set_, moved = _published_set(request, kommun, period, area, lambda s: s.source_url())
    if moved:
        return moved
    document = promise_set_.source_document
    if document is None or not document.file:
        raise Http404(_("Det finns inget källdokument för medborgarlöftet."))
    try:
        handle = document.file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404(_("Källdokumentet finns inte längre.")) from None
    if document.content_type in TEXT_SOURCES and "ladda-ner" not in request.GET:
        # A text source is shown as a page (it used to download as a .txt file); the page links the file.
        with handle:
            raw = handle.read()
        try:
            text = decode_document(raw)
        except PromiseImportError:
            text = raw.decode("utf-8", "replace")
        return render(request, "site/source_text.html", {
            "promise_set": promise_set_, "municipality": promise_set_.municipality, "document": document,
            "text": text.lstrip("\ufeff"),
        })
    inline = document.content_type == "application/pdf"
    return FileResponse(
        handle, as_attachment=not inline, filename=document.name,
        content_type=document.content_type if inline else "application/octet-stream",
    )


@public_page(_municipality_freshness)
def commitment(request, kommun, period, number, area=None):
    promise_set_, moved = _published_set(request, kommun, period, area, lambda s: s.commitment_url(number))
    if moved:
        return moved
    page = pages.commitment_page(promise_set_, number, timezone.localdate())
    return render(request, "site/commitment.html", {"page": page})


@public_page(_static_freshness)
def how_we_count(request):
    return render(request, "site/how_we_count.html", {"page": pages.how_we_count()})


def _accessibility_freshness(request) -> Freshness:
    # The statement shows settings: a new authority, contact or review date is a new version.
    settings_key = "|".join(str(getattr(settings, name, "")) for name in (
        "ACCESSIBILITY_AUTHORITY", "ACCESSIBILITY_CONTACT_EMAIL", "ACCESSIBILITY_CONTACT_PHONE",
        "ACCESSIBILITY_REVIEWED_ON"))
    return _freshness(request, f"accessibility:{settings_key}", None)


@public_page(_accessibility_freshness)
def accessibility(request):
    """The accessibility statement (DOS-lagen): who stands behind the site, how to report problems,
    and when the statement was last reviewed, all from settings."""
    return render(request, "site/accessibility.html", {
        "authority": settings.ACCESSIBILITY_AUTHORITY,
        "contact_email": settings.ACCESSIBILITY_CONTACT_EMAIL,
        "contact_phone": settings.ACCESSIBILITY_CONTACT_PHONE,
        "reviewed_on": settings.ACCESSIBILITY_REVIEWED_ON,
    })
