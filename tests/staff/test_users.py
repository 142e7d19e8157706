"""The "Användare" section: /personal/anvandare/ (administratörer manage their organisations' members)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from lofte.core.models import AuditEntry, Invitation, Membership
from tests import factories

pytestmark = pytest.mark.django_db
LIST = reverse("staff:users")
ADD = reverse("staff:user_add")
INVITATIONS = reverse("staff:invitations")


@pytest.fixture
def world():
    strangnas = factories.municipality()
    kommun = factories.organisation(strangnas, "municipality")
    police = factories.organisation(strangnas)
    admin = factories.user("admin", kommun, role=Membership.Role.ADMIN)
    colleague = factories.user("kollega", kommun, role=Membership.Role.READER)
    officer = factories.user("polis", police)
    return {"kommun": kommun, "police": police, "admin": admin, "colleague": colleague, "officer": officer}


def edit_url(membership):
    return reverse("staff:membership_edit", args=[membership.pk])


def remove_url(membership):
    return reverse("staff:membership_remove", args=[membership.pk])


def test_it_lists_the_administrators_organisation_members_only(client, world):
    factories.verified_login(client, world["admin"])
    content = client.get(LIST).content.decode()
    assert "kollega" in content and "Läsare" in content
    assert "polis" not in content
    assert "tvåstegsverifiering aktiverad" in content  # the admin's own device


@pytest.mark.parametrize("role", [Membership.Role.READER, Membership.Role.RECORDER, Membership.Role.EDITOR])
def test_it_refuses_everyone_but_administrators(client, world, role):
    user = factories.user(f"user-{role}", world["kommun"], role=role)
    client.force_login(user)
    assert client.get(LIST).status_code == 403
    assert client.get(ADD).status_code == 403
    assert client.post(ADD, {"mode": "new", "username": "x", "role": "admin",
                             "organisation": world["kommun"].pk}).status_code == 403
    assert client.get(edit_url(world["colleague"].memberships.get())).status_code == 403


def test_it_sends_anonymous_visitors_to_the_login_page(client, world):
    response = client.get(LIST)
    assert response.status_code == 302 and response["Location"].startswith(reverse("staff:login"))


def test_an_administrator_without_a_verified_code_is_sent_to_the_code_page_first(client, world):
    factories.totp_device(world["admin"])
    client.force_login(world["admin"])
    response = client.get(LIST)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("staff:two_factor_verify"))


def test_creating_a_user_shows_the_one_time_password_once(client, world):
    factories.verified_login(client, world["admin"])
    response = client.post(ADD, {"mode": "new", "organisation": world["kommun"].pk, "username": "ny.samordnare",
                                 "role": Membership.Role.EDITOR, "first_name": "Nora", "last_name": "Ny",
                                 "email": "nora@example.se"})
    assert response.status_code == 200
    password = response.context["password"]
    assert password in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    membership = Membership.objects.get(user__username="ny.samordnare")
    assert membership.role == Membership.Role.EDITOR and membership.organisation == world["kommun"]
    assert membership.user.check_password(password)
    assert password not in client.get(LIST).content.decode()
    assert AuditEntry.objects.filter(action=AuditEntry.Action.ROLE, object_id=str(membership.pk)).exists()


def invite(client, world, username, role=Membership.Role.READER):
    return client.post(ADD, {"mode": "existing", "organisation": world["kommun"].pk, "username": username,
                             "role": role})


def test_adding_an_existing_user_is_an_invitation_that_user_accepts(client, world):
    factories.verified_login(client, world["admin"])
    response = invite(client, world, "polis")
    assert response.status_code == 302
    # Nothing changes until the invited user says yes.
    assert not world["officer"].memberships.filter(organisation=world["kommun"]).exists()
    assert "Inbjudningar som väntar på svar" in client.get(LIST).content.decode()

    officer = Client()
    officer.force_login(world["officer"])
    assert "Du har en inbjudan" in officer.get(reverse("staff:home")).content.decode()
    page = officer.get(INVITATIONS).content.decode()
    assert world["kommun"].name in page and "Läsare" in page
    invitation = Invitation.objects.get(username="polis")
    assert officer.post(INVITATIONS, {"invitation": invitation.pk, "answer": "accept"}).status_code == 302
    membership = world["officer"].memberships.get(organisation=world["kommun"])
    assert membership.role == Membership.Role.READER
    entry = AuditEntry.objects.get(action=AuditEntry.Action.ROLE, object_id=str(membership.pk))
    assert entry.username == "polis"


def test_a_declined_or_revoked_invitation_adds_nobody(client, world):
    factories.verified_login(client, world["admin"])
    invite(client, world, "polis")
    officer = Client()
    officer.force_login(world["officer"])
    invitation = Invitation.objects.get()
    officer.post(INVITATIONS, {"invitation": invitation.pk, "answer": "decline"})
    assert Invitation.objects.get().status == Invitation.Status.DECLINED
    invite(client, world, "polis")
    second = Invitation.objects.get(status=Invitation.Status.PENDING)
    assert client.post(reverse("staff:invitation_revoke", args=[second.pk])).status_code == 302
    assert officer.post(INVITATIONS, {"invitation": second.pk, "answer": "accept"}).status_code == 404
    assert not world["officer"].memberships.filter(organisation=world["kommun"]).exists()


def test_an_invitation_can_be_accepted_only_by_the_account_it_names(client, world):
    factories.verified_login(client, world["admin"])
    invite(client, world, "polis")
    invitation = Invitation.objects.get()
    intruder = Client()
    intruder.force_login(world["colleague"])
    assert intruder.post(INVITATIONS, {"invitation": invitation.pk, "answer": "accept"}).status_code == 404
    assert Invitation.objects.get().status == Invitation.Status.PENDING
    assert world["colleague"].memberships.count() == 1


def test_an_expired_invitation_cannot_be_accepted(client, world):
    from datetime import timedelta

    from django.utils import timezone

    factories.verified_login(client, world["admin"])
    invite(client, world, "polis")
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    officer = Client()
    officer.force_login(world["officer"])
    assert "Inga inbjudningar väntar på dig." in officer.get(INVITATIONS).content.decode()
    invitation = Invitation.objects.get()
    assert officer.post(INVITATIONS, {"invitation": invitation.pk, "answer": "accept"}).status_code == 404


def test_inviting_answers_alike_whether_or_not_the_username_exists(client, world):
    """Reproduces 9.3: the form said "Det finns ingen användare med det användarnamnet", so an
    administrator could probe which accounts (a Django-admin staff account) exist."""
    staff_account = get_user_model().objects.create_user("driftchef", password="x" * 12, is_staff=True)
    factories.verified_login(client, world["admin"])
    answers = []
    for username in ("driftchef", "finns-inte-alls"):
        response = invite(client, world, username)
        assert response.status_code == 302
        message = list(get_messages(client.get(LIST).wsgi_request))
        answers.append(str(message[-1]).replace(username, "NAMN") if message else "")
    assert answers[0] == answers[1] and "Inbjudan till NAMN är sparad" in answers[0]
    listing = client.get(LIST).content.decode()
    assert "driftchef" in listing and "finns-inte-alls" in listing
    # The log the administrator can read says nothing about which one exists either.
    for entry in AuditEntry.objects.filter(object_type="core.Invitation"):
        assert "user_id" not in (entry.after or {}) and "user" not in (entry.after or {})
    assert not staff_account.memberships.exists()


def test_a_django_admin_staff_account_cannot_be_taken_over_through_an_invitation_and_reset(client, world):
    """Reproduces 9.3: "existing user" mode added a staff account with no memberships, and the
    reset then handed the administrator that account's one-time password."""
    staff_account = get_user_model().objects.create_user("driftchef", password="original-lösen", is_staff=True)
    factories.verified_login(client, world["admin"])
    invite(client, world, "driftchef")
    assert not staff_account.memberships.exists()
    # Even if the staff account accepts (or a superuser adds it), the reset is refused.
    membership = Membership.objects.create(user=staff_account, organisation=world["kommun"],
                                           role=Membership.Role.READER)
    response = client.post(reset_url(membership))
    assert "återställs där, av en superanvändare" in response.content.decode()
    staff_account.refresh_from_db()
    assert staff_account.check_password("original-lösen")


