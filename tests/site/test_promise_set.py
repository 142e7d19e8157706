from datetime import date

import pytest

from lofte.promises.models import PromiseSet
from lofte.site import pages
from tests import factories
from tests.site.helpers import (
    NS,
    assert_accessible_page,
    assert_public_headers,
    many_municipalities,
    query_count,
    strangnas_set,
    table_by_caption,
    text_of,
)

pytestmark = pytest.mark.django_db


def build_2022():
    """Löfte 1: 12 walks, 1 done by March and 11 in October (at risk, at risk, achieved).
    Löfte 2: 2 walks, none done (not started, at risk, missed)."""
    kommun, ps, (first, second), areas = strangnas_set(2022, 2022)
    first.targets.update(count=12)
    second.targets.update(count=2)
    factories.activity(first, on=date(2022, 3, 1), count=1, area=areas[0])
    factories.activity(first, on=date(2022, 10, 1), count=11, area=areas[1])
    return kommun, ps, first, second, areas


def test_it_shows_title_intro_signatories_themes_and_commitments(client):
    kommun, ps, first, second, areas = build_2022()
    response = client.get("/strangnas/2022/")
    assert response.status_code == 200
    assert_accessible_page(response)
    content = response.content.decode()
    for expected in [
        "Medborgarlöfte 2022", "Vi lovar trygghet.", "Kommundirektör Anna Andersson",
        "Lokalpolisområdeschef Bo Berg", "Ökad trygghet och minskad brottslighet",
        "Polisen och Strängnäs kommun lovar åtagande nummer 1.", "LPO Strängnäs", "Strängnäs kommun",
        "minst 12 trygghetsvandringar", "12 av 12", "0 av 2",
        'href="/strangnas/2022/1/"', 'href="/strangnas/2022/2/"',
    ]:
        assert expected in content, expected


def test_it_shows_progress_as_text_and_as_an_accessible_bar(client):
    build_2022()
    doc = assert_accessible_page(client.get("/strangnas/2022/"))
    bars = list(doc.iter(f"{NS}progress"))
    assert [(b.get("max"), b.get("value")) for b in bars] == [("100", "100"), ("100", "0")]
    labels = {label.get("for"): text_of(label) for label in doc.iter(f"{NS}label")}
    assert [labels[b.get("id")] for b in bars] == ["Genomfört: 100 %", "Genomfört: 0 %"]


def test_it_shows_each_commitments_status_at_every_passed_follow_up_point(client):
    build_2022()
    doc = assert_accessible_page(client.get("/strangnas/2022/"))
    table = table_by_caption(doc, "Status vid varje uppföljning")
    headers = [text_of(th) for th in table.find(f"{NS}thead").iter(f"{NS}th")]
    assert headers == ["Löfte", "30 apr 2022", "31 aug 2022", "31 dec 2022"]
    rows = [[text_of(cell) for cell in tr] for tr in table.find(f"{NS}tbody")]
    assert rows == [
        ["Löfte 1 Åtagande nummer 1", "I riskzonen", "I riskzonen", "Uppfyllt"],
        ["Löfte 2 Åtagande nummer 2", "Ej påbörjat", "I riskzonen", "Ej uppfyllt"],
    ]


def test_it_shows_only_the_follow_up_points_that_have_passed():
    kommun, ps, first, second, areas = build_2022()
    page = pages.set_page(pages.get_published_set(kommun, "2022"), date(2022, 9, 1))
    assert page.points == [date(2022, 4, 30), date(2022, 8, 31)]
    assert [[f.evaluation.status.label for f in v.history] for v in page.commitments] == [
        ["I riskzonen", "I riskzonen"], ["Ej påbörjat", "I riskzonen"],
    ]
    early = pages.set_page(pages.get_published_set(kommun, "2022"), date(2022, 1, 15))
    assert early.points == [] and early.upcoming[0] == date(2022, 4, 30)


def test_it_writes_targets_as_text():
    kommun = factories.municipality()
    factories.areas(kommun)
    ps = factories.promise_set(kommun, 2022, 2023)
    c = factories.commitment(ps, targets=[
        {"count": 4, "unit": "trygghetsvandringar", "activity_type": "safety_walk"},
        {"count": 2, "unit": "föräldraträffar", "per": "year"},
        {"count": None, "unit": "trygghetsvandringar", "covers_areas": True},
    ])
    factories.activity(c, area=kommun.areas.get(slug="mariefred"))
    page = pages.set_page(ps, date(2022, 6, 1))
    targets = [(t.text, t.progress_text) for t in page.commitments[0].targets]
    assert targets == [
        ("minst 4 trygghetsvandringar", "1 av 4"),
        ("minst 2 föräldraträffar per år", "1 av 4 (2 per år i 2 år)"),
        ("trygghetsvandringar i alla kommundelar", "1 av 5 kommundelar"),
    ]


def test_an_imported_coverage_target_names_the_activity_not_the_areas():
    from lofte.promises.models import Target
    from lofte.site.pages import target_text

    target = Target(count=None, unit="kommundelar", activity_type="dialogue_meeting", covers_areas=True)
    assert target_text(target) == "dialogmöten i alla kommundelar"


