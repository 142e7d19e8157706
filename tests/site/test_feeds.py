"""Atom feeds: /flode.atom (the country) and /<kommun>/flode.atom: published sets, recorded public
work and answered input, each entry with a stable absolute id, a title, an RFC 3339 updated date and
a link; the feed links itself (rel=self), and pages link the feeds in their head."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from xml.etree import ElementTree

import pytest
from django.utils import timezone

from lofte.dialogue.models import CitizenInput
from lofte.opendata import feeds
from lofte.promises.models import PromiseSet
from tests import factories
from tests.site.helpers import NS, parse, strangnas_set

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def feed_world():
    kommun, ps, commitments, areas = strangnas_set(2022, 2022)
    ps.published_at = timezone.make_aware(datetime(2022, 1, 10, 9, 0))
    ps.save()
    town = factories.organisation(kommun, "municipality")
    walk = factories.activity(commitments[0], on=date(2022, 3, 1), area=areas[1], note="Vandring i Mariefred.")
    factories.activity(commitments[0], type="home_visit", on=date(2022, 3, 2), count=9)
    CitizenInput.objects.create(municipality=kommun, message="x", public_message="Mörkt vid stationen.",
                                status=CitizenInput.Status.PUBLISHED, answer="Lamporna är bytta.", answered_by=town,
                                answered_at=timezone.now() - timedelta(days=1))
    CitizenInput.objects.create(municipality=kommun, message="Obesvarad", public_message="Obesvarad publicerad.",
                                status=CitizenInput.Status.PUBLISHED)
    draft = factories.promise_set(kommun, 2031, status=PromiseSet.Status.DRAFT, title="Hemligt utkast")
    factories.commitment(draft, text="Utkastlöfte.")
    other = factories.municipality("0180", "Stockholm", county="Stockholms län", county_code="01")
    factories.promise_set(other, 2022, title="Stockholms medborgarlöfte")
    return kommun, ps, walk


def entries_of(response):
    root = ElementTree.fromstring(response.content)
    return root, root.findall(f"{ATOM}entry")


def test_a_municipality_feed_has_sets_public_work_and_answered_input_with_atoms_required_elements(client):
    kommun, ps, walk = feed_world()
    response = client.get("/strangnas/flode.atom")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root, entries = entries_of(response)
    assert root.find(f"{ATOM}id").text and RFC3339.match(root.find(f"{ATOM}updated").text)
    self_link = root.find(f"{ATOM}link[@rel='self']")
    assert self_link is not None and self_link.get("href").endswith("/strangnas/flode.atom")
    assert self_link.get("href").startswith("http")
    titles = [e.find(f"{ATOM}title").text for e in entries]
    assert any("Medborgarlöfte 2022" in t for t in titles)
    assert any(t.startswith("Trygghetsvandring 2022-03-01 i Mariefred") for t in titles)
    assert any("Svar på en synpunkt" in t for t in titles)
    assert len(entries) == 3  # not the draft, the unanswered input, the sensitive visit or Stockholm
    for entry in entries:
        assert entry.find(f"{ATOM}id").text.startswith("tag:")
        assert RFC3339.match(entry.find(f"{ATOM}updated").text)
        assert entry.find(f"{ATOM}link").get("href").startswith("http")
    body = response.content.decode()
    assert "Hemligt utkast" not in body and "Hembesök" not in body and "Stockholm" not in body


def test_entry_ids_are_stable_when_a_title_changes(client):
    kommun, ps, walk = feed_world()
    before = {e.find(f"{ATOM}id").text for e in entries_of(client.get("/strangnas/flode.atom"))[1]}
    ps.title = "Nytt namn på medborgarlöftet"
    ps.save()
    after = entries_of(client.get("/strangnas/flode.atom"))[1]
    assert {e.find(f"{ATOM}id").text for e in after} == before
    assert any("Nytt namn" in e.find(f"{ATOM}title").text for e in after)
    assert feeds.tag("insats", walk.pk) in before


def test_the_national_feed_has_every_municipality_and_links_itself(client):
    feed_world()
    root, entries = entries_of(client.get("/flode.atom"))
    assert root.find(f"{ATOM}link[@rel='self']").get("href").endswith("/flode.atom")
    titles = " ".join(e.find(f"{ATOM}title").text for e in entries)
    assert "Stockholms medborgarlöfte" in titles and "Strängnäs" in titles


def test_the_feed_answers_conditional_requests_and_unknown_municipalities_are_404(client):
    feed_world()
    first = client.get("/strangnas/flode.atom")
    assert client.get("/strangnas/flode.atom", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get("/finns-inte/flode.atom").status_code == 404


def test_pages_link_the_national_and_the_municipality_feed_in_their_head(client):
    feed_world()
    doc = parse(client.get("/strangnas/fynd/").content)
    alternates = {link.get("href") for link in doc.iter(f"{NS}link")
                  if link.get("rel") == "alternate" and link.get("type") == "application/atom+xml"}
    assert alternates == {"/flode.atom", "/strangnas/flode.atom"}
    doc = parse(client.get("/").content)
    assert {link.get("href") for link in doc.iter(f"{NS}link") if link.get("type") == "application/atom+xml"} == {
        "/flode.atom"}
