"""WCAG 2.1 AA on the security and administration pages: two-factor enrolment and code entry, the
Användare pages and the audit log. An administrator logs in with the keyboard, enrols an
authenticator app (the code computed from the device key) and then reaches the other pages."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from lofte.core.models import Invitation, Membership, Organisation
from lofte.demo.loader import load_demo
from tests import factories
from tests.browser.helpers import (
    axe_violations,
    horizontal_overflow,
    log_in,
    phone_page,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def admin():
    load_demo()
    organisation = Organisation.objects.filter(memberships__isnull=False).first()
    user = factories.user("chef", organisation, role=Membership.Role.ADMIN)
    factories.user("kollega", organisation, role=Membership.Role.READER)
    return user


def check(page, axe_source):
    assert axe_violations(page, axe_source) == []
    overflow = horizontal_overflow(page)
    assert overflow <= 0


def test_an_administrator_enrols_two_factor_and_manages_users_on_a_phone(live_server, browser, axe_source, admin):
    context, page = phone_page(browser)
    log_in(page, live_server.url, "chef", "korrekt-hast-batteri")
    assert page.url.startswith(live_server.url + reverse("staff:two_factor")), page.url
    check(page, axe_source)
    device = TOTPDevice.objects.get(user=admin, confirmed=False)
    page.fill("#id_token", factories.totp_code(device))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == live_server.url + reverse("staff:home"), page.inner_text("main")
    membership = Membership.objects.get(user__username="kollega")
    # An invitation waiting for the administrator, so that its page shows one.
    other = Organisation.objects.exclude(memberships__user=admin).first()
    Invitation.objects.create(organisation=other, username="chef", user=admin, role=Membership.Role.READER,
                              expires_at=timezone.now() + timedelta(days=14))
    for name, args in [("staff:users", []), ("staff:user_add", []), ("staff:membership_edit", [membership.pk]),
                       ("staff:membership_remove", [membership.pk]), ("staff:membership_reset", [membership.pk]),
                       ("staff:audit_log", []), ("staff:invitations", []), ("staff:inputs", []),
                       ("staff:password_change", []), ("staff:two_factor", [])]:
        response = page.goto(live_server.url + reverse(name, args=args))
        assert response.status == 200, name
        check(page, axe_source)
    # A failed add keeps the input and names the error next to the field.
    page.goto(live_server.url + reverse("staff:user_add"))
    page.fill("#id_username", "kollega")
    page.fill("#id_first_name", "Kvar")
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert "Användarnamnet går inte att använda för en ny användare" in page.inner_text("main")
    assert page.input_value("#id_first_name") == "Kvar"
    check(page, axe_source)
    context.close()


def test_the_code_page_has_no_axe_violations(live_server, browser, axe_source, admin):
    factories.totp_device(admin)
    context, page = phone_page(browser)
    log_in(page, live_server.url, "chef", "korrekt-hast-batteri")
    assert page.url.startswith(live_server.url + reverse("staff:two_factor_verify")), page.url
    check(page, axe_source)
    context.close()