def test_a_taken_username_for_a_new_user_is_refused_next_to_the_field(client, world):
    factories.verified_login(client, world["admin"])
    response = client.post(ADD, {"mode": "new", "organisation": world["kommun"].pk, "username": "polis",
                                 "role": Membership.Role.READER, "first_name": "Kvar"})
    assert response.status_code == 200
    assert "Användarnamnet går inte att använda för en ny användare" in response.content.decode()
    assert 'value="Kvar"' in response.content.decode()
    assert not world["officer"].memberships.filter(organisation=world["kommun"]).exists()


def test_inviting_a_member_of_ones_own_organisation_says_so(client, world):
    factories.verified_login(client, world["admin"])
    response = invite(client, world, "kollega")
    assert "kollega är redan medlem i" in response.content.decode()
    assert not Invitation.objects.exists()


def test_an_administrator_cannot_add_to_an_organisation_they_do_not_administer(client, world):
    factories.verified_login(client, world["admin"])
    response = client.post(ADD, {"mode": "new", "organisation": world["police"].pk, "username": "infiltrator",
                                 "role": Membership.Role.ADMIN})
    assert response.status_code == 200
    assert "Välj en organisation som du administrerar" in response.content.decode()
    assert not Membership.objects.filter(user__username="infiltrator").exists()


def test_changing_a_role_is_logged_with_before_and_after(client, world):
    factories.verified_login(client, world["admin"])
    membership = world["colleague"].memberships.get()
    response = client.post(edit_url(membership), {"role": Membership.Role.RECORDER})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.role == Membership.Role.RECORDER
    entry = AuditEntry.objects.get(action=AuditEntry.Action.ROLE)
    assert (entry.before["role"], entry.after["role"], entry.username) == ("reader", "recorder", "admin")


