"""Session settings: HttpOnly, SameSite, expiry with the browser, a new key at log-in, log-out on password change."""

import pytest
from django.conf import settings
from django.urls import reverse

from lofte.core.models import AuditEntry
from tests import factories

pytestmark = pytest.mark.django_db
RIGHT = "korrekt-hast-batteri"


@pytest.fixture
def officer():
    return factories.user("polis", factories.organisation(factories.municipality()))


def test_the_session_cookie_is_http_only_lax_and_ends_with_the_browser(client, officer):
    response = client.post(reverse("staff:login"), {"username": "polis", "password": RIGHT})
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert not cookie["max-age"] and not cookie["expires"]  # a browser-session cookie
    assert client.session.get_expiry_age() <= 12 * 60 * 60


def test_logging_in_gives_a_new_session_key(client, officer):
    client.get(reverse("staff:login"))
    client.session["x"] = 1
    session = client.session
    session.save()
    before = session.session_key
    client.post(reverse("staff:login"), {"username": "polis", "password": RIGHT})
    assert client.session.session_key != before


def test_changing_the_password_logs_out_other_sessions_but_not_this_one(client, officer):
    from django.test import Client

    other = Client()
    other.force_login(officer)
    assert other.get(reverse("staff:home")).status_code == 200
    client.force_login(officer)
    response = client.post(reverse("staff:password_change"), {
        "old_password": RIGHT, "new_password1": "ett-nytt-langt-losenord", "new_password2": "ett-nytt-langt-losenord",
    })
    assert response.status_code == 302
    assert client.get(reverse("staff:home")).status_code == 200
    response = other.get(reverse("staff:home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("staff:login"))
    assert AuditEntry.objects.filter(object_type="auth.User", object_id=str(officer.pk)).exists()


def test_a_wrong_old_password_is_refused_next_to_its_field(client, officer):
    client.force_login(officer)
    response = client.post(reverse("staff:password_change"), {
        "old_password": "fel", "new_password1": "ett-nytt-langt-losenord", "new_password2": "ett-nytt-langt-losenord",
    })
    assert response.status_code == 200
    assert 'id="id_old_password_error"' in response.content.decode()
    officer.refresh_from_db()
    assert officer.check_password(RIGHT)


def test_secure_cookies_and_hsts_are_on_with_https(monkeypatch):
    import subprocess
    import sys

    code = ("import lofte.settings as s; "
            "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS > 0, s.SESSION_COOKIE_HTTPONLY)")
    env = {"HTTPS": "true", "SECRET_KEY": "x" * 50, "PATH": "/usr/bin:/bin",
           "LOFTE_DATA_DIR": settings.DATA_DIR.as_posix()}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "True", "True", "True"]


def test_a_one_time_password_must_be_replaced_before_any_other_staff_page(client):
    from lofte.core.memberships import create_member

    kommun = factories.municipality()
    membership, password = create_member(None, factories.organisation(kommun), username="ny", role="recorder")
    assert client.login(username="ny", password=password)
    response = client.get(reverse("staff:record"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("staff:password_change") + "?next=")
    page = client.get(response["Location"])
    assert "engångslösenord" in page.content.decode()
    response = client.post(reverse("staff:password_change"), {
        "old_password": password, "new_password1": "mitt-eget-langa-losenord",
        "new_password2": "mitt-eget-langa-losenord", "next": reverse("staff:record"),
    })
    assert response.status_code == 302 and response["Location"] == reverse("staff:record")
    assert client.get(reverse("staff:record")).status_code == 200


def test_public_pages_are_not_held_up_by_an_owed_password_change(client):
    from lofte.core.memberships import create_member

    kommun = factories.municipality()
    _membership, password = create_member(None, factories.organisation(kommun), username="ny", role="recorder")
    client.login(username="ny", password=password)
    assert client.get("/").status_code == 200
