"""Fetching from the sources' APIs (`--fetch`): HTTPS only, a real User-Agent, their published limits.

A Transport does one HTTP request; the real one uses the standard library (no dependency needed for
a handful of polite GETs and one POST). Tests pass a fake transport, so no test touches the network.
The clock and the sleep are injectable for the same reason.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.utils import parseaddr, parsedate_to_datetime
from importlib import metadata

from django.conf import settings
from django.utils import timezone

from .errors import IndicatorImportError

TIMEOUT = 60
MAX_BYTES = 50 * 1024 * 1024


@dataclass
class Response:
    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


def user_agent() -> str:
    """Who is asking, so the source can tell the operator apart and reach them."""
    configured = getattr(settings, "FETCH_USER_AGENT", "")
    if configured:
        return configured
    try:
        version = metadata.version("lofte")
    except metadata.PackageNotFoundError:
        version = "dev"
    contact = parseaddr(getattr(settings, "DEFAULT_FROM_EMAIL", ""))[1]
    # ASCII only: an HTTP header is no place for "ö".
    return f"Lofte/{version} (+{settings.SITE_URL}; {contact})".encode("ascii", "ignore").decode()


class _HttpsOnlyRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if not newurl.lower().startswith("https://"):
            raise urllib.error.HTTPError(newurl, code, "omdirigering till en adress utan HTTPS vägrades", headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class UrllibTransport:
    """The real transport: HTTPS only, also after redirects; TLS certificates are verified."""

    def __init__(self):
        self._opener = urllib.request.build_opener(_HttpsOnlyRedirects)

    def request(self, method: str, url: str, headers: dict[str, str], body: bytes | None = None) -> Response:
        require_https(url)
        req = urllib.request.Request(url, data=body, headers=headers, method=method)
        try:
            with self._opener.open(req, timeout=TIMEOUT) as response:
                data = response.read(MAX_BYTES + 1)
                return Response(response.status, data, dict(response.headers.items()))
        except urllib.error.HTTPError as exc:
            return Response(exc.code, exc.read(10000) if exc.fp else b"", dict(exc.headers.items()) if exc.headers else {})
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            raise IndicatorImportError(f"kunde inte nå {url}: {getattr(exc, 'reason', exc)}") from None


def require_https(url: str) -> None:
    if not url.lower().startswith("https://"):
        raise IndicatorImportError(f"adressen {url} använder inte HTTPS; bara HTTPS används")


@dataclass
class Client:
    """Requests with the User-Agent, a pause between calls, and retries on 429/5xx that honour Retry-After."""

    transport: object = None
    pause: float = 1.0
    retries: int = 3
    sleep: object = time.sleep
    monotonic: object = time.monotonic
    _last: float | None = None

    def __post_init__(self):
        self.transport = self.transport or UrllibTransport()

    def request(self, method: str, url: str, body: bytes | None = None, content_type: str = "") -> bytes:
        require_https(url)
        headers = {"User-Agent": user_agent(), "Accept": "application/json"}
        if content_type:
            headers["Content-Type"] = content_type
        for attempt in range(self.retries + 1):
            self._wait()
            response = self.transport.request(method, url, headers, body)
            self._last = self.monotonic()
            if response.status == 200:
                if len(response.body) > MAX_BYTES:
                    raise IndicatorImportError(f"svaret från {url} är större än {MAX_BYTES // 1024 // 1024} MB")
                return response.body
            if response.status in (429, 500, 502, 503, 504) and attempt < self.retries:
                self.sleep(retry_after(response.headers, default=self.pause * 2 ** (attempt + 1)))
                continue
            raise IndicatorImportError(f"{url} svarade med HTTP {response.status}")
        raise IndicatorImportError(f"{url} svarade inte")  # pragma: no cover - the loop returns or raises

    def _wait(self) -> None:
        if self._last is not None:
            left = self.pause - (self.monotonic() - self._last)
            if left > 0:
                self.sleep(left)


def retry_after(headers: dict[str, str], default: float) -> float:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date), at most ten minutes."""
    value = next((v for k, v in headers.items() if k.lower() == "retry-after"), None)
    if value is None:
        return default
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return default
        seconds = (when - datetime.now(when.tzinfo)).total_seconds()
    return min(max(seconds, 0.0), 600.0)


def calls_in_last_hour(source: str, now=None) -> int:
    from lofte.situation.models import FetchCall

    now = now or timezone.now()
    return FetchCall.objects.filter(source=source, at__gte=now - timedelta(hours=1)).count()