def test_the_last_administrator_cannot_demote_themselves(client, world):
    factories.verified_login(client, world["admin"])
    response = client.post(edit_url(world["admin"].memberships.get()), {"role": Membership.Role.READER})
    assert response.status_code == 200
    assert "minst en administratör" in response.content.decode()
    assert world["admin"].memberships.get().role == Membership.Role.ADMIN


def test_an_unknown_role_is_refused(client, world):
    factories.verified_login(client, world["admin"])
    membership = world["colleague"].memberships.get()
    response = client.post(edit_url(membership), {"role": "superhero"})
    assert response.status_code == 200
    membership.refresh_from_db()
    assert membership.role == Membership.Role.READER


def test_removing_a_membership_asks_first_then_removes_and_logs(client, world):
    factories.verified_login(client, world["admin"])
    membership = world["colleague"].memberships.get()
    page = client.get(remove_url(membership))
    assert page.status_code == 200 and "Ta bort Kollega Testsson" in page.content.decode()
    assert Membership.objects.filter(pk=membership.pk).exists()
    response = client.post(remove_url(membership))
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert AuditEntry.objects.get(action=AuditEntry.Action.ROLE).after is None


def test_another_organisations_membership_is_not_found(client, world):
    factories.verified_login(client, world["admin"])
    officer_membership = world["officer"].memberships.get()
    assert client.get(edit_url(officer_membership)).status_code == 404
    assert client.post(edit_url(officer_membership), {"role": "admin"}).status_code == 404
    assert client.post(remove_url(officer_membership)).status_code == 404
    assert Membership.objects.get(pk=officer_membership.pk).role == Membership.Role.RECORDER
    assert not AuditEntry.objects.exists()


def test_the_menu_shows_users_only_to_administrators(client, world):
    factories.verified_login(client, world["admin"])
    assert 'href="/personal/anvandare/"' in client.get(reverse("staff:home")).content.decode()
    client.force_login(world["officer"])
    assert 'href="/personal/anvandare/"' not in client.get(reverse("staff:home")).content.decode()


def reset_url(membership):
    return reverse("staff:membership_reset", args=[membership.pk])


def test_resetting_gives_a_new_one_time_password_and_removes_two_factor(client, world):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    colleague = world["colleague"]
    factories.totp_device(colleague)
    membership = colleague.memberships.get()
    factories.verified_login(client, world["admin"])
    assert "Återställ inloggningen" in client.get(reset_url(membership)).content.decode()
    response = client.post(reset_url(membership))
    content = response.content.decode()
    assert response.status_code == 200 and "Inloggningen är återställd" in content
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    password = content.split('<code class="secret">')[1].split("</code>")[0]
    colleague.refresh_from_db()
    assert colleague.check_password(password)
    assert not colleague.check_password("korrekt-hast-batteri")
    assert not TOTPDevice.objects.filter(user=colleague).exists()
    entry = AuditEntry.objects.get(object_type="auth.User", object_id=str(colleague.pk))
    assert entry.username == "admin" and entry.after["removed_devices"] == 1
    assert password not in str(entry.after)


def test_a_member_of_another_organisation_too_is_not_reset_here(client, world):
    colleague = world["colleague"]
    Membership.objects.create(user=colleague, organisation=world["police"], role=Membership.Role.READER)
    factories.verified_login(client, world["admin"])
    response = client.post(reset_url(colleague.memberships.get(organisation=world["kommun"])))
    assert "är också medlem i" in response.content.decode()
    colleague.refresh_from_db()
    assert colleague.check_password("korrekt-hast-batteri")
    assert not AuditEntry.objects.exists()


def test_administrators_reset_their_own_log_in_elsewhere(client, world):
    factories.verified_login(client, world["admin"])
    response = client.post(reset_url(world["admin"].memberships.get()))
    assert "Byt ditt eget lösenord" in response.content.decode()


def test_resetting_another_organisations_member_is_not_found(client, world):
    factories.verified_login(client, world["admin"])
    officer = world["officer"]
    assert client.post(reset_url(officer.memberships.get())).status_code == 404
    officer.refresh_from_db()
    assert officer.check_password("korrekt-hast-batteri")


def test_a_user_with_no_membership_the_administrator_manages_is_not_reset(world):
    """The reset rule itself, not only the view's lookup: a membership outside the administrator's
    organisations is refused by lofte.core.memberships.reset_credentials."""
    from lofte.core.memberships import MembershipError, reset_credentials

    officer_membership = world["officer"].memberships.get()
    with pytest.raises(MembershipError, match="inte medlem i någon organisation som du administrerar"):
        reset_credentials(world["admin"], officer_membership, {world["kommun"].pk})


def test_only_administrators_may_reset(client, world):
    client.force_login(world["officer"])
    assert client.post(reset_url(world["colleague"].memberships.get())).status_code == 403
