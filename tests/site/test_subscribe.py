"""The subscription flow on the public site: form, double opt-in, one-click unsubscribe (RFC 8058)."""

import re

import pytest
from django.core import mail, signing
from django.test import Client
from django.utils import timezone

from lofte.promises.models import PromiseSet
from lofte.subscriptions.models import Subscription
from lofte.subscriptions.subscribing import CONFIRM_HOURS, unsubscribe_token
from tests import factories
from tests.site.helpers import assert_accessible_page

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def kommun():
    return factories.municipality()


@pytest.fixture
def published_set(kommun):
    return factories.promise_set(kommun, 2022, 2023)


def link_in(message, name):
    return re.search(rf"http://\S+/prenumeration/{name}/\S+/", message.body).group(0)


def path_of(url):
    return url.split("://", 1)[1].split("/", 1)[1].join(["/", ""])


def test_the_municipality_and_set_pages_carry_the_form_and_stay_cacheable(client, kommun, published_set):
    for url in (f"/{kommun.slug}/", published_set.get_absolute_url()):
        response = client.get(url)
        assert 'action="/strangnas/prenumerera/"' in response.content.decode()
        assert "public" in response["Cache-Control"]
        assert "csrftoken" not in response.cookies
    assert f'name="medborgarlofte" value="{published_set.pk}"' in client.get(published_set.get_absolute_url()).content.decode()


def test_subscribing_needs_the_confirmation_link(kommun, published_set):
    client = Client(enforce_csrf_checks=True)  # the cached pages' form has no CSRF token
    response = client.post("/strangnas/prenumerera/", {"email": "Anna@Example.se", "medborgarlofte": published_set.pk})
    assert response.status_code == 302 and response["Location"] == "/strangnas/prenumerera/skickat/"
    subscription = Subscription.objects.get()
    assert (subscription.email, subscription.promise_set, subscription.is_confirmed) == ("anna@example.se", published_set, False)
    [message] = mail.outbox
    assert message.to == ["anna@example.se"]
    confirm = link_in(message, "bekrafta")
    # Opening the link (a mail scanner does) confirms nothing; the button does.
    assert client.get(path_of(confirm)).status_code == 200
    assert not Subscription.objects.get().is_confirmed
    response = client.post(path_of(confirm))
    assert response.status_code == 200
    assert Subscription.objects.get().is_confirmed
    assert_accessible_page(response)


