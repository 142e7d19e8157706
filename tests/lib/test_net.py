"""lofte.lib.net.client_address: the one rule for the client's address behind PROXY_COUNT proxies."""

import pytest
from django.test import RequestFactory

from lofte.lib.net import client_address

rf = RequestFactory()


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "203.0.113.9", "127.0.0.1"),                 # no proxy: the header is the client's claim
        (1, "203.0.113.9", "203.0.113.9"),               # nginx appended the client
        (1, "10.1.2.3", "10.1.2.3"),                     # a client inside the municipality's network
        (1, "192.0.2.55, 203.0.113.9", "203.0.113.9"),   # the client's own entry is ignored
        (2, "203.0.113.9, 198.51.100.1", "203.0.113.9"), # a CDN, then nginx
        (1, "", "127.0.0.1"),                            # a request that bypassed the proxy
        (1, "not-an-address", "127.0.0.1"),
        (1, "2001:db8::5", "2001:db8::5"),
    ],
)
def test_the_client_is_the_entry_the_last_trusted_proxy_appended(settings, proxies, forwarded, expected):
    settings.PROXY_COUNT = proxies
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    assert client_address(rf.get("/", REMOTE_ADDR="127.0.0.1", **extra)) == expected
