"""Log-in throttling with django-axes: five wrong passwords lock the username from that address."""

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db
LOGIN = reverse("staff:login")
RIGHT = "korrekt-hast-batteri"


@pytest.fixture
def officer():
    return factories.user("polis", factories.organisation(factories.municipality()))


def attempt(client, password, username="polis", address="192.0.2.10"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_the_sixth_attempt_is_locked_out_even_with_the_right_password(client, officer):
    for _ in range(5):
        response = attempt(client, "fel-lösenord")
        assert response.status_code in (200, 429)
    response = attempt(client, RIGHT)
    assert response.status_code == 429
    content = response.content.decode()
    assert "Inloggningen är tillfälligt spärrad" in content
    assert "15 minuter" in content
    assert "_auth_user_id" not in client.session


def test_four_wrong_passwords_still_let_the_right_one_in(client, officer):
    for _ in range(4):
        assert attempt(client, "fel-lösenord").status_code == 200
    response = attempt(client, RIGHT)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(officer.pk)


def test_a_lock_out_is_per_username_and_address(client, officer):
    factories.user("kollega", factories.organisation(factories.municipality()))
    for _ in range(5):
        attempt(client, "fel-lösenord")
    assert attempt(client, RIGHT).status_code == 429
    # The same person from another network, and a colleague from the same one, can still log in.
    assert attempt(client, RIGHT, address="198.51.100.7").status_code == 302
    client.logout()
    assert attempt(client, RIGHT, username="kollega").status_code == 302


def test_the_admin_log_in_is_throttled_too(client, officer):
    for _ in range(5):
        client.post(reverse("admin:login"), {"username": "polis", "password": "fel"}, REMOTE_ADDR="192.0.2.10")
    response = client.post(reverse("admin:login"), {"username": "polis", "password": RIGHT}, REMOTE_ADDR="192.0.2.10")
    assert response.status_code == 429


# Behind the documented reverse proxy (PROXY_COUNT=1) every request comes from the proxy's address;
# the client is the entry the proxy appended to X-Forwarded-For.
PROXY = "127.0.0.1"


def attempt_via_proxy(client, password, forwarded_for, username="polis"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=PROXY,
                       HTTP_X_FORWARDED_FOR=forwarded_for)


def test_behind_a_proxy_a_lock_out_of_one_client_does_not_lock_out_another(client, officer, settings):
    """Reproduces 9.4: without django-ipware, axes counted REMOTE_ADDR (the proxy), so five wrong
    passwords from any client locked out every client (429 for the right password from another
    X-Forwarded-For)."""
    settings.PROXY_COUNT = 1
    for _ in range(5):
        attempt_via_proxy(client, "fel-lösenord", "203.0.113.9")
    assert attempt_via_proxy(client, RIGHT, "203.0.113.9").status_code == 429
    assert attempt_via_proxy(client, RIGHT, "198.51.100.7").status_code == 302
    assert client.session["_auth_user_id"] == str(officer.pk)


def test_a_client_cannot_escape_its_lock_out_by_sending_its_own_forwarded_for(client, officer, settings):
    settings.PROXY_COUNT = 1
    for _ in range(5):
        attempt_via_proxy(client, "fel-lösenord", "203.0.113.9")
    # The client adds an address of its choosing; the proxy still appends the real one last.
    assert attempt_via_proxy(client, RIGHT, "192.0.2.55, 203.0.113.9").status_code == 429


def test_without_proxies_forwarded_for_is_ignored(client, officer, settings):
    settings.PROXY_COUNT = 0
    for _ in range(5):
        attempt_via_proxy(client, "fel-lösenord", "203.0.113.9")
    # Directly exposed, the header is the client's own claim: the lock-out follows REMOTE_ADDR.
    assert attempt_via_proxy(client, RIGHT, "198.51.100.7").status_code == 429
