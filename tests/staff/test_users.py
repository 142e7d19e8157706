"""The "Användare" section: /personal/anvandare/ (administratörer manage their organisations' members)."""

import pytest
from django.urls import reverse

from lofte.core.models import AuditEntry, Membership
from tests import factories

pytestmark = pytest.mark.django_db
LIST = reverse("staff:users")
ADD = reverse("staff:user_add")


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


def test_adding_an_existing_user_by_username(client, world):
    factories.verified_login(client, world["admin"])
    response = client.post(ADD, {"mode": "existing", "organisation": world["kommun"].pk, "username": "polis",
                                 "role": Membership.Role.READER})
    assert response.status_code == 302
    assert world["officer"].memberships.filter(organisation=world["kommun"], role="reader").exists()


def test_a_taken_username_for_a_new_user_is_refused_next_to_the_field(client, world):
    factories.verified_login(client, world["admin"])
    response = client.post(ADD, {"mode": "new", "organisation": world["kommun"].pk, "username": "polis",
                                 "role": Membership.Role.READER, "first_name": "Kvar"})
    assert response.status_code == 200
    assert "Användarnamnet är upptaget" in response.content.decode()
    assert 'value="Kvar"' in response.content.decode()
    assert not world["officer"].memberships.filter(organisation=world["kommun"]).exists()


def test_an_unknown_existing_username_is_refused(client, world):
    factories.verified_login(client, world["admin"])
    response = client.post(ADD, {"mode": "existing", "organisation": world["kommun"].pk, "username": "finns-ej",
                                 "role": Membership.Role.READER})
    assert "Det finns ingen användare med det användarnamnet" in response.content.decode()


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


def test_only_administrators_may_reset(client, world):
    client.force_login(world["officer"])
    assert client.post(reset_url(world["colleague"].memberships.get())).status_code == 403
