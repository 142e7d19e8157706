"""Trust in the public figures: periods as dates, area-scoped sets, history as it was known, verdicts.

Pages are assembled with an explicit `today` (lofte.site.pages), so these tests move the clock: a
passed follow-up point must read the same however much is recorded, corrected or removed later.
"""

from datetime import date

import pytest
from django.utils import timezone

from lofte.activities import recording
from lofte.core.models import Membership
from lofte.promises import workflow
from lofte.promises.models import PromiseSet, PromiseSetAlias
from lofte.promises.status import Status
from lofte.site import pages
from tests import factories
from tests.site.helpers import NS, assert_accessible_page, query_count, strangnas_set, table_by_caption, text_of

pytestmark = pytest.mark.django_db


def history_of(promise_set, today, number=1):
    page = pages.set_page(promise_set, today)
    view = next(v for v in page.commitments if v.number == number)
    return [(f.as_of, f.evaluation.status, f.evaluation.targets[0].done if f.evaluation.targets else None)
            for f in view.history], view


# --- history as it was known


def test_a_late_registration_never_changes_a_passed_follow_up_point():
    """Reproduces: recording a walk today dated 2021-12-10 turned the 31 December 2021 cell from
    "Ej uppfyllt 3 av 4" into "Uppfyllt 4 av 4"."""
    kommun, ps, (walks, _), areas = strangnas_set(2021, 2021)
    for day in (date(2021, 3, 1), date(2021, 6, 1), date(2021, 10, 1)):
        factories.activity(walks, on=day, recorded=day)
    before, _ = history_of(ps, date(2022, 6, 1))
    factories.activity(walks, on=date(2021, 12, 10), recorded=date(2022, 6, 1))
    after, view = history_of(ps, date(2022, 6, 1))
    assert after == before
    assert after[-1] == (date(2021, 12, 31), Status.PARTLY, 3)
    assert (view.status, view.evaluation.targets[0].done, view.late) == (Status.ACHIEVED, 4, 1)
    # Years later nothing has moved.
    assert history_of(ps, date(2026, 12, 1))[0] == before


def test_work_recorded_within_the_grace_period_counts_for_the_point():
    kommun, ps, (walks, _), areas = strangnas_set(2021, 2021)
    factories.activity(walks, on=date(2021, 4, 28), recorded=date(2021, 5, 14))
    factories.activity(walks, on=date(2021, 4, 29), recorded=date(2021, 5, 15))
    history, view = history_of(ps, date(2021, 9, 1))
    assert history[0] == (date(2021, 4, 30), Status.ON_TRACK, 1)
    assert view.late == 1


def test_a_point_within_its_grace_period_is_provisional():
    kommun, ps, (walks, _), areas = strangnas_set(2021, 2021)
    page = pages.set_page(ps, date(2021, 5, 5))
    follow_up = page.commitments[0].history[0]
    assert follow_up.provisional and follow_up.cutoff == date(2021, 5, 14)
    assert not pages.set_page(ps, date(2021, 5, 15)).commitments[0].history[0].provisional


def test_corrections_and_removals_after_the_cutoff_do_not_change_a_point():
    kommun, ps, (walks, _), areas = strangnas_set(2021, 2021)
    police = walks.parties.first()
    editor = factories.user("redaktor", police, role=Membership.Role.EDITOR)
    first = factories.activity(walks, on=date(2021, 3, 1), recorded=date(2021, 3, 2))
    second = factories.activity(walks, on=date(2021, 4, 1), recorded=date(2021, 4, 2))
    before, _ = history_of(ps, date(2021, 9, 1))
    assert before[0][2] == 2
    recording.update_activity(first, user=editor, commitment=walks, on=date(2021, 9, 1), area=None, count=1,
                              public_note="", details={})
    recording.move_to_bin(second, user=editor)
    after, view = history_of(ps, date(2021, 9, 2))
    assert after[0] == before[0]
    assert view.evaluation.targets[0].done == 1


