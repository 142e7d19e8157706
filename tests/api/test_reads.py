"""The read endpoints: what each one shows, its filters, and that nothing unpublished or private
ever appears (drafts, the bin, unmoderated input, sensitive activities one by one, staff-only fields)."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from django.utils import timezone

from lofte.promises.models import PromiseSet
from tests import factories
from tests.api.helpers import MARKER, build_world, items

pytestmark = pytest.mark.django_db

LISTS = [
    "/api/v1/municipalities", "/api/v1/promise-sets", "/api/v1/themes", "/api/v1/commitments",
    "/api/v1/activities", "/api/v1/activity-totals", "/api/v1/findings", "/api/v1/meetings",
    "/api/v1/citizen-input", "/api/v1/indicators", "/api/v1/observations", "/api/v1/reports",
]


@pytest.fixture
def world():
    return build_world()


@pytest.mark.parametrize("path", LISTS)
def test_no_list_shows_anything_unpublished_or_private(client, world, path):
    body = json.dumps(items(client, path, limit=1), ensure_ascii=False)
    assert MARKER not in body


def test_no_detail_shows_a_draft(client, world):
    assert client.get(f"/api/v1/promise-sets/{world['draft'].pk}").status_code == 404
    draft_commitment = world["draft"].commitments.get()
    assert client.get(f"/api/v1/commitments/{draft_commitment.pk}").status_code == 404


def test_municipalities_have_their_county_and_areas(client, world):
    [found] = items(client, "/api/v1/municipalities")
    assert found["code"] == "0486"
    assert found["county_code"] == "04" and found["county"] == "Södermanlands län"
    assert [a["name"] for a in found["areas"]] == ["Mariefred", "Stallarholmen"]
    assert found["has_promises"] is True
    assert found["url"] == "https://lofte.example.se/strangnas/"
    assert client.get("/api/v1/municipalities/strangnas").json()["code"] == "0486"
    assert client.get("/api/v1/municipalities/0486").json()["slug"] == "strangnas"


def test_municipalities_filter_by_county(client, world):
    factories.municipality("0180", "Stockholm", county="Stockholms län", county_code="01")
    assert [m["code"] for m in items(client, "/api/v1/municipalities", county="01")] == ["0180"]


def test_promise_sets_are_published_only_with_scope_and_dates(client, world):
    [found] = items(client, "/api/v1/promise-sets")
    assert found["id"] == world["published"].pk
    assert (found["start"], found["end"], found["period"]) == ("2022-01-01", "2023-12-31", "2022-2023")
    assert found["area"] is None and found["ended"] is True
    assert found["commitment_count"] == 3
    scoped = factories.promise_set(world["kommun"], 2024, area=world["areas"][0])
    area_set = client.get(f"/api/v1/promise-sets/{scoped.pk}").json()
    assert area_set["area"] == {"id": world["areas"][0].pk, "slug": "mariefred", "name": "Mariefred"}
    assert area_set["url"].endswith("/strangnas/mariefred/2024/")


def test_promise_sets_filter_by_period_and_municipality(client, world):
    assert len(items(client, "/api/v1/promise-sets", period="2023")) == 1
    assert items(client, "/api/v1/promise-sets", period="2019-2020") == []
    assert len(items(client, "/api/v1/promise-sets", municipality="0486")) == 1
    assert client.get("/api/v1/promise-sets", {"period": "förra året"}).status_code == 400


def test_themes_of_published_sets(client, world):
    factories.theme(world["draft"], title=f"Utkasttema {MARKER}")
    assert [t["title"] for t in items(client, "/api/v1/themes")] == ["Trygg trafikmiljö"]


def test_commitments_have_computed_status_progress_and_final_verdicts(client, world):
    found = {c["number"]: c for c in items(client, "/api/v1/commitments")}
    walks = found[1]
    assert walks["short_title"] and walks["text"] == "Minst fyra trygghetsvandringar."
    # Two of four walks in an ended period: half done is "Delvis uppfyllt", the verdict.
    assert walks["status"] == {"key": "partly", "label": "Delvis uppfyllt"}
    assert walks["final"] is True and walks["progress"] == 50
    assert walks["targets"][0]["done"] == 2 and walks["targets"][0]["required"] == 4
    qualitative = found[3]
    assert qualitative["status"]["key"] == "achieved"
    assert qualitative["final_assessment"]["verdict"] == {"key": "achieved", "label": "Uppfyllt"}
    assert qualitative["final_assessment"]["author"] == "Anna Polis"


def test_commitments_as_of_a_date(client, world):
    walks = client.get(f"/api/v1/commitments/{world['walks'].pk}", {"as_of": "2022-03-15"}).json()
    assert walks["as_of"] == "2022-03-15"
    assert walks["final"] is False
    assert walks["targets"][0]["done"] == 1
    assert walks["status"]["key"] in ("on_track", "at_risk")


def test_commitments_filter_by_computed_status(client, world):
    partly = items(client, "/api/v1/commitments", status="partly", limit=1)
    assert [c["number"] for c in partly] == [1]
    assert client.get("/api/v1/commitments", {"status": "klar"}).status_code == 400


def test_a_small_sensitive_figure_is_hidden_in_a_commitment(client, world):
    visits = client.get(f"/api/v1/commitments/{world['visits'].pk}").json()
    [target] = visits["targets"]
    assert target["suppressed"] is True
    assert target["done"] is None and target["percent"] is None
    assert visits["progress"] is None


def test_sensitive_figures_are_given_only_as_of_today_or_a_follow_up_point(client, world):
    factories.activity(world["visits"], type="home_visit", on=date(2022, 4, 1), count=5)
    at_point = client.get(f"/api/v1/commitments/{world['visits'].pk}", {"as_of": "2022-04-30"}).json()
    assert at_point["targets"][0]["done"] == 8
    between = client.get(f"/api/v1/commitments/{world['visits'].pk}", {"as_of": "2022-05-03"}).json()
    assert between["targets"][0]["done"] is None and between["targets"][0]["suppressed"] is True


def test_activities_one_by_one_without_sensitive_types_or_staff_fields(client, world):
    found = items(client, "/api/v1/activities")
    assert {a["type"]["key"] for a in found} == {"safety_walk"}
    first = next(a for a in found if a["id"] == world["walk"].pk)
    assert first["area"] == "Mariefred"
    assert {"label": "Antal deltagare", "text": "12", "link": None} in first["details"]
    assert first["commitments"] == [world["walks"].pk]


def test_activities_refuse_a_sensitive_type_and_point_to_the_totals(client, world):
    response = client.get("/api/v1/activities", {"type": "home_visit"})
    assert response.status_code == 400
    assert "/api/v1/activity-totals" in response.json()["detail"]


def test_activities_filter_by_period_type_and_updated_since(client, world):
    assert [a["date"] for a in items(client, "/api/v1/activities", period="2022-03-01--2022-03-31")] == ["2022-03-01"]
    assert items(client, "/api/v1/activities", type="dialogue_meeting") == []
    later = (timezone.now() + timedelta(hours=1)).isoformat()
    assert items(client, "/api/v1/activities", updated_since=later) == []


def test_sensitive_activities_are_totals_per_set_with_small_counts_hidden(client, world):
    totals = {t["type"]["key"]: t for t in items(client, "/api/v1/activity-totals")}
    assert set(totals) == {"home_visit", "school_drug_search"}
    assert totals["home_visit"]["count"] is None and totals["home_visit"]["count_text"] == "färre än 5"
    factories.activity(world["visits"], type="home_visit", on=date(2022, 5, 1), count=4)
    totals = {t["type"]["key"]: t for t in items(client, "/api/v1/activity-totals")}
    assert totals["home_visit"]["count"] == 7 and totals["home_visit"]["suppressed"] is False


def test_findings_of_public_walks_keep_fixed_apart_from_closed(client, world):
    [found] = items(client, "/api/v1/findings")
    assert found["id"] == world["finding"].pk
    assert found["group"] == "open" and found["status"]["key"] == "new"
    assert "owner_email" not in found
    world["finding"].status = "no_action"
    world["finding"].no_action_reason = "Privat mark."
    world["finding"].save()
    assert items(client, "/api/v1/findings", status="fixed") == []
    [closed] = items(client, "/api/v1/findings", status="closed")
    assert closed["group"] == "closed" and closed["no_action_reason"] == "Privat mark."


def test_meetings_are_public_ones_only(client, world):
    [found] = items(client, "/api/v1/meetings")
    assert found["title"] == "Dialogmöte i Mariefred"
    assert found["ics"].endswith(f"/strangnas/kalender/{world['meeting'].pk}.ics")


def test_citizen_input_is_published_input_with_its_answer(client, world):
    [found] = items(client, "/api/v1/citizen-input")
    assert found["issue"] == "Mörkt vid torget."
    assert found["action"] == "Vi lagar lampan." and found["action_by"] == world["police"].name
    assert "email" not in found and "message" not in found
    assert items(client, "/api/v1/citizen-input", status="unanswered") == []


def test_citizen_input_hides_a_link_to_a_withdrawn_commitment(client, world):
    world["input"].commitment = world["walks"]
    world["input"].save()
    assert items(client, "/api/v1/citizen-input")[0]["commitment"] == world["walks"].pk
    PromiseSet.objects.filter(pk=world["published"].pk).update(status=PromiseSet.Status.DRAFT)
    assert items(client, "/api/v1/citizen-input")[0]["commitment"] is None


def test_indicators_and_live_observations(client, world):
    from lofte.situation.models import ImportRun, Indicator, Observation, Series

    indicator = Indicator.objects.create(key="kolada:N07403", name="Anmälda våldsbrott", unit="per 100 000",
                                         period_kind="year", source="kolada", attribution="Källa: Kolada",
                                         theme="crime")
    series = Series.objects.create(indicator=indicator, region="0486", municipality=world["kommun"])
    live = ImportRun.objects.create(source="kolada", name="a", status=ImportRun.Status.LIVE,
                                    finished_at=timezone.now())
    staging = ImportRun.objects.create(source="kolada", name="b", status=ImportRun.Status.STAGING)
    Observation.objects.create(series=series, period_start=date(2022, 1, 1), value=1200.0, run=live)
    Observation.objects.create(series=series, period_start=date(2023, 1, 1), value=999.0, run=staging)
    [found] = items(client, "/api/v1/indicators")
    assert found["key"] == "kolada:N07403" and found["theme"]["key"] == "crime"
    observations = items(client, "/api/v1/observations", indicator="kolada:N07403", municipality="0486")
    assert [(o["period_start"], o["value"]) for o in observations] == [("2022-01-01", 1200.0)]
    assert len(items(client, "/api/v1/observations", county="04")) == 1
    factories.municipality("0180", "Stockholm", county="Stockholms län", county_code="01")
    assert items(client, "/api/v1/observations", county="01") == []


def test_activity_types_say_which_fields_are_public(client):
    found = {t["key"]: t for t in client.get("/api/v1/activity-types").json()}
    assert found["home_visit"]["sensitive"] is True
    school = {f["name"]: f for f in found["school_drug_search"]["fields"]}
    assert school["school"]["public"] is False


@pytest.mark.parametrize("path", ["/api/v1/commitments", "/api/v1/activities", "/api/v1/findings",
                                  "/api/v1/promise-sets", "/api/v1/citizen-input", "/api/v1/activity-totals"])
def test_a_page_takes_the_same_queries_however_many_rows(client, world, path, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(path)
    more_set = factories.promise_set(world["kommun"], 2018, 2019)
    for number in range(1, 6):
        c = factories.commitment(more_set, number, parties=[world["police"]],
                                 targets=[{"count": 2, "unit": "vandringar", "activity_type": "safety_walk"}])
        walk = factories.activity(c, on=date(2018, 3, number), area=world["areas"][1])
        from lofte.walks.models import Finding

        Finding.objects.create(walk=walk, municipality=world["kommun"], address="Gatan", category="litter",
                               description="Skräp.")
    with django_assert_max_num_queries(len(few)):
        client.get(path)


def test_updated_since_wants_a_time_with_its_offset(client, world):
    for value in ("2026-01-01T12:00:00", "0.5", "2026-01-01"):
        response = client.get("/api/v1/promise-sets", {"updated_since": value})
        assert response.status_code == 400, value
        assert "RFC 3339" in response.json()["detail"]
