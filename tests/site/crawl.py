"""Request every public URL and return what each answered, for tests that look at all public output
at once (tests/site/test_no_leaks.py).

- `crawl(client, starts)` follows same-site links from HTML pages (href, src) and from any other
  text (absolute addresses under SITE_URL in feeds, JSON, RDF, CSV, iCalendar), breadth first and
  bounded; it never enters the staff workspace or the admin.
- `fetch(client, urls)` requests a given list (feeds, downloads, files with no link to them).
- `api_urls(values)` lists every GET route under /api/ that the URL resolver knows, with the
  route's parameters filled from `values` (empty when there is no API yet).
- `texts(responses)` turns the bodies into text to search: zip files are unpacked and every member
  read, PDFs read through pdfplumber, the rest decoded.

Add new kinds of public output to the leak test by adding their URLs (or start pages) there.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections import deque
from dataclasses import dataclass
from html.parser import HTMLParser
from itertools import product
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver

NEVER_FOLLOWED = ("/personal/", "/admin/", "/static/")
# Enough for every page of a small test world, small enough to stop a runaway filter link.
MAX_PAGES = 400
API_PAGES = 50


@dataclass
class Fetched:
    url: str
    status: int
    content_type: str
    body: bytes


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src", "action", "data-url", "data-src") and value:
                self.links.append(value)


def _path(url: str, base: str) -> str | None:
    """The site-relative address of a link found on `base`, or None for another site or scheme."""
    url = url.strip()
    if url.startswith(settings.SITE_URL):
        url = url[len(settings.SITE_URL):] or "/"
    absolute = urljoin("http://testserver" + base, url)
    parts = urlsplit(absolute)
    if parts.scheme not in ("http", "https") or parts.netloc != "testserver":
        return None
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    if any(path.startswith(prefix) for prefix in NEVER_FOLLOWED):
        return None
    return path


def links_in(fetched: Fetched) -> list[str]:
    text = fetched.body.decode("utf-8", "replace")
    found: list[str] = []
    if fetched.content_type.startswith("text/html"):
        parser = _Links()
        parser.feed(text)
        found += parser.links
    # Absolute addresses anywhere else (feeds, JSON, RDF, CSV, iCalendar).
    found += re.findall(re.escape(settings.SITE_URL) + r"""[^\s"'<>;,\\]*""", text)
    paths = [_path(link, fetched.url.split("?")[0]) for link in found]
    return [p for p in paths if p]


def _get(client, url: str) -> Fetched:
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return Fetched(url, response.status_code, response.get("Content-Type", ""), body)


def crawl(client, starts: list[str], *, limit: int = MAX_PAGES) -> dict[str, Fetched]:
    """Breadth first from `starts`, following same-site links; at most `limit` requests."""
    seen: dict[str, Fetched] = {}
    queue = deque(starts)
    while queue and len(seen) < limit:
        url = queue.popleft()
        if url in seen:
            continue
        fetched = seen[url] = _get(client, url)
        if fetched.status == 200 and not fetched.content_type.startswith(("application/zip", "application/pdf",
                                                                          "image/")):
            queue.extend(link for link in links_in(fetched) if link not in seen)
    return seen


def fetch(client, urls: list[str]) -> dict[str, Fetched]:
    return {url: _get(client, url) for url in urls}


# ---------------------------------------------------------------------------------------------
# The API, from the URL resolver


def _routes(patterns, prefix: str = ""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route


PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
REGEX_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>[^)]*\)")


def _as_template(route: str) -> str | None:
    """A route as "api/v1/x/<name>/": path() routes as they are, regex routes (a router's) with their
    named groups as parameters; None for a regex this cannot read (format suffixes and the like)."""
    if not route.startswith("^") and "(?P" not in route:
        return route
    route = route.replace("^", "").replace("$", "")
    route = REGEX_GROUP.sub(lambda m: f"<{m.group('name')}>", route)
    if "format" in route or any(ch in route for ch in "()[]*+?\\"):
        return None
    return route


def api_urls(values: dict[str, list[str]]) -> list[str]:
    """Every route under /api/ the resolver knows, each parameter filled with every value given for
    its name or converter (e.g. {"int": ["1", "2"], "slug": ["strangnas"]}, "str" for parameters
    without a converter); routes with a parameter without values are left out. Empty when the site
    has no API yet."""
    urls = []
    for raw in _routes(get_resolver().url_patterns):
        route = _as_template(raw)
        if route is None or not route.startswith("api/"):
            continue
        names = PARAMETER.findall(route)
        choices = [values.get(name) or values.get(converter or "str") or [] for converter, name in names]
        if any(not c for c in choices):
            continue
        for combination in product(*choices):
            url = route
            for value in combination:
                url = PARAMETER.sub(value, url, count=1)
            urls.append("/" + url)
    return sorted(set(urls))


def api_pages(client, urls: list[str], *, limit: int = API_PAGES) -> dict[str, Fetched]:
    """Each API address and every further page its answers point to (a `next` link in the JSON
    body, or a Link header), bounded."""
    seen: dict[str, Fetched] = {}
    for start in urls:
        url, pages = start, 0
        while url and url not in seen and pages < limit:
            response = client.get(url)
            fetched = seen[url] = Fetched(url, response.status_code, response.get("Content-Type", ""),
                                          response.content)
            pages += 1
            url = _next_page(response, fetched)
    return seen


def _next_page(response, fetched: Fetched) -> str | None:
    link = response.get("Link", "")
    match = re.search(r'<([^>]+)>\s*;\s*rel="?next"?', link)
    if match:
        return _path(match.group(1), fetched.url)
    try:
        data = json.loads(fetched.body)
    except ValueError:
        return None
    candidate = data.get("next") if isinstance(data, dict) else None
    if isinstance(candidate, dict):
        candidate = candidate.get("href") or candidate.get("url")
    return _path(candidate, fetched.url) if isinstance(candidate, str) and candidate else None


# ---------------------------------------------------------------------------------------------
# Bodies as text


def _pdf_text(body: bytes) -> str:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(body)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def body_texts(name: str, body: bytes) -> dict[str, str]:
    """The text of one body, keyed by where it came from (a zip gives one entry per member)."""
    if body[:4] == b"PK\x03\x04":
        texts = {}
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            for member in archive.namelist():
                texts.update(body_texts(f"{name}!{member}", archive.read(member)))
        return texts
    if body[:5] == b"%PDF-":
        return {name: _pdf_text(body)}
    return {name: body.decode("utf-8", "replace")}


def texts(responses: dict[str, Fetched]) -> dict[str, str]:
    found: dict[str, str] = {}
    for url, fetched in responses.items():
        found.update(body_texts(url, fetched.body))
    return found


def leaks(found: dict[str, str], markers: list[str]) -> list[tuple[str, str]]:
    """(marker, where) for every marker that appears anywhere, case-insensitively."""
    return [(marker, where) for where, text in found.items() for marker in markers
            if marker.casefold() in text.casefold()]
