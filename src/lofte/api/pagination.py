"""Cursor pagination in a stable order: every list is ordered by id, and a page continues after the
last id of the one before (keyset pagination), so records added or removed meanwhile never make a
client skip or repeat one. The cursor is opaque to clients: an encoded position, never a page number.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from urllib.parse import urlencode

from ninja.errors import HttpError

DEFAULT_LIMIT = 50
MAX_LIMIT = 200


def encode_cursor(after: int) -> str:
    raw = json.dumps({"after": after}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> int:
    """The id a page continues after (0 for the first page); 400 for a cursor we did not make."""
    if not cursor:
        return 0
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        after = json.loads(raw)["after"]
    except (binascii.Error, ValueError, KeyError, TypeError, UnicodeDecodeError):
        after = None
    if not isinstance(after, int) or isinstance(after, bool) or after < 0:
        raise HttpError(400, "Parametern cursor är ogiltig. Använd adressen i fältet next från föregående sida.")
    return after


@dataclass
class Page:
    items: list
    next: str | None


def next_url(request, after: int) -> str:
    params = request.GET.copy()
    params["cursor"] = encode_cursor(after)
    return request.build_absolute_uri(request.path) + "?" + urlencode(sorted(params.lists()), doseq=True)


def paginate(request, queryset, *, cursor: str | None, limit: int, build=lambda rows: rows) -> Page:
    """One page of `queryset` in id order; `build` turns the page's rows into items (in bulk)."""
    after = decode_cursor(cursor)
    rows = list(queryset.filter(pk__gt=after).order_by("pk")[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    return Page(build(rows), next_url(request, rows[-1].pk) if more and rows else None)


def paginate_filtered(request, queryset, *, cursor: str | None, limit: int, build, keep, batch: int = 200) -> Page:
    """Like paginate(), for a filter that can only be applied after `build` (a computed status):
    reads batches in id order until the page is full; the cursor continues after the last row read.

    `build` returns (row id, item) pairs; `keep(item)` decides whether the item is on the page.
    """
    after = decode_cursor(cursor)
    items: list = []
    while True:
        rows = list(queryset.filter(pk__gt=after).order_by("pk")[:batch])
        for row_id, item in build(rows):
            if keep(item):
                items.append(item)
            after = row_id
            if len(items) == limit:
                # Whether more follow is only known by looking: one cheap existence query.
                more = queryset.filter(pk__gt=after).exists()
                return Page(items, next_url(request, after) if more else None)
        if len(rows) < batch:
            return Page(items, None)
