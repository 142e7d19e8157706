"""A small EST world: Strängnäs with its areas, a bostadsbolag whose member is a rapportör, a
municipal redaktör and a police registrerare."""

from __future__ import annotations

import uuid
from datetime import date

from lofte.core.models import Membership
from lofte.est.models import Category, PlaceKind, TimeBand
from lofte.est.reports import ReportData, file_report
from tests import factories


def world():
    kommun = factories.municipality()
    areas = factories.areas(kommun)
    housing = factories.organisation(kommun, kind="other", name="Strängnäshem")
    council = factories.organisation(kommun, kind="municipality")
    police = factories.organisation(kommun, kind="police")
    reporter = factories.user("vaktmastare", housing, role=Membership.Role.REPORTER)
    reporter.email = "vaktmastare@example.se"
    reporter.save()
    return {
        "kommun": kommun, "areas": areas, "housing": housing, "police": police,
        "reporter": reporter,
        "editor": factories.user("samordnare", council, role=Membership.Role.EDITOR),
        "recorder": factories.user("polis", police, role=Membership.Role.RECORDER),
        "other_kommun": factories.municipality("0484", "Eskilstuna"),
    }


def data(area=None, on=None, category=Category.GRAFFITI, **fields):
    return ReportData(date=on or date.today(), category=category, area=area, time_band=TimeBand.EVENING,
                      place_kind=PlaceKind.AREA, **fields)


def report(w, area_index=0, reporter=None, **fields):
    created, _ = file_report(reporter or w["reporter"], w["kommun"], data(w["areas"][area_index], **fields),
                             uuid.uuid4())
    return created
