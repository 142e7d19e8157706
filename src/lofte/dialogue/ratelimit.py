"""A per-client rate limit for public forms, kept in Django's cache (no third-party CAPTCHA).

The client is identified by a hash of its address, so the cache never holds an IP address in clear.
The address is lofte.lib.net.client_address (PROXY_COUNT decides which X-Forwarded-For entry).
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache


def _key(scope: str, address: str) -> str:
    digest = hashlib.sha256(f"{settings.SECRET_KEY}|{address}".encode()).hexdigest()[:32]
    return f"ratelimit:{scope}:{digest}"


@dataclass(frozen=True)
class Limit:
    allowed: bool
    retry_after: int  # seconds until the next submission is accepted (0 when allowed)


def check(scope: str, address: str, limit: int, window: int, now: float | None = None) -> Limit:
    """Whether one more submission is allowed now, without counting it."""
    now = time.time() if now is None else now
    stamps = [t for t in cache.get(_key(scope, address), []) if t > now - window]
    if len(stamps) < limit:
        return Limit(True, 0)
    return Limit(False, max(1, int(stamps[0] + window - now) + 1))


def hit(scope: str, address: str, window: int, now: float | None = None) -> None:
    """Count one submission."""
    now = time.time() if now is None else now
    key = _key(scope, address)
    stamps = [t for t in cache.get(key, []) if t > now - window]
    stamps.append(now)
    cache.set(key, stamps, timeout=window)
