"""Two-factor log-in (TOTP): offered to all staff, required for administratörer and for /admin/."""

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from lofte.core.models import AuditEntry, Membership
from tests import factories

pytestmark = pytest.mark.django_db
ENROL = reverse("staff:two_factor")
VERIFY = reverse("staff:two_factor_verify")
HOME = reverse("staff:home")
RIGHT = "korrekt-hast-batteri"


@pytest.fixture
def org():
    return factories.organisation(factories.municipality())


def log_in(client, username):
    response = client.post(reverse("staff:login"), {"username": username, "password": RIGHT})
    assert response.status_code == 302
    return response


def test_an_administrator_without_a_device_is_sent_to_enrolment_before_any_staff_page(client, org):
    factories.user("chef", org, role=Membership.Role.ADMIN)
    log_in(client, "chef")
    for url in (HOME, reverse("staff:record"), reverse("staff:users"), reverse("staff:audit_log")):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(ENROL), url


def test_enrolment_shows_a_secret_and_a_qr_code_without_style_attributes(client, org):
    user = factories.user("chef", org, role=Membership.Role.ADMIN)
    log_in(client, "chef")
    content = client.get(ENROL).content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert "<svg" in content and 'role="img"' in content and "viewBox" in content
    assert "style=" not in content
    assert "Som administratör måste du" in content
    import base64

    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    assert secret[:4] in content
    # Reloading shows the same secret (the one the user may already have scanned).
    client.get(ENROL)
    assert TOTPDevice.objects.filter(user=user).count() == 1


def test_confirming_with_a_real_code_activates_the_device_and_lets_the_administrator_in(client, org):
    user = factories.user("chef", org, role=Membership.Role.ADMIN)
    log_in(client, "chef")
    client.get(ENROL)
    device = TOTPDevice.objects.get(user=user)
    response = client.post(ENROL, {"token": factories.totp_code(device), "next": reverse("staff:users")})
    assert response.status_code == 302 and response["Location"] == reverse("staff:users")
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("staff:users")).status_code == 200
    entry = AuditEntry.objects.get(object_type="otp_totp.TOTPDevice")
    assert entry.username == "chef" and entry.after["confirmed"] is True


def test_a_wrong_code_does_not_activate_the_device(client, org):
    user = factories.user("chef", org, role=Membership.Role.ADMIN)
    log_in(client, "chef")
    client.get(ENROL)
    device = TOTPDevice.objects.get(user=user)
    wrong = f"{(int(factories.totp_code(device)) + 1) % 1_000_000:06d}"
    response = client.post(ENROL, {"token": wrong})
    assert response.status_code == 200
    assert "Koden stämmer inte" in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert client.get(HOME).status_code == 302


def test_malformed_codes_are_refused_with_a_message(client, org):
    factories.user("chef", org, role=Membership.Role.ADMIN)
    log_in(client, "chef")
    for token in ("", "12345", "abcdef", "1234567"):
        response = client.post(ENROL, {"token": token})
        assert response.status_code == 200
        assert 'id="id_token_error"' in response.content.decode()


def test_an_administrator_with_a_device_must_enter_a_code_after_the_password(client, org):
    user = factories.user("chef", org, role=Membership.Role.ADMIN)
    device = factories.totp_device(user)
    log_in(client, "chef")
    response = client.get(reverse("staff:users"))
    assert response["Location"].startswith(VERIFY)
    # Enrolling another device is no way around the code.
    assert client.get(ENROL)["Location"].startswith(VERIFY)
    response = client.post(VERIFY, {"token": factories.totp_code(device), "next": reverse("staff:users")})
    assert response.status_code == 302 and response["Location"] == reverse("staff:users")
    assert client.get(reverse("staff:users")).status_code == 200


def test_a_wrong_code_at_log_in_is_refused_and_the_same_code_cannot_be_used_twice(client, org):
    user = factories.user("chef", org, role=Membership.Role.ADMIN)
    device = factories.totp_device(user)
    log_in(client, "chef")
    response = client.post(VERIFY, {"token": "000000" if factories.totp_code(device) != "000000" else "111111"})
    assert response.status_code == 200 and "Koden stämmer inte" in response.content.decode()
    assert client.get(HOME).status_code == 302
    code = factories.totp_code(device)
    # The wrong try set a throttle delay; let it pass as if a second had gone by.
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=None, throttling_failure_count=0)
    assert client.post(VERIFY, {"token": code}).status_code == 302
    client.logout()
    log_in(client, "chef")
    assert client.post(VERIFY, {"token": code}).status_code == 200  # replayed code refused


def test_the_next_address_must_be_on_this_site(client, org):
    user = factories.user("chef", org, role=Membership.Role.ADMIN)
    device = factories.totp_device(user)
    log_in(client, "chef")
    response = client.post(VERIFY, {"token": factories.totp_code(device), "next": "https://evil.example/"})
    assert response["Location"] == HOME


def test_other_staff_are_offered_two_factor_and_asked_for_the_code_once_enrolled(client, org):
    user = factories.user("polis", org)
    log_in(client, "polis")
    assert client.get(HOME).status_code == 200  # not required
    content = client.get(ENROL).content.decode()
    assert "Skydda ditt konto" in content
    device = TOTPDevice.objects.get(user=user)
    client.post(ENROL, {"token": factories.totp_code(device)})
    client.logout()
    log_in(client, "polis")
    assert client.get(HOME)["Location"].startswith(VERIFY)


def test_confirming_a_new_phone_replaces_the_old_device(client, org):
    user = factories.user("chef", org, role=Membership.Role.ADMIN)
    old = factories.verified_login(client, user)
    assert "Byt till en ny telefon" in client.get(ENROL).content.decode()
    new = TOTPDevice.objects.get(user=user, confirmed=False)
    assert client.post(ENROL, {"token": factories.totp_code(new)}).status_code == 302
    assert list(TOTPDevice.objects.filter(user=user)) == [new]
    assert not TOTPDevice.objects.filter(pk=old.pk).exists()


def test_the_code_pages_require_a_log_in(client):
    for url in (ENROL, VERIFY):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("staff:login"))


def test_public_pages_do_not_touch_the_session(client, org):
    factories.municipality()
    response = client.get("/")
    assert "Cookie" not in response.get("Vary", "")


def test_superusers_need_a_verified_code_for_the_django_admin(client):
    root = factories.user("root")
    root.is_superuser = root.is_staff = True
    root.save()
    client.force_login(root)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302 and response["Location"].startswith(ENROL)
    response = client.get(reverse("admin:core_auditentry_changelist"))
    assert response["Location"].startswith(ENROL)
    client.logout()
    factories.verified_login(client, root)
    assert client.get(reverse("admin:index")).status_code == 200


def test_the_admin_log_in_page_itself_stays_reachable(client):
    assert client.get(reverse("admin:login")).status_code == 200