def test_the_commitment_page_marks_late_records_and_counts_them(client):
    kommun, ps, (walks, _), areas = strangnas_set(2021, 2021)
    factories.activity(walks, on=date(2021, 3, 1), recorded=date(2021, 3, 2), note="I tid.")
    factories.activity(walks, on=date(2021, 12, 10), recorded=date(2022, 3, 1), note="Sent.")
    response = client.get("/strangnas/2021/1/")
    doc = assert_accessible_page(response)
    rows = [[text_of(td) for td in tr] for tr in table_by_caption(doc, "Insatser för löftet").find(f"{NS}tbody")]
    assert rows[0][0] == "2021-12-10 registrerad i efterhand 2022-03-01"
    assert rows[1][0] == "2021-03-01"
    assert "1 insats registrerades i efterhand" in response.content.decode()


# --- periods as dates


def july_to_june(kommun, **kwargs):
    return factories.promise_set(kommun, start=date(2022, 7, 1), end=date(2024, 6, 30), **kwargs)


def test_a_set_from_july_to_june_has_the_years_address_and_its_dates_on_the_page(client):
    kommun = factories.municipality()
    ps = july_to_june(kommun, title="Medborgarlöfte 2022–2024")
    factories.commitment(ps, 1, "Polisen lovar att genomföra minst två trygghetsvandringar per år.",
                         targets=[{"count": 2, "unit": "trygghetsvandringar", "activity_type": "safety_walk",
                                   "per": "year"}])
    assert ps.get_absolute_url() == "/strangnas/2022-2024/"
    response = client.get(ps.get_absolute_url())
    assert_accessible_page(response)
    content = response.content.decode()
    assert "1 juli 2022–30 juni 2024" in content
    doc = assert_accessible_page(response)
    headers = [text_of(th) for th in table_by_caption(doc, "Status vid varje uppföljning").find(f"{NS}thead").iter(f"{NS}th")]
    assert headers[1] == "31 aug 2022" and headers[-1] == "30 jun 2024"
    assert "0 av 4 (2 per år i 2 år)" in content


def test_a_per_year_target_over_a_part_year_says_how_it_counts(client):
    kommun = factories.municipality()
    ps = factories.promise_set(kommun, start=date(2022, 1, 1), end=date(2023, 6, 30))
    factories.commitment(ps, 1, "Polisen lovar minst två vandringar per år.",
                         targets=[{"count": 2, "unit": "trygghetsvandringar", "activity_type": "safety_walk",
                                   "per": "year"}])
    content = client.get(ps.get_absolute_url()).content.decode()
    assert "0 av 3 (2 per år i 1 år och 1 för de sista 6 månaderna, avrundat uppåt)" in content


def test_two_sets_with_the_same_years_get_distinct_addresses():
    kommun = factories.municipality()
    calendar = factories.promise_set(kommun, 2022, 2024)
    summer = july_to_june(kommun)
    assert (calendar.slug, summer.slug) == ("2022-2024", "2022-2024-jul")


def test_an_ended_set_reads_slutresultat_and_a_qualitative_commitment_lacks_a_verdict_until_assessed(client):
    kommun, ps, (walks, _), areas = strangnas_set(2021, 2021)
    qualitative = factories.commitment(ps, 3, "Polisen lovar synlighet i centrum.", parties=[walks.parties.first()])
    content = client.get("/strangnas/2021/").content.decode()
    assert ">Slutresultat</h2>" in content and "Läget i dag" not in content
    assert ">Slutbedömning saknas<" in content and ">Pågående<" not in content.split("historik")[0]
    police = walks.parties.first()
    editor = factories.user("polisredaktor", police, role=Membership.Role.EDITOR)
    workflow.add_assessment(qualitative, editor, text="Polisen var synlig varje helg.", organisation=police,
                            verdict="achieved", evidence="https://www.example.se/rapport")
    page = client.get("/strangnas/2021/3/").content.decode()
    assert "Slutbedömning" in page and "https://www.example.se/rapport" in page
    assert "Slutresultat:" in page and ">Uppfyllt<" in page


