"""Nothing unpublished leaks (issue 13): every kind of material that must stay private carries a
unique marker; every public URL, feed, download, file and API page is requested, and no marker may
appear in any of them.

The public output is found three ways (tests/site/crawl.py): a crawl from `/` and each
municipality page following same-site links, an explicit list of outputs no page links to with
every variant, and every GET route under /api/ the URL resolver knows. New public outputs (the API,
posters, follow-up reports) join by adding their addresses to `explicit_urls` or start pages to
`START_PAGES`; the crawl finds everything linked from the pages by itself.
"""

from __future__ import annotations

import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from lofte.activities.models import Activity
from lofte.core.models import Membership
from lofte.dialogue.models import CitizenInput, Meeting
from lofte.opendata import tables
from lofte.promises.models import Commitment, PromiseSet
from lofte.situation.models import ImportRun, Indicator, Observation, Series
from lofte.walks.models import Finding
from tests import factories
from tests.site import crawl

pytestmark = pytest.mark.django_db

START_PAGES = ["/", "/data/", "/sa-raknar-vi/", "/tillganglighet/", "/statistik/"]


class Markers:
    """Unique strings, one per thing that must never be public."""

    def __init__(self):
        self.all: dict[str, str] = {}

    def __call__(self, what: str) -> str:
        marker = f"leakmarker{len(self.all):02d}x{what.replace(' ', '').lower()[:24]}"
        self.all[marker] = what
        return marker


