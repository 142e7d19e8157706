"""A per-client rate limit for public forms, counted atomically in the database (no CAPTCHA).

Each client has one counter row per window (a fixed clock window of `window` seconds). Taking a
slot is one conditional UPDATE (`count = count + 1 WHERE count < limit`), or the INSERT of the
window's first row, whose unique constraint makes a parallel first post fall back to the UPDATE:
twenty parallel posts can never take six of five slots, and no post goes uncounted (the cache's
read-modify-write lost 38 % of them under load). The database is shared by every worker and app
server, so no shared cache is needed.

The client is identified by a keyed hash of its address (lofte.lib.net.client_address), so no IP
address is stored in clear; rows of past windows are deleted by the daily purge.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F

from lofte.dialogue.models import RateCounter


@dataclass(frozen=True)
class Limit:
    allowed: bool
    retry_after: int  # seconds until the next submission is accepted (0 when allowed)


def _client(address: str) -> str:
    return hashlib.sha256(f"{settings.SECRET_KEY}|{address}".encode()).hexdigest()[:32]


def _window_start(now: float, window: int) -> int:
    return int(now // window) * window


def _refused(start: int, window: int, now: float) -> Limit:
    return Limit(False, max(1, int(start + window - now) + 1))


def check(scope: str, address: str, limit: int, window: int, now: float | None = None) -> Limit:
    """Whether one more submission would be allowed now, without counting it."""
    now = time.time() if now is None else now
    start = _window_start(now, window)
    used = (
        RateCounter.objects.filter(scope=scope, client=_client(address), window_start=start)
        .values_list("count", flat=True).first()
    ) or 0
    return Limit(True, 0) if used < limit else _refused(start, window, now)


def take(scope: str, address: str, limit: int, window: int, now: float | None = None) -> Limit:
    """Count one submission if a slot is left in the client's window; atomic under any concurrency."""
    now = time.time() if now is None else now
    start = _window_start(now, window)
    if limit <= 0:
        return _refused(start, window, now)
    counter = RateCounter.objects.filter(scope=scope, client=_client(address), window_start=start)
    with transaction.atomic():
        if counter.filter(count__lt=limit).update(count=F("count") + 1):
            return Limit(True, 0)
        try:
            with transaction.atomic():
                RateCounter.objects.create(scope=scope, client=_client(address), window_start=start, count=1)
            return Limit(True, 0)
        except IntegrityError:
            # The row exists: full, or created by a parallel post a moment ago.
            if counter.filter(count__lt=limit).update(count=F("count") + 1):
                return Limit(True, 0)
    return _refused(start, window, now)


def give_back(scope: str, address: str, window: int, now: float | None = None) -> None:
    """Return a slot taken for a submission that turned out not to be one (a duplicate post)."""
    now = time.time() if now is None else now
    RateCounter.objects.filter(
        scope=scope, client=_client(address), window_start=_window_start(now, window), count__gt=0
    ).update(count=F("count") - 1)


def purge_expired(longest_window: int, now: float | None = None) -> int:
    """Delete counters of windows that ended; returns how many."""
    now = time.time() if now is None else now
    deleted, _ = RateCounter.objects.filter(window_start__lt=now - longest_window).delete()
    return deleted
