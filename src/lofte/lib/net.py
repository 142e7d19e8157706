"""The client's address, the one rule for everything that counts per client (log-in throttling,
the citizen-input rate limit).

Behind `PROXY_COUNT` reverse proxies that each append the address they received from to
X-Forwarded-For, the client is the PROXY_COUNT-th entry from the right: entries further left were
sent by the client itself and prove nothing. django-ipware parses the header (IPv6, ports,
garbage); with `proxy_count` it counts the proxies *between* the client and the last proxy, hence
PROXY_COUNT - 1. Without proxies (PROXY_COUNT=0) the header is ignored and REMOTE_ADDR is used.
"""

from __future__ import annotations

from django.conf import settings
from ipware.ip import get_client_ip

_PRECEDENCE = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")


def client_address(request) -> str:
    proxies = getattr(settings, "PROXY_COUNT", 0)
    remote = request.META.get("REMOTE_ADDR", "") or ""
    if proxies <= 0:
        return remote
    # Not strict: a client that sends its own X-Forwarded-For adds entries on the left, and must
    # still be told apart by the entry our proxy appended rather than fall back to the proxy's
    # address (which every client shares).
    address, _routable = get_client_ip(
        request, proxy_order="left-most", proxy_count=proxies - 1,
        request_header_order=_PRECEDENCE, strict=False,
    )
    return address or remote
