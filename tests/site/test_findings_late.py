"""Public findings past their deadline read "försenad"; the status date is explained; a commitment
links to the protocol and findings of its safety walks (regression: overdue findings still read only
"Ny"/"Planerad", a bare date in parentheses, no way from the commitment to its findings)."""

import json
from datetime import date, timedelta

import pytest
from django.utils import timezone

from tests.walks import helpers

pytestmark = pytest.mark.django_db
URL = "/strangnas/fynd/"


def test_an_open_finding_past_its_deadline_reads_forsenad(client):
    w = helpers.world()
    helpers.finding(w["walk"], status="planned", deadline=timezone.localdate() - timedelta(days=1),
                    description="Sent fynd.")
    helpers.finding(w["walk"], status="new", deadline=timezone.localdate() + timedelta(days=10),
                    description="I tid.")
    helpers.finding(w["walk"], status="fixed", deadline=date(2021, 10, 1), description="Åtgärdat sent.")
    content = client.get(URL).content.decode()
    assert content.count('finding-status--late">försenad</span>') == 2  # the list and the table
    late = content[content.index("Sent fynd."):]
    assert "försenad" in late[:late.index("</li>")]
    on_time = content[content.index("I tid."):]
    assert "försenad" not in on_time[:on_time.index("</li>")]


def test_the_status_date_is_explained(client):
    w = helpers.world()
    helpers.finding(w["walk"], status="planned", deadline=timezone.localdate() - timedelta(days=1))
    content = client.get(URL).content.decode()
    assert "(status sedan " in content
    assert "skulle ha åtgärdats senast" in content


def test_the_walk_protocol_and_the_map_say_forsenad_too(client):
    w = helpers.world()
    helpers.finding(w["walk"], status="new", deadline=timezone.localdate() - timedelta(days=5))
    assert "försenad" in client.get(f"/strangnas/fynd/vandring/{w['walk'].pk}/").content.decode()
    features = json.loads(client.get("/strangnas/fynd/karta.json").content)["features"]
    assert features[0]["properties"]["status"] == "Ny – försenad"


def test_a_commitment_links_to_its_walks_protocol_and_findings(client):
    w = helpers.world()
    helpers.finding(w["walk"])
    helpers.finding(w["walk"], category="vegetation")
    content = client.get(w["commitment"].get_absolute_url()).content.decode()
    assert f'href="/strangnas/fynd/vandring/{w["walk"].pk}/">Protokoll och 2 fynd</a>' in content
