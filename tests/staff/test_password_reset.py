"""Glömt lösenord: a link by e-mail for accounts with an address, "ask your administratör" for the
rest, the same answer whether or not the account exists, and the new password clears a one-time
password (regression: the log-in page had no way forward for a forgotten password)."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from lofte.core.memberships import must_change_password, require_password_change
from lofte.core.models import AuditEntry
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer():
    user = factories.user("polis", factories.organisation(factories.municipality(), "police"))
    user.email = "polis@example.se"
    user.save()
    return user


def test_the_log_in_page_offers_it(client):
    assert f'href="{reverse("password:reset")}"' in client.get(reverse("staff:login")).content.decode()


def test_the_page_says_what_to_do_without_an_address(client):
    content = client.get(reverse("password:reset")).content.decode()
    assert "Har ditt konto ingen e-postadress?" in content
    assert "Be en administratör i din organisation" in content


def test_an_account_with_the_address_gets_a_link_from_site_url(client, officer, settings):
    settings.SITE_URL = "https://lofte.example.se"
    response = client.post(reverse("password:reset"), {"email": "polis@example.se"})
    assert response.status_code == 302 and response["Location"] == reverse("password:reset_done")
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert mail.outbox[0].subject == "Nytt lösenord till Löfte"
    assert "användaren polis" in body
    assert re.search(r"https://lofte\.example\.se/personal/nytt-losenord/[\w-]+/[\w-]+/", body)


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, officer):
    response = client.post(reverse("password:reset"), {"email": "okand@example.se"}, follow=True)
    assert "Om ett konto har den e-postadressen" in response.content.decode()
    assert not mail.outbox


def test_the_link_sets_a_new_password_clears_a_one_time_one_and_is_logged(client, officer):
    require_password_change(officer)
    client.post(reverse("password:reset"), {"email": "polis@example.se"})
    link = re.search(r"/personal/nytt-losenord/[\w-]+/[\w-]+/", mail.outbox[0].body).group(0)
    form_page = client.get(link, follow=True)
    assert "Välj ett nytt lösenord" in form_page.content.decode()
    response = client.post(form_page.redirect_chain[-1][0], {"new_password1": "ett-nytt-langt-losenord",
                                                             "new_password2": "ett-nytt-langt-losenord"})
    assert response.status_code == 302 and response["Location"] == reverse("password:reset_complete")
    officer.refresh_from_db()
    assert officer.check_password("ett-nytt-langt-losenord")
    assert not must_change_password(officer)
    assert AuditEntry.objects.filter(object_repr="Lösenord nytt via e-post för polis").exists()
    # Used once: the link no longer works.
    assert "Länken fungerar inte längre." in client.get(link, follow=True).content.decode()


def test_a_weak_new_password_is_refused_in_swedish(client, officer):
    client.post(reverse("password:reset"), {"email": "polis@example.se"})
    link = re.search(r"/personal/nytt-losenord/[\w-]+/[\w-]+/", mail.outbox[0].body).group(0)
    target = client.get(link, follow=True).redirect_chain[-1][0]
    content = client.post(target, {"new_password1": "12345", "new_password2": "12345"}).content.decode()
    assert "Något behöver rättas" in content
    officer.refresh_from_db()
    assert not officer.check_password("12345")