def test_a_running_set_still_reads_laget_i_dag(client):
    kommun = factories.municipality()
    year = timezone.localdate().year
    ps = factories.promise_set(kommun, year)
    factories.commitment(ps, 1, "Polisen lovar dialog.")
    content = client.get(ps.get_absolute_url()).content.decode()
    assert "Läget i dag" in content and ">Pågående<" in content


# --- area-scoped sets


@pytest.fixture
def districts():
    kommun = factories.municipality(code="0180", name="Stockholm", county="Stockholms län", county_code="01")
    north, south = factories.areas(kommun, ["Norrmalm", "Södermalm"])
    police = factories.organisation(kommun, "police")
    sets = {}
    for area in (north, south):
        ps = factories.promise_set(kommun, 2024, 2025, area=area, title=f"Medborgarlöfte {area.name} 2024–2025")
        factories.commitment(ps, 1, f"Polisen lovar närvaro på {area.name}.", parties=[police])
        sets[area.slug] = ps
    whole = factories.promise_set(kommun, 2024, 2025, title="Medborgarlöfte Stockholm 2024–2025")
    factories.commitment(whole, 1, "Polisen lovar dialog i hela staden.", parties=[police])
    return kommun, sets, whole


def test_area_scoped_sets_share_a_period_each_at_its_own_address(client, districts):
    kommun, sets, whole = districts
    response = client.get("/stockholm/sodermalm/2024-2025/")
    assert response.status_code == 200
    assert_accessible_page(response)
    content = response.content.decode()
    assert "Medborgarlöfte Södermalm 2024–2025" in content and "Södermalm, Stockholm" in content
    assert client.get("/stockholm/sodermalm/2024-2025/1/").status_code == 200
    assert "Polisen lovar närvaro på Södermalm." in client.get("/stockholm/sodermalm/2024-2025/1/").content.decode()
    assert "hela staden" in client.get("/stockholm/2024-2025/").content.decode()
    assert client.get("/stockholm/kungsholmen/2024-2025/").status_code == 404


def test_the_municipality_page_groups_sets_by_area(client, districts):
    response = client.get("/stockholm/")
    assert_accessible_page(response)
    content = response.content.decode()
    positions = [content.index(f">{name}</h2>") for name in ("Hela Stockholm", "Norrmalm", "Södermalm")]
    assert positions == sorted(positions)


def test_the_municipality_page_query_count_does_not_grow_with_area_sets(client, districts):
    kommun, sets, whole = districts
    before = query_count(client, "/stockholm/")
    extra = factories.areas(kommun, ["Kungsholmen"])[0]
    ps = factories.promise_set(kommun, 2026, area=extra)
    factories.commitment(ps, 1, "Polisen lovar.")
    assert query_count(client, "/stockholm/") == before


def test_the_municipality_wide_address_of_the_only_set_now_scoped_to_an_area_redirects(client):
    kommun, ps, commitments, areas = strangnas_set(2022, 2022)
    editor = factories.user("redaktor", commitments[0].parties.first(), role=Membership.Role.EDITOR)
    workflow.update_promise_set(ps, editor, reason="Gäller Mariefred.", area=areas[1])
    response = client.get("/strangnas/2022/1/")
    assert (response.status_code, response["Location"]) == (301, "/strangnas/mariefred/2022/1/")
    assert client.get("/strangnas/mariefred/2022/1/").status_code == 200


def test_an_earlier_address_redirects_to_the_sets_new_one(client):
    kommun, ps, commitments, areas = strangnas_set(2022, 2022)
    editor = factories.user("redaktor", commitments[0].parties.first(), role=Membership.Role.EDITOR)
    workflow.update_promise_set(ps, editor, reason="Perioden var två år.", end=date(2023, 12, 31))
    ps.refresh_from_db()
    assert ps.slug == "2022-2023"
    assert PromiseSetAlias.objects.get().slug == "2022"
    response = client.get("/strangnas/2022/")
    assert (response.status_code, response["Location"]) == (301, "/strangnas/2022-2023/")