def test_every_mail_has_the_unsubscribe_headers(kommun):
    Client().post("/strangnas/prenumerera/", {"email": "anna@example.se"})
    [message] = mail.outbox
    link = link_in(message, "avsluta")
    assert message.extra_headers["List-Unsubscribe"] == f"<{link}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_one_click_unsubscribe_deletes_the_address_without_a_csrf_token(kommun):
    subscription = Subscription.objects.create(email="anna@example.se", municipality=kommun, confirmed_at=timezone.now())
    client = Client(enforce_csrf_checks=True)
    url = f"/prenumeration/avsluta/{unsubscribe_token(subscription)}/"
    response = client.post(url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    assert not Subscription.objects.exists()
    # Twice is fine: the address is gone either way.
    assert client.post(url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded").status_code == 200


def test_unsubscribe_by_get_only_asks(client, kommun):
    subscription = Subscription.objects.create(email="anna@example.se", municipality=kommun)
    response = client.get(f"/prenumeration/avsluta/{unsubscribe_token(subscription)}/")
    assert response.status_code == 200
    assert "Ja, avsluta" in response.content.decode()
    assert Subscription.objects.exists()
    assert "anna@example.se" not in response.content.decode()


@pytest.mark.parametrize("token", ["nonsense", signing.dumps("k", salt="lofte.subscriptions.confirm"), "a" * 500])
def test_a_forged_unsubscribe_token_is_refused(client, kommun, token):
    subscription = Subscription.objects.create(email="anna@example.se", municipality=kommun)
    response = client.post(f"/prenumeration/avsluta/{token}/")
    assert response.status_code == 400
    assert "ofullständig eller ändrad" in response.content.decode()
    assert Subscription.objects.filter(pk=subscription.pk).exists()


def test_an_expired_confirmation_link_is_refused(client, kommun, monkeypatch):
    import time

    from lofte.subscriptions.subscribing import confirmation_token

    subscription = Subscription.objects.create(email="anna@example.se", municipality=kommun)
    real = time.time()
    monkeypatch.setattr("django.core.signing.time.time", lambda: real - (CONFIRM_HOURS + 1) * 3600)
    token = confirmation_token(subscription)
    monkeypatch.setattr("django.core.signing.time.time", lambda: real)
    response = client.post(f"/prenumeration/bekrafta/{token}/")
    assert response.status_code == 400
    assert "har gått ut" in response.content.decode()
    assert not Subscription.objects.get().is_confirmed


def test_the_answer_is_the_same_for_a_subscribed_address(client, kommun):
    Subscription.objects.create(email="anna@example.se", municipality=kommun, confirmed_at=timezone.now())
    response = client.post("/strangnas/prenumerera/", {"email": "ANNA@example.se"})
    assert response.status_code == 302 and response["Location"] == "/strangnas/prenumerera/skickat/"
    assert mail.outbox == []
    assert Subscription.objects.count() == 1


def test_a_second_request_soon_after_sends_no_second_mail(client, kommun):
    client.post("/strangnas/prenumerera/", {"email": "anna@example.se"})
    client.post("/strangnas/prenumerera/", {"email": "anna@example.se"})
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("data, error", [
    ({"email": ""}, "Skriv den e-postadress"),
    ({"email": "inte en adress"}, "Ange en giltig e-postadress"),
    ({"email": "a" * 250 + "@example.se"}, "högst 254 tecken"),
    ({"email": "anna@example.se", "medborgarlofte": "999999"}, "finns inte bland kommunens publicerade"),
    ({"email": "anna@example.se", "medborgarlofte": "x"}, "Medborgarlöftet finns inte."),
])
def test_hostile_posts_get_a_swedish_error_and_store_nothing(client, kommun, data, error):
    response = client.post("/strangnas/prenumerera/", data)
    assert response.status_code == 400
    assert error in response.content.decode()
    assert not Subscription.objects.exists() and mail.outbox == []


def test_a_draft_set_cannot_be_subscribed_to(client, kommun):
    draft = factories.promise_set(kommun, 2024, status=PromiseSet.Status.DRAFT)
    response = client.post("/strangnas/prenumerera/", {"email": "anna@example.se", "medborgarlofte": draft.pk})
    assert response.status_code == 400
    assert not Subscription.objects.exists()


def test_a_set_of_another_municipality_is_refused(client, kommun):
    other = factories.promise_set(factories.municipality(code="0484", name="Eskilstuna"), 2022)
    response = client.post("/strangnas/prenumerera/", {"email": "anna@example.se", "medborgarlofte": other.pk})
    assert response.status_code == 400


def test_a_robot_filling_the_honeypot_is_thanked_and_ignored(client, kommun):
    response = client.post("/strangnas/prenumerera/", {"email": "anna@example.se", "webbplats": "http://spam"})
    assert response.status_code == 302
    assert not Subscription.objects.exists() and mail.outbox == []


def test_posts_are_rate_limited_with_retry_after(client, kommun, settings):
    settings.CITIZEN_INPUT_RATE_LIMIT = 2
    for n in range(2):
        assert client.post("/strangnas/prenumerera/", {"email": f"p{n}@example.se"}).status_code == 302
    response = client.post("/strangnas/prenumerera/", {"email": "p3@example.se"})
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "Försök igen efter klockan" in response.content.decode()
    assert Subscription.objects.count() == 2


def test_the_form_page_and_the_messages_are_accessible(client, kommun, published_set):
    response = client.get(f"/strangnas/prenumerera/?medborgarlofte={published_set.pk}")
    assert response.status_code == 200
    assert_accessible_page(response)
    assert published_set.title in response.content.decode()
    assert_accessible_page(client.get("/strangnas/prenumerera/skickat/"))


def test_other_methods_are_refused(client, kommun):
    assert client.put("/strangnas/prenumerera/").status_code == 405
    assert client.delete("/prenumeration/avsluta/x/").status_code == 405