def test_it_hides_small_counts_of_sensitive_types_in_targets_and_progress(client):
    kommun = factories.municipality()
    ps = factories.promise_set(kommun, 2022)
    c = factories.commitment(ps, targets=[{"count": 10, "unit": "hembesök", "activity_type": "home_visit"}])
    factories.activity(c, type="home_visit", on=date(2022, 5, 17), count=3)
    response = client.get("/strangnas/2022/")
    doc = assert_accessible_page(response)
    content = response.content.decode()
    assert "färre än 5 av 10" in content
    assert "30 %" not in content
    assert list(doc.iter(f"{NS}progress")) == []


def test_it_shows_a_qualitative_commitment_as_ongoing(client):
    kommun = factories.municipality()
    ps = factories.promise_set(kommun, 2022)
    factories.commitment(ps, text="Polisen lovar regelbundna möten med skolorna.")
    content = client.get("/strangnas/2022/").content.decode()
    assert "Pågående" in content and "inget mätbart mål" in content


def test_it_returns_404_for_an_unknown_period(client):
    strangnas_set(2022, 2023)
    for url in ["/strangnas/2019/", "/strangnas/2022/", "/strangnas/2022-2024/", "/okand/2022-2023/"]:
        response = client.get(url)
        assert response.status_code == 404, url
        assert_accessible_page(response)


def test_a_non_canonical_period_redirects_to_the_sets_own_address():
    kommun, *_ = strangnas_set(2021, 2021)
    from django.test import Client

    client = Client()
    assert client.get("/strangnas/2021/").status_code == 200
    response = client.get("/strangnas/2021-2021/")
    assert (response.status_code, response["Location"]) == (301, "/strangnas/2021/")
    assert client.get("/strangnas/2021-2021/1/")["Location"] == "/strangnas/2021/1/"
    assert client.get("/strangnas/2020/").status_code == 404


def test_it_returns_404_for_a_draft_set_and_never_shows_its_text_anywhere(client):
    kommun, ps, commitments, areas = strangnas_set(2022, 2022)
    draft = factories.promise_set(kommun, 2024, status=PromiseSet.Status.DRAFT, title="Hemligt utkast 2024")
    secret = factories.commitment(draft, text="Hemlig utkasttext om kameror.")
    factories.activity(secret, on=date(2024, 2, 1), note="Hemlig anteckning")
    assert client.get("/strangnas/2024/").status_code == 404
    assert client.get("/strangnas/2024/1/").status_code == 404
    for url in ["/", "/strangnas/", "/strangnas/2022/", "/strangnas/2022/1/", "/strangnas/2022/2/"]:
        content = client.get(url).content.decode()
        for secret_text in ["Hemligt utkast 2024", "Hemlig utkasttext", "Hemlig anteckning", "/strangnas/2024/"]:
            assert secret_text not in content, (url, secret_text)


def test_it_leaves_out_archived_commitments(client):
    kommun, ps, commitments, areas = strangnas_set(2022, 2022)
    commitments[1].archived = True
    commitments[1].save()
    content = client.get("/strangnas/2022/").content.decode()
    assert "åtagande nummer 2" not in content
    assert client.get("/strangnas/2022/2/").status_code == 404


def test_it_groups_commitments_without_a_theme(client):
    kommun = factories.municipality()
    ps = factories.promise_set(kommun, 2021)
    factories.commitment(ps, number=1, text="Polisen kommer att genomföra trafikinsatser.")
    response = client.get("/strangnas/2021/")
    assert_accessible_page(response)
    assert "Polisen kommer att genomföra trafikinsatser." in response.content.decode()


def test_its_query_count_does_not_grow_with_commitments_activities_or_municipalities(client):
    kommun, ps, commitments, areas = strangnas_set(2022, 2023, n_commitments=1)
    small = query_count(client, "/strangnas/2022-2023/")
    theme = ps.themes.first()
    second_theme = factories.theme(ps, "Trygg trafikmiljö", position=1)
    for n in range(2, 9):
        c = factories.commitment(ps, number=n, theme_=second_theme if n % 2 else theme,
                                 parties=[factories.organisation(kommun)],
                                 targets=[{"count": 5, "unit": "möten"}, {"count": 2, "unit": "vandringar", "per": "year"}])
        for month in range(1, 10):
            factories.activity(c, on=date(2022, month, 3), area=areas[month % 5])
    many_municipalities(5)
    assert query_count(client, "/strangnas/2022-2023/") == small


def test_it_sends_security_and_cache_headers_and_answers_304(client):
    strangnas_set(2022, 2022)
    response = client.get("/strangnas/2022/")
    assert_public_headers(response)
    assert client.get("/strangnas/2022/", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_its_etag_changes_when_an_activity_is_recorded(client):
    kommun, ps, commitments, areas = strangnas_set(2022, 2022)
    etag = client.get("/strangnas/2022/")["ETag"]
    factories.activity(commitments[0])
    assert client.get("/strangnas/2022/", HTTP_IF_NONE_MATCH=etag).status_code == 200
