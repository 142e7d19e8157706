"""The public content's generation: a token in the shared cache that changes, on commit, whenever
any municipality's `content_changed_at` moves (every change of anything a public page shows bumps
that, see Municipality.touch and the situation importer's touch_regions).

The fast path of the page cache (lofte.site.fastpath) keys pages by it, so that a cached page is
found without a database query and is never served once anything it may show has changed. A random
token, not a counter: an evicted or lost key makes a new token, which only empties the fast path.
"""

from __future__ import annotations

import uuid

from django.core.cache import cache
from django.db import transaction

KEY = "public-content-generation"


def current() -> str:
    token = cache.get(KEY)
    if token is None:
        cache.add(KEY, uuid.uuid4().hex, None)
        token = cache.get(KEY) or "none"
    return token


def bump() -> None:
    """A new generation once the current transaction commits (at once outside one): a page rendered
    from data read before the commit is stored under the old token and never read again."""
    transaction.on_commit(lambda: cache.set(KEY, uuid.uuid4().hex, None))