def test_a_drafts_alias_never_leads_anywhere(client):
    kommun, ps, commitments, areas = strangnas_set(2022, 2022, status=PromiseSet.Status.DRAFT)
    PromiseSetAlias.objects.create(municipality=kommun, slug="2021", promise_set=ps)
    assert client.get("/strangnas/2021/").status_code == 404


# --- who promises


def test_a_set_promised_by_the_police_alone_says_so_with_its_partner(client):
    kommun = factories.municipality()
    police = factories.organisation(kommun, "police")
    partner = factories.organisation(kommun, "other", name="Stadsdelsförvaltningen Söder")
    ps = factories.promise_set(kommun, 2024)
    ps.partners.set([partner])
    factories.commitment(ps, 1, "Polisen lovar närvaro.", parties=[police])
    content = client.get(ps.get_absolute_url()).content.decode()
    assert "Medborgarlöftet ges av LPO Strängnäs ensam." in content
    assert "I samverkan med: Stadsdelsförvaltningen Söder." in content


def test_the_parties_that_promise_are_listed_police_first_as_the_approvals_order_them(client):
    kommun = factories.municipality()
    police = factories.organisation(kommun, "police")
    municipality = factories.organisation(kommun, "municipality")
    rescue = factories.organisation(kommun, "other", name="Räddningstjänsten Storstockholm")
    ps = factories.promise_set(kommun, 2024)
    factories.commitment(ps, 1, "Kommunen och räddningstjänsten lovar.", parties=[rescue, municipality])
    factories.commitment(ps, 2, "Polisen lovar närvaro.", parties=[police])
    archived = factories.commitment(ps, 3, "Ett löfte som togs bort.", parties=[police])
    archived.archived = True
    archived.save()
    content = client.get(ps.get_absolute_url()).content.decode()
    names = ", ".join(p.name for p in workflow.parties_of(ps))
    assert names == "LPO Strängnäs, Strängnäs kommun, Räddningstjänsten Storstockholm"
    assert f"Parter som lovar:</span> {names}." in content


# --- commitments have names


def test_headings_links_and_the_title_name_the_commitment(client):
    kommun = factories.municipality()
    ps = factories.promise_set(kommun, 2021)
    c = factories.commitment(ps, 5, "Strängnäs kommun kommer i samverkan med polisen att genomföra minst fyra "
                                    "trygghetsvandringar i kommunen.")
    c.short_title = "Minst fyra trygghetsvandringar i kommunen"
    c.save()
    page = client.get("/strangnas/2021/5/").content.decode()
    assert "<title>Minst fyra trygghetsvandringar i kommunen – Strängnäs 2021 – Löfte</title>" in page
    assert "Löfte 5</span> Minst fyra trygghetsvandringar i kommunen</h1>" in page
    assert "Minst fyra trygghetsvandringar i kommunen</a>" in client.get("/strangnas/2021/").content.decode()


def test_a_username_never_appears_on_a_public_page(client):
    kommun, ps, commitments, areas = strangnas_set(2021, 2021)
    police = commitments[0].parties.get(kind="police")
    editor = factories.user("hemligtanvandarnamn", police, role=Membership.Role.EDITOR, full_name="Eva Ek")
    workflow.add_assessment(commitments[0], editor, text="Bra.", organisation=police,
                            assessed_on=date(2021, 6, 1))
    for path in ("/strangnas/", "/strangnas/2021/", "/strangnas/2021/1/"):
        content = client.get(path).content.decode()
        assert "hemligtanvandarnamn" not in content
    assert "Bedömning 2021-06-01 av Eva Ek, LPO Strängnäs" in client.get("/strangnas/2021/1/").content.decode()


def test_so_raknar_vi_says_how_late_work_and_verdicts_are_counted(client):
    content = client.get("/sa-raknar-vi/").content.decode()
    for phrase in ("registrerats senast 14 dagar efter", "registrerad i efterhand", "Delvis uppfyllt",
                   "Slutbedömning saknas", "minst 50 %", "tolv månader från periodens början", "avrundat uppåt"):
        assert phrase in content, phrase

