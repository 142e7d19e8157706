"""The staff menu offers only what the user's role opens, and a refused page is Swedish, in the
workspace's look, and says why (regression: a registrerare was offered "Synpunkter" and "Importera
löften" and got Django's English "403 Forbidden")."""

import re

import pytest
from django.urls import reverse

from lofte.core.models import Membership
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def police():
    kommun = factories.municipality()
    return factories.organisation(kommun, "police")


def menu_links(content: str) -> list[str]:
    nav = content[content.index('<nav aria-label="Personalmeny">'):content.index("</nav>")]
    return re.findall(r'<a href="([^"]+)">', nav)


@pytest.mark.parametrize("role, offered, hidden", [
    (Membership.Role.READER, ["staff:activities", "staff:findings", "staff:promise_sets"],
     ["staff:record", "staff:meetings", "staff:inputs", "staff:import_start", "staff:audit_log", "staff:users"]),
    (Membership.Role.RECORDER, ["staff:record", "staff:meetings", "staff:findings"],
     ["staff:inputs", "staff:import_start", "staff:audit_log", "staff:users"]),
    (Membership.Role.EDITOR, ["staff:record", "staff:inputs", "staff:import_start", "staff:audit_log"],
     ["staff:users"]),
])
def test_the_menu_offers_what_the_role_may_use(client, police, role, offered, hidden):
    client.force_login(factories.user("person", police, role))
    links = menu_links(client.get(reverse("staff:home")).content.decode())
    for name in offered:
        assert reverse(name) in links, name
    for name in hidden:
        assert reverse(name) not in links, name


@pytest.mark.parametrize("role", [Membership.Role.READER, Membership.Role.RECORDER, Membership.Role.EDITOR])
def test_every_page_the_menu_offers_opens(client, police, role):
    client.force_login(factories.user("person", police, role))
    for link in menu_links(client.get(reverse("staff:home")).content.decode()):
        if link.startswith("/personal/"):
            assert client.get(link).status_code == 200, link


def test_an_administrator_is_offered_the_users(client, police):
    user = factories.user("chef", police, Membership.Role.ADMIN)
    factories.totp_device(user)
    factories.verified_login(client, user)
    assert reverse("staff:users") in menu_links(client.get(reverse("staff:home")).content.decode())


def test_a_refused_page_is_swedish_in_the_workspace_look_and_says_why(client, police):
    client.force_login(factories.user("polis", police, Membership.Role.RECORDER))
    response = client.get(reverse("staff:inputs"))
    assert response.status_code == 403
    content = response.content.decode()
    assert '<html lang="sv">' in content
    assert "Du har inte behörighet till sidan" in content
    assert "Bara redaktörer granskar synpunkter." in content
    assert "staff/staff.css" in content and 'aria-label="Personalmeny"' in content
    assert "Forbidden" not in content


def test_a_refusal_on_an_object_names_the_role_it_needs(client, police):
    from datetime import timedelta

    from django.utils import timezone

    from lofte.dialogue.models import Meeting

    start = timezone.now() + timedelta(days=1)
    meeting = Meeting.objects.create(municipality=police.municipalities.get(), title="Möte", starts_at=start,
                                     ends_at=start + timedelta(hours=1), place="Torget")
    client.force_login(factories.user("lasare", police, Membership.Role.READER))
    response = client.get(reverse("staff:meeting", args=[meeting.pk]))
    assert response.status_code == 403
    assert "Din roll i Strängnäs räcker inte: det här kräver rollen registrerare." in response.content.decode()


def test_every_page_has_a_favicon(client, police):
    for path in ("/", reverse("staff:login")):
        content = client.get(path).content.decode()
        assert '<link rel="icon" href="/static/lofte/favicon.svg"' in content
    response = client.get("/favicon.ico")
    assert response.status_code == 302 and response["Location"] == "/static/lofte/favicon.ico"


def test_both_faces_load_the_one_set_of_design_tokens(client, police):
    client.force_login(factories.user("polis", police))
    staff = client.get(reverse("staff:home")).content.decode()
    public = client.get("/").content.decode()
    for content in (staff, public):
        assert '<link rel="stylesheet" href="/static/lofte/tokens.css">' in content


def test_an_empty_choice_is_said_in_swedish(client, police):
    client.force_login(factories.user("polis", police))
    content = client.get(reverse("staff:meeting_new")).content.decode()
    assert "---------" not in content
    assert ">Ingen vald</option>" in content


def test_the_demo_banner_sits_under_the_header_in_both_faces(client, police):
    ps = factories.promise_set(police.municipalities.get(), 2022)
    factories.activity(factories.commitment(ps, 1, "Löfte.", parties=[police]), is_demo=True)
    client.force_login(factories.user("polis", police))
    for path in (reverse("staff:home"), "/"):
        content = client.get(path).content.decode()
        assert content.index("</header>") < content.index('class="demo-banner"'), path
