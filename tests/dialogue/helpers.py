"""Builders for dialogue tests: a municipality with a published commitment, staff, input, meetings."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from lofte.core.models import Membership
from lofte.dialogue.models import CitizenInput, Meeting
from tests import factories

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def world():
    strangnas = factories.municipality()
    areas = factories.areas(strangnas)
    police = factories.organisation(strangnas, "police")
    town = factories.organisation(strangnas, "municipality")
    ps = factories.promise_set(strangnas, 2026, 2027)
    commitment = factories.commitment(ps, number=1, text="Vi lovar dialogmöten i alla kommundelar.", parties=[police, town])
    draft_set = factories.promise_set(strangnas, 2028, status="draft")
    draft = factories.commitment(draft_set, number=1, text="Ett utkast.")
    other = factories.municipality("0180", "Stockholm", county="Stockholms län", county_code="01")
    other_area = factories.areas(other, ["Kungsholmen"])[0]
    other_police = factories.organisation(other, "police", name="LPO Stockholm")
    other_commitment = factories.commitment(factories.promise_set(other, 2026), number=1, text="Stockholms löfte.")
    return {
        "strangnas": strangnas, "areas": areas, "police": police, "town": town, "commitment": commitment,
        "draft": draft, "other": other, "other_area": other_area, "other_commitment": other_commitment,
        "other_police": other_police,
        "editor": factories.user("redaktor", town, Membership.Role.EDITOR),
        "recorder": factories.user("polis", police, Membership.Role.RECORDER),
        "reader": factories.user("lasare", town, Membership.Role.READER),
        "outsider": factories.user("stockholmare", other_police, Membership.Role.EDITOR),
    }


def citizen_input(municipality, message="Det är mörkt vid busshållplatsen.", **kwargs):
    return CitizenInput.objects.create(municipality=municipality, message=message, **kwargs)


def meeting(municipality, title="Dialogmöte om trygghet", start=None, hours=2, **kwargs):
    start = start or datetime(2026, 12, 10, 18, 0, tzinfo=STOCKHOLM)
    return Meeting.objects.create(
        municipality=municipality, title=title, starts_at=start, ends_at=start + timedelta(hours=hours),
        place=kwargs.pop("place", "Biblioteket"), **kwargs,
    )


def in_parallel(count: int, work) -> list:
    """`work(i)` for i in range(count) in as many threads, started together; results in order.

    Each thread closes its own database connection, as a worker process would.
    """
    import threading

    from django.db import connection

    barrier = threading.Barrier(count)
    results: list = [None] * count
    errors: list = []

    def run(i):
        try:
            barrier.wait()
            results[i] = work(i)
        except Exception as exc:  # noqa: BLE001 - reported to the test below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    return results