def private_world(mark: Markers) -> dict:
    """A municipality with public data of every kind, and beside it every kind of private material."""
    today = timezone.localdate()
    kommun = factories.municipality()
    areas = factories.areas(kommun)
    police = factories.organisation(kommun, "police")
    town = factories.organisation(kommun, "municipality")
    first = today.year - 1
    public_set = factories.promise_set(kommun, first, today.year + 1, intro="Vi lovar trygghet.")
    public_set.published_at = timezone.now()
    public_set.save()
    commitment = factories.commitment(
        public_set, number=1, text="Polisen och kommunen lovar trygghetsvandringar.", parties=[police, town],
        targets=[{"count": 4, "unit": "trygghetsvandringar", "activity_type": "safety_walk"}],
    )
    sensitive_commitment = factories.commitment(
        public_set, number=2, text="Polisen lovar skolsök med hund.", parties=[police],
        targets=[{"count": 3, "unit": "skolsök", "activity_type": "school_drug_search"}],
    )
    moderator = factories.user(mark("moderator username"), town, Membership.Role.EDITOR, full_name="")

    # Public material, so that every page, file and feed has something in it.
    walk = factories.activity(commitment, type="safety_walk", on=date(first, 9, 20), area=areas[0],
                              note="En offentlig kommentar om vandringen.")
    Finding.objects.create(walk=walk, municipality=kommun, category="lighting", description="Trasig lampa.",
                           latitude=Decimal("59.377123"), longitude=Decimal("17.031234"),
                           owner="Gatuenheten", owner_email=mark("owner email") + "@example.se", status="new")
    answered = CitizenInput.objects.create(
        municipality=kommun, message="Ursprunglig text " + mark("unredacted original message"),
        public_message="Det är mörkt vid stationen.", status=CitizenInput.Status.PUBLISHED,
        email=mark("answered contact") + "@example.se", answer="Vi har bytt lamporna.", answered_by=town,
        answered_at=timezone.now(), moderated_at=timezone.now(), moderated_by=moderator, area=areas[0],
    )
    Meeting.objects.create(municipality=kommun, title="Öppet dialogmöte", place="Biblioteket",
                           starts_at=timezone.now() + timedelta(days=7), ends_at=timezone.now() + timedelta(days=7, hours=2))
    live_run = ImportRun.objects.create(source="kolada", name="kolada.json", status=ImportRun.Status.LIVE)
    indicator = Indicator.objects.create(key="kolada:N07403", name="Anmälda våldsbrott", unit="per 100 000",
                                         period_kind="year", source="kolada", attribution="Källa: Kolada")
    series = Series.objects.create(indicator=indicator, region=kommun.code, municipality=kommun)
    Observation.objects.create(series=series, period_start=date(first, 1, 1), value=1234.5, run=live_run)

    # Private material, each with its marker.
    draft = factories.promise_set(kommun, today.year + 3, status=PromiseSet.Status.DRAFT,
                                  title=mark("draft set title"), intro=mark("draft set intro"))
    draft_commitment = factories.commitment(draft, number=1, text=mark("draft commitment text"))
    ready = factories.promise_set(kommun, today.year + 5, status=PromiseSet.Status.READY, title=mark("ready set"))
    factories.commitment(ready, number=1, text=mark("ready commitment"))
    archived = factories.commitment(public_set, number=3, text=mark("archived commitment"))
    Commitment.objects.filter(pk=archived.pk).update(archived=True)
    factories.activity(draft_commitment, type="dialogue_meeting", on=date(first, 5, 1), note=mark("draft activity"))

    CitizenInput.objects.create(municipality=kommun, message=mark("pending input"),
                                email=mark("pending contact") + "@example.se")
    CitizenInput.objects.create(municipality=kommun, message=mark("rejected input"),
                                public_message=mark("rejected public text"), status=CitizenInput.Status.REJECTED,
                                rejection_reason=mark("rejection reason"), email=mark("rejected contact") + "@example.se")
    CitizenInput.objects.create(municipality=kommun, message="Osvarad", public_message="Publicerad men obesvarad.",
                                status=CitizenInput.Status.PUBLISHED, email=mark("unanswered contact") + "@example.se")

    for _i in range(2):  # two searches: fewer than five, so not even the total may show
        factories.activity(sensitive_commitment, type="school_drug_search", on=date(first, 10, 1),
                           note=mark("sensitive public note"),
                           details={"school": mark("school searched"), "staff_note": mark("sensitive staff note")})
    factories.activity(sensitive_commitment, type="home_visit", on=date(first, 11, 1), count=7,
                       details={"staff_note": mark("home visit staff note")})

    binned = factories.activity(commitment, type="safety_walk", on=date(first, 10, 5), note=mark("binned activity"))
    Activity.objects.filter(pk=binned.pk).update(deleted_at=timezone.now())
    Finding.objects.create(walk=binned, municipality=kommun, category="graffiti", description=mark("binned finding"),
                           latitude=Decimal("59.3"), longitude=Decimal("17.0"), status="new")
    draft_walk = factories.activity(draft_commitment, type="safety_walk", on=date(first, 6, 1))
    Finding.objects.create(walk=draft_walk, municipality=kommun, category="litter", description=mark("draft finding"),
                           status="new")

    Meeting.objects.create(municipality=kommun, title=mark("private meeting"), place=mark("private place"),
                           public=False, starts_at=timezone.now(), ends_at=timezone.now() + timedelta(hours=1))
    Meeting.objects.create(municipality=kommun, title=mark("draft meeting"), place="Rådhuset",
                           commitment=draft_commitment, starts_at=timezone.now(),
                           ends_at=timezone.now() + timedelta(hours=1))

    # Subscribers (confirmed and not), API keys, EST reports (free text, reporter, exact place) and
    # follow-up reports (a draft; a published one whose later changes must not show).
    from lofte.core.models import ApiToken
    from lofte.est.indicators import rebuild_indicators
    from lofte.est.models import Report
    from lofte.reports import workflow
    from lofte.subscriptions.models import Subscription

    Subscription.objects.create(email=mark("confirmed subscriber") + "@example.se", municipality=kommun,
                                confirmed_at=timezone.now())
    Subscription.objects.create(email=mark("unconfirmed subscriber") + "@example.se", municipality=kommun,
                                promise_set=public_set)
    ApiToken.objects.create(organisation=town, name=mark("api key name"), prefix="lfte_abc",
                            key_hash=mark("api key hash"), expires_at=timezone.now() + timedelta(days=30))
    reporter = factories.user(mark("est reporter"), town, Membership.Role.REPORTER, full_name="Est Rapportörsson")
    for week in range(6):
        Report.objects.create(municipality=kommun, reporter=reporter, category="klotter", area=areas[0],
                              date=today - timedelta(days=7 * week), text=mark(f"est report text {week}"),
                              latitude=Decimal("59.381234"), longitude=Decimal("17.024567"))
    rebuild_indicators(kommun)
    editor = factories.user("uppfoljare", town, Membership.Role.EDITOR)
    workflow.create_report(public_set, editor, today - timedelta(days=1), introduction=mark("draft report intro"),
                           title=mark("draft report title"))

    staging = ImportRun.objects.create(source="kolada", name="ny.json", status=ImportRun.Status.STAGING)
    hidden = Indicator.objects.create(key="kolada:" + mark("staging indicator key"), name=mark("staging indicator"),
                                      unit="st", period_kind="year", source="kolada", attribution="Källa: Kolada")
    hidden_series = Series.objects.create(indicator=hidden, region=kommun.code, municipality=kommun)
    Observation.objects.create(series=hidden_series, period_start=date(first, 1, 1), value=98765.4321, run=staging)

    # A municipality whose only set is a draft.
    other = factories.municipality("0180", "Stockholm", county="Stockholms län", county_code="01")
    factories.commitment(factories.promise_set(other, first, status=PromiseSet.Status.DRAFT,
                                               title=mark("other draft set")), text=mark("other draft commitment"))
    return {"kommun": kommun, "other": other, "answered": answered, "walk": walk, "public_set": public_set,
            "ids": [str(pk) for model in (PromiseSet, Commitment, Activity, Finding, CitizenInput, Meeting, Indicator)
                    for pk in model.objects.values_list("pk", flat=True)]}


