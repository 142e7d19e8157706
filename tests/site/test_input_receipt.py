"""After sending, the citizen gets a reference number on the page and, when they left an address,
a confirmation e-mail with it (regression: no reference, no confirmation)."""

import re

import pytest
from django.core import mail

from lofte.core.models import Membership
from lofte.dialogue.models import CitizenInput
from lofte.dialogue.receiving import receipt_token, reference
from tests import factories

pytestmark = pytest.mark.django_db
URL = "/strangnas/synpunkter/"


@pytest.fixture
def kommun():
    kommun = factories.municipality()
    factories.user("redaktor", factories.organisation(kommun, "municipality"), Membership.Role.EDITOR)
    return kommun


def send(client, **fields):
    return client.post(URL, {"message": "Mörkt vid stationen.", **fields}, follow=True)


def test_the_thanks_page_shows_the_reference(client, kommun):
    response = send(client)
    item = CitizenInput.objects.get()
    content = response.content.decode()
    assert re.fullmatch(r"S-\d{4}-\d{5}", reference(item))
    assert f'<strong class="reference">{reference(item)}</strong>' in content
    assert "Du lämnade ingen e-postadress" in content
    assert not mail.outbox


def test_with_an_address_a_confirmation_with_the_reference_is_e_mailed(client, kommun,
                                                                      django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, email="invanare@example.se")
    item = CitizenInput.objects.get()
    assert "Vi har skickat en bekräftelse" in response.content.decode()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["invanare@example.se"]
    assert reference(item) in message.subject and reference(item) in message.body
    assert "allmän handling" in message.body


def test_the_thanks_page_shows_no_reference_for_a_forged_or_foreign_token(client, kommun):
    other = factories.municipality("0180", "Stockholm", county="Stockholms län", county_code="01")
    foreign = CitizenInput.objects.create(municipality=other, message="Stockholm.")
    for token in ("1", "forged:token", receipt_token(foreign)):
        content = client.get(URL + "tack/", {"kvitto": token}).content.decode()
        assert 'class="reference"' not in content


def test_staff_see_the_reference(client, kommun):
    send(client)
    item = CitizenInput.objects.get()
    client.force_login(factories.user("r2", kommun.organisations.get(), Membership.Role.EDITOR))
    assert reference(item) in client.get(f"/personal/synpunkter/{item.pk}/").content.decode()
