"""A small world for the API tests: one municipality with published and unpublished material,
each unpublished or private string carrying MARKER, so a test can check none of it is served."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from lofte.dialogue.models import CitizenInput, Meeting
from lofte.promises.models import Assessment, PromiseSet
from lofte.walks.models import Finding
from tests import factories

MARKER = "hemligt-zq9"


def build_world() -> dict:
    kommun = factories.municipality()
    areas = factories.areas(kommun, ["Mariefred", "Stallarholmen"])
    police = factories.organisation(kommun)
    published = factories.promise_set(kommun, 2022, 2023, intro="Vi lovar.")
    theme = factories.theme(published)
    walks = factories.commitment(
        published, 1, "Minst fyra trygghetsvandringar.", theme_=theme, parties=[police],
        targets=[{"count": 4, "unit": "trygghetsvandringar", "activity_type": "safety_walk"}],
    )
    visits = factories.commitment(
        published, 2, "Hembesök enligt Linköpingsmodellen.", parties=[police],
        targets=[{"count": 10, "unit": "hembesök", "activity_type": "home_visit"}],
    )
    qualitative = factories.commitment(published, 3, "Polisen lovar att synas.", parties=[police])
    Assessment.objects.create(commitment=qualitative, text="Det blev bra.", verdict="achieved",
                              assessed_on=date(2024, 1, 15), organisation=police, author_name="Anna Polis")
    draft = factories.promise_set(kommun, 2026, 2027, status=PromiseSet.Status.DRAFT, title=f"Utkast {MARKER}")
    draft_commitment = factories.commitment(draft, 1, f"Utkastlöfte {MARKER}", parties=[police])
    walk = factories.activity(walks, on=date(2022, 3, 1), area=areas[0], note="Kvällsvandring vid torget.",
                              details={"route": "Torget – stationen", "participants": 12})
    factories.activity(walks, on=date(2022, 5, 1), note="Vandring i Stallarholmen.")
    factories.activity(draft_commitment, on=date(2026, 3, 1), note=f"Utkastinsats {MARKER}")
    binned = factories.activity(walks, on=date(2022, 6, 1), note=f"Borttagen {MARKER}")
    binned.deleted_at = timezone.now()
    binned.save()
    factories.activity(visits, type="home_visit", on=date(2022, 4, 1), count=3,
                       details={"staff_note": f"Intern {MARKER}"})
    factories.activity(visits, type="school_drug_search", on=date(2022, 4, 12),
                       details={"outside_school_hours": True, "informed_beforehand": True, "find": False,
                                "school": f"Skolan {MARKER}"})
    finding = Finding.objects.create(walk=walk, municipality=kommun, address="Torget", category="lighting",
                                     description="Trasig lampa.", owner="Gatuenheten",
                                     owner_email=f"{MARKER}@example.se")
    binned_finding = Finding.objects.create(walk=binned, municipality=kommun, address="Parken", category="litter",
                                            description=f"Skräp {MARKER}")
    published_input = CitizenInput.objects.create(
        municipality=kommun, message=f"Rå text {MARKER}", public_message="Mörkt vid torget.",
        email=f"medborgare-{MARKER}@example.se", status=CitizenInput.Status.PUBLISHED, answer="Vi lagar lampan.",
        answered_by=police, answerer_name="Anna Polis", answered_at=timezone.now(), moderated_at=timezone.now(),
    )
    CitizenInput.objects.create(municipality=kommun, message=f"Väntar {MARKER}")
    CitizenInput.objects.create(municipality=kommun, message=f"Avvisad {MARKER}", status=CitizenInput.Status.REJECTED)
    start = timezone.now() + timedelta(days=7)
    meeting = Meeting.objects.create(municipality=kommun, title="Dialogmöte i Mariefred", place="Biblioteket",
                                     starts_at=start, ends_at=start + timedelta(hours=2), area=areas[0])
    Meeting.objects.create(municipality=kommun, title=f"Internt möte {MARKER}", place="Stationen", public=False,
                           starts_at=start, ends_at=start + timedelta(hours=1))
    return {
        "kommun": kommun, "areas": areas, "police": police, "published": published, "draft": draft,
        "theme": theme, "walks": walks, "visits": visits, "qualitative": qualitative, "walk": walk,
        "finding": finding, "binned_finding": binned_finding, "input": published_input, "meeting": meeting,
    }


def items(client, path, **params):
    """Every item of a list, following `next` to the last page."""
    response = client.get(path, params)
    assert response.status_code == 200, response.content
    found = list(response.json()["items"])
    while response.json()["next"]:
        response = client.get(response.json()["next"])
        assert response.status_code == 200, response.content
        found += response.json()["items"]
    return found
