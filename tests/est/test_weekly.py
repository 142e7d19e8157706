"""The week view: counts per category and area, new or rising against the four weeks before,
coverage, redacted text, and actions that become activities."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from lofte.activities.models import Activity
from lofte.est import weekly
from lofte.est.models import Action, Report
from tests import factories
from tests.est import helpers

pytestmark = pytest.mark.django_db
MONDAY = date(2026, 11, 23)


def backdated(w, on, area_index=0, **fields):
    report = helpers.report(w, area_index=area_index, **fields)
    Report.objects.filter(pk=report.pk).update(date=on, week=on - timedelta(days=on.weekday()))
    return report


def test_counts_per_category_and_area_and_what_is_new_or_rising():
    w = helpers.world()
    # Litter in Strängnäs every week before (mean 1), three this week: rising. Graffiti: new.
    for weeks_back in range(1, 5):
        backdated(w, MONDAY - timedelta(weeks=weeks_back), category="nedskrapning")
    for _i in range(3):
        backdated(w, MONDAY + timedelta(days=1), category="nedskrapning")
    backdated(w, MONDAY + timedelta(days=2), area_index=1, category="klotter")
    picture = weekly.week_picture(w["kommun"], MONDAY + timedelta(days=3), w["editor"])
    assert picture.week == MONDAY and picture.total == 4
    litter = next(r for r in picture.rows if r.category == "nedskrapning")
    assert litter.cells[picture.columns.index("Strängnäs")] == 3
    kinds = {(f.category, f.place, f.kind) for f in picture.flags}
    assert ("klotter", "hela kommunen", "new") in kinds
    assert ("nedskrapning", "hela kommunen", "rising") in kinds
    assert "<svg" in picture.heatmap and "style=" not in picture.heatmap


def test_a_steady_week_flags_nothing():
    w = helpers.world()
    for weeks_back in range(0, 5):
        backdated(w, MONDAY - timedelta(weeks=weeks_back), category="nedskrapning")
    assert weekly.week_picture(w["kommun"], MONDAY, w["editor"]).flags == []


def test_coverage_names_who_reported_and_who_did_not():
    w = helpers.world()
    factories.user("tyst", w["housing"], role="reporter", full_name="Tyst Tystsson")
    backdated(w, MONDAY)
    picture = weekly.week_picture(w["kommun"], MONDAY, w["editor"])
    assert picture.reported == ["Vaktmastare Testsson"] and picture.silent == ["Tyst Tystsson"]


def test_the_week_page_shows_redacted_text_and_exact_places_to_staff(client):
    w = helpers.world()
    backdated(w, MONDAY, text="Ring 070-123 45 67", latitude=Decimal("59.377000"), longitude=Decimal("17.031000"))
    client.force_login(w["editor"])
    page = client.get(reverse("staff:est_week"), {"vecka": "2026-W48"}).content.decode()
    assert "070-123" not in page and "[telefonnummer borttaget]" in page
    assert "59,377000" in page


def test_another_municipalitys_week_is_not_shown(client):
    w = helpers.world()
    backdated(w, MONDAY, text="Hemligt xq7")
    other_editor = factories.user("annan", factories.organisation(w["other_kommun"], kind="municipality"),
                                  role="editor")
    client.force_login(other_editor)
    page = client.get(reverse("staff:est_week"), {"vecka": "2026-W48", "kommun": w["kommun"].slug})
    assert "xq7" not in page.content.decode()


def test_an_action_with_a_commitment_becomes_an_activity(client):
    w = helpers.world()
    promise_set = factories.promise_set(w["kommun"], 2026)
    commitment = factories.commitment(promise_set)
    client.force_login(w["recorder"])
    response = client.post(reverse("staff:est_action_new"), {
        "kommun": w["kommun"].slug, "vecka": "2026-W48", "text": "Extra kvällspatrull vid stationen",
        "area": w["areas"][4].pk, "commitment": commitment.pk, "category": "grupperingar"})
    assert response.status_code == 302
    action = Action.objects.get()
    assert action.week == MONDAY and action.activity is not None
    activity = Activity.objects.get(pk=action.activity_id)
    assert activity.type == "other" and list(activity.commitments.all()) == [commitment]
    assert "Extra kvällspatrull" in activity.public_note


def test_a_reader_cannot_decide_actions(client):
    w = helpers.world()
    reader = factories.user("lasare", w["police"], role="reader")
    client.force_login(reader)
    response = client.post(reverse("staff:est_action_new"), {"kommun": w["kommun"].slug, "text": "Något"})
    assert response.status_code == 403 and not Action.objects.exists()


def test_an_action_without_a_commitment_is_an_owners_task_followed_up_until_done(client):
    w = helpers.world()
    client.force_login(w["recorder"])
    url = reverse("staff:est_action_new")
    client.post(url, {"kommun": w["kommun"].slug, "vecka": "2026-W48", "text": "Klottersanering"})
    assert not Action.objects.exists()  # neither an owner nor a commitment
    client.post(url, {"kommun": w["kommun"].slug, "vecka": "2026-W48", "text": "Klottersanering",
                      "owner": "Gatuenheten", "deadline": "2026-12-10"})
    task = Action.objects.get()
    assert task.activity is None and task.owner == "Gatuenheten"
    later = weekly.week_picture(w["kommun"], MONDAY + timedelta(weeks=1), w["recorder"])
    assert later.open_tasks == [task]
    response = client.post(reverse("staff:est_action_done", args=[task.pk]), {"vecka": "2026-W49"})
    assert response.status_code == 302
    assert weekly.week_picture(w["kommun"], MONDAY + timedelta(weeks=1), w["recorder"]).open_tasks == []