def explicit_urls(world) -> list[str]:
    """Public outputs that a page may not link to, in every variant."""
    urls = ["/flode.atom", "/datasets/dcat", "/data/lofte-oppna-data.zip", "/statistik/"]
    public_set = world["public_set"]
    urls += [public_set.share_image_url(), public_set.poster_url("a4"), public_set.poster_url("a3"),
             f"/{world['kommun'].slug}/uppfoljning/"]
    for kommun in (world["kommun"], world["other"]):
        slug = kommun.slug
        urls += [f"/{slug}/", f"/{slug}/flode.atom", f"/{slug}/fynd.geojson", f"/{slug}/fynd/karta.json",
                 f"/{slug}/synpunkter.json", f"/{slug}/kalender.ics", f"/{slug}/lagesbild/", f"/{slug}/lagesbild.pdf"]
        for table in tables.TABLES:
            urls += [f"/{slug}/data/{table.name}.csv", f"/{slug}/data/{table.name}.csv?sep=comma"]
    return urls


def public_output(client, world) -> dict[str, str]:
    call_command("export_open_data", stdout=io.StringIO())
    responses = crawl.crawl(client, START_PAGES + [f"/{world['kommun'].slug}/", f"/{world['other'].slug}/"])
    responses.update(crawl.fetch(client, [u for u in explicit_urls(world) if u not in responses]))
    slugs = [world["kommun"].slug, world["other"].slug]
    api = crawl.api_urls({"int": world["ids"], "slug": slugs, "str": slugs + world["ids"]})
    responses.update(crawl.api_pages(client, api))
    return responses


def test_no_marker_of_unpublished_material_appears_in_any_public_output(client):
    mark = Markers()
    world = private_world(mark)
    responses = public_output(client, world)

    assert not [url for url, r in responses.items() if r.status >= 500], "a public URL failed"
    # The crawl reached the pages and files it should (a broken crawl would find no leak either).
    reached = set(responses)
    for expected in ("/strangnas/", "/strangnas/fynd/", "/strangnas/synpunkter/", "/strangnas/kalender/",
                     "/strangnas/lagesbild/", "/data/lofte-oppna-data.zip", "/strangnas/data/fynd.csv"):
        assert expected in reached
    assert any(url.startswith(world["public_set"].get_absolute_url()) for url in reached)
    found = crawl.texts(responses)
    assert any("!csv/insatser.csv" in where for where in found), "the bulk download was not unpacked"
    assert "Trasig lampa." in found["/strangnas/fynd.geojson"]
    assert "Vi har bytt lamporna." in found["/flode.atom"]

    leaked = crawl.leaks(found, list(mark.all))
    assert not leaked, "\n".join(f"{mark.all[m]} ({m}) in {where}" for m, where in leaked)
    # EST reports' exact place (59.381234, 17.024567) is finer than an area: never public.
    for position in ("59.381", "59,381", "17.024", "17,024"):
        assert not [where for where, text in found.items() if position in text], position
    assert "EST-rapporter per kategori och månad" in found["/strangnas/lagesbild/"]
    assert world["public_set"].poster_url("a3") in reached


def test_the_leak_test_would_see_a_leak(client):
    """The same machinery finds a marker once it is published: the test above can fail."""
    mark = Markers()
    world = private_world(mark)
    PromiseSet.objects.filter(status=PromiseSet.Status.DRAFT, municipality=world["kommun"]).update(
        status=PromiseSet.Status.PUBLISHED, published_at=timezone.now())
    CitizenInput.objects.filter(status=CitizenInput.Status.REJECTED).update(status=CitizenInput.Status.PUBLISHED)
    leaked = {mark.all[m] for m, _where in crawl.leaks(crawl.texts(public_output(client, world)), list(mark.all))}
    assert {"draft set title", "draft commitment text", "rejected public text"} <= leaked
